import Diagnostics
import Dispatch
import Extraction
import Foundation
import Portal
import Renderer
import Templates

/// Builds the portal: one pipeline of named steps, each a small type or function of its own.
///
///     load      site.yaml and the theme (fatal when broken)
///     scan      content/<project>/<name>[.<lang>].md
///     restore   with --cache, a whole site built from the same inputs, copied back (then done)
///     read      decode, repair mojibake, split front matter, parse, extract     (parallel, cached)
///     merge     pair translations, project timelines, GAP lifecycle, trends    (per project)
///     select    the pages to render: all, or those showing a changed part of the portal
///     write     render pages (parallel) and write them with the exports
///
/// `build` runs the steps from nothing. `serve`'s rebuilds run the same steps from the last build's
/// `BuildCache`: a step reuses what the change left valid (readings of unchanged files, timelines of
/// unchanged projects), and `select` keeps the pages whose `PortalPart`s differ between the two
/// portals. There is no second, hand-written path for rebuilds.
public final class SiteBuilder: @unchecked Sendable {
    public let options: BuildOptions
    /// Keep the `BuildCache` and export elements between builds (`serve`); a one-shot build would
    /// only hold memory.
    public var keepsCaches = false
    /// Rendered bodies between reading and writing (see `BodySpool`).
    let spool = BodySpool()
    /// Export elements and GAP index rows per project, reused for the projects that did not change.
    let exports = ExportCache()
    /// Files read and pages written so far, for a progress line on a terminal.
    public let progress = BuildProgress()
    let lock = NSLock()
    /// What the last build left (kept when `keepsCaches`).
    var cache: BuildCache?
    /// The output's lock while this builder writes it: for one build, or for as long as a
    /// long-lived builder (`serve`) lives.
    var outputLock: OutputLock?

    public init(options: BuildOptions) {
        self.options = options
    }

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

    /// Everything the steps share once loaded.
    struct Loaded {
        let config: SiteConfig
        let theme: Theme
        let ids: IDMatcher
        let settings: SiteSettings
        /// Readings kept between builds, when `--cache` names a folder.
        var sourceCache: SourceCache?
        /// Rendered pages kept beside them (one-shot builds only: `serve` renders what changed anyway).
        var pageCache: PageCache?
    }

    /// A project as merged: its timeline, and what it was merged from, so the next merge can tell
    /// whether it may reuse it.
    struct MergedProject: Sendable {
        let timeline: ProjectTimeline
        /// The stamp of every reading of the project, by path.
        let inputs: [String: FileStamp]
        /// What assembling it said (duplicate or diverging translations).
        let diagnostics: [Diagnostic]
    }

    struct Merged: Sendable {
        let portal: Portal
        let renderer: SiteRenderer
        let pages: [PagePlan]
        let projects: [String: MergedProject]
        /// Projects whose timelines this merge computed (the others are the previous merge's values).
        let remerged: Set<String>
        let bodies: [AuditID: [String: BodySpool.Entry]]
    }

    /// The steps' output before writing.
    struct Prepared {
        let loaded: Loaded
        let readings: [String: SourceReader.ParsedSource]
        let merged: Merged
        /// What the pages show, digested for the page cache (nil without one).
        let digests: PageCache.Digests?
    }

    // MARK: Entry points

    /// Full build, written through a staging folder. Throws on fatal problems, and in strict mode on
    /// any error diagnostic (the previous site is then kept).
    @discardableResult
    public func build() throws -> BuildReport {
        var report = BuildReport()
        try OutputFolder.checkSafe(options)
        try lockOutput()
        // A one-shot build lets go of the output when it is done; `serve` keeps it.
        defer { if !keepsCaches { releaseOutput() } }
        try run(reusing: nil, previousDiagnostics: [], &report)
        return report
    }

    /// Rebuild after `changed` paths changed (`serve`): the pipeline from the last build's cache,
    /// limited to what the change invalidates; writes only pages whose bytes changed.
    /// - Parameter keepOnError: when the change brings an error diagnostic the last build did not
    ///   have, write nothing and throw `BuildFailure`, so the preview keeps serving the last good site.
    /// - Parameter deferExports: leave the JSON exports and search index to `writePendingExports()`,
    ///   so the preview reloads as soon as the pages are written.
    @discardableResult
    public func rebuild(changed: [String], keepOnError: Bool = false, deferExports: Bool = false) throws -> BuildReport {
        try lockOutput()
        try writePendingExports()
        var report = BuildReport()
        let previous = lock.withLock { cache }
        let reuse = previous.flatMap {
            $0.invalidation(of: changed, configFile: options.configFile, themeFolder: options.themeDirectory) == .content ? $0 : nil
        }
        if reuse == nil { report.timings.append(("full", 0)) }
        try run(reusing: reuse, keepOnError: keepOnError, deferExports: deferExports,
                previousDiagnostics: previous?.diagnostics ?? [], &report)
        return report
    }

