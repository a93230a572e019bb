import Foundation
import Markdown

/// Every place an ID is written (prose, lists, tables, headings), with its line, so GAP pages can link
/// to the exact places that talk about a finding. IDs are those of the configured pattern, those the
/// report defines, and finding-shaped tokens (`B-9`, `SEC-12`) that an earlier or later audit of the
/// project may define: the portal keeps the mentions of IDs its projects define. Code is not prose.
struct MentionWalker: MarkdownWalker {
    let context: ExtractionContext
    /// IDs the report defines in other shapes (`SEC-12` in an ID column) are mentions too.
    let definedIDs: Set<String>
    private(set) var mentions: [Mention] = []
    private var seen: Set<Mention> = []

    init(context: ExtractionContext, definedIDs: Set<String>) {
        self.context = context
        self.definedIDs = definedIDs
    }

    static func mentions(in document: MarkdownDocument, context: ExtractionContext, definedIDs: Set<String>) -> [Mention] {
        var walker = MentionWalker(context: context, definedIDs: definedIDs)
        document.walk(&walker)
        return walker.mentions
    }

    mutating func visitHeading(_ heading: Heading, context: WalkContext) { scan(heading.lines) }

    mutating func visitParagraph(_ paragraph: Paragraph, context: WalkContext) { scan(paragraph.lines) }

    mutating func visitTable(_ table: Table, context: WalkContext) {
        for row in [table.header] + table.rows {
            for text in row.texts { scan(text, line: row.line) }
        }
    }

    private mutating func scan(_ lines: [TextLine]) {
        for l in lines { scan(l.text, line: l.line) }
    }

    private mutating func scan(_ text: String, line: Int) {
        // Every ID has a digit: most lines have none and are skipped without cutting tokens.
        guard text.hasASCIIDigit else { return }
        for token in IDMatcher.tokens(in: text)
        where context.ids.isID(token) || definedIDs.contains(token) || FindingID.isFindingShaped(token) {
            let mention = Mention(id: token, line: line)
            if seen.insert(mention).inserted { mentions.append(mention) }
        }
    }
}
