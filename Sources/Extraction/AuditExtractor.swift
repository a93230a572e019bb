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
        let tables = TableReaders(document, context: context)
        let scores = ScoreWalker(context: context, tables: tables).walk(document)
        let items = ItemWalker.items(in: document, context: context, tables: tables)
        let defined = Set(items.value.items.compactMap(\.id))
        let mentions = WalkResult(MentionWalker.mentions(in: document, context: context, definedIDs: defined))
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
        facts.ratings = RatingWalker.ratings(in: document, context: context, tables: tables)
        facts.items = Self.applying(frontMatter.findings, to: items.value.items, vocabulary: context.vocabulary,
                                    file: context.file, diagnostics: &diagnostics)
        facts.closesEarlierFindings = items.value.closure
        facts.statedCounts = items.value.statedCounts
        facts.mentions = mentions.value
        facts.headings = Self.headings(of: document)
        return WalkResult(facts, diagnostics: diagnostics)
    }

    /// Front matter `findings:` wins over what the body says: the author's escape hatch for a report
    /// whose shape is not understood, or a fact to correct. Each change is an info diagnostic.
    static func applying(_ stated: [String: FrontMatter.StatedFinding], to items: [Item], vocabulary: Vocabulary,
                         file: String, diagnostics: inout [Diagnostic]) -> [Item] {
        guard !stated.isEmpty else { return items }
        var items = items
        for (id, finding) in stated.sorted(by: { $0.key < $1.key }) {
            let severity = finding.severity.flatMap { vocabulary.severity(in: $0) }
            // A single word may be a status (`done`) or a level (`high`).
            let status = finding.status.flatMap { vocabulary.status(in: $0) }
            let levelInsteadOfStatus = status == nil ? finding.status.flatMap { vocabulary.severity(in: $0) } : nil
            for (word, known) in [(finding.severity, severity != nil), (finding.status, status != nil || levelInsteadOfStatus != nil)] {
                if let word, !known {
                    diagnostics.append(.warning(file, line: 1, code: "frontmatter.unknown-word",
                                                "front matter says '\(word)' of \(id), which is neither a status nor a level the vocabulary knows"))
                }
            }
            if let index = items.firstIndex(where: { $0.id == id }) {
                var item = items[index]
                if let level = severity ?? levelInsteadOfStatus, level != item.severity { item.severity = level; item.severityText = finding.severity ?? finding.status }
                if let status, status != item.status { item.status = status; item.statusText = finding.status }
                if let title = finding.title { item.title = title }
                if item != items[index] {
                    diagnostics.append(.info(file, line: 1, code: "frontmatter.stated-finding",
                        "front matter states \(id) as \(item.severity?.rawValue ?? "no level") / \(item.status.rawValue); the body said \(items[index].severity?.rawValue ?? "no level") / \(items[index].status.rawValue)"))
                }
                items[index] = item
            } else {
                items.append(Item(kind: .gap, id: id, title: finding.title ?? id, severity: severity ?? levelInsteadOfStatus,
                                  status: status ?? .open, severityText: finding.severity, statusText: finding.status, line: 1))
                diagnostics.append(.info(file, line: 1, code: "frontmatter.stated-finding",
                                         "front matter states \(id), which the body does not define"))
            }
        }
        return items
    }

    static func headings(of document: MarkdownDocument) -> [HeadingInfo] {
        var collector = HeadingCollector(anchors: HeadingAnchors.forDocument(document))
        document.walk(&collector)
        return collector.headings
    }

    /// Every heading with its anchor, so facts and mentions can name the section they sit in.
    private struct HeadingCollector: MarkdownWalker {
        let anchors: [Int: String]
        var headings: [HeadingInfo] = []

        mutating func visitHeading(_ heading: Heading, context: WalkContext) {
            headings.append(HeadingInfo(level: heading.level, text: TextNormalizer.cleanTitle(heading.text),
                                        anchor: anchors[heading.line] ?? "", line: heading.line))
        }

        /// The first paragraph below a heading, shortened: what search shows under a section.
        mutating func visitParagraph(_ paragraph: Paragraph, context: WalkContext) {
            guard let last = headings.indices.last, headings[last].snippet == nil, context.listDepth == 0 else { return }
            headings[last].snippet = HeadingInfo.snippet(of: paragraph.text)
        }
    }
}