    /// Writes the exports a deferred rebuild left out (a no-op when there are none).
    public func writePendingExports() throws {
        guard let pending = lock.withLock({ cache }), pending.exportsPending else { return }
        var report = BuildReport()
        let written = try writeIncremental(pending.merged, loaded: pending.loaded, pages: [], extras: true,
                                           previous: pending.written, previousPages: pending.merged.pages, &report)
        lock.withLock { cache = pending.with(written: written, exportsPending: false) }
    }

    /// Everything but writing: the diagnostics `check` prints. Pages are rendered (to catch template
    /// errors) and thrown away.
    public func check(gates: [CheckRules.Gate] = []) throws -> BuildReport {
        var report = BuildReport()
        let (loaded, scan) = try survey(&report, reusing: nil)
        let prepared = prepare(loaded, scan, &report, reusing: nil)
        let merged = prepared.merged
        let failures = Parallel.map(merged.pages) { plan -> Diagnostic? in
            do { _ = try merged.renderer.render(plan); return nil } catch {
                return .error(plan.path, code: "render.failed", "page could not be rendered: \(error)")
            }
        }
        report.diagnostics += failures.compactMap { $0 }
        report.diagnostics += CheckRules(config: prepared.loaded.config, gates: gates).run(merged.portal)
        report.diagnostics.sort()
        return report
    }

    /// Files and folders `serve` watches: the content, the configuration and the theme folder (given
    /// on the command line or named in `site.yaml`), if any.
    public var watchedPaths: [String] {
        let themeFolder = options.themeDirectory ?? lock.withLock { cache?.loaded.theme.source.folder }
            ?? (try? SiteConfig.load(options.configFile, required: false, display: ""))?.themeFolder
        return [options.contentDirectory.path] + (themeFolder.map { [$0.path] } ?? []) + (options.configFile.map { [$0.path] } ?? [])
    }

    // MARK: The pipeline

    /// Runs every step, from nothing (`previous` nil: written through a staging folder and swapped
    /// in) or from the last build's cache (written in place, only what changed).
    func run(reusing previous: BuildCache?, keepOnError: Bool = false, deferExports: Bool = false,
             previousDiagnostics: [Diagnostic], _ report: inout BuildReport) throws {
        let (loaded, scan) = try survey(&report, reusing: previous)
        var recordKey: String?
        var knownKeys: [String: String] = [:]
        if previous == nil, let pages = loaded.pageCache, let readings = loaded.sourceCache {
            switch try timed("restore", &report, { try restore(loaded, pages: pages, readings: readings, scan, &$0) }) {
            case .restored:
                lock.withLock { cache = nil }
                return
            case .missed(let key, let keys):
                recordKey = key
                knownKeys = keys
            }
        }
        let prepared = prepare(loaded, scan, &report, reusing: previous, knownKeys: knownKeys)
        if options.strict, report.errorCount > 0 { throw BuildFailure(report: report, strict: true) }
        if keepOnError, Self.bringsErrors(report.diagnostics, than: previousDiagnostics) { throw BuildFailure(report: report) }
        let merged = prepared.merged
        let next: BuildCache
        if let previous {
            let changed = timed("compare", &report) { _ in changes(from: previous, to: prepared) }
            let pages = timed("select", &report) { _ in select(merged.pages, showing: changed, in: merged.portal, previous: previous.merged) }
            let projects = Set(changed.compactMap { part -> String? in if case .project(let slug) = part { slug } else { nil } })
            exports.invalidate(projects: projects)
            // The exports give every item's line: any change to a timeline rewrites them.
            let extras = !projects.isEmpty
            let written = try timed("write", &report) {
                try writeIncremental(merged, loaded: prepared.loaded, pages: pages, extras: extras && !deferExports,
                                     previous: previous.written, previousPages: previous.merged.pages, &$0)
            }
            next = BuildCache(loaded: prepared.loaded, readings: prepared.readings, merged: merged, written: written,
                              exportsPending: extras && deferExports, diagnostics: report.diagnostics)
        } else {
            exports.invalidateAll()
            let written = try timed("write", &report) {
                try writeAll(merged, loaded: prepared.loaded, digests: prepared.digests, recordKey: recordKey, &$0)
            }
            next = BuildCache(loaded: prepared.loaded, readings: prepared.readings, merged: merged, written: written,
                              exportsPending: false, diagnostics: report.diagnostics)
        }
        lock.withLock { cache = keepsCaches ? next : nil }
    }

    /// An error the last build did not have (same file and code): the change broke something.
    static func bringsErrors(_ diagnostics: [Diagnostic], than previous: [Diagnostic]) -> Bool {
        struct Kind: Hashable { let file: String?, code: DiagnosticCode }
        let known = Set(previous.filter { $0.severity == .error }.map { Kind(file: $0.file, code: $0.code) })
        return diagnostics.contains { $0.severity == .error && !known.contains(Kind(file: $0.file, code: $0.code)) }
    }

    /// Runs one named step and records how long it took (printed with `--verbose`, used by benchmarks).
    func timed<T>(_ step: String, _ report: inout BuildReport, _ body: (inout BuildReport) throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body(&report)
        report.timings.append((step, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        return result
    }
}
