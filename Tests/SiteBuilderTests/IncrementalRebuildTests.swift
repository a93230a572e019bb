import Foundation
import SiteBuilder
import Testing

/// `serve`'s rebuild path: only what a change affects is read and rendered again, and the result is
/// the same as a full build.
@Suite struct IncrementalRebuildTests {
    /// The timeline fixture built once by a long-lived builder, as `serve` holds it.
    func builtSite() throws -> (TestSite, SiteBuilder) {
        let site = try TestSite(fixture: "timeline")
        let builder = SiteBuilder(options: site.options())
        builder.keepsCaches = true
        try builder.build()
        return (site, builder)
    }

    /// Reopens GAP-4 in the English review: a change to what a report states.
    func reopenGap4(in site: TestSite) throws -> URL {
        let file = site.content.appendingPathComponent("acme/2025-06-10-review.en.md")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "| GAP-4 | No monitoring | High | Done |",
                                                                                   with: "| GAP-4 | No monitoring | High | Open |")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try touchLater(file)
        return file
    }

    /// The output now must be byte for byte what a full build from scratch writes.
    func expectSameAsFullBuild(_ site: TestSite, after builder: SiteBuilder) throws {
        let incremental = try site.snapshot()
        // The serving builder holds the output; let go of it for the build from scratch.
        builder.releaseOutput()
        try SiteBuilder(options: site.options()).build()
        let full = try site.snapshot()
        let differing = Set(full.keys).union(incremental.keys).filter { full[$0] != incremental[$0] }.sorted()
        #expect(differing.isEmpty, "differs from a full build: \(differing)")
    }

    func touchLater(_ url: URL) throws {
        // File stamps have sub-second precision, but make sure the change is seen whatever the file system.
        let date = Date().addingTimeInterval(2)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
    }

    @Test func proseEditRewritesOnlyThatAuditsPages() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let file = site.content.appendingPathComponent("acme/2025-01-10-audit.fr.md")
        try (try String(contentsOf: file, encoding: .utf8) + "\nUne phrase ajoutée en fin de rapport.\n").write(to: file, atomically: true, encoding: .utf8)
        try touchLater(file)
        let report = try builder.rebuild(changed: [file.path])
        #expect(report.pagesWritten == 2, "only that audit's pages change (both languages show its French text): \(report.summary)")
        #expect(site.page("fr/projects/acme/2025-01-10-audit/index.html").contains("Une phrase ajoutée en fin de rapport."))
        try expectSameAsFullBuild(site, after: builder)
    }

    @Test func factEditUpdatesGapPagesAndExports() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let file = try reopenGap4(in: site)
        try builder.rebuild(changed: [file.path])
        let gaps = try #require(try site.json("data/gaps.json")["gaps"] as? [[String: Any]])
        #expect(gaps.first { $0["id"] as? String == "GAP-4" && $0["project"] as? String == "acme" }?["status"] as? String == "open")
        #expect(site.page("en/projects/acme/gaps/GAP-4/index.html").contains(">Open</span>"))
        try expectSameAsFullBuild(site, after: builder)
    }

    @Test func deferredExportsFollowThePages() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let file = try reopenGap4(in: site)
        try builder.rebuild(changed: [file.path], deferExports: true)
        #expect(site.page("en/projects/acme/gaps/GAP-4/index.html").contains(">Open</span>"), "pages first")
        // GAP-1 and GAP-4 were both closed on 2025-06-10; after the edit only GAP-1 is.
        #expect(site.page("data/gaps.json").count(of: "\"closedOn\": \"2025-06-10\"") == 2, "exports not yet")
        try builder.writePendingExports()
        #expect(site.page("data/gaps.json").count(of: "\"closedOn\": \"2025-06-10\"") == 1)
        try expectSameAsFullBuild(site, after: builder)
    }

    @Test func removedReportLosesItsPagesAndBrokenEditKeepsTheSite() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let removed = site.content.appendingPathComponent("beta/2025-03-01-audit.fr.md")
        try FileManager.default.removeItem(at: removed)
        try builder.rebuild(changed: [removed.path])
        #expect(!site.exists("fr/projects/beta/2025-03-01-audit/index.html"))
        // A broken edit: the rebuild refuses to write and says why; the site stays as it was.
        let before = try site.snapshot()
        let file = site.content.appendingPathComponent("acme/2024-01-10-audit.fr.md")
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: file)
        try touchLater(file)
        #expect(throws: BuildFailure.self) { try builder.rebuild(changed: [file.path], keepOnError: true) }
        #expect(try site.snapshot() == before)
        // Fixing it recovers.
        try "# Réparé\n\n**Date:** 2024-01-10\n".write(to: file, atomically: true, encoding: .utf8)
        try touchLater(file)
        try builder.rebuild(changed: [file.path], keepOnError: true)
        #expect(site.page("fr/projects/acme/2024-01-10-audit/index.html").contains("Réparé"))
    }
}
