#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which `Host` and `Origin` values the preview answers.
///
/// A server on 127.0.0.1 is still reachable from any web page through DNS rebinding (an attacker's
/// domain that resolves to 127.0.0.1); the browser then sends that domain as `Host`. Answering
/// only loopback names defeats this. Pure, so it is unit-tested without a server.
struct HostPolicy: Sendable, Equatable {
    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    /// The host named with `--host` when it is neither loopback nor a wildcard, so
    /// `--host 192.168.1.5` is reachable under that name.
    var boundName: String?
    /// Bound to a wildcard (`0.0.0.0`, `::`): any IP literal is accepted too. Rebinding needs a
    /// domain name, so IP-literal hosts are safe to answer.
    var acceptsIPLiterals: Bool

    init(boundHost: String) {
        let name = Self.bracketed(boundHost.lowercased())
        if Self.isWildcard(boundHost) {
            boundName = nil
            acceptsIPLiterals = true
        } else {
            boundName = Self.loopbackNames.contains(name) ? nil : name
            acceptsIPLiterals = false
        }
    }

    /// `true` when the `Host` value (`name[:port]`, any port) names this server.
    func allows(authority: String) -> Bool {
        guard let host = Self.hostName(ofAuthority: authority) else { return false }
        if Self.loopbackNames.contains(host) || host == boundName { return true }
        return acceptsIPLiterals && Self.isIPLiteral(host)
    }

    /// The events channel streams diagnostics, which may quote content; another site open in the
    /// browser must not read them. Same-origin `EventSource` requests carry no `Origin`, so an
    /// absent one is fine; a present one must be exactly this server's origin.
    static func allowsOrigin(_ origin: String?, authority: String?) -> Bool {
        guard let origin else { return true }
        guard let authority else { return false }
        return origin.lowercased() == "http://" + authority.lowercased()
    }

    static func isLoopback(_ host: String) -> Bool {
        loopbackNames.contains(bracketed(host.lowercased()))
    }

    static func isWildcard(_ host: String) -> Bool {
        ["", "0.0.0.0", "::", "[::]"].contains(host)
    }

    /// The lowercased host of `name[:port]` or `[v6][:port]`; `nil` when malformed.
    static func hostName(ofAuthority authority: String) -> String? {
        let value = authority.lowercased()
        var host = Substring(value)
        var port: Substring = ""
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            host = value[...close]
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { return nil }
                port = rest.dropFirst()
                guard !port.isEmpty else { return nil }
            }
        } else if let colon = value.firstIndex(of: ":") {
            host = value[..<colon]
            port = value[value.index(after: colon)...]
            guard !port.isEmpty else { return nil }
        }
        guard !host.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(host)
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    private static func isIPLiteral(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        if host.hasPrefix("["), host.hasSuffix("]") {
            return inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &buffer) == 1
        }
        return inet_pton(AF_INET, host, &buffer) == 1
    }
}
