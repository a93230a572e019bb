import Diagnostics
import Dispatch
import Foundation
import Renderer

/// The steps that write: pages (rendered or copied from `--cache`), exports, and the swap.
extension SiteBuilder {
    /// Files besides pages: data exports, search indexes, theme assets.
    func extraFiles(_ merged: Merged, _ loaded: Loaded) -> [(String, Data)] {
        let export = DataExport(portal: merged.portal, languages: loaded.config.languages,
                                cache: keepsCaches ? exports : ExportCache())
        let theme = loaded.theme
        // One job per file (per language for the search index), all in one parallel map: the
        // search indexes and `audits.json`, the longest, go first so that no core waits alone at the
        // end. The files keep the order below (search indexes last) whatever order they are made in.
        var jobs: [@Sendable () -> [(String, Data)]] = loaded.config.languages.map { language in
            { SearchIndex(portal: merged.portal, language: language, strings: theme.strings(for: language)).files() }
        }
        let searchJobs = jobs.count
        jobs.append { [("data/audits.json", export.audits())] }
        jobs.append { [("data/gaps.json", export.gaps())] }
        let feeds = Feeds(portal: merged.portal, settings: loaded.settings)
        for language in loaded.config.languages {
            let strings = theme.strings(for: language)
            jobs.append { [(Feeds.path(language: language), Data(feeds.atom(language: language, strings: strings).utf8))] }
            for project in merged.portal.projects {
                jobs.append {
                    [(Feeds.path(language: language, project: project.slug),
                      Data(feeds.atom(language: language, project: project.slug, strings: strings).utf8))]
                }
            }
        }
        if let sitemap = feeds.sitemap(pages: merged.pages) { jobs.append { [("sitemap.xml", Data(sitemap.utf8))] } }
        let made = Parallel.map(jobs) { $0() }
        var files = (made[searchJobs...] + made[..<searchJobs]).flatMap { $0 }
        for asset in theme.assets {
            if let data = theme.asset(asset) { files.append(("assets/" + asset, data)) }
        }
        return files
    }

