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

/// Builds the portal: one pipeline of named steps, each a small type or function of its own.
///
///     load      site.yaml and the theme (fatal when broken)
///     scan      content/<project>/<name>[.<lang>].md
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
        if previous == nil, loaded.pageCache != nil {
            switch try timed("restore", &report, { try restore(loaded, scan, &$0) }) {
            case .restored:
                lock.withLock { cache = nil }
                return
            case .missed(let key):
                recordKey = key
            }
        }
        let prepared = prepare(loaded, scan, &report, reusing: previous)
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

    /// load → scan → read → merge, reusing what `previous` left valid.
    /// load → scan: what every build starts with.
    func survey(_ report: inout BuildReport, reusing previous: BuildCache?) throws -> (Loaded, ContentScanner.Result) {
        if previous == nil { spool.reset() }
        let loaded = try timed("load", &report) { _ in try previous?.loaded ?? load() }
        let scan = try timed("scan", &report) { _ in try scanner(loaded).scan() }
        report.diagnostics += scan.diagnostics
        return (loaded, scan)
    }

    /// What `restore` found in the cache.
    enum Restoration {
        case restored
        /// No site built from these inputs: the build goes on, and records its site under this key.
        case missed(recordKey: String)
    }

    /// With `--cache`, when the cache holds a whole site built from exactly these inputs, copies it
    /// into place and reports what that build reported, without reading a report.
    func restore(_ loaded: Loaded, _ scan: ContentScanner.Result, _ report: inout BuildReport) throws -> Restoration {
        guard let pages = loaded.pageCache, let readings = loaded.sourceCache else { return .missed(recordKey: "") }
        let limit = loaded.config.maxFileBytes
        let keys = Parallel.map(scan.files) { file in (path: file.path, key: readings.currentKey(for: file, maximumFileSize: limit)) }
        let recordKey = pages.recordKey(files: keys, projectFiles: scan.projectFiles, scanDiagnostics: scan.diagnostics)
        guard let record = pages.record(recordKey) else { return .missed(recordKey: recordKey) }
        let output = OutputFolder(url: options.outputDirectory, display: options.display(options.outputDirectory))
        var restored = report
        restored.diagnostics = record.diagnostics
        if options.strict, restored.errorCount > 0 {
            report = restored
            throw BuildFailure(report: report, strict: true)
        }
        let staging = try output.makeStaging()
        do {
            try PageFiles.makeDirectories(Set(record.files.map { ($0.path as NSString).deletingLastPathComponent }), in: staging)
            let folder = staging.path
            let copied = Parallel.map(record.files) { (file: SiteRecord.File) -> Bool in pages.copy(file.entry, to: folder + "/" + file.path) }
            guard !copied.contains(false) else {
                try? FileManager.default.removeItem(at: staging)
                return .missed(recordKey: recordKey)
            }
            restored.diagnostics += try output.swap(in: staging, written: record.files.map(\.path))
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        restored.diagnostics.sort()
        restored.auditCount = record.audits
        restored.projectCount = record.projects
        restored.pagesWritten = record.pages
        restored.pagesFromCache = record.pages
        restored.sourcesFromCache = keys.count
        report = restored
        pages.prune(keeping: Set(record.files.map(\.entry) + [recordKey]))
        readings.prune(keeping: Set(keys.map(\.key)))
        return .restored
    }

    /// read → merge, reusing what `previous` left valid.
    func prepare(_ loaded: Loaded, _ scan: ContentScanner.Result, _ report: inout BuildReport, reusing previous: BuildCache?) -> Prepared {
        let readings = timed("read", &report) { read(scan.files, loaded, reusing: previous?.readings ?? [:], report: &$0) }
        let merged = timed("merge", &report) { merge(readings, scan: scan, loaded, reusing: previous?.merged, report: &$0) }
        report.auditCount = merged.portal.allAudits.count
        report.projectCount = merged.portal.projects.count
        report.diagnostics.sort()
        var byPath: [String: SourceReader.ParsedSource] = [:]
        for reading in readings { byPath[reading.file.path] = reading }
        let digests = loaded.pageCache.map { $0.digests(readings: readings, projectFiles: scan.projectFiles) }
        return Prepared(loaded: loaded, readings: byPath, merged: merged, digests: digests)
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
        var pageCache: PageCache?
        if let folder = options.cacheDirectory {
            do {
                let readings = try SourceCache(folder: folder, configuration: config.text, display: options.display(folder))
                sourceCache = readings
                if !keepsCaches { pageCache = try PageCache(sourceCache: readings, theme: theme.source, baseURL: settings.baseURL) }
            } catch let error as BuildError {
                throw error
            } catch {
                throw BuildError.fatal("\(options.display(folder)): cannot use this cache folder: \(error.localizedDescription)")
            }
        }
        return Loaded(config: config, theme: theme, ids: ids, settings: settings, sourceCache: sourceCache, pageCache: pageCache)
    }

    /// Reads every file, in parallel; a file whose stamp matches its previous reading is not read again.
    func read(_ files: [ContentScanner.SourceFile], _ loaded: Loaded, reusing previous: [String: SourceReader.ParsedSource],
              report: inout BuildReport) -> [SourceReader.ParsedSource] {
        let reader = reader(loaded)
        progress.begin("reading", total: files.count)
        defer { progress.end() }
        let results = Parallel.map(files) { [progress] file -> (SourceReader.ParsedSource?, [Diagnostic]) in
            defer { progress.advance() }
            // The scan's stamp is part of the file: an unchanged file is the same value.
            if let kept = previous[file.path], kept.file == file {
                return (kept, kept.diagnostics)
            }
            return reader.read(file)
        }
        var sources: [SourceReader.ParsedSource] = []
        for (source, diagnostics) in results {
            report.diagnostics += diagnostics
            if let source {
                sources.append(source)
                if source.fromCache { report.sourcesFromCache += 1 }
            }
        }
        reader.cache?.prune(keeping: Set(sources.compactMap(\.cacheKey)))
        return sources
    }

    /// The content scanner with the site's settings (languages, limits).
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

    /// Pairs translations and computes each project's timeline (in parallel); a project whose name
    /// and readings are those of `previous` keeps its timeline.
    func merge(_ sources: [SourceReader.ParsedSource], scan: ContentScanner.Result, _ loaded: Loaded,
               reusing previous: Merged?, report: inout BuildReport) -> Merged {
        let assembler = AuditAssembler(config: loaded.config)
        let byProject = Dictionary(grouping: sources, by: \.file.project)
        let slugs = byProject.keys.sorted()
        let (infos, infoDiagnostics) = assembler.projectInfos(slugs: slugs, projectFiles: scan.projectFiles, sources: sources) {
            self.options.display(URL(fileURLWithPath: $0))
        }
        let projects = Parallel.map(Array(zip(slugs, infos))) { slug, info -> (MergedProject, Bool) in
            let group = byProject[slug] ?? []
            var inputs: [String: FileStamp] = [:]
            for source in group { inputs[source.file.path] = source.stamp }
            if let kept = previous?.projects[slug], kept.timeline.info == info, kept.inputs == inputs { return (kept, false) }
            let (audits, diagnostics) = assembler.assemble(group)
            return (MergedProject(timeline: ProjectTimeline(info: info, audits: audits, ids: loaded.ids), inputs: inputs, diagnostics: diagnostics), true)
        }
        var merged: [String: MergedProject] = [:]
        var remerged: Set<String> = []
        for (slug, (project, fresh)) in zip(slugs, projects) {
            merged[slug] = project
            if fresh { remerged.insert(slug) }
            report.diagnostics += project.diagnostics
        }
        let portal = Portal(timelines: slugs.compactMap { merged[$0]?.timeline })
        report.diagnostics += infoDiagnostics + portal.diagnostics
        var bodies: [AuditID: [String: BodySpool.Entry]] = [:]
        for source in sources {
            bodies[AuditID(project: source.file.project, slug: source.file.slug), default: [:]][source.language] = source.body
        }
        let frozen = bodies
        let renderer = SiteRenderer(portal: portal, theme: loaded.theme, settings: loaded.settings, vocabulary: loaded.config.vocabulary,
                                    ids: loaded.ids, cache: keepsCaches ? exports : nil) { [spool] auditID, language in
            frozen[auditID]?[language].map(spool.load)
        }
        // The page list follows the projects, their audits and GAPs, in order: kept when none of those moved.
        let samePages = previous.map { old in
            old.portal.projects.map(\.slug) == slugs && remerged.allSatisfy { slug in
                let before = old.portal.project(slug), after = portal.project(slug)
                return before?.audits.map(\.id) == after?.audits.map(\.id) && before?.gaps.map(\.id) == after?.gaps.map(\.id)
            }
        } ?? false
        return Merged(portal: portal, renderer: renderer, pages: samePages ? previous!.pages : renderer.plan(), projects: merged,
                      remerged: remerged, bodies: frozen)
    }

    /// The parts of the portal that differ from the last build's, texts read again included.
    func changes(from previous: BuildCache, to prepared: Prepared) -> Set<PortalPart> {
        var changed = prepared.merged.portal.parts(changedFrom: previous.merged.portal, candidates: prepared.merged.remerged)
        for (path, reading) in prepared.readings where previous.readings[path]?.stamp != reading.stamp {
            changed.insert(.text(AuditID(project: reading.file.project, slug: reading.file.slug)))
        }
        for (path, reading) in previous.readings where prepared.readings[path] == nil {
            changed.insert(.text(AuditID(project: reading.file.project, slug: reading.file.slug)))
        }
        return changed
    }

    /// The pages to render: those new to the site, and those showing a changed part.
    func select(_ pages: [PagePlan], showing changed: Set<PortalPart>, in portal: Portal, previous: Merged) -> [PagePlan] {
        guard !changed.isEmpty else { return [] }
        let before = Set(previous.pages.map(\.path))
        let touched = Set(changed.compactMap(\.project))
        return pages.filter { plan in
            if !before.contains(plan.path) { return true }
            // A project's pages show parts of that project only (`PagePlanPartsTests`): the pages of
            // projects nothing changed in are passed over without asking.
            if let project = plan.project, !touched.contains(project) { return false }
            return plan.kind.parts(in: portal).contains(where: changed.contains)
        }
    }

    // MARK: Writing

    /// Files besides pages: data exports, search indexes, theme assets.
    func extraFiles(_ merged: Merged, _ loaded: Loaded) -> [(String, Data)] {
        let export = DataExport(portal: merged.portal, languages: loaded.config.languages,
                                cache: keepsCaches ? exports : ExportCache())
        let theme = loaded.theme
        // Each export is serialised on its own core.
        var jobs: [@Sendable () -> (String, Data)] = [
            { ("data/audits.json", Data(export.audits().utf8)) },
            { ("data/gaps.json", Data(export.gaps().utf8)) },
        ]

        let feeds = Feeds(portal: merged.portal, settings: loaded.settings)
        for language in loaded.config.languages {
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
        files += Parallel.map(loaded.config.languages) { language in
            SearchIndex(portal: merged.portal, language: language, strings: theme.strings(for: language)).files()
        }.flatMap { $0 }
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
            let (hashes, failures, copied) = try render(merged, pages: merged.pages, into: staging, compareWith: [:], cache: cache)
            report.diagnostics += failures
            report.pagesFromCache = copied
            let extrasStart = DispatchTime.now().uptimeNanoseconds
            var allHashes = hashes
            let extraPaths: [String]
            if let cache, let copied = cache.cache.copyExports(cache.digests, into: staging) {
                // Copied whole from the cache; hashes are kept by `serve` only, which has no page cache.
                for path in copied { allHashes[path] = 0 }
                extraPaths = copied
            } else {
                let extras = extraFiles(merged, loaded)
                for (path, data) in extras {
                    try PageFiles.write(data, to: staging.appendingPathComponent(path))
                    allHashes[path] = PageFiles.contentHash(data)
                }
                cache?.cache.storeExports(extras, cache!.digests)
                extraPaths = extras.map(\.0)
            }
            report.timings.append(("exports", Double(DispatchTime.now().uptimeNanoseconds - extrasStart) / 1e6))
            report.pagesWritten = hashes.count
            report.diagnostics += try output.swap(in: staging, written: Array(allHashes.keys))
            if let cache {
                let pageKeys = merged.pages.map { cache.cache.key(for: $0, cache.digests) }
                let exportKeys = cache.cache.exportKeys(extraPaths, cache.digests)
                var used = Set(pageKeys.compactMap { $0 } + exportKeys)
                // A site every file of which is in the cache is recorded whole, for a build of the same inputs.
                if let recordKey, !recordKey.isEmpty, failures.isEmpty, !pageKeys.contains(nil), exportKeys.count == extraPaths.count + 1 {
                    let files = zip(merged.pages, pageKeys).map { SiteRecord.File(path: $0.path, entry: $1!) }
                        + zip(extraPaths, exportKeys.dropFirst()).map { SiteRecord.File(path: $0, entry: $1) }
                    var diagnostics = report.diagnostics
                    diagnostics.sort()
                    cache.cache.store(SiteRecord(files: files, diagnostics: diagnostics, audits: report.auditCount,
                                                 projects: report.projectCount, pages: hashes.count), key: recordKey)
                    used.insert(recordKey)
                }
                cache.cache.prune(keeping: used)
            }
            report.diagnostics.sort()
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
        // Search files the new index no longer has (its shards follow the words of the portal).
        if extras {
            let current = Set(extraFiles.map(\.0))
            for path in previous.keys where path.hasPrefix("data/search/") && !current.contains(path) {
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
    func render(_ merged: Merged, pages: [PagePlan], into folder: URL, compareWith previous: [String: Int],
                cache: (cache: PageCache, digests: PageCache.Digests)? = nil) throws -> ([String: Int], [Diagnostic], copied: Int) {
        try PageFiles.makeDirectories(Set(pages.map { ($0.path as NSString).deletingLastPathComponent }), in: folder)
        let profile = ProcessInfo.processInfo.environment["AUDIT_SITE_PROFILE"] != nil ? RenderProfile() : nil
        defer { profile?.print() }
        progress.begin("writing", total: pages.count)
        defer { progress.end() }
        // A page that cannot be rendered is a diagnostic (the rest is built); a page that cannot be
        // written (a full disk, a file size limit) fails the whole build, so the old site stays.
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
            let hash = PageFiles.contentHash(data)
            if previous[plan.path] != hash {
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

    /// Runs one named step and records how long it took (printed with `--verbose`, used by benchmarks).
    func timed<T>(_ step: String, _ report: inout BuildReport, _ body: (inout BuildReport) throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body(&report)
        report.timings.append((step, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        return result
    }
}
