import Testing
@testable import Preview

@Suite("HostPolicy")
struct HostPolicyTests {
    let loopback = HostPolicy(boundHost: "127.0.0.1")

    @Test("loopback names with any port are answered", arguments: [
        "localhost", "localhost:8000", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:65535", "[::1]", "[::1]:8000",
    ])
    func allowed(authority: String) {
        #expect(loopback.allows(authority: authority))
    }

    @Test("other names are refused", arguments: [
        "evil.com", "evil.com:8000", "localhost.evil.com", "127.0.0.1.nip.io", "127.0.0.2", "[::2]", "0.0.0.0",
        "localhost:", "localhost:80a", "localhost:123456", "[::1", "[::1]x", "", ":8000", "192.168.1.5",
    ])
    func refused(authority: String) {
        #expect(!loopback.allows(authority: authority))
    }

    @Test("an explicit host is answered under its own name too")
    func explicitHost() {
        let policy = HostPolicy(boundHost: "192.168.1.5")
        #expect(policy.allows(authority: "192.168.1.5:8000"))
        #expect(policy.allows(authority: "localhost:8000"))
        #expect(!policy.allows(authority: "evil.com"))
    }

    @Test("a wildcard bind answers IP literals but not domain names (DNS rebinding)")
    func wildcard() {
        let policy = HostPolicy(boundHost: "0.0.0.0")
        #expect(policy.allows(authority: "10.0.0.7:8000"))
        #expect(policy.allows(authority: "[fe80::1]:8000"))
        #expect(!policy.allows(authority: "rebind.evil.com:8000"))
    }

    @Test("Origin must be absent or exactly this server")
    func origin() {
        #expect(HostPolicy.allowsOrigin(nil, authority: "127.0.0.1:8000"))
        #expect(HostPolicy.allowsOrigin("http://127.0.0.1:8000", authority: "127.0.0.1:8000"))
        #expect(HostPolicy.allowsOrigin("http://LOCALHOST:8000", authority: "localhost:8000"))
        #expect(!HostPolicy.allowsOrigin("http://evil.com", authority: "127.0.0.1:8000"))
        #expect(!HostPolicy.allowsOrigin("http://127.0.0.1:9999", authority: "127.0.0.1:8000"))
        #expect(!HostPolicy.allowsOrigin("https://127.0.0.1:8000", authority: "127.0.0.1:8000"))
        #expect(!HostPolicy.allowsOrigin("null", authority: "127.0.0.1:8000"))
        #expect(!HostPolicy.allowsOrigin("http://127.0.0.1:8000", authority: nil))
    }

    @Test("loopback and wildcard detection for the bind warning")
    func classification() {
        #expect(HostPolicy.isLoopback("127.0.0.1"))
        #expect(HostPolicy.isLoopback("::1"))
        #expect(HostPolicy.isLoopback("localhost"))
        #expect(!HostPolicy.isLoopback("0.0.0.0"))
        #expect(HostPolicy.isWildcard("::"))
    }
}
