import Diagnostics
import Dispatch
import Extraction
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Markdown
import DefaultTheme
import Portal
import Renderer
import Templates

/// Builds the portal: a short list of named steps, each a small type of its own.
///
///     load      site.yaml and the theme (fatal when broken)
///     scan      content/<project>/<name>[.<lang>].md
///     read      decode, repair mojibake, split front matter, parse, extract     (parallel, cached)
///     merge     pair translations, timelines, GAP lifecycle, trends
///     render    plan pages and render them                                      (parallel)
///     write     into a staging folder, then swap it in
///
/// The builder keeps what it read between runs, so `serve` rebuilds incrementally: only changed files
/// are read again, and only the pages of projects they belong to (plus site-wide pages) are rendered.
public final class SiteBuilder: @unchecked Sendable {
    public let options: BuildOptions
    let lock = NSLock()
    var cache: [String: SourceReader.ParsedSource] = [:]
    /// Hash of every page written last time, by relative path.
    var written: [String: Int] = [:]
    /// Export elements and GAP index rows per project, reused by rebuilds for the projects that did
    /// not change. Kept only by a long-lived builder (`serve`): a one-shot build would only hold memory.
    let exports = ExportCache()
    public var keepsCaches = false
    /// Rendered bodies between reading and writing (see `BodySpool`).
    let spool = BodySpool()
    /// Files read and pages written so far, for a progress line on a terminal.
    public let progress = BuildProgress()
    /// The output's lock while this builder writes it: for one build, or for as long as a
    /// long-lived builder (`serve`) lives.
    var outputLock: OutputLock?

    /// Lets go of the output (a preview that stops; a test that builds the same output from scratch).
    public func releaseOutput() {
        lock.withLock { outputLock = nil }
    }

    /// Takes the output's lock unless this builder already holds it.
    func lockOutput() throws {
        if lock.withLock({ outputLock }) != nil { return }
        let taken = try OutputLock(output: options.outputDirectory, display: options.display(options.outputDirectory))
        lock.withLock { outputLock = taken }
    }

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Everything the steps share once loaded.
    struct Loaded {
        let config: SiteConfig
        let theme: Theme
        let ids: IDMatcher
        let settings: SiteSettings
        /// Readings kept between builds, when `--cache` names a folder.
        var sourceCache: SourceCache?
    }

    struct Merged {
        let loaded: Loaded
        let portal: Portal
        let renderer: SiteRenderer
        let pages: [PagePlan]
        let sources: [SourceReader.ParsedSource]
        let bodies: [AuditID: [String: BodySpool.Entry]]
        let diagnostics: [Diagnostic]
    }

    /// The last successful build, kept for `serve`: a change to the prose of a report (facts
    /// unchanged) reuses it whole and re-renders only that report's pages.
    var last: Merged?
    /// A rebuild whose exports are still to be written (`rebuild(…, deferExports: true)`).
    var pendingExports: Merged?

    // MARK: Entry points

    /// Full build, written through a staging folder. Throws on fatal problems, and in strict mode on
    /// any error diagnostic (the previous site is then kept).
    @discardableResult
    public func build() throws -> BuildReport {
        var report = BuildReport()
        try OutputFolder.checkSafe(options)
        try lockOutput()
        // A one-shot build lets go of the output when it is done; `serve` keeps it.
        defer { if !keepsCaches { lock.withLock { outputLock = nil } } }
        exports.invalidateAll()
        lock.withLock { pendingExports = nil }
        spool.reset()
        let merged = try prepare(&report, useCache: false)
        if options.strict, report.errorCount > 0 { throw BuildFailure(report: report, strict: true) }
        try timed("write", &report) { try writeAll(merged, &$0) }
        lock.withLock { last = merged }
        return report
    }

    /// Everything but writing: the diagnostics `check` prints. Pages are rendered (to catch template
    /// errors) and thrown away.
    public func check(gates: [CheckRules.Gate] = []) throws -> BuildReport {
        var report = BuildReport()
        let merged = try prepare(&report, useCache: false)
        let failures = Parallel.map(merged.pages) { plan -> Diagnostic? in
            do { _ = try merged.renderer.render(plan); return nil } catch {
                return .error(plan.path, code: "render.failed", "page could not be rendered: \(error)")
            }
        }
        report.diagnostics += failures.compactMap { $0 }
        report.diagnostics += CheckRules(config: merged.loaded.config, gates: gates).run(merged.portal)
        report.diagnostics.sort()
        return report
    }

