import Diagnostics
import Dispatch
import Extraction
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Markdown
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
    private let lock = NSLock()
    private var cache: [String: SourceReader.ParsedSource] = [:]
    /// Hash of every page written last time, by relative path.
    private var written: [String: Int] = [:]
    /// Export elements per project, reused by rebuilds for the projects that did not change.
    private let exports = ExportCache()

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Everything the steps share once loaded.
    struct Loaded {
        let config: SiteConfig
        let theme: Theme
        let ids: IDMatcher
        let settings: SiteSettings
    }

    struct Merged {
        let loaded: Loaded
        let portal: Portal
        let renderer: SiteRenderer
        let pages: [PagePlan]
        let sources: [SourceReader.ParsedSource]
        let bodies: [String: [String: RenderedBody]]
        let diagnostics: [Diagnostic]
    }

    /// The last successful build, kept for `serve`: a change to the prose of a report (facts
    /// unchanged) reuses it whole and re-renders only that report's pages.
    private var last: Merged?

    // MARK: Entry points

    /// Full build, written through a staging folder. Throws on fatal problems, and in strict mode on
    /// any error diagnostic (the previous site is then kept).
    @discardableResult
    public func build() throws -> BuildReport {
        var report = BuildReport()
        try OutputFolder.checkSafe(options)
        exports.invalidateAll()
        let merged = try prepare(&report, useCache: false)
        if options.strict, report.errorCount > 0 { throw BuildError.failed(errors: report.errorCount) }
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

    /// Incremental rebuild after `changed` paths changed: a change to the theme or the configuration
    /// rebuilds everything; a change to reports re-reads those reports and re-renders the pages of
    /// their projects and the site-wide pages, writing only pages whose bytes changed.
    /// - Parameter keepOnError: when the rebuild has error diagnostics, write nothing and throw
    ///   `BuildFailure`, so the preview keeps serving the last good site.
    @discardableResult
    public func rebuild(changed: [String], keepOnError: Bool = false) throws -> BuildReport {
        let themePath = options.themeDirectory.path + "/"
        let configPath = options.configFile?.path
        if written.isEmpty || changed.contains(where: { $0.hasPrefix(themePath) || $0 == configPath }) {
            lock.withLock { cache = [:] }
            var report = try build()
            report.timings.insert(("full", 0), at: 0)
            return report
        }
        var report = BuildReport()
        let before = lock.withLock { cache }
        let previous = lock.withLock { last }
        if let previous, let quick = try quickRebuild(previous: previous, before: before, report: &report) {
            return quick
        }
        let merged = try prepare(&report, useCache: true, loaded: previous?.loaded)
        if options.strict, report.errorCount > 0 { throw BuildError.failed(errors: report.errorCount) }
        if keepOnError, report.errorCount > 0 {
            // Forget what was read, so the next change re-reads the broken file and recovers.
            lock.withLock { cache = before }
            throw BuildFailure(report: report)
        }
        // Projects whose reports changed, appeared or disappeared.
        var affected: Set<String> = []
        let now = Dictionary(uniqueKeysWithValues: merged.sources.map { ($0.file.path, $0) })
        for (path, source) in now where before[path]?.stamp != source.stamp { affected.insert(source.file.project) }
        for (path, source) in before where now[path] == nil { affected.insert(source.file.project) }
        for path in changed where path.hasSuffix("_project.yaml") || path.hasSuffix("_project.yml") {
            affected.insert(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
        }
        let pages = merged.pages.filter { $0.project == nil || affected.contains($0.project!) }
        exports.invalidateAll() // project names or the project set may have changed
        try timed("write", &report) { try writeIncremental(merged, pages: pages, extras: true, &$0) }
        lock.withLock { last = merged }
        return report
    }

    /// The common case while writing: reports changed but what they state did not (same facts, same
    /// diagnostics, same files). The previous merge is reused and only those reports' pages are
    /// rendered again. Returns nil when the change needs a full merge.
    private func quickRebuild(previous: Merged, before: [String: SourceReader.ParsedSource],
                              report: inout BuildReport) throws -> BuildReport? {
        let loaded = previous.loaded
        let scan = try timed("scan", &report) { _ in try ContentScanner(options: options, languages: loaded.config.languages).scan() }
        guard Set(scan.files.map(\.path)) == Set(before.keys) else { return nil }
        let stale = scan.files.filter { before[$0.path]?.stamp != FileStamp(path: $0.path) }
        guard !stale.isEmpty else { return nil }
        let reader = SourceReader(languages: loaded.config.languages, defaultLanguage: loaded.config.defaultLanguage,
                                  vocabulary: loaded.config.vocabulary, ids: loaded.ids)
        let fresh = timed("read", &report) { _ in Parallel.map(stale) { reader.read($0) } }
        var bodies = previous.bodies
        var updated = before
        var auditIDs: Set<String> = []
        var gapIDs: Set<String> = []
        var factsChanged = false
        var statementsChanged = false
        var changedFiles: Set<String> = []
        var fileDiagnostics: [Diagnostic] = []
        for (file, (source, diagnostics)) in zip(stale, fresh) {
            // What the report states must be the same but for line numbers; else a full merge.
            guard let source, let old = before[file.path], source.language == old.language else { return nil }
            if source.facts != old.facts { factsChanged = true }
            // What the report states changed (a status, a score): site-wide pages and exports too.
            if source.facts.withoutLines != old.facts.withoutLines { statementsChanged = true }
            let id = "\(file.project)/\(file.slug)"
            bodies[id, default: [:]][source.language] = source.body
            updated[file.path] = source
            auditIDs.insert(id)
            for facts in [source.facts, old.facts] {
                for item in facts.items { if let gap = item.id { gapIDs.insert("\(file.project)/\(gap)") } }
                for mention in facts.mentions { gapIDs.insert("\(file.project)/\(mention.id)") }
            }
            changedFiles.insert(file.display)
            fileDiagnostics += diagnostics
        }
        let sources = previous.sources.map { updated[$0.file.path] ?? $0 }
        var portal = previous.portal
        var diagnostics = previous.diagnostics.filter { !changedFiles.contains($0.file ?? "") } + fileDiagnostics
        let projects = Set(stale.map(\.project))
        if factsChanged {
            // Lines moved: the project's timeline (GAP histories link to lines) is computed again.
            let assembler = AuditAssembler(config: loaded.config)
            for slug in projects.sorted() {
                let (audits, assembly) = assembler.assemble(sources.filter { $0.file.project == slug })
                portal = portal.replacingProject(slug, audits: audits, ids: loaded.ids)
                diagnostics += assembly.filter { changedFiles.contains($0.file ?? "") }
            }
            diagnostics = diagnostics.filter { $0.code != "gap.undefined" } + portal.diagnostics
        }
        let frozen = bodies
        let renderer = SiteRenderer(portal: portal, theme: loaded.theme, settings: loaded.settings,
                                    vocabulary: loaded.config.vocabulary, ids: loaded.ids, cache: exports) { id, language in frozen[id]?[language] }
        let merged = Merged(loaded: loaded, portal: portal, renderer: renderer, pages: factsChanged ? renderer.plan() : previous.pages,
                            sources: sources, bodies: bodies, diagnostics: diagnostics.sorted())
        // The audit after a changed one shows what changed since it.
        var neighbours = auditIDs
        if statementsChanged {
            for id in auditIDs {
                guard let audit = portal.audit(id), let timeline = portal.project(audit.project),
                      let index = timeline.audits.firstIndex(where: { $0.id == id }), index + 1 < timeline.audits.count else { continue }
                neighbours.insert(timeline.audits[index + 1].id)
            }
        }
        let pages = merged.pages.filter {
            switch $0.kind {
            case .home, .portfolio, .gapIndex: return statementsChanged
            case .audit(_, let id): return neighbours.contains(id)
            case .gap(_, let project, let id): return factsChanged && gapIDs.contains("\(project)/\(id)")
            case .project(_, let project): return factsChanged && projects.contains(project)
            default: return false
            }
        }
        if statementsChanged { exports.invalidate(projects: projects) }
        try timed("write", &report) { try writeIncremental(merged, pages: pages, extras: statementsChanged, &$0) }
        report.diagnostics = merged.diagnostics
        report.auditCount = previous.portal.allAudits.count
        report.projectCount = previous.portal.projects.count
        lock.withLock {
            cache = updated
            last = merged
        }
        return report
    }

    /// Files and folders `serve` watches.
    public var watchedPaths: [String] {
        [options.contentDirectory.path, options.themeDirectory.path] + (options.configFile.map { [$0.path] } ?? [])
    }

    // MARK: Steps

    private func prepare(_ report: inout BuildReport, useCache: Bool, loaded reuse: Loaded? = nil) throws -> Merged {
        let loaded = try timed("load", &report) { _ in try reuse ?? load() }
        let scan = try timed("scan", &report) { _ in try ContentScanner(options: options, languages: loaded.config.languages).scan() }
        report.diagnostics += scan.diagnostics
        let sources = timed("read", &report) { read(scan.files, loaded, useCache: useCache, report: &$0) }
        let merged = timed("merge", &report) { merge(sources, scan: scan, loaded, report: &$0) }
        report.auditCount = merged.portal.allAudits.count
        report.projectCount = merged.portal.projects.count
        report.diagnostics.sort()
        return Merged(loaded: merged.loaded, portal: merged.portal, renderer: merged.renderer, pages: merged.pages,
                      sources: merged.sources, bodies: merged.bodies, diagnostics: report.diagnostics)
    }

    private func load() throws -> Loaded {
        let configDisplay = options.configFile.map { options.display($0) } ?? "site.yaml"
        let config = try SiteConfig.load(options.configFile, required: options.configRequired, display: configDisplay)
        let theme: Theme
        do {
            theme = try Theme(directory: options.themeDirectory, languages: config.languages)
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
        return Loaded(config: config, theme: theme, ids: ids, settings: settings)
    }

    private func read(_ files: [ContentScanner.SourceFile], _ loaded: Loaded, useCache: Bool,
                      report: inout BuildReport) -> [SourceReader.ParsedSource] {
        let reader = SourceReader(languages: loaded.config.languages, defaultLanguage: loaded.config.defaultLanguage,
                                  vocabulary: loaded.config.vocabulary, ids: loaded.ids)
        let previous = useCache ? lock.withLock { cache } : [:]
        let results = Parallel.map(files) { file -> (SourceReader.ParsedSource?, [Diagnostic]) in
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
            }
        }
        lock.withLock { cache = fresh }
        return sources
    }

    private func merge(_ sources: [SourceReader.ParsedSource], scan: ContentScanner.Result, _ loaded: Loaded,
                       report: inout BuildReport) -> Merged {
        let assembler = AuditAssembler(config: loaded.config)
        let (audits, assemblyDiagnostics) = assembler.assemble(sources)
        let slugs = Set(audits.map(\.project)).sorted()
        let (infos, projectDiagnostics) = assembler.projectInfos(slugs: slugs, projectFiles: scan.projectFiles, sources: sources) {
            self.options.display(URL(fileURLWithPath: $0))
        }
        let portal = Portal(audits: audits, projects: infos, ids: loaded.ids)
        report.diagnostics += assemblyDiagnostics + projectDiagnostics + portal.diagnostics
        var bodies: [String: [String: RenderedBody]] = [:]
        for source in sources {
            bodies["\(source.file.project)/\(source.file.slug)", default: [:]][source.language] = source.body
        }
        let frozen = bodies
        let renderer = SiteRenderer(portal: portal, theme: loaded.theme, settings: loaded.settings, vocabulary: loaded.config.vocabulary,
                                    ids: loaded.ids, cache: exports) { auditID, language in
            frozen[auditID]?[language]
        }
        return Merged(loaded: loaded, portal: portal, renderer: renderer, pages: renderer.plan(), sources: sources,
                      bodies: frozen, diagnostics: [])
    }

    // MARK: Writing

    /// Files besides pages: data exports, search indexes, theme assets.
    private func extraFiles(_ merged: Merged) -> [(String, Data)] {
        let export = DataExport(portal: merged.portal, languages: merged.loaded.config.languages, cache: exports)
        let theme = merged.loaded.theme
        // Each export is serialised on its own core.
        var jobs: [@Sendable () -> (String, Data)] = [
            { ("data/audits.json", Data(export.audits().utf8)) },
            { ("data/gaps.json", Data(export.gaps().utf8)) },
        ]
        for language in merged.loaded.config.languages {
            jobs.append {
                let index = export.searchIndex(language: language, strings: theme.strings(for: language))
                return ("data/search-\(language).js", Data("window.AUDIT_SEARCH_INDEX = \(index.dropLast());\n".utf8))
            }
        }
        var files = Parallel.map(jobs) { $0() }
        let staticFolder = options.themeDirectory.appendingPathComponent("static")
        for asset in merged.loaded.theme.assets {
            if let data = FileManager.default.contents(atPath: staticFolder.appendingPathComponent(asset).path) {
                files.append(("assets/" + asset, data))
            }
        }
        return files
    }

    private func writeAll(_ merged: Merged, _ report: inout BuildReport) throws {
        let output = OutputFolder(url: options.outputDirectory, display: options.display(options.outputDirectory))
        let staging = try output.makeStaging()
        do {
            let (hashes, failures) = try render(merged, pages: merged.pages, into: staging, compareWith: [:])
            report.diagnostics += failures
            let extras = extraFiles(merged)
            var allHashes = hashes
            for (path, data) in extras {
                try write(data, to: staging.appendingPathComponent(path))
                allHashes[path] = Self.contentHash(data)
            }
            report.pagesWritten = hashes.count
            report.diagnostics += try output.swap(in: staging, written: Array(allHashes.keys))
            lock.withLock { written = allHashes }
            report.diagnostics.sort()
            if options.strict, report.errorCount > 0 { throw BuildError.failed(errors: report.errorCount) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    private func writeIncremental(_ merged: Merged, pages: [PagePlan], extras: Bool, _ report: inout BuildReport) throws {
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
        for (path, data) in extras ? extraFiles(merged) : [] where previous[path] != Self.contentHash(data) {
            try write(data, to: options.outputDirectory.appendingPathComponent(path))
            now[path] = Self.contentHash(data)
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
    private func render(_ merged: Merged, pages: [PagePlan], into folder: URL,
                        compareWith previous: [String: Int]) throws -> ([String: Int], [Diagnostic]) {
        try makeDirectories(Set(pages.map { ($0.path as NSString).deletingLastPathComponent }), in: folder)
        let profile = ProcessInfo.processInfo.environment["AUDIT_SITE_PROFILE"] != nil ? RenderProfile() : nil
        defer { profile?.print() }
        let results = Parallel.map(pages) { plan -> (String, Int?, Diagnostic?) in
            do {
                let start = DispatchTime.now().uptimeNanoseconds
                let html = try merged.renderer.render(plan)
                profile?.add(plan, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, bytes: html.utf8.count)
                let data = Data(html.utf8)
                let hash = Self.contentHash(data)
                if previous[plan.path] != hash {
                    try Self.writeFile(data, to: folder.path + "/" + plan.path)
                }
                return (plan.path, hash, nil)
            } catch {
                return (plan.path, nil, .error(plan.path, code: "render.failed", "page could not be rendered: \(error)"))
            }
        }
        var hashes: [String: Int] = [:]
        var failures: [Diagnostic] = []
        for (path, hash, failure) in results {
            if let hash { hashes[path] = hash }
            if let failure { failures.append(failure) }
        }
        return (hashes, failures)
    }

    /// Creates page folders with plain `mkdir` calls, parents first (FileManager's recursive creation
    /// costs a stat per level for every one of tens of thousands of folders).
    private func makeDirectories(_ directories: Set<String>, in folder: URL) throws {
        var all: Set<String> = []
        for directory in directories where !directory.isEmpty {
            var path = directory
            while !path.isEmpty, all.insert(path).inserted {
                path = (path as NSString).deletingLastPathComponent
            }
        }
        for directory in all.sorted(by: { $0.count < $1.count || ($0.count == $1.count && $0 < $1) }) {
            let path = folder.appendingPathComponent(directory).path
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw BuildError.fatal("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// A hash of every byte (`Data.hashValue` only looks at a prefix and the length, so two pages that
    /// differ in one word would look the same and the changed one would not be written).
    static func contentHash(_ data: Data) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// Plain open/write/close: Foundation's `Data.write` adds attribute and auxiliary-file work that
    /// costs more than the write itself over tens of thousands of pages.
    static func writeFile(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BuildError.fatal("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    throw BuildError.fatal("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    private func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Runs one named step and records how long it took (printed with `--verbose`, used by benchmarks).
    private func timed<T>(_ step: String, _ report: inout BuildReport, _ body: (inout BuildReport) throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body(&report)
        report.timings.append((step, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        return result
    }
}

/// Render time per kind of page (`AUDIT_SITE_PROFILE=1`), for theme authors and benchmarks.
final class RenderProfile: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [String: (count: Int, nanoseconds: UInt64, bytes: Int)] = [:]

    func add(_ plan: PagePlan, nanoseconds: UInt64, bytes: Int) {
        let name = String(String(describing: plan.kind).prefix { $0 != "(" })
        lock.withLock {
            var t = totals[name] ?? (0, 0, 0)
            t.count += 1
            t.nanoseconds += nanoseconds
            t.bytes += bytes
            totals[name] = t
        }
    }

    func print() {
        for (name, t) in totals.sorted(by: { $0.value.nanoseconds > $1.value.nanoseconds }) {
            let ms = Double(t.nanoseconds) / 1e6
            FileHandle.standardError.write(Data("render \(name): \(t.count) pages, \(Int(ms)) ms, \(String(format: "%.2f", ms / Double(t.count))) ms/page, \(t.bytes / max(1, t.count)) bytes/page\n".utf8))
        }
    }
}
