import Diagnostics
import Foundation
import Logging
@testable import Preview

/// Mutable state of the fake builder, shared between the test and the server.
actor FakeSiteState {
    var failing = false
    private(set) var builds = 0
    private(set) var rebuildCalls: [[String]] = []

    func setFailing(_ value: Bool) { failing = value }
    func record(_ changed: [String]) { rebuildCalls.append(changed) }
    func nextBuildNumber() -> Int {
        builds += 1
        return builds
    }
}

/// A `PreviewSite` that writes a tiny fixed site and can be told to fail.
///
/// Layout of the temporary folder:
/// ```
/// content/page.md            watched
/// outside.txt                next to the output folder, must never be served
/// site/                      output: index.html, fr/index.html, 404.html, style.css, …
/// site/passwd -> /etc/passwd, site/escape.txt -> ../outside.txt, site/up -> ..   (refused)
/// site/alias.css -> style.css                                                    (allowed)
/// ```
struct FakeSite: PreviewSite {
    static let secret = "SECRET-OUTSIDE-THE-SITE"
    static let brokenMessage = "Table row has <b>3</b> cells & expected 4"

    let root: String
    let state = FakeSiteState()

    var watchedPaths: [String] { [root + "/content"] }
    var outputDirectory: String { root + "/site" }
    var watchedFile: String { root + "/content/page.md" }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("preview-tests-\(UUID().uuidString)").path
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        try files.createDirectory(atPath: root + "/site/fr", withIntermediateDirectories: true)
        try "# Page\n".write(toFile: watchedFile, atomically: true, encoding: .utf8)
        try Self.secret.write(toFile: root + "/outside.txt", atomically: true, encoding: .utf8)
        try files.createSymbolicLink(atPath: root + "/site/passwd", withDestinationPath: "/etc/passwd")
        try files.createSymbolicLink(atPath: root + "/site/escape.txt", withDestinationPath: "../outside.txt")
        try files.createSymbolicLink(atPath: root + "/site/up", withDestinationPath: "..")
        try files.createSymbolicLink(atPath: root + "/site/alias.css", withDestinationPath: "style.css")
    }

    func build() async -> PreviewBuildOutcome {
        await writeSite()
    }

    func rebuild(changed: [String]) async -> PreviewBuildOutcome {
        await state.record(changed)
        // A rebuild takes time, as real ones do: edits made meanwhile must wait for the next one.
        try? await Task.sleep(for: .milliseconds(60))
        return await writeSite()
    }

    /// Simulates editing a content file (size changes too, so even coarse mtimes notice it).
    func touch(_ text: String = UUID().uuidString) throws {
        try "# Page\n\(text)\n".write(toFile: watchedFile, atomically: false, encoding: .utf8)
    }

    func readOutput(_ relative: String) throws -> String {
        try String(contentsOfFile: outputDirectory + "/" + relative, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func writeSite() async -> PreviewBuildOutcome {
        if await state.failing {
            return PreviewBuildOutcome(succeeded: false, diagnostics: [
                .error("content/page.md", line: 3, code: "fake.table", Self.brokenMessage),
                .warning("content/page.md", line: 1, code: "fake.style", "Only a warning"),
            ])
        }
        let number = await state.nextBuildNumber()
        let pages: [String: String] = [
            "index.html": "<!doctype html><html><head><link rel=stylesheet href=style.css></head><body><h1>Home</h1><p id=build>build \(number)</p></body></html>",
            "fr/index.html": "<!doctype html><html><body><h1>Accueil</h1></body></html>",
            "404.html": "<!doctype html><html><body><h1>Custom missing page</h1></BODY></html>",
            "style.css": "body { color: #222 }",
            "app.js": "console.log('hi')",
            "data.json": "{\"ok\":true}",
            "logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "feed.xml": "<?xml version=\"1.0\"?><feed/>",
            "notes.txt": "plain",
            "pixel.png": "PNG",
            "photo.jpg": "JPG",
            "font.woff2": "WOFF2",
        ]
        for (path, text) in pages {
            try? text.write(toFile: outputDirectory + "/" + path, atomically: true, encoding: .utf8)
        }
        return PreviewBuildOutcome(succeeded: true, diagnostics: [], pagesWritten: pages.count, milliseconds: 1.25)
    }
}

/// Starts a preview of a fresh `FakeSite` on a free loopback port, runs `body`, then stops it.
func withPreview(
    heartbeat: Duration = .seconds(15),
    _ body: (FakeSite, RunningPreview) async throws -> Void
) async throws {
    let site = try FakeSite()
    var logger = Logger(label: "preview-tests")
    logger.logLevel = .critical
    var server = PreviewServer(site: site, host: "127.0.0.1", port: 0, logger: logger)
    server.pollInterval = .milliseconds(40)
    server.heartbeatInterval = heartbeat
    let running = try await server.start()
    do {
        try await body(site, running)
    } catch {
        await running.stop()
        site.remove()
        throw error
    }
    await running.stop()
    site.remove()
}
