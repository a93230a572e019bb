import Foundation
import Logging
import Testing
@testable import Preview

/// End-to-end: a real server on a free loopback port, driven over raw sockets.
@Suite("PreviewServer", .serialized, .timeLimit(.minutes(2)))
struct PreviewServerTests {
    @Test("pages and assets are served with their content types")
    func contentTypes() async throws {
        try await withPreview { _, server in
            let expected: [(String, String)] = [
                ("/index.html", "text/html; charset=utf-8"), ("/style.css", "text/css; charset=utf-8"),
                ("/app.js", "text/javascript; charset=utf-8"), ("/data.json", "application/json"),
                ("/logo.svg", "image/svg+xml"), ("/pixel.png", "image/png"), ("/photo.jpg", "image/jpeg"),
                ("/font.woff2", "font/woff2"), ("/feed.xml", "application/xml"),
                ("/notes.txt", "text/plain; charset=utf-8"), ("/alias.css", "text/css; charset=utf-8"),
            ]
            for (path, type) in expected {
                let response = try await RawHTTP.request(port: server.port, path)
                #expect(response.status == 200, "\(path)")
                #expect(response.header("content-type") == type, "\(path)")
                #expect(response.header("x-content-type-options") == "nosniff")
            }
            let css = try await RawHTTP.request(port: server.port, "/style.css")
            #expect(css.text == "body { color: #222 }")
        }
    }

    @Test("folders serve index.html; a folder without its slash redirects")
    func folders() async throws {
        try await withPreview { _, server in
            let home = try await RawHTTP.request(port: server.port, "/")
            #expect(home.status == 200)
            #expect(home.text.contains("<h1>Home</h1>"))
            let fr = try await RawHTTP.request(port: server.port, "/fr/")
            #expect(fr.status == 200)
            #expect(fr.text.contains("Accueil"))
            let redirect = try await RawHTTP.request(port: server.port, "/fr?lang=1")
            #expect(redirect.status == 301)
            #expect(redirect.header("location") == "/fr/?lang=1")
            let fileWithSlash = try await RawHTTP.request(port: server.port, "/style.css/")
            #expect(fileWithSlash.status == 404)
        }
    }

    @Test("the reload script is injected in served HTML only, never in the output folder")
    func injection() async throws {
        try await withPreview { site, server in
            let home = try await RawHTTP.request(port: server.port, "/")
            #expect(home.text.contains(ReloadScript.tag + "</body>"))
            #expect(Int(home.header("content-length") ?? "") == home.body.count)
            #expect(home.header("cache-control") == "no-store")
            #expect(try !site.readOutput("index.html").contains("EventSource"))
            let css = try await RawHTTP.request(port: server.port, "/style.css")
            #expect(!css.text.contains("EventSource"))
        }
    }

