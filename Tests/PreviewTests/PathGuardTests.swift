import Testing
@testable import Preview

@Suite("PathGuard")
struct PathGuardTests {
    private func segments(_ target: String) -> [String]? {
        try? PathGuard.resolve(target: target).get().segments
    }

    @Test("ordinary paths decode into segments")
    func ordinary() throws {
        #expect(segments("/") == [])
        #expect(segments("/index.html") == ["index.html"])
        #expect(segments("/fr/") == ["fr"])
        #expect(segments("/fr/a%20b.html?x=1#top") == ["fr", "a b.html"])
        #expect(segments("/caf%C3%A9/") == ["café"])
        #expect(try PathGuard.resolve(target: "/fr/").get().namesFolder)
        #expect(try PathGuard.resolve(target: "/").get().namesFolder)
        #expect(try !PathGuard.resolve(target: "/fr").get().namesFolder)
        #expect(try PathGuard.resolve(target: "/fr?q=1").get().rawPath == "/fr")
    }

    @Test("dot segments are refused however they are encoded", arguments: [
        "/../", "/..", "/a/../b", "/%2e%2e/", "/%2E%2E/etc/passwd", "/.%2e/", "/./index.html", "/%2e/",
    ])
    func traversal(target: String) {
        #expect(PathGuard.resolve(target: target) == .failure(.traversal))
    }

    @Test("malformed targets are refused", arguments: [
        "/%2e%2e%2f", "/..%2f", "/..%2fetc/passwd", "/..%5c", "/..\\", "/a\\b", "//etc/passwd", "/a//b",
        "/%00", "/index.html%00.css", "/%0a", "/%", "/%zz", "/%c3", "*", "", "http://evil/",
        "/a b",
    ])
    func malformed(target: String) {
        #expect(PathGuard.resolve(target: target) == .failure(.malformed))
    }

    @Test("double encoding is decoded once and stays a literal name")
    func doubleEncoding() {
        #expect(segments("/%252e%252e/") == ["%2e%2e"])
        #expect(segments("/%252e%252e%252fetc") == ["%2e%2e%2fetc"])
    }

    @Test("containment compares whole path components")
    func containment() {
        #expect(PathGuard.isInside("/srv/site", root: "/srv/site"))
        #expect(PathGuard.isInside("/srv/site/a/b.html", root: "/srv/site"))
        #expect(!PathGuard.isInside("/srv/site-other/x", root: "/srv/site"))
        #expect(!PathGuard.isInside("/etc/passwd", root: "/srv/site"))
        #expect(!PathGuard.isInside("/srv", root: "/srv/site"))
        #expect(PathGuard.isInside("/anything", root: "/"))
    }

    @Test("percent decoding")
    func decoding() {
        #expect(PathGuard.percentDecode(Array("a%41%2f+".utf8)) == Array("aA/+".utf8))
        #expect(PathGuard.percentDecode(Array("%4".utf8)) == nil)
    }
}