    /// Files and folders `serve` watches: the content, the configuration and the theme folder (given
    /// on the command line or named in `site.yaml`), if any.
    public var watchedPaths: [String] {
        let themeFolder = options.themeDirectory ?? lock.withLock { last?.loaded.theme.source.folder }
            ?? (try? SiteConfig.load(options.configFile, required: false, display: ""))?.themeFolder
        return [options.contentDirectory.path] + (themeFolder.map { [$0.path] } ?? []) + (options.configFile.map { [$0.path] } ?? [])
    }

    // MARK: Steps

    func prepare(_ report: inout BuildReport, useCache: Bool, loaded reuse: Loaded? = nil) throws -> Merged {
        let loaded = try timed("load", &report) { _ in try reuse ?? load() }
        let scan = try timed("scan", &report) { _ in try scanner(loaded).scan() }
        report.diagnostics += scan.diagnostics
        let sources = timed("read", &report) { read(scan.files, loaded, useCache: useCache, report: &$0) }
        let merged = timed("merge", &report) { merge(sources, scan: scan, loaded, report: &$0) }
        report.auditCount = merged.portal.allAudits.count
        report.projectCount = merged.portal.projects.count
        report.diagnostics.sort()
        return Merged(loaded: merged.loaded, portal: merged.portal, renderer: merged.renderer, pages: merged.pages,
                      sources: merged.sources, bodies: merged.bodies, diagnostics: report.diagnostics)
    }

    func load() throws -> Loaded {
        let configDisplay = options.configFile.map { options.display($0) } ?? "site.yaml"
        let config = try SiteConfig.load(options.configFile, required: options.configRequired, display: configDisplay)
        let theme: Theme
        do {
            let source = try ThemeSource(builtIn: DefaultTheme.files, folder: options.themeDirectory ?? config.themeFolder)
            theme = try Theme(source: source, languages: config.languages)
        } catch let error as ThemeError {
            throw BuildError.fatal(error.description)
        }
        let ids = try IDMatcher(pattern: config.idPattern)
        var titles: [String: String] = [:]
        for language in config.languages {
            titles[language] = config.title(in: language) ?? theme.strings(for: language)["site.title"] ?? "Audits"
        }
        let settings = SiteSettings(titles: titles, languages: config.languages, defaultLanguage: config.defaultLanguage,
                                    baseURL: options.baseURL ?? config.baseURL)
        var sourceCache: SourceCache?
        if let folder = options.cacheDirectory {
            do {
                sourceCache = try SourceCache(folder: folder, configuration: config.text)
            } catch {
                throw BuildError.fatal("\(options.display(folder)): cannot use this cache folder: \(error.localizedDescription)")
            }
        }
        return Loaded(config: config, theme: theme, ids: ids, settings: settings, sourceCache: sourceCache)
    }

    func read(_ files: [ContentScanner.SourceFile], _ loaded: Loaded, useCache: Bool,
                      report: inout BuildReport) -> [SourceReader.ParsedSource] {
        let reader = reader(loaded)
        let previous = useCache ? lock.withLock { cache } : [:]
        progress.begin("reading", total: files.count)
        defer { progress.end() }
        let results = Parallel.map(files) { [progress] file -> (SourceReader.ParsedSource?, [Diagnostic]) in
            defer { progress.advance() }
            if let cached = previous[file.path], cached.file == file, cached.stamp == FileStamp(path: file.path) {
                return (cached, cached.diagnostics)
            }
            return reader.read(file)
        }
        var sources: [SourceReader.ParsedSource] = []
        var fresh: [String: SourceReader.ParsedSource] = [:]
        for (source, diagnostics) in results {
            report.diagnostics += diagnostics
            if let source {
                sources.append(source)
                fresh[source.file.path] = source
                if source.fromCache { report.sourcesFromCache += 1 }
            }
        }
        lock.withLock { cache = fresh }
        reader.cache?.prune(keeping: Set(sources.compactMap(\.cacheKey)))
        return sources
    }

    /// The content scanner with the site's settings (languages, limits): full builds and rebuilds alike.
    func scanner(_ loaded: Loaded) -> ContentScanner {
        ContentScanner(options: options, languages: loaded.config.languages, reportsPerProject: loaded.config.reportsPerProject)
    }