    /// Writes the whole site into a staging folder and swaps it in; returns the hash of every file.
    /// - Parameter recordKey: with a page cache, where to record the site (see `SiteRecord`).
    func writeAll(_ merged: Merged, loaded: Loaded, digests: PageCache.Digests?, recordKey: String? = nil,
                  _ report: inout BuildReport) throws -> [String: Int] {
        let output = OutputFolder(url: options.outputDirectory, display: options.display(options.outputDirectory))
        let staging = try output.makeStaging()
        do {
            let cache = loaded.pageCache.flatMap { cache in digests.map { (cache: cache, digests: $0) } }
            // Files besides pages are copied from the cache, or made and written while the pages
            // render, on a thread of their own: the longest of them (`audits.json`) kept one core
            // alone at the end of the build when they followed the pages.
            let copiedExports = cache.flatMap { $0.cache.copyExports($0.digests, into: staging) }
            let exports = copiedExports == nil ? Parallel.start { [self] () -> Result<[(path: String, hash: Int)], Error> in
                let extras = extraFiles(merged, loaded)
                do {
                    // (`makeDirectories` takes a folder the pages' thread made meanwhile as made.)
                    try PageFiles.makeDirectories(Set(extras.map { PageFiles.parent(of: $0.0) }), in: staging)
                    for (path, data) in extras { try PageFiles.writeFile(data, to: staging.path + "/" + path) }
                } catch {
                    return .failure(error)
                }
                cache?.cache.storeExports(extras, cache!.digests)
                return .success(extras.map { ($0.0, keepsCaches ? PageFiles.contentHash($0.1) : 0) })
            } : nil
            // Whatever happens to the pages, the exports' thread is done before the staging folder goes.
            defer { _ = exports?.wait() }
            let (hashes, failures, copied) = try render(merged, pages: merged.pages, into: staging, compareWith: [:], cache: cache)
            report.diagnostics += failures
            report.pagesFromCache = copied
            let extrasStart = DispatchTime.now().uptimeNanoseconds
            var allHashes = hashes
            let extraPaths: [String]
            if let copiedExports {
                // Copied whole from the cache; hashes are kept by `serve` only, which has no page cache.
                for path in copiedExports { allHashes[path] = 0 }
                extraPaths = copiedExports
            } else {
                let written = try exports!.wait().get()
                for (path, hash) in written { allHashes[path] = hash }
                extraPaths = written.map(\.path)
            }
            report.timings.append(("exports", Double(DispatchTime.now().uptimeNanoseconds - extrasStart) / 1e6))
            report.pagesWritten = hashes.count
            // What the build itself said, for the site record (the swap's own messages are said anew by
            // the build that restores it).
            let buildDiagnostics = report.diagnostics.sorted()
            cache?.cache.forgetStamp()
            report.diagnostics += try output.swap(in: staging, written: Array(allHashes.keys))
            if let cache {
                let pageKeys = merged.pages.map { cache.cache.key(for: $0, cache.digests) }
                let exportKeys = cache.cache.exportKeys(extraPaths, cache.digests)
                var used = Set(pageKeys.compactMap { $0 } + exportKeys)
                // A site every file of which is in the cache is recorded whole, for a build of the same inputs.
                var recorded: [String]?
                if let recordKey, failures.isEmpty, !pageKeys.contains(nil), exportKeys.count == extraPaths.count + 1 {
                    let files = zip(merged.pages, pageKeys).map { SiteRecord.File(path: $0.path, entry: $1!) }
                        + zip(extraPaths, exportKeys.dropFirst()).map { SiteRecord.File(path: $0, entry: $1) }
                    cache.cache.store(SiteRecord(files: files, diagnostics: buildDiagnostics, audits: report.auditCount,
                                                 projects: report.projectCount, pages: hashes.count), key: recordKey)
                    used.insert(recordKey)
                    recorded = files.map(\.path)
                }
                cache.cache.prune(keeping: used)
                report.diagnostics.sort()
                // The output as this build leaves it, for the next build of the same inputs.
                if let recordKey, let recorded,
                   let stamp = OutputStamp.take(of: options.outputDirectory, files: recorded, recordKey: recordKey, report: report) {
                    cache.cache.store(stamp)
                }
            } else {
                report.diagnostics.sort()
            }
            if options.strict, report.errorCount > 0 { throw BuildFailure(report: report, strict: true) }
            return allHashes
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Renders `pages` into the published output and writes those whose bytes changed, the exports
    /// when `extras`; removes pages the site no longer has. Returns the hash of every file.
    func writeIncremental(_ merged: Merged, loaded: Loaded, pages: [PagePlan], extras: Bool, previous: [String: Int],
                          previousPages: [PagePlan], _ report: inout BuildReport) throws -> [String: Int] {
        let start = DispatchTime.now().uptimeNanoseconds
        let (hashes, failures, _) = try render(merged, pages: pages, into: options.outputDirectory, compareWith: previous)
        report.timings.append(("pages", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        report.diagnostics += failures
        var now = previous
        var changedCount = 0
        // The manifest (the list of files the output holds) is written again only when that list changed.
        var listChanged = false
        for (path, hash) in hashes {
            if previous[path] != hash { changedCount += 1 }
            if previous[path] == nil { listChanged = true }
            now[path] = hash
        }
        let extrasStart = DispatchTime.now().uptimeNanoseconds
        let extraFiles = extras ? extraFiles(merged, loaded) : []
        for (path, data) in extraFiles where previous[path] != PageFiles.contentHash(data) {
            try PageFiles.write(data, to: options.outputDirectory.appendingPathComponent(path))
            if previous[path] == nil { listChanged = true }
            now[path] = PageFiles.contentHash(data)
        }
        // Files besides pages the site no longer has: search shards (they follow the words of the
        // portal), the feeds of a project that went away.
        if extras {
            let current = Set(extraFiles.map(\.0))
            for path in previous.keys where !path.hasSuffix(".html") && !current.contains(path) {
                try? FileManager.default.removeItem(at: options.outputDirectory.appendingPathComponent(path))
                now[path] = nil
                listChanged = true
            }
        }
        report.timings.append(("exports", Double(DispatchTime.now().uptimeNanoseconds - extrasStart) / 1e6))
        // Pages that no longer exist (a report was deleted or renamed).
        if !previousPages.elementsEqual(merged.pages, by: { $0.path == $1.path }) {
            let planned = Set(merged.pages.map(\.path))
            for path in previous.keys where path.hasSuffix(".html") && !planned.contains(path) {
                try? FileManager.default.removeItem(at: options.outputDirectory.appendingPathComponent(path))
                now[path] = nil
                listChanged = true
            }
        }
        if listChanged {
            try (now.keys.sorted().joined(separator: "\n") + "\n")
                .write(to: options.outputDirectory.appendingPathComponent(OutputFolder.manifestName), atomically: true, encoding: .utf8)
        }
        report.pagesWritten = changedCount
        report.pagesUnchanged = hashes.count - changedCount
        return now
    }

    /// Renders pages on every core and writes those whose bytes differ from `compareWith`.
    /// - Parameter cache: pages found there are copied instead of rendered (their hash is then 0: only
    ///   a one-shot build has a page cache, and it keeps no hashes).
    /// Hashes are 0 unless `keepsCaches` is set or `previous` is not empty: only `serve` uses them.
    func render(_ merged: Merged, pages: [PagePlan], into folder: URL, compareWith previous: [String: Int],
                cache: (cache: PageCache, digests: PageCache.Digests)? = nil) throws -> ([String: Int], [Diagnostic], copied: Int) {
        try PageFiles.makeDirectories(Set(pages.map { PageFiles.parent(of: $0.path) }), in: folder)
        let profile = ProcessInfo.processInfo.environment["AUDIT_SITE_PROFILE"] != nil ? RenderProfile() : nil
        defer { profile?.print() }
        progress.begin("writing", total: pages.count)
        defer { progress.end() }
        // A page that cannot be rendered is a diagnostic (the rest is built); a page that cannot be
        // written (a full disk, a file size limit) fails the whole build, so the old site stays.
        let hashing = keepsCaches || !previous.isEmpty
        let results = Parallel.map(pages) { [progress] plan -> (String, Int?, Diagnostic?, Error?, fromCache: Bool) in
            defer { progress.advance() }
            let key = cache.flatMap { $0.cache.key(for: plan, $0.digests) }
            if let key, cache!.cache.copy(key, to: folder.path + "/" + plan.path) { return (plan.path, 0, nil, nil, true) }
            let data: [UInt8]
            do {
                let start = DispatchTime.now().uptimeNanoseconds
                data = try merged.renderer.render(plan)
                profile?.add(plan, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, bytes: data.count)
            } catch {
                return (plan.path, nil, .error(plan.path, code: "render.failed", "page could not be rendered: \(error)"), nil, false)
            }
            // Hashes serve the next incremental rebuild only (`serve`): a one-shot build spares them.
            let hash = hashing ? PageFiles.contentHash(data) : 0
            if previous[plan.path] != hash || !hashing {
                do { try PageFiles.writeFile(data, to: folder.path + "/" + plan.path) } catch { return (plan.path, nil, nil, error, false) }
            }
            if let key { cache!.cache.store(data, key: key) }
            return (plan.path, hash, nil, nil, false)
        }
        var hashes: [String: Int] = [:]
        var failures: [Diagnostic] = []
        var copied = 0
        for (path, hash, failure, writeError, fromCache) in results {
            if let writeError { throw writeError }
            if let hash { hashes[path] = hash }
            if let failure { failures.append(failure) }
            if fromCache { copied += 1 }
        }
        return (hashes, failures, copied)
    }
}
