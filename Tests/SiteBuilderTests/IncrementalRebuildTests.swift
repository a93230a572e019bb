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

    /// An edit that brings an error but leaves the report readable (broken front matter) keeps the
    /// last good site and reports the error, so `serve` shows its overlay instead of reloading.
    @Test func anEditWithAnErrorKeepsTheSiteAndSaysWhy() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let before = try site.snapshot()
        let file = site.content.appendingPathComponent("acme/2025-01-10-audit.fr.md")
        try ("---\ntitle: [unclosed\n---\n" + String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        try touchLater(file)
        do {
            try builder.rebuild(changed: [file.path], keepOnError: true)
            Issue.record("the rebuild wrote a site with an error")
        } catch let failure as BuildFailure {
            #expect(failure.report.diagnostics.contains { $0.code == "frontmatter.invalid" && $0.line == 3 })
        }
        #expect(try site.snapshot() == before)
    }

    /// A new title is shown wherever the audit is named: its GAPs' histories, the next audit's
    /// comparison, the project page — none of which changes what the GAPs themselves say.
    @Test func aNewTitleIsShownWhereverTheAuditIsNamed() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let file = site.content.appendingPathComponent("acme/2024-01-10-audit.fr.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("title: Audit initial\n"))
        try text.replacingOccurrences(of: "title: Audit initial\n", with: "title: Premier audit, titre revu\n").write(to: file, atomically: true, encoding: .utf8)
        try touchLater(file)
        try builder.rebuild(changed: [file.path])
        #expect(site.page("fr/projects/acme/gaps/GAP-1/index.html").contains("Premier audit, titre revu"))
        try expectSameAsFullBuild(site, after: builder)
    }

    /// `serve --cache`: a new `site.yaml` loads the settings again while the kept build still holds
    /// the cache folder (the process does not refuse itself), and a broken one, then a report edit,
    /// lose no text (the bodies the kept build pointed to are not reused after a failed full build).
    @Test func settingsChangesWithACacheFolderLoseNothing() throws {
        let site = try TestSite(fixture: "timeline")
        defer { site.remove() }
        var options = site.options()
        options.cacheDirectory = site.root.appendingPathComponent("cache")
        let builder = SiteBuilder(options: options)
        builder.keepsCaches = true
        try builder.build()
        let config = try String(contentsOf: site.config, encoding: .utf8)
        try site.write("site.yaml", config + "\n# a comment\n")
        try touchLater(site.config)
        try builder.rebuild(changed: [site.config.path], keepOnError: true)
        try site.write("site.yaml", "languages: [fr, en\n")
        try touchLater(site.config)
        #expect(throws: (any Error).self) { try builder.rebuild(changed: [site.config.path], keepOnError: true) }
        try site.write("site.yaml", config)
        try touchLater(site.config)
        let file = site.content.appendingPathComponent("acme/2025-01-10-audit.fr.md")
        try (try String(contentsOf: file, encoding: .utf8) + "\nUne phrase de plus.\n").write(to: file, atomically: true, encoding: .utf8)
        try touchLater(file)
        try builder.rebuild(changed: [file.path, site.config.path], keepOnError: true)
        #expect(site.page("fr/projects/acme/2025-01-10-audit/index.html").contains("Une phrase de plus."))
        try expectSameAsFullBuild(site, after: builder)
    }

    /// A seeded series of edits of every kind — prose, headings that move lines, statuses, severities,
    /// reports added and removed, a translation added and removed, a new title, the project's name — each rebuilt incrementally and compared byte for
    /// byte with a full build of the same content into another folder. The reopened GAP that is
    /// restated by a later report (not the next one by date) is among them: its later audit's
    /// "reopened / carried" lists must follow.
    @Test func randomizedEditSeriesStaysEqualToFullBuilds() throws {
        let (site, builder) = try builtSite()
        defer { site.remove() }
        let fresh = site.root.appendingPathComponent("full")
        var random = SplitMix(seed: 20261130)
        let acme = site.content.appendingPathComponent("acme")
        var added: [URL] = []
        for step in 0..<24 {
            let reports = try FileManager.default.contentsOfDirectory(atPath: acme.path).filter { $0.hasSuffix(".md") }.sorted()
            let kind = step < 2 ? 2 : Int(random.next() % 10)
            // Statuses are flipped in the oldest reports, so that later reports' lists must follow.
            let pool = kind == 2 ? reports.filter { $0.hasPrefix("2024-06-10") || $0.hasPrefix("2025-01-10") } : reports
            let file = acme.appendingPathComponent(pool[Int(random.next() % UInt64(pool.count))])
            var changed = [file]
            var text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            switch kind {
            case 0: text += "\nUne phrase de plus (\(step)).\n"
            case 1: text = text.replacingOccurrences(of: "\n\n", with: "\n\n## Note \(step)\n\nTexte.\n\n", options: [], range: text.range(of: "\n\n"))
            case 2:
                // Flip every status word of the GAP rows: done ↔ open.
                for (a, b) in [("| Fixed |", "| Open |"), ("| Done |", "| Open |"), ("✅ Corrigé", "❌ Rouvert"), ("✅ Fixed", "❌ Reopened"),
                               ("| Corrigé |", "| Ouvert |")] {
                    if text.contains(a) { text = text.replacingOccurrences(of: a, with: b); break }
                    if text.contains(b) { text = text.replacingOccurrences(of: b, with: a); break }
                }
            case 3:
                for (a, b) in [("| High |", "| Medium |"), ("| Haute |", "| Moyenne |"), ("| P1 |", "| P3 |")] where text.contains(a) || text.contains(b) {
                    text = text.contains(a) ? text.replacingOccurrences(of: a, with: b) : text.replacingOccurrences(of: b, with: a)
                    break
                }
            case 4:
                let day = 10 + step
                let new = acme.appendingPathComponent("2025-0\(1 + step % 9)-\(day)-ajout-\(step).fr.md")
                try "# Ajout \(step)\n\n| ID | Constat | Sévérité | Statut |\n|---|---|---|---|\n| GAP-2 | Reste | Haute | \(step % 2 == 0 ? "Ouvert" : "Corrigé") |\n| GAP-\(40 + step) | Nouveau | Basse | Ouvert |\n"
                    .write(to: new, atomically: true, encoding: .utf8)
                added.append(new)
                changed = [new]
            case 5:
                if let victim = added.popLast() {
                    try FileManager.default.removeItem(at: victim)
                    changed = [victim]
                } else {
                    text += "\n- [x] Vérification \(step)\n"
                }
            case 7:
                // A new title: GAP pages and the next audit name this audit by it.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if let line = lines.first(where: { $0.hasPrefix("title: ") }) {
                    text = text.replacingOccurrences(of: String(line), with: "title: Titre revu \(step)")
                } else if let line = lines.first(where: { $0.hasPrefix("# ") }) {
                    text = text.replacingOccurrences(of: String(line), with: "# Titre revu \(step)")
                } else {
                    text = "# Titre revu \(step)\n\n" + text
                }
            case 8:
                // The project's name, from `_project.yaml`: every page of the project names it.
                let info = acme.appendingPathComponent("_project.yaml")
                try "title:\n  fr: Acmé \(step)\n  en: Acme \(step)\n".write(to: info, atomically: true, encoding: .utf8)
                changed = [info]
            case 9:
                // A translation removed: its pages fall back to the original with a notice.
                let translation = acme.appendingPathComponent("2025-01-10-audit.en.md")
                if FileManager.default.fileExists(atPath: translation.path) {
                    try FileManager.default.removeItem(at: translation)
                    changed = [translation]
                } else {
                    text += "\nEncore une phrase (\(step)).\n"
                }
            default:
                let translation = acme.appendingPathComponent("2025-01-10-audit.en.md")
                if !FileManager.default.fileExists(atPath: translation.path) {
                    try "# Audit (English)\n\n**Overall score: 70%**\n\n| ID | Finding | Severity | Status |\n|---|---|---|---|\n| GAP-1 | Backups | High | Open |\n"
                        .write(to: translation, atomically: true, encoding: .utf8)
                    changed = [translation]
                } else {
                    text += "\nA sentence (\(step)).\n"
                }
            }
            if changed == [file], FileManager.default.fileExists(atPath: file.path) {
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            for url in changed where FileManager.default.fileExists(atPath: url.path) { try touchLater(url) }
            try builder.rebuild(changed: changed.map(\.path))
            let incremental = try site.snapshot()
            try? FileManager.default.removeItem(at: fresh)
            try SiteBuilder(options: site.options(output: fresh)).build()
            let full = try site.snapshot(of: fresh)
            let differing = Set(full.keys).union(incremental.keys).filter { full[$0] != incremental[$0] }.sorted()
            #expect(differing.isEmpty, "step \(step) (edit kind \(kind) of \(changed.map(\.lastPathComponent))): \(differing.prefix(6))")
        }
    }
}

/// A small seeded generator, so the edit series is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
