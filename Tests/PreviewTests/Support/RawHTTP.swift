import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response read off a raw socket.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

enum RawHTTPError: Error { case connect(Int32), write, malformed(String) }

/// HTTP over a plain TCP socket, so request targets reach the server byte for byte (URL types
/// would normalise `..` and `%2e` away before sending, hiding exactly what we want to test).
///
/// Blocking socket calls run on their own threads, never on the concurrency pool, which the
/// server under test needs (the machine may have only two cores).
enum RawHTTP {
    /// `GET` (or another method) with `Connection: close`; `host: nil` sends no Host header.
    static func request(
        port: Int, _ target: String, method: String = "GET", host: String? = "default", headers: [String] = []
    ) async throws -> RawResponse {
        var text = "\(method) \(target) HTTP/1.1\r\n"
        if let host { text += "Host: \(host == "default" ? "127.0.0.1:\(port)" : host)\r\n" }
        for header in headers { text += header + "\r\n" }
        text += "Connection: close\r\n\r\n"
        return try await send(port: port, raw: Array(text.utf8))
    }

    static func send(port: Int, raw: [UInt8]) async throws -> RawResponse {
        try await onThread { try sendBlocking(port: port, raw: raw) }
    }

    /// Runs `work` on a fresh thread and resumes with its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.start()
        }
    }

    /// The receive timeout is generous: on a loaded 2-core machine (the whole suite runs in parallel)
    /// an answer may take seconds; the tests assert that it comes, not how fast.
    static func sendBlocking(port: Int, raw: [UInt8]) throws -> RawResponse {
        // A connection closed before any byte came back (seen only when the whole suite loads both
        // cores) is tried once more on a new connection; an answer must then come, and `emptyRetries`
        // lets a test check that this stays rare.
        do {
            return try exchange(port: port, raw: raw)
        } catch RawHTTPError.malformed("") {
            emptyRetries.increment()
            return try exchange(port: port, raw: raw)
        }
    }

    /// Connections retried after an empty answer, over the whole run.
    static let emptyRetries = Counter()

    final class Counter: @unchecked Sendable {
        private var count = 0
        private let lock = NSLock()
        func increment() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    private static func exchange(port: Int, raw: [UInt8]) throws -> RawResponse {
        let fd = try connect(port: port, receiveTimeout: 60)
        defer { close(fd) }
        try writeAll(fd, raw)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            // A signal (another test's child process ending) interrupts the call: read again.
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw RawHTTPError.malformed("read failed: errno \(errno) after \(received.count) bytes") }
            if count == 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return try parse(received)
    }

    static func connect(port: Int, receiveTimeout seconds: Int = 10) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawHTTPError.connect(errno) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 || errno == EINTR || errno == EINPROGRESS else {
            let code = errno
            close(fd)
            throw RawHTTPError.connect(code)
        }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw RawHTTPError.write }
            offset += written
        }
    }

    /// Splits head and body; honours Content-Length and chunked encoding.
    static func parse(_ data: [UInt8]) throws -> RawResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let split = data.firstRange(of: separator) else {
            throw RawHTTPError.malformed(String(decoding: data, as: UTF8.self))
        }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw RawHTTPError.malformed(head) }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawResponse(status: status, headers: headers, body: Array(data[split.upperBound...]))
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            response.body = dechunk(response.body)
        } else if let length = response.header("content-length").flatMap(Int.init), length < response.body.count {
            response.body = Array(response.body.prefix(length))
        }
        return response
    }

    private static func dechunk(_ body: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var rest = body[...]
        while let lineEnd = rest.firstRange(of: Array("\r\n".utf8)),
              let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0 {
            let start = lineEnd.upperBound
            result.append(contentsOf: rest[start..<min(start + size, rest.endIndex)])
            rest = rest[min(start + size + 2, rest.endIndex)...]
        }
        return result
    }
}

private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(fd, address, length)
    #else
    Darwin.connect(fd, address, length)
    #endif
}
