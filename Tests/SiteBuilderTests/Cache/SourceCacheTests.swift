import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SiteBuilder
import Testing

/// `build --cache DIR`: a second build reads its reports from the cache and writes the same site,
/// byte for byte; what changed is read again; a broken or foreign cache costs a re-read, never a
/// wrong site.
@Suite final class SourceCacheTests {
    let site: TestSite
    var cache: URL { site.root.appendingPathComponent("cache") }

    init() throws {
        site = try TestSite(fixture: "timeline")
    }

    deinit { site.remove() }

    func build(into name: String, cache useCache: Bool = true) throws -> (BuildReport, [String: Data]) {
        var options = site.options(output: site.root.appendingPathComponent(name))
        if useCache { options.cacheDirectory = cache }
        let report = try SiteBuilder(options: options).build()
        return (report, try site.snapshot(of: site.root.appendingPathComponent(name)))
    }

    var entries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".entry") }.sorted()
    }

    @Test func secondBuildReadsEveryReportFromTheCacheAndWritesTheSameSite() throws {
        let (plain, expected) = try build(into: "plain", cache: false)
        let (first, firstSite) = try build(into: "first")
        #expect(first.sourcesFromCache == 0)
        #expect(entries.count == 6)
        let (second, secondSite) = try build(into: "second")
        #expect(second.sourcesFromCache == 6)
        #expect(second.auditCount == plain.auditCount)
        #expect(second.diagnostics == plain.diagnostics)
        #expect(firstSite == expected)
        #expect(secondSite == expected)
    }

    @Test func anEditedReportIsReadAgainAndItsOldEntryRemoved() throws {
        _ = try build(into: "first")
        let before = Set(entries)
        let file = "content/acme/2025-01-10-audit.fr.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(file), encoding: .utf8)
        try site.write(file, text.replacingOccurrences(of: "GAP-1", with: "GAP-77"))
        let (report, cached) = try build(into: "second")
        #expect(report.sourcesFromCache == 5)
        #expect(entries.count == 6)
        #expect(Set(entries).subtracting(before).count == 1)
        let (_, fresh) = try build(into: "fresh", cache: false)
        #expect(cached == fresh)
    }

    @Test func brokenEntriesAreReadAgainAndRewritten() throws {
        let (_, expected) = try build(into: "first")
        for (index, name) in entries.enumerated() {
            let url = cache.appendingPathComponent(name)
            switch index % 3 {
            case 0: try Data().write(to: url)
            case 1: try Data("not a cache entry at all".utf8).write(to: url)
            default: try Data([0, 0, 0, 0, 0, 0, 0, 40] + Array("{\"language\": 3}".utf8)).write(to: url)
            }
        }
        // The readings alone: without the pages, no recorded site is copied back and reports are read.
        try FileManager.default.removeItem(at: cache.appendingPathComponent("pages"))
        let (report, rebuilt) = try build(into: "second")
        #expect(report.sourcesFromCache == 0)
        #expect(rebuilt == expected)
        let (third, _) = try build(into: "third")
        #expect(third.sourcesFromCache == 6)
    }

    /// A body is read from its entry's file when its pages are written: bytes damaged there since
    /// (here, invalid UTF-8 at its end) are repaired into U+FFFD, never copied into a page as they are.
    @Test func aDamagedBodyIsRepairedBeforeItReachesAPage() throws {
        _ = try build(into: "first")
        for name in entries {
            let handle = try FileHandle(forWritingTo: cache.appendingPathComponent(name))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0xFF, 0xC3]))
            try handle.close()
        }
        try FileManager.default.removeItem(at: cache.appendingPathComponent("pages"))
        let (report, rebuilt) = try build(into: "second")
        #expect(report.sourcesFromCache == 6)
        let pages = rebuilt.filter { $0.key.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for (path, bytes) in pages {
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(path) is not valid UTF-8")
        }
        #expect(pages.values.contains { String(decoding: $0, as: UTF8.self).contains("\u{FFFD}") })
    }

    @Test func aChangedConfigurationStartsOver() throws {
        _ = try build(into: "first")
        let config = try String(contentsOf: site.config, encoding: .utf8)
        try site.write("site.yaml", config + "\nvocabulary: {statuses: {done: {words: [livré]}}}\n")
        let (report, _) = try build(into: "second")
        #expect(report.sourcesFromCache == 0)
        #expect(entries.count == 6)
    }

    /// Bodies are read from the cache's entries while pages are written: a second build must not prune
    /// them meanwhile, so it stops with a message naming the folder.
    @Test func aCacheFolderInUseIsRefused() throws {
        _ = try build(into: "first")
        let lockPath = site.root.appendingPathComponent(".cache.lock").path
        let holder = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(holder >= 0)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
        #expect {
            _ = try self.build(into: "second")
        } throws: { error in
            "\(error)".contains("is writing to") && "\(error)".contains("cache")
        }
        flock(holder, LOCK_UN)
        let (report, _) = try build(into: "third")
        #expect(report.sourcesFromCache == 6)
    }

    @Test func aCacheFolderThatCannotBeMadeIsAClearError() throws {
        try site.write("blocker", "a file where the cache folder should be")
        var options = site.options()
        options.cacheDirectory = site.root.appendingPathComponent("blocker/cache")
        #expect {
            try SiteBuilder(options: options).build()
        } throws: { error in
            "\(error)".contains("blocker/cache") && "\(error)".contains("cache folder")
        }
    }
}
