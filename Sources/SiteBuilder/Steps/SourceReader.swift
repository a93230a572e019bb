import Diagnostics
import Extraction
import Foundation
import Markdown
import Renderer
import SafeYAML
import TextRepair

/// Read, repair, parse and extract one report: the per-file part of the build, run on every core.
struct SourceReader: Sendable {
    /// A report as far as one file tells: its facts, its body rendered to HTML, what went wrong.
    /// The Markdown is parsed once: the tree is dropped as soon as facts and HTML are out of it.
    /// One report as read. A class: readings are passed between steps and kept from build to build
    /// by the thousand, and copying their many fields each time was a good part of a preview's rebuild.
    final class ParsedSource: Sendable {
        let file: ContentScanner.SourceFile
        let language: String
        let frontMatter: FrontMatter
        let facts: AuditFacts
        /// The body's HTML in the spool (read back when its pages are written).
        let body: BodySpool.Entry
        let diagnostics: [Diagnostic]
        /// Modification time and size, so `serve` re-reads only what changed.
        var stamp: FileStamp { file.stamp }
        /// Its entry in the build's `SourceCache`, if there is one.
        let cacheKey: String?
        /// True when it came from the cache rather than from reading the report.
        let fromCache: Bool

        init(file: ContentScanner.SourceFile, language: String, frontMatter: FrontMatter, facts: AuditFacts, body: BodySpool.Entry,
             diagnostics: [Diagnostic], cacheKey: String? = nil, fromCache: Bool = false) {
            self.file = file
            self.language = language
            self.frontMatter = frontMatter
            self.facts = facts
            self.body = body
            self.diagnostics = diagnostics
            self.cacheKey = cacheKey
            self.fromCache = fromCache
        }

        /// The same reading, stored in the cache under `key`.
        func cached(as key: String) -> ParsedSource {
            ParsedSource(file: file, language: language, frontMatter: frontMatter, facts: facts, body: body, diagnostics: diagnostics,
                         cacheKey: key, fromCache: fromCache)
        }
    }

    let languages: [String]
    let defaultLanguage: String
    let vocabulary: Vocabulary
    let ids: IDMatcher
    let spool: BodySpool
    /// Files larger than this are refused rather than risking the build's memory (`limits:` in site.yaml).
    var maximumFileSize = 64 * 1024 * 1024
    var yamlLimits = SafeYAML.Limits()
    /// Readings kept between builds (`build --cache DIR`).
    var cache: SourceCache?

