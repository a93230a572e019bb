import Diagnostics
import Foundation
import Testing
@testable import Preview

@Suite("ReloadScript, ContentTypes and event frames")
struct ReloadScriptTests {
    @Test("the script goes just before the last </body>, in any case")
    func injection() {
        let html = "<html><body><p>x</p></BODY></html>"
        #expect(ReloadScript.inject(into: html) == "<html><body><p>x</p>\(ReloadScript.tag)</BODY></html>")
        let twice = "<body>a</body><!-- </body> -->"
        #expect(ReloadScript.inject(into: twice) == "<body>a</body><!-- \(ReloadScript.tag)</body> -->")
    }

    @Test("pages without </body> get the script appended")
    func noBody() {
        #expect(ReloadScript.inject(into: "<p>fragment") == "<p>fragment" + ReloadScript.tag)
        #expect(ReloadScript.inject(into: "") == ReloadScript.tag)
    }

    @Test("the script is small, uses EventSource and never innerHTML")
    func scriptShape() {
        #expect(ReloadScript.tag.hasPrefix("<script>"))
        #expect(ReloadScript.tag.hasSuffix("</script>"))
        #expect(ReloadScript.tag.contains("new EventSource(\"/__audit-site/events\")"))
        #expect(ReloadScript.tag.contains("\"reload\""))
        #expect(ReloadScript.tag.contains("\"diagnostics\""))
        #expect(ReloadScript.tag.contains("textContent"))
        #expect(!ReloadScript.tag.contains("innerHTML"))
        #expect(ReloadScript.tag.utf8.count < 1024)
    }

    @Test("content types", arguments: [
        ("index.html", "text/html; charset=utf-8"), ("a/style.CSS", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"), ("d.json", "application/json"),
        ("logo.svg", "image/svg+xml"), ("p.png", "image/png"), ("p.jpg", "image/jpeg"), ("p.jpeg", "image/jpeg"),
        ("f.woff2", "font/woff2"), ("feed.xml", "application/xml"), ("robots.txt", "text/plain; charset=utf-8"),
        ("archive.tar.gz", "application/octet-stream"), ("Makefile", "application/octet-stream"),
        (".hidden", "application/octet-stream"),
    ])
    func contentTypes(path: String, type: String) {
        #expect(ContentTypes.forPath(path) == type)
    }

    @Test("frames put every data line in its own field")
    func frames() {
        #expect(ReloadChannel.frame(event: "reload", data: "{}") == "event: reload\ndata: {}\n\n")
        #expect(ReloadChannel.frame(event: "x", data: "a\nb\r") == "event: x\ndata: a\ndata: b\n\n")
    }

    @Test("the overlay lists errors only, as file:line: message")
    func overlay() throws {
        let items = ReloadChannel.overlayItems(for: [
            .warning("b.md", line: 1, code: "w", "just a warning"),
            .error("b.md", line: 9, code: "e2", "second"),
            .error("a.md", line: 2, code: "e1", "<script>alert(1)</script>"),
            .error(nil, code: "e3", "site-wide"),
        ])
        #expect(items.map(\.text) == ["site-wide", "a.md:2: <script>alert(1)</script>", "b.md:9: second"])
        let frame = ReloadChannel.diagnosticsFrame(items)
        #expect(frame.hasPrefix("event: diagnostics\ndata: ["))
        #expect(frame.components(separatedBy: "\n").count == 4)  // event, data, blank, blank
        let json = try #require(frame.split(separator: "\n")[1].dropFirst("data: ".count).data(using: .utf8))
        let decoded = try JSONDecoder().decode([ReloadChannel.OverlayItem].self, from: json)
        #expect(decoded == items)
    }

    @Test("a failure without error diagnostics still shows something")
    func emptyFailure() {
        #expect(ReloadChannel.overlayItems(for: []).map(\.text) == ["The build failed."])
    }

    @Test("new subscribers see the current failure at once; success clears it")
    func channelState() async {
        let channel = ReloadChannel()
        await channel.buildFailed([.error("a.md", line: 1, code: "x", "broken")])
        var iterator = await channel.subscribe().makeAsyncIterator()
        #expect(await iterator.next()?.hasPrefix(": connected") == true)
        #expect(await iterator.next()?.contains("a.md:1: broken") == true)
        await channel.buildSucceeded()
        #expect(await iterator.next() == "event: reload\ndata: {}\n\n")
        #expect(await channel.subscriberCount == 1)
        await channel.close()
        #expect(await iterator.next() == nil)
        #expect(await channel.subscriberCount == 0)
    }
}