    /// The per-file reader with the site's settings (languages, vocabulary, ID pattern, limits).
    func reader(_ loaded: Loaded) -> SourceReader {
        var reader = SourceReader(languages: loaded.config.languages, defaultLanguage: loaded.config.defaultLanguage,
                                  vocabulary: loaded.config.vocabulary, ids: loaded.ids, spool: spool)
        reader.maximumFileSize = loaded.config.maxFileBytes
        reader.yamlLimits = loaded.config.yamlLimits
        reader.cache = loaded.sourceCache
        return reader
    }

    func merge(_ sources: [SourceReader.ParsedSource], scan: ContentScanner.Result, _ loaded: Loaded,
                       report: inout BuildReport) -> Merged {
        let assembler = AuditAssembler(config: loaded.config)
        let (audits, assemblyDiagnostics) = assembler.assemble(sources)
        let slugs = Set(audits.map(\.project)).sorted()
        let (infos, projectDiagnostics) = assembler.projectInfos(slugs: slugs, projectFiles: scan.projectFiles, sources: sources) {
            self.options.display(URL(fileURLWithPath: $0))
        }
        let portal = Portal(audits: audits, projects: infos, ids: loaded.ids)
        report.diagnostics += assemblyDiagnostics + projectDiagnostics + portal.diagnostics
        var bodies: [AuditID: [String: BodySpool.Entry]] = [:]
        for source in sources {
            bodies[AuditID(project: source.file.project, slug: source.file.slug), default: [:]][source.language] = source.body
        }
        let frozen = bodies
        let renderer = SiteRenderer(portal: portal, theme: loaded.theme, settings: loaded.settings, vocabulary: loaded.config.vocabulary,
                                    ids: loaded.ids, cache: keepsCaches ? exports : nil) { [spool] auditID, language in
            frozen[auditID]?[language].map(spool.load)
        }
        return Merged(loaded: loaded, portal: portal, renderer: renderer, pages: renderer.plan(), sources: sources,
                      bodies: frozen, diagnostics: [])
    }

    // MARK: Writing

    /// Files besides pages: data exports, search indexes, theme assets.
    func extraFiles(_ merged: Merged) -> [(String, Data)] {
        let export = DataExport(portal: merged.portal, languages: merged.loaded.config.languages,
                                cache: keepsCaches ? exports : ExportCache())
        let theme = merged.loaded.theme
        // Each export is serialised on its own core.
        var jobs: [@Sendable () -> (String, Data)] = [
            { ("data/audits.json", Data(export.audits().utf8)) },
            { ("data/gaps.json", Data(export.gaps().utf8)) },
        ]

        let feeds = Feeds(portal: merged.portal, settings: merged.loaded.settings)
        for language in merged.loaded.config.languages {
            let strings = theme.strings(for: language)
            jobs.append { (Feeds.path(language: language), Data(feeds.atom(language: language, strings: strings).utf8)) }
            for project in merged.portal.projects {
                jobs.append {
                    (Feeds.path(language: language, project: project.slug),
                     Data(feeds.atom(language: language, project: project.slug, strings: strings).utf8))
                }
            }
        }
        if let sitemap = feeds.sitemap(pages: merged.pages) { jobs.append { ("sitemap.xml", Data(sitemap.utf8)) } }
        var files = Parallel.map(jobs) { $0() }
        // The search index: a handful of files per language, built on its own core each.
        files += Parallel.map(merged.loaded.config.languages) { language in
            SearchIndex(portal: merged.portal, language: language, strings: theme.strings(for: language)).files()
        }.flatMap { $0 }
        for asset in theme.assets {
            if let data = theme.asset(asset) { files.append(("assets/" + asset, data)) }
        }
        return files
    }