    /// nil when the file cannot be used at all (the diagnostics say why).
    /// - Parameter knownKey: the file's cache key, when this build already hashed its bytes: a reading
    ///   found under it is taken without reading the file again.
    func read(_ file: ContentScanner.SourceFile, knownKey: String? = nil) -> (ParsedSource?, [Diagnostic]) {
        let stamp = file.stamp
        guard stamp.size <= maximumFileSize else {
            return (nil, [.error(file.display, code: "content.too-large",
                                 "file is too large: \(stamp.size / 1_048_576) MiB, over the \(maximumFileSize / 1_048_576) MiB limit (limits: fileSizeMiB in site.yaml); skipped")])
        }
        if let cache, let knownKey, let cached = cached(file, key: knownKey, in: cache) { return cached }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return (nil, [.error(file.display, code: "content.unreadable", "file cannot be read; skipped")])
        }
        guard let cache else {
            let (source, diagnostics, _) = read(file, data: data, stamp: stamp)
            return (source, diagnostics)
        }
        // Hashed again from the bytes just read: a key found earlier may be stale (the file was written
        // meanwhile), and nothing is stored under a key that does not match its bytes.
        let key = cache.key(for: file, bytes: data)
        if key != knownKey, let cached = cached(file, key: key, in: cache) { return cached }
        let (read, diagnostics, body) = read(file, data: data, stamp: stamp)
        guard let source = read, let body else { return (nil, diagnostics) }
        cache.store(SourceCache.Entry(language: source.language, frontMatter: source.frontMatter, facts: source.facts,
                                      diagnostics: source.diagnostics, toc: body.toc),
                    body: body, key: key)
        return (source.cached(as: key), diagnostics)
    }

    /// The reading stored under `key`, if there is one.
    private func cached(_ file: ContentScanner.SourceFile, key: String, in cache: SourceCache) -> (ParsedSource?, [Diagnostic])? {
        guard let (entry, place) = cache.load(key) else { return nil }
        let body = BodySpool.Entry(offset: place.offset, length: place.length, toc: entry.toc, file: place.path)
        let source = ParsedSource(file: file, language: entry.language, frontMatter: entry.frontMatter, facts: entry.facts,
                                  body: body, diagnostics: entry.diagnostics, cacheKey: key, fromCache: true)
        return (source, entry.diagnostics)
    }

    /// Decodes, repairs, parses and extracts the bytes of a report; the body is also given back as
    /// rendered (the cache stores it without reading it back from the spool).
    private func read(_ file: ContentScanner.SourceFile, data: Data, stamp: FileStamp) -> (ParsedSource?, [Diagnostic], RenderedBody?) {
        let decoded: String
        switch SourceDecoder.decode(data) {
        case .invalid(let failure):
            return (nil, [.error(file.display, line: failure.line, code: "content.invalid-utf8",
                                 "\(failure.description): the file is not UTF-8 text; re-save it as UTF-8 — skipped")], nil)
        case .decoded(let text):
            decoded = text.text
        }
        var diagnostics: [Diagnostic] = []
        let repaired = MojibakeRepair.repair(decoded)
        for note in repaired.notes {
            diagnostics.append(.info(file.display, line: note.line, code: "content.mojibake-repaired", note.summary))
        }
        return parse(repaired.text, file: file, stamp: stamp, diagnostics: diagnostics)
    }

    func parse(_ text: String, file: ContentScanner.SourceFile, stamp: FileStamp, diagnostics: [Diagnostic])
        -> (ParsedSource?, [Diagnostic], RenderedBody?) {
        var diagnostics = diagnostics
        let split = FrontMatter.split(text, limits: yamlLimits)
        if let problem = split.problem {
            diagnostics.append(.error(file.display, line: problem.line, code: "frontmatter.invalid", problem.message + "; the front matter is ignored"))
        }
        var language = file.suffixLanguage ?? defaultLanguage
        if let declared = split.frontMatter.lang, !declared.isEmpty {
            if file.suffixLanguage == nil {
                if languages.contains(declared) {
                    language = declared
                } else {
                    diagnostics.append(.warning(file.display, line: 1, code: "content.unknown-language",
                        "front matter lang '\(declared)' is not a configured language; '\(defaultLanguage)' is used"))
                }
            } else if declared != file.suffixLanguage {
                diagnostics.append(.warning(file.display, line: 1, code: "content.language-conflict",
                    "front matter lang '\(declared)' disagrees with the file name suffix '.\(file.suffixLanguage!)'; the suffix wins"))
            }
        }
        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        let context = ExtractionContext(vocabulary: vocabulary, ids: ids, file: file.display)
        let extracted = AuditExtractor(context: context).extract(document, frontMatter: split.frontMatter,
                                                                 fileNameDate: Self.fileNameDate(file.slug))
        diagnostics += extracted.diagnostics
        let body = BodyRenderer.render(document, facts: extracted.value, ids: ids)
        let parsed = ParsedSource(file: file, language: language, frontMatter: split.frontMatter, facts: extracted.value,
                                  body: spool.store(body), diagnostics: diagnostics)
        return (parsed, diagnostics, body)
    }

    /// `2025-03-10-audit-securite` → 2025-03-10.
    static func fileNameDate(_ slug: String) -> AuditDate? {
        guard slug.count >= 10 else { return nil }
        return AuditDate(iso: String(slug.prefix(10)))
    }
}

/// What identifies a version of a file cheaply: size and modification time.
struct FileStamp: Sendable, Hashable {
    let size: Int
    let modified: Double

    init(_ info: stat) {
        size = Int(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}
