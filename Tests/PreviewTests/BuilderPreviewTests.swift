import Foundation
import Logging
import Preview
import SiteBuilder
import Testing

/// `serve` with the real builder: a touch that changes no byte reloads nothing; an edit reloads open
/// pages; an edit that brings an error shows the overlay and keeps the last good site.
@Suite struct BuilderPreviewTests {
    @Test func touchesEditsAndErrors() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-site-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let report = root.appendingPathComponent("content/acme/2025-01-10-audit.fr.md")
        try FileManager.default.createDirectory(at: report.deletingLastPathComponent(), withIntermediateDirectories: true)
        let original = "# Audit\n\n| ID | Constat | Sévérité | Statut |\n|---|---|---|---|\n| GAP-1 | Sauvegardes | Haute | Ouvert |\n"
        try original.write(to: report, atomically: true, encoding: .utf8)
        let options = BuildOptions(contentDirectory: root.appendingPathComponent("content"), outputDirectory: root.appendingPathComponent("public"),
                                   configFile: root.appendingPathComponent("site.yaml"), projectRoot: root)
        var logger = Logger(label: "builder-preview-tests")
        logger.logLevel = .critical
        var server = PreviewServer(site: BuilderSite(options: options), host: "127.0.0.1", port: 0, logger: logger)
        server.pollInterval = .milliseconds(40)
        let running = try await server.start()
        do {
            try await check(running, report: report, original: original)
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    /// The edits and what open pages see, against a running preview (stopped once by the caller).
    func check(_ running: RunningPreview, report: URL, original: String) async throws {
        let events = try SSEClient(port: running.port)
        defer { events.close() }
        #expect(await events.response()?.status == 200)

        // Same bytes, new time stamp: nothing is written, no page reloads.
        try original.write(to: report, atomically: true, encoding: .utf8)
        #expect(await events.next(timeout: .milliseconds(800)) == nil, "a touch reloads nothing")

        // A real edit reloads.
        try (original + "\nUne phrase.\n").write(to: report, atomically: true, encoding: .utf8)
        #expect(await events.next()?.event == "reload")

        // An error: the overlay, and the last good page still served.
        try ("---\ntitle: [unclosed\n---\n" + original).write(to: report, atomically: true, encoding: .utf8)
        let overlay = await events.next()
        #expect(overlay?.event == "diagnostics")
        #expect(overlay?.data.contains("front matter") == true)
        let page = try await RawHTTP.request(port: running.port, "/fr/projects/acme/2025-01-10-audit/")
        #expect(page.text.contains("Une phrase."))
    }
}