    @Test("missing pages get the site's 404.html with status 404; HEAD and other methods")
    func notFound() async throws {
        try await withPreview { _, server in
            let missing = try await RawHTTP.request(port: server.port, "/no/such/page.html")
            #expect(missing.status == 404)
            #expect(missing.text.contains("Custom missing page"))
            #expect(missing.text.contains(ReloadScript.tag))
            let head = try await RawHTTP.request(port: server.port, "/index.html", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(Int(head.header("content-length") ?? "0")! > 0)
            let post = try await RawHTTP.request(port: server.port, "/index.html", method: "POST", headers: ["Content-Length: 0"])
            #expect(post.status == 405)
        }
    }

    /// Status per attack: 403 for dot segments and symlinks leading out, 400 for malformed
    /// targets, 404 where double encoding leaves a literal (non-existent) name.
    @Test("traversal attempts are refused and the server keeps running", arguments: [
        ("/../", 403), ("/../../../../etc/passwd", 403), ("/%2e%2e/", 403), ("/%2e%2e/outside.txt", 403),
        ("/%2e%2e%2f", 400), ("/%2e%2e%2foutside.txt", 400), ("/..%2f", 400), ("/..%2foutside.txt", 400),
        ("/%252e%252e/", 404), ("/%252e%252e/outside.txt", 404), ("/..%5c", 400), ("/..%5coutside.txt", 400),
        ("//etc/passwd", 400), ("/%00", 400), ("/index.html%00", 400), ("/index.html%00.css", 400),
        ("/passwd", 403), ("/escape.txt", 403), ("/up/outside.txt", 403), ("/up/", 403), ("/up", 403),
        ("/fr/../../outside.txt", 403), ("/./index.html", 403), ("/%2fetc/passwd", 400), ("/..\\outside.txt", 400),
    ])
    func traversal(target: String, status: Int) async throws {
        try await withPreview { _, server in
            let response = try await RawHTTP.request(port: server.port, target)
            #expect(response.status == status, "\(target)")
            #expect(!response.text.contains("root:"), "\(target) leaked /etc/passwd")
            #expect(!response.text.contains(FakeSite.secret), "\(target) leaked a file outside the site")
            let after = try await RawHTTP.request(port: server.port, "/")
            #expect(after.status == 200)
        }
    }

    @Test("a raw NUL byte in the request line does not break the server")
    func rawNul() async throws {
        try await withPreview { _, server in
            let raw = Array("GET /index.html".utf8) + [0] + Array(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            let response = try? await RawHTTP.send(port: server.port, raw: raw)
            if let response { #expect(response.status == 400) }
            let after = try await RawHTTP.request(port: server.port, "/")
            #expect(after.status == 200)
        }
    }

    @Test("only loopback Host names are answered", arguments: [
        ("localhost", 200), ("localhost:8000", 200), ("127.0.0.1", 200), ("127.0.0.1:1", 200), ("[::1]:8000", 200),
        ("[::1]", 200), ("evil.com", 421), ("evil.com:8000", 421), ("localhost.evil.com", 421),
        ("127.0.0.1.nip.io", 421), ("192.168.0.1", 421),
    ])
    func hostHeader(host: String, status: Int) async throws {
        try await withPreview { _, server in
            let response = try await RawHTTP.request(port: server.port, "/", host: host)
            #expect(response.status == status, "Host: \(host)")
            if status != 200 { #expect(!response.text.contains("Home")) }
            #expect(try await RawHTTP.request(port: server.port, "/").status == 200)
        }
    }

    @Test("requests without Host, or with two, are refused")
    func missingOrDoubleHost() async throws {
        try await withPreview { _, server in
            let none = try await RawHTTP.request(port: server.port, "/", host: nil)
            #expect(none.status == 421)
            let http10 = try await RawHTTP.send(port: server.port, raw: Array("GET / HTTP/1.0\r\nConnection: close\r\n\r\n".utf8))
            #expect(http10.status == 421)
            let double = try await RawHTTP.request(port: server.port, "/", host: "localhost", headers: ["Host: evil.com"])
            #expect(double.status == 400)
            let events = try await RawHTTP.request(port: server.port, ReloadScript.eventsPath, host: "evil.com")
            #expect(events.status == 421)
            #expect(try await RawHTTP.request(port: server.port, "/").status == 200)
        }
    }

    @Test("the events channel checks Origin")
    func origin() async throws {
        try await withPreview { _, server in
            for origin in ["http://evil.com", "null", "http://localhost:1", "https://127.0.0.1:\(server.port)"] {
                let response = try await RawHTTP.request(port: server.port, ReloadScript.eventsPath, headers: ["Origin: \(origin)"])
                #expect(response.status == 403, "Origin: \(origin)")
                #expect(!response.text.contains("event:"))
            }
            let sameOrigin = try SSEClient(port: server.port, headers: ["Origin: http://127.0.0.1:\(server.port)"])
            defer { sameOrigin.close() }
            let noOrigin = try SSEClient(port: server.port)
            defer { noOrigin.close() }
            for client in [sameOrigin, noOrigin] {
                let head = await client.response()
                #expect(head?.status == 200)
                #expect(head?.header("content-type") == "text/event-stream")
            }
        }
    }

    @Test("an edit triggers a rebuild and a reload event")
    func reloadOnEdit() async throws {
        try await withPreview { site, server in
            let events = try SSEClient(port: server.port)
            defer { events.close() }
            #expect(await events.response()?.status == 200)
            try site.touch()
            let event = await events.next()
            #expect(event?.event == "reload")
            let calls = await site.state.rebuildCalls
            #expect(calls.count == 1)
            #expect(calls.first == [FileWatcher.absolute(site.watchedFile)])
            let home = try await RawHTTP.request(port: server.port, "/")
            #expect(home.text.contains("build 2"))
        }
    }

    @Test("idle event streams get heartbeat comments")
    func heartbeat() async throws {
        try await withPreview(heartbeat: .milliseconds(50)) { _, server in
            let events = try SSEClient(port: server.port)
            defer { events.close() }
            #expect(await events.response()?.status == 200)
            try await Task.sleep(for: .milliseconds(400))
            #expect(events.commentCount >= 3)
        }
    }

    @Test("a failing rebuild keeps the last site and sends diagnostics; fixing recovers")
    func failureAndRecovery() async throws {
        try await withPreview { site, server in
            let events = try SSEClient(port: server.port)
            defer { events.close() }
            #expect(await events.response()?.status == 200)

            await site.state.setFailing(true)
            try site.touch("broken")
            let failure = try #require(await events.next())
            #expect(failure.event == "diagnostics")
            let items = try JSONDecoder().decode([ReloadChannel.OverlayItem].self, from: Data(failure.data.utf8))
            #expect(items.map(\.text) == ["content/page.md:3: \(FakeSite.brokenMessage)"])
            let stillServed = try await RawHTTP.request(port: server.port, "/")
            #expect(stillServed.status == 200)
            #expect(stillServed.text.contains("build 1"))

            // A page opened while broken gets the overlay right away.
            let late = try SSEClient(port: server.port)
            defer { late.close() }
            #expect(await late.next()?.event == "diagnostics")

            await site.state.setFailing(false)
            try site.touch("fixed")
            #expect(await events.next()?.event == "reload")
            #expect(await late.next()?.event == "reload")
            let recovered = try await RawHTTP.request(port: server.port, "/")
            #expect(recovered.text.contains("build 2"))
            let fresh = try SSEClient(port: server.port)
            defer { fresh.close() }
            #expect(await fresh.response()?.status == 200)
            #expect(await fresh.next(timeout: .milliseconds(300)) == nil)
        }
    }

    @Test("changes during a build are coalesced into one follow-up rebuild")
    func coalescing() async throws {
        try await withPreview { site, _ in
            for index in 0..<5 {
                try site.touch("edit \(index)")
                try await Task.sleep(for: .milliseconds(10))
            }
            let deadline = ContinuousClock.now + .seconds(5)
            while await site.state.rebuildCalls.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(300))
            let calls = await site.state.rebuildCalls
            #expect(!calls.isEmpty)
            #expect(calls.count <= 2)
        }
    }

    @Test("stop closes the listener and open event streams")
    func stop() async throws {
        let site = try FakeSite()
        defer { site.remove() }
        var logger = Logger(label: "preview-tests")
        logger.logLevel = .critical
        let running = try await PreviewServer(site: site, port: 0, logger: logger).start()
        #expect(running.url == "http://127.0.0.1:\(running.port)/")
        let events = try SSEClient(port: running.port)
        #expect(await events.response()?.status == 200)
        await running.stop()
        let deadline = ContinuousClock.now + .seconds(5)
        while !events.hasEnded, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(events.hasEnded)
        await #expect(throws: RawHTTPError.self) { try await RawHTTP.request(port: running.port, "/") }
        await running.stop()
    }

    @Test("run() returns when its task is cancelled")
    func runCancellation() async throws {
        let site = try FakeSite()
        defer { site.remove() }
        var logger = Logger(label: "preview-tests")
        logger.logLevel = .critical
        let server = PreviewServer(site: site, host: "127.0.0.1", port: 0, logger: logger)
        let task = Task { try await server.run() }
        try await Task.sleep(for: .milliseconds(500))
        task.cancel()
        try await task.value
    }

    @Test("binding an address already in use throws")
    func portInUse() async throws {
        try await withPreview { site, server in
            var logger = Logger(label: "preview-tests")
            logger.logLevel = .critical
            let second = PreviewServer(site: site, host: "127.0.0.1", port: server.port, logger: logger)
            await #expect(throws: (any Error).self) { _ = try await second.start() }
            let after = try await RawHTTP.request(port: server.port, "/")
            #expect(after.status == 200)
        }
    }
}