    func writeAll(_ merged: Merged, _ report: inout BuildReport) throws {
        let output = OutputFolder(url: options.outputDirectory, display: options.display(options.outputDirectory))
        let staging = try output.makeStaging()
        do {
            let (hashes, failures) = try render(merged, pages: merged.pages, into: staging, compareWith: [:])
            report.diagnostics += failures
            let extrasStart = DispatchTime.now().uptimeNanoseconds
            let extras = extraFiles(merged)
            report.timings.append(("exports", Double(DispatchTime.now().uptimeNanoseconds - extrasStart) / 1e6))
            var allHashes = hashes
            for (path, data) in extras {
                try PageFiles.write(data, to: staging.appendingPathComponent(path))
                allHashes[path] = PageFiles.contentHash(data)
            }
            report.pagesWritten = hashes.count
            report.diagnostics += try output.swap(in: staging, written: Array(allHashes.keys))
            lock.withLock { written = allHashes }
            report.diagnostics.sort()
            if options.strict, report.errorCount > 0 { throw BuildFailure(report: report, strict: true) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    func writeIncremental(_ merged: Merged, pages: [PagePlan], extras: Bool, _ report: inout BuildReport) throws {
        let previous = lock.withLock { written }
        let start = DispatchTime.now().uptimeNanoseconds
        let (hashes, failures) = try render(merged, pages: pages, into: options.outputDirectory, compareWith: previous)
        report.timings.append(("pages", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        report.diagnostics += failures
        var now = previous
        var changedCount = 0
        for (path, hash) in hashes {
            if previous[path] != hash { changedCount += 1 }
            now[path] = hash
        }
        let extrasStart = DispatchTime.now().uptimeNanoseconds
        let extraFiles = extras ? extraFiles(merged) : []
        for (path, data) in extraFiles where previous[path] != PageFiles.contentHash(data) {
            try PageFiles.write(data, to: options.outputDirectory.appendingPathComponent(path))
            now[path] = PageFiles.contentHash(data)
        }
        // Search files the new index no longer has (its shards follow the words of the portal).
        if extras {
            let current = Set(extraFiles.map(\.0))
            for path in previous.keys where path.hasPrefix("data/search/") && !current.contains(path) {
                try? FileManager.default.removeItem(at: options.outputDirectory.appendingPathComponent(path))
                now[path] = nil
            }
        }
        report.timings.append(("exports", Double(DispatchTime.now().uptimeNanoseconds - extrasStart) / 1e6))
        // Pages that no longer exist (a report was deleted or renamed).
        let planned = Set(merged.pages.map(\.path))
        for path in previous.keys where path.hasSuffix(".html") && !planned.contains(path) {
            try? FileManager.default.removeItem(at: options.outputDirectory.appendingPathComponent(path))
            now[path] = nil
        }
        try (now.keys.sorted().joined(separator: "\n") + "\n")
            .write(to: options.outputDirectory.appendingPathComponent(OutputFolder.manifestName), atomically: true, encoding: .utf8)
        lock.withLock { written = now }
        report.pagesWritten = changedCount
        report.pagesUnchanged = hashes.count - changedCount
    }

    /// Renders pages on every core and writes those whose bytes differ from `compareWith`.
    func render(_ merged: Merged, pages: [PagePlan], into folder: URL,
                        compareWith previous: [String: Int]) throws -> ([String: Int], [Diagnostic]) {
        try PageFiles.makeDirectories(Set(pages.map { ($0.path as NSString).deletingLastPathComponent }), in: folder)
        let profile = ProcessInfo.processInfo.environment["AUDIT_SITE_PROFILE"] != nil ? RenderProfile() : nil
        defer { profile?.print() }
        progress.begin("writing", total: pages.count)
        defer { progress.end() }
        // A page that cannot be rendered is a diagnostic (the rest is built); a page that cannot be
        // written (a full disk, a file size limit) fails the whole build, so the old site stays.
        let results = Parallel.map(pages) { [progress] plan -> (String, Int?, Diagnostic?, Error?) in
            defer { progress.advance() }
            let html: String
            do {
                let start = DispatchTime.now().uptimeNanoseconds
                html = try merged.renderer.render(plan)
                profile?.add(plan, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, bytes: html.utf8.count)
            } catch {
                return (plan.path, nil, .error(plan.path, code: "render.failed", "page could not be rendered: \(error)"), nil)
            }
            let data = Data(html.utf8)
            let hash = PageFiles.contentHash(data)
            if previous[plan.path] != hash {
                do { try PageFiles.writeFile(data, to: folder.path + "/" + plan.path) } catch { return (plan.path, nil, nil, error) }
            }
            return (plan.path, hash, nil, nil)
        }
        var hashes: [String: Int] = [:]
        var failures: [Diagnostic] = []
        for (path, hash, failure, writeError) in results {
            if let writeError { throw writeError }
            if let hash { hashes[path] = hash }
            if let failure { failures.append(failure) }
        }
        return (hashes, failures)
    }

    /// Runs one named step and records how long it took (printed with `--verbose`, used by benchmarks).
    func timed<T>(_ step: String, _ report: inout BuildReport, _ body: (inout BuildReport) throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body(&report)
        report.timings.append((step, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        return result
    }
}
