import Diagnostics
import Markdown

/// Runs the walkers over one parsed report and combines what they found with the front matter and
/// the file name. Each walker is small and independent; this type only decides precedence.
public struct AuditExtractor: Sendable {
    public let context: ExtractionContext

    public init(context: ExtractionContext) {
        self.context = context
    }

    /// - Parameters:
    ///   - fileNameDate: the `YYYY-MM-DD` prefix of the file name, if any.
    ///   - frontMatterLine: the line the front matter's values are reported at (1).
    public func extract(_ document: MarkdownDocument, frontMatter: FrontMatter, fileNameDate: AuditDate?) -> WalkResult<AuditFacts> {
        var diagnostics: [Diagnostic] = []
        let metadata = MetadataWalker(context: context).walk(document)
        let scores = ScoreWalker(context: context).walk(document)
        let items = ItemWalker.items(in: document, context: context)
        let defined = Set(items.value.items.compactMap(\.id))
        let mentions = MentionWalker(context: context, definedIDs: defined).walk(document)
        diagnostics += metadata.diagnostics + scores.diagnostics + items.diagnostics + mentions.diagnostics

        var facts = AuditFacts()
        facts.title = frontMatter.title ?? metadata.value.title
        facts.author = frontMatter.author ?? metadata.value.author
        facts.verdict = frontMatter.verdict ?? metadata.value.verdict

        // Date: front matter, then the file name, then the body.
        let parser = DateParser(vocabulary: context.vocabulary)
        if let text = frontMatter.date {
            if let date = AuditDate(iso: String(text.prefix(10))) ?? parser.firstDate(in: text) {
                facts.date = date
                facts.dateLine = 1
            } else {
                diagnostics.append(.error(context.file, line: 1, code: "date.invalid",
                                          "front matter date '\(text)' is not a date (expected YYYY-MM-DD)"))
            }
        }
        if facts.date == nil, let fileNameDate {
            facts.date = fileNameDate
        }
        if facts.date == nil, let date = metadata.value.date {
            facts.date = date
            facts.dateLine = metadata.value.dateLine
        }
        if facts.date == nil {
            diagnostics.append(.warning(context.file, line: 1, code: "date.missing",
                "no date found (front matter 'date:', a YYYY-MM-DD file name prefix, or a 'Date:' line); the audit is listed undated"))
        } else if let fileNameDate, let date = facts.date, date != fileNameDate {
            diagnostics.append(.warning(context.file, line: facts.dateLine ?? 1, code: "date.conflict",
                                        "date \(date) differs from the file name's date \(fileNameDate); \(date) is used"))
        }

        facts.score = scores.value.global
        if let text = frontMatter.score {
            switch ScoreParser.firstScore(in: text, line: 1, defaultScale: 100) {
            case .score(let score): facts.score = score
            case .outOfScale(let original):
                diagnostics.append(.warning(context.file, line: 1, code: "score.out-of-scale",
                                            "front matter score '\(original)' is outside its scale; it is ignored"))
            case nil:
                diagnostics.append(.warning(context.file, line: 1, code: "score.invalid",
                                            "front matter score '\(text)' is not a score (write 85, 85%, 17/20 or 8.5/10)"))
            }
        }
        facts.domainScores = scores.value.domains
        facts.ratings = RatingWalker.ratings(in: document, context: context)
        facts.items = items.value.items
        facts.closesEarlierFindings = items.value.closure
        facts.statedCounts = items.value.statedCounts
        facts.mentions = mentions.value
        facts.headings = Self.headings(of: document)
        return WalkResult(facts, diagnostics: diagnostics)
    }

    static func headings(of document: MarkdownDocument) -> [HeadingInfo] {
        let anchors = HeadingAnchors.forDocument(document)
        var result: [HeadingInfo] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .heading(let level, let content, let line):
                    result.append(HeadingInfo(level: level, text: TextNormalizer.cleanTitle(content.plainText),
                                              anchor: anchors[line] ?? "", line: line))
                case .blockQuote(let inner, _): visit(inner)
                case .list(let list): for item in list.items { visit(item.blocks) }
                default: break
                }
            }
        }
        visit(document.blocks)
        return result
    }
}
