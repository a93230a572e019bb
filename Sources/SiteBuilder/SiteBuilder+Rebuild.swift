import Diagnostics
import Extraction
import Foundation
import Portal
import Renderer

/// `serve`'s incremental path: what a change affects, and nothing else, is read and rendered again.
extension SiteBuilder {
    /// Incremental rebuild after `changed` paths changed: a change to the theme or the configuration
    /// rebuilds everything; a change to reports re-reads those reports and re-renders the pages of
    /// their projects and the site-wide pages, writing only pages whose bytes changed.
    /// - Parameter keepOnError: when the rebuild has error diagnostics, write nothing and throw
    ///   `BuildFailure`, so the preview keeps serving the last good site.
    @discardableResult
    /// - Parameter deferExports: leave the JSON exports of a statement change to `writePendingExports()`,
    ///   so the preview reloads as soon as the pages are written.
    public func rebuild(changed: [String], keepOnError: Bool = false, deferExports: Bool = false) throws -> BuildReport {
        try lockOutput()
        try writePendingExports()
        let themePath = (options.themeDirectory ?? lock.withLock { last?.loaded.theme.source.folder }).map { $0.path + "/" }
        let configPath = options.configFile?.path
        if written.isEmpty || changed.contains(where: { path in themePath.map { path.hasPrefix($0) } == true || path == configPath }) {
            lock.withLock { cache = [:] }
            var report = try build()
            report.timings.insert(("full", 0), at: 0)
            return report
        }
        var report = BuildReport()
        let before = lock.withLock { cache }
        let previous = lock.withLock { last }
        if let previous, let quick = try quickRebuild(previous: previous, before: before, deferExports: deferExports,
                                                             keepOnError: keepOnError, report: &report) {
            return quick
        }
        let merged = try prepare(&report, useCache: true, loaded: previous?.loaded)
        if options.strict, report.errorCount > 0 { throw BuildFailure(report: report, strict: true) }
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
    func quickRebuild(previous: Merged, before: [String: SourceReader.ParsedSource], deferExports: Bool,
                      keepOnError: Bool = false, report: inout BuildReport) throws -> BuildReport? {
        let loaded = previous.loaded
        let scan = try timed("scan", &report) { _ in try scanner(loaded).scan() }
        guard Set(scan.files.map(\.path)) == Set(before.keys) else { return nil }
        let stale = scan.files.filter { before[$0.path]?.stamp != FileStamp(path: $0.path) }
        guard !stale.isEmpty else { return nil }
        let reader = reader(loaded)
        let fresh = timed("read", &report) { _ in Parallel.map(stale) { reader.read($0) } }
        var bodies = previous.bodies
        var updated = before
        var auditIDs: Set<AuditID> = []
        var gapIDs: Set<GapKey> = []
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
            let id = AuditID(project: file.project, slug: file.slug)
            bodies[id, default: [:]][source.language] = source.body
            updated[file.path] = source
            auditIDs.insert(id)
            for facts in [source.facts, old.facts] {
                for item in facts.items { if let gap = item.id { gapIDs.insert(GapKey(project: file.project, id: gap)) } }
                for mention in facts.mentions { gapIDs.insert(GapKey(project: file.project, id: mention.id)) }
            }
            changedFiles.insert(file.display)
            fileDiagnostics += diagnostics
        }
        // An edit that brings an error (broken front matter…) keeps the last good site served and
        // shows what is wrong, as a full rebuild would.
        if keepOnError, fileDiagnostics.contains(where: { $0.severity == .error }) {
            report.diagnostics = (previous.diagnostics.filter { !changedFiles.contains($0.file ?? "") } + fileDiagnostics).sorted()
            throw BuildFailure(report: report)
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
                                    vocabulary: loaded.config.vocabulary, ids: loaded.ids, cache: exports) { [spool] id, language in frozen[id]?[language].map(spool.load) }
        let merged = Merged(loaded: loaded, portal: portal, renderer: renderer, pages: factsChanged ? renderer.plan() : previous.pages,
                            sources: sources, bodies: bodies, diagnostics: diagnostics.sorted())
        // Every audit whose "since the previous audit" lists changed, and every GAP whose history
        // changed, wherever they are in the project: a statement in one report changes what later
        // reports (those that restate the GAP, and the next one) and the GAP pages say. Compared, not
        // guessed, so no page that shows a changed fact is left stale.
        var neighbours = auditIDs
        if factsChanged {
            for slug in projects {
                guard let new = portal.project(slug), let old = previous.portal.project(slug) else { continue }
                let oldGaps = Dictionary(old.gaps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                let gapSetChanged = Set(oldGaps.keys) != Set(new.gaps.map(\.id))
                for audit in new.audits where gapSetChanged || new.changes[audit.id] != old.changes[audit.id] {
                    // (A GAP that appears or disappears links or unlinks its ID in every report's text.)
                    neighbours.insert(audit.id)
                }
                for gap in new.gaps where oldGaps[gap.id] != gap { gapIDs.insert(gap.key) }
            }
        }
        // Every page kind says what it shows (no `default`: a new kind must decide here).
        let pages = merged.pages.filter {
            switch $0.kind {
            case .home, .portfolio, .gapIndex: return statementsChanged
            case .audit(_, let id): return neighbours.contains(id)
            case .gap(_, let project, let id): return factsChanged && gapIDs.contains(GapKey(project: project, id: id))
            case .project(_, let project): return factsChanged && projects.contains(project)
            // The same whatever the reports say: interface strings and the list of languages only.
            case .root, .notFound, .search: return false
            }
        }
        // The exports give each item's line too: moved lines rewrite them like changed statements.
        if factsChanged { exports.invalidate(projects: projects) }
        let writeExports = factsChanged && !deferExports
        try timed("write", &report) { try writeIncremental(merged, pages: pages, extras: writeExports, &$0) }
        if factsChanged, deferExports { lock.withLock { pendingExports = merged } }
        report.diagnostics = merged.diagnostics
        report.auditCount = previous.portal.allAudits.count
        report.projectCount = previous.portal.projects.count
        lock.withLock {
            cache = updated
            last = merged
        }
        return report
    }

    /// Writes the exports a deferred rebuild left out (a no-op when there are none).
    public func writePendingExports() throws {
        guard let merged = lock.withLock({ () -> Merged? in
            defer { pendingExports = nil }
            return pendingExports
        }) else { return }
        var report = BuildReport()
        try writeIncremental(merged, pages: [], extras: true, &report)
    }
}
