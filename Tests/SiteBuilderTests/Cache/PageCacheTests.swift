import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SiteBuilder
import Testing

/// `build --cache DIR` also keeps rendered pages: a second build copies the pages whose inputs did
/// not change and renders the others, and the site is byte for byte what a build without a cache
/// writes — after an edit in one project, a new theme file, another base URL.
@Suite final class PageCacheTests {
    let site: TestSite
    var cache: URL { site.root.appendingPathComponent("cache") }
    var cachedPages: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("pages").path)) ?? [])
            .filter { $0.hasSuffix(".page") }
    }

    init() throws {
        site = try TestSite(fixture: "timeline")
        // A second project, so an edit in one leaves the other's pages as they were.
        try site.write("content/other/2025-03-01-audit.fr.md", """
            # Audit de l'autre projet

            | ID | Constat | Sévérité | Statut |
            |---|---|---|---|
            | GAP-1 | Journalisation absente | Haute | Ouvert |
            """)
    }

    deinit { site.remove() }

    func build(into name: String, cache useCache: Bool = true, theme: URL? = nil, baseURL: String? = nil) throws -> (BuildReport, [String: Data]) {
        let output = site.root.appendingPathComponent(name)
        var options = site.options(output: output, theme: theme, baseURL: baseURL)
        if useCache { options.cacheDirectory = cache }
        let report = try SiteBuilder(options: options).build()
        return (report, try site.snapshot(of: output))
    }

    @Test func unchangedPagesAreCopiedAndTheSiteIsTheSame() throws {
        let (first, expected) = try build(into: "first")
        #expect(first.pagesFromCache == 0)
        let pages = expected.keys.filter { $0.hasSuffix(".html") }.count
        // Every file of the site, exports included, but the output's manifest; plus the list of the
        // files besides pages and the record of the whole site.
        #expect(expected.keys.contains(".audit-site-manifest"))
        #expect(cachedPages.count == expected.count - 1 + 2)
        let (second, copied) = try build(into: "second")
        #expect(second.pagesFromCache == pages)
        #expect(copied == expected)
        let (_, plain) = try build(into: "plain", cache: false)
        #expect(copied == plain)
    }

    @Test func anEditRendersItsProjectAndTheSiteWidePagesAgain() throws {
        _ = try build(into: "first")
        let file = "content/acme/2025-01-10-audit.fr.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(file), encoding: .utf8)
        try site.write(file, text.replacingOccurrences(of: "GAP-1", with: "GAP-77"))
        let (report, cached) = try build(into: "second")
        let (_, fresh) = try build(into: "fresh", cache: false)
        #expect(cached == fresh)
        // Rendered: acme's pages and the site-wide ones (home, portfolio, GAP index in two languages);
        // copied: the other projects' pages, root, search and 404.
        let pages = fresh.keys.filter { $0.hasSuffix(".html") }
        let rendered = pages.filter { $0.contains("/projects/acme/") }.count + 6
        #expect(pages.contains("fr/projects/other/index.html"))
        #expect(report.pagesFromCache == pages.count - rendered)
        // The cache holds this build's files only.
        #expect(cachedPages.count == fresh.count + 1)
    }

    @Test func aNewThemeFileOrBaseURLRendersEveryPageAgain() throws {
        _ = try build(into: "first")
        let theme = site.root.appendingPathComponent("theme")
        try site.write("theme/static/style.css", "body { color: black }\n")
        let (themed, cached) = try build(into: "themed", theme: theme)
        #expect(themed.pagesFromCache == 0)
        #expect(cached == (try build(into: "themed-fresh", cache: false, theme: theme)).1)
        let (based, rebased) = try build(into: "based", theme: theme, baseURL: "https://audits.example.org/")
        #expect(based.pagesFromCache == 0)
        #expect(rebased == (try build(into: "based-fresh", cache: false, theme: theme, baseURL: "https://audits.example.org/")).1)
    }

    @Test func missingEntriesAreRenderedAgain() throws {
        let (_, expected) = try build(into: "first")
        let pages = expected.keys.filter { $0.hasSuffix(".html") }.count
        for name in cachedPages.sorted().prefix(5) { try FileManager.default.removeItem(at: cache.appendingPathComponent("pages/" + name)) }
        let (report, rebuilt) = try build(into: "second")
        #expect(report.pagesFromCache >= pages - 5 && report.pagesFromCache < pages + 1)
        #expect(rebuilt == expected)
        let (third, _) = try build(into: "third")
        #expect(third.pagesFromCache == pages)
    }

    /// Nothing changed (a push that touched no report): the site is copied back whole, without
    /// reading a report, and the build says what the first one said — errors included, which a
    /// strict build still refuses.
    @Test func anUnchangedSiteIsCopiedWholeWithItsDiagnostics() throws {
        try site.write("content/other/2025-04-01-broken.fr.md", "---\ndate: [unclosed\n---\n# Rapport\n")
        let (first, expected) = try build(into: "first")
        #expect(first.errorCount > 0)
        let (second, copied) = try build(into: "second")
        #expect(copied == expected)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.auditCount == first.auditCount && second.pagesWritten == first.pagesWritten)
        #expect(second.timings.contains { $0.step == "restore" } && !second.timings.contains { $0.step == "read" })
        var options = site.options(strict: true, output: site.root.appendingPathComponent("strict"))
        options.cacheDirectory = cache
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("strict").path))
        // One byte more in one report: read and built again, then recorded anew.
        try site.write("content/other/2025-03-01-audit.fr.md", "# Audit\n\nUne phrase.\n")
        let (third, _) = try build(into: "third")
        #expect(third.timings.contains { $0.step == "read" })
        let (fourth, _) = try build(into: "fourth")
        #expect(!fourth.timings.contains { $0.step == "read" })
    }

    /// A file the tool did not write (a `CNAME`) is kept and said once, by a built site and a restored one alike.
    @Test func aRestoredSiteSaysWhatItKeptOnce() throws {
        _ = try build(into: "out")
        try site.write("out/CNAME", "audits.example.org\n")
        let (first, _) = try build(into: "out")
        let (second, restored) = try build(into: "out")
        #expect(second.timings.contains { $0.step == "restore" } && !second.timings.contains { $0.step == "read" })
        #expect(first.diagnostics.filter { $0.code == "output.kept" }.count == 1)
        #expect(second.diagnostics == first.diagnostics)
        #expect(restored["CNAME"] == Data("audits.example.org\n".utf8))
    }

    /// `build` run again into the same output, nothing changed: the output already holds the site, so
    /// no file is written (each keeps its inode and times) and the build says what the first one said.
    @Test func anUntouchedOutputIsLeftAsItIs() throws {
        try site.write("content/other/2025-04-01-broken.fr.md", "---\ndate: [unclosed\n---\n# Rapport\n")
        let (first, expected) = try build(into: "out")
        let before = try identities(in: "out")
        let (second, after) = try build(into: "out")
        #expect(after == expected)
        #expect(try identities(in: "out") == before)
        #expect(second.pagesWritten == 0 && second.pagesUnchanged == first.pagesWritten)
        #expect(second.diagnostics == first.diagnostics && second.auditCount == first.auditCount)
        #expect(second.timings.contains { $0.step == "restore" } && !second.timings.contains { $0.step == "read" })
        // Strict mode still refuses what the first build reported, from the stamp, touching nothing.
        var options = site.options(strict: true, output: site.root.appendingPathComponent("out"))
        options.cacheDirectory = cache
        let failure = #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
        #expect(failure?.report.pagesUnchanged == first.pagesWritten)
        #expect(try identities(in: "out") == before)
    }

    /// A symbolic link found in the output is removed once, and said once: the build that then
    /// finds the output untouched removes nothing and does not say it again.
    @Test func aRemovedLinkIsSaidOnce() throws {
        _ = try build(into: "out")
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("out/fr/link").path,
                                                   withDestinationPath: site.root.path)
        let (removing, _) = try build(into: "out")
        #expect(removing.diagnostics.contains { $0.code == "output.symlink" })
        let (after, _) = try build(into: "out")
        #expect(after.pagesWritten == 0)
        #expect(!after.diagnostics.contains { $0.code == "output.symlink" })
    }

    /// Whatever was done to the output since — a page edited (even with its time set back), a file
    /// removed, a file added to a folder of ours — the site is copied back whole, and the next build
    /// finds it untouched again.
    @Test func aTouchedOutputIsCopiedBack() throws {
        let (first, expected) = try build(into: "out")
        let pages = expected.keys.filter { $0.hasSuffix(".html") }.sorted()
        let output = site.root.appendingPathComponent("out")
        let edited = output.appendingPathComponent(pages[0])
        var info = stat()
        #expect(lstat(edited.path, &info) == 0)
        let time = info.st_mtim
        let damages: [() throws -> Void] = [
            {
                // Same inode, same size, the same modification time to the nanosecond: only the change
                // time tells.
                var bytes = try Data(contentsOf: edited)
                bytes[bytes.count - 2] ^= 0x20
                try bytes.write(to: edited)
                var times = [time, time]
                #expect(utimensat(AT_FDCWD, edited.path, &times, AT_SYMLINK_NOFOLLOW) == 0)
                var now = stat()
                #expect(lstat(edited.path, &now) == 0)
                #expect(now.st_mtim.tv_sec == time.tv_sec && now.st_mtim.tv_nsec == time.tv_nsec && now.st_ino == info.st_ino)
            },
            { try FileManager.default.removeItem(at: output.appendingPathComponent(pages[1])) },
            { try Data("stray".utf8).write(to: output.appendingPathComponent(pages[2]).deletingLastPathComponent().appendingPathComponent("stray.txt")) },
        ]
        for damage in damages {
            try damage()
            let (report, restored) = try build(into: "out")
            #expect(report.pagesFromCache == first.pagesWritten && report.pagesWritten == first.pagesWritten)
            #expect(restored.filter { !$0.key.hasSuffix("stray.txt") } == expected)
            let (again, _) = try build(into: "out")
            #expect(again.pagesWritten == 0)
        }
    }

    /// Inode, size and times of every file of an output.
    func identities(in name: String) throws -> [String: [String]] {
        let folder = site.root.appendingPathComponent(name).path
        var result: [String: [String]] = [:]
        for path in FileManager.default.subpaths(atPath: folder) ?? [] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            result[path] = [attributes[.systemFileNumber], attributes[.size], attributes[.modificationDate]].map { "\($0 ?? "")" }
        }
        return result
    }

    /// A record of the site that does not decode costs a build, never a wrong site.
    @Test func aDamagedSiteRecordBuildsAgain() throws {
        let (_, expected) = try build(into: "first")
        let folder = cache.appendingPathComponent("pages")
        let records = cachedPages.filter { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name)))?.starts(with: Data("audit-site site record".utf8)) == true
        }
        #expect(records.count == 1)
        // Cut in the middle of its list of files.
        for name in records {
            let url = folder.appendingPathComponent(name)
            let bytes = try Data(contentsOf: url)
            try bytes.prefix(bytes.count / 2).write(to: url)
        }
        let (report, rebuilt) = try build(into: "second")
        #expect(report.timings.contains { $0.step == "read" })
        #expect(report.pagesFromCache == expected.keys.filter { $0.hasSuffix(".html") }.count)
        #expect(rebuilt == expected)
        let (third, _) = try build(into: "third")
        #expect(!third.timings.contains { $0.step == "read" })
    }
}
