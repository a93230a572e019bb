import Diagnostics
import Extraction
import Foundation
import Markdown
import TextRepair

/// What `audit-site explain FILE` shows: everything understood from one report, each fact with its
/// line, the structure that was not understood (tables and lists no fact came from), and the
/// report's own counts compared with what was understood. The same reading as the build (repair,
/// front matter, parse, extraction), so what it shows is what the portal will say.
public struct ReportExplanation: Sendable {
    public let file: String
    public let facts: AuditFacts
    public let diagnostics: [Diagnostic]
    /// Tables and lists that look like structure but gave no fact, with their first line.
    public let notUnderstood: [(line: Int, what: String)]

    /// Reads and explains one report file with the site's settings.
    public static func explain(file url: URL, config: SiteConfig, display: String) throws -> ReportExplanation {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw BuildError.fatal("\(display): cannot be read") }
        let decoded: String
        switch SourceDecoder.decode(data) {
        case .invalid(let failure): throw BuildError.fatal("\(display):\(failure.line): error: \(failure.description): not UTF-8 text")
        case .decoded(let text): decoded = text.text
        }
        var diagnostics: [Diagnostic] = []
        let repaired = MojibakeRepair.repair(decoded)
        for note in repaired.notes { diagnostics.append(.info(display, line: note.line, code: "content.mojibake-repaired", note.summary)) }
        let split = FrontMatter.split(repaired.text, limits: config.yamlLimits)
        if let problem = split.problem {
            diagnostics.append(.error(display, line: problem.line, code: "frontmatter.invalid", problem.message))
        }
        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        let context = ExtractionContext(vocabulary: config.vocabulary, ids: try IDMatcher(pattern: config.idPattern), file: display)
        let slug = url.deletingPathExtension().lastPathComponent
        let extracted = AuditExtractor(context: context).extract(document, frontMatter: split.frontMatter,
                                                                 fileNameDate: AuditDate(iso: String(slug.prefix(10))))
        diagnostics += extracted.diagnostics
        return ReportExplanation(file: display, facts: extracted.value, diagnostics: diagnostics.sorted(),
                                 notUnderstood: Self.unexplained(document, facts: extracted.value))
    }

    /// Tables with rows and lists of several items whose lines gave no fact.
    static func unexplained(_ document: MarkdownDocument, facts: AuditFacts) -> [(line: Int, what: String)] {
        var lines: Set<Int> = []
        for item in facts.items { lines.insert(item.line); lines.formUnion(item.otherLines) }
        for domain in facts.domainScores { lines.insert(domain.score.line) }
        if let score = facts.score { lines.insert(score.line) }
        for rating in facts.ratings { lines.insert(rating.line) }
        for count in facts.statedCounts { lines.insert(count.line) }
        if let line = facts.dateLine { lines.insert(line) }
        var finder = StructureFinder(factLines: lines)
        document.walk(&finder)
        return finder.found
    }

    private struct StructureFinder: MarkdownWalker {
        let factLines: Set<Int>
        var found: [(line: Int, what: String)] = []

        mutating func visitTable(_ table: Table, context: WalkContext) {
            guard !table.rows.isEmpty, !table.rows.contains(where: { factLines.contains($0.line) }),
                  !factLines.contains(table.header.line) else { return }
            found.append((table.line, "table | " + table.header.cells.map(\.plainText).joined(separator: " | ") + " |"))
        }

        mutating func visitList(_ list: MarkdownList, context: WalkContext) {
            guard context.listDepth == 0, list.items.count >= 3, !list.items.contains(where: { factLines.contains($0.line) }) else { return }
            let under = context.section.map { " under \"\($0.text)\"" } ?? ""
            found.append((list.line, "list of \(list.items.count) items\(under)"))
        }
    }
}
