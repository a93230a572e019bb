import Diagnostics
import DefaultTheme
import Extraction
import Foundation
import Portal
import Renderer
import Templates

/// The steps that read: load, scan, read, merge.
extension SiteBuilder {
    /// load → scan → read → merge, reusing what `previous` left valid.
    /// load → scan: what every build starts with.
    func survey(_ report: inout BuildReport, reusing previous: BuildCache?) throws -> (Loaded, ContentScanner.Result) {
        if previous == nil {
            // Bodies of the kept build live in the spool: forget that build before emptying it, so a
            // full rebuild that fails leaves nothing that points into it (the next one starts over).
            lock.withLock { cache = nil }
            spool.reset()
        }
        let loaded = try timed("load", &report) { _ in try previous?.loaded ?? load() }
        let scan = try timed("scan", &report) { _ in try scanner(loaded).scan() }
        report.diagnostics += scan.diagnostics
        return (loaded, scan)
    }

    /// read → merge, reusing what `previous` left valid.
    /// - Parameter knownKeys: cache keys of the reports by path, when `restore` already hashed them.
    func prepare(_ loaded: Loaded, _ scan: ContentScanner.Result, _ report: inout BuildReport, reusing previous: BuildCache?,
                 knownKeys: [String: String] = [:]) -> Prepared {
        let readings = timed("read", &report) {
            read(scan.files, loaded, reusing: previous?.readings ?? [:], knownKeys: knownKeys, report: &$0)
        }
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
              knownKeys: [String: String] = [:], report: inout BuildReport) -> [SourceReader.ParsedSource] {
        let reader = reader(loaded)
        progress.begin("reading", total: files.count)
        defer { progress.end() }
        let results = Parallel.map(files) { [progress] file -> (SourceReader.ParsedSource?, [Diagnostic]) in
            defer { progress.advance() }
            // The scan's stamp is part of the file: an unchanged file is the same value.
            if let kept = previous[file.path], kept.file == file {
                return (kept, kept.diagnostics)
            }
            return reader.read(file, knownKey: knownKeys[file.path])
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
            frozen[auditID]?[language].flatMap(spool.load)
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
}
