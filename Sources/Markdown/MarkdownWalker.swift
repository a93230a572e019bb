/// Visits a document's blocks in reading order, each with the headings that enclose it, so that
/// extractors say what they look for (a table, a heading, a list item) instead of recursing through
/// the tree by hand. Like swift-markdown's `MarkupWalker`, every method has a default that does
/// nothing; a walker implements only what it reads.
///
/// Code blocks and raw HTML are not visited unless a walker asks for them (`visitCodeBlock`): facts
/// are never mined from code.
public protocol MarkdownWalker {
    /// A heading; `context.sections` already ends with it.
    mutating func visitHeading(_ heading: Heading, context: WalkContext)
    /// A paragraph (also inside list items and quotes).
    mutating func visitParagraph(_ paragraph: Paragraph, context: WalkContext)
    /// A list item, before its own blocks are visited; `context.listDepth` counts enclosing lists, 1 for a top-level list.
    mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context: WalkContext)
    /// A whole list, before its items.
    mutating func visitList(_ list: MarkdownList, context: WalkContext)
    mutating func visitTable(_ table: Table, context: WalkContext)
    mutating func visitCodeBlock(info: String, code: String, line: Int, context: WalkContext)
}

extension MarkdownWalker {
    public mutating func visitHeading(_ heading: Heading, context: WalkContext) {}
    public mutating func visitParagraph(_ paragraph: Paragraph, context: WalkContext) {}
    public mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context: WalkContext) {}
    public mutating func visitList(_ list: MarkdownList, context: WalkContext) {}
    public mutating func visitTable(_ table: Table, context: WalkContext) {}
    public mutating func visitCodeBlock(info: String, code: String, line: Int, context: WalkContext) {}
}

/// A heading of the document. A class: every walker is handed every heading (and the headings above
/// each block), and handing a reference retains one object where a struct retained each of its parts.
public final class Heading: Sendable, Equatable {
    public let level: Int
    public let content: [Inline]
    public let line: Int
    /// Plain text, computed once (every walker reads it).
    public let text: String
    /// Its lines (a setext heading may have several), cut once.
    public let lines: [TextLine]

    public init(level: Int, content: [Inline], line: Int) {
        self.level = level
        self.content = content
        self.line = line
        lines = TextLines.of(content, startLine: line)
        // Without a break, the text is its one line's (an empty heading has none).
        let hasBreak = content.contains {
            switch $0 {
            case .softBreak, .lineBreak: true
            default: false
            }
        }
        text = hasBreak ? content.plainText : lines.first?.text ?? ""
    }

    public static func == (lhs: Heading, rhs: Heading) -> Bool {
        lhs.level == rhs.level && lhs.line == rhs.line && lhs.content == rhs.content
    }
}

/// A paragraph of the document with its lines, cut once (every walker reads them). A class, as
/// `Heading` is: handed to every walker.
public final class Paragraph: Sendable {
    public let inlines: [Inline]
    /// The source line it starts on.
    public let line: Int
    public let lines: [TextLine]
    /// Plain text (`inlines.plainText`), made once: several walkers read the whole paragraph.
    public let text: String

    public init(inlines: [Inline], line: Int) {
        self.inlines = inlines
        self.line = line
        lines = TextLines.of(inlines, startLine: line)
        // Without a break, the text is its one line's (an empty paragraph has none).
        let hasBreak = inlines.contains {
            switch $0 {
            case .softBreak, .lineBreak: true
            default: false
            }
        }
        text = hasBreak ? inlines.plainText : lines.first?.text ?? inlines.plainText
    }
}

/// Where a visited block sits: the headings above it (outermost first) and how deep in lists and quotes.
public struct WalkContext: Sendable {
    public internal(set) var sections: [Heading] = []
    public internal(set) var listDepth = 0
    public internal(set) var quoteDepth = 0
    /// The list item the block belongs to, innermost, if any.
    public internal(set) var listItemLine: Int?

    public init() {}

    /// The innermost heading, if any.
    public var section: Heading? { sections.last }
}

extension MarkdownDocument {
    /// Walks every block in reading order.
    public func walk<W: MarkdownWalker>(_ walker: inout W) {
        for step in steps {
            // Each block is read where the step holds it (a class's constants are lent, not copied).
            switch step.kind {
            case .heading: walker.visitHeading(step.heading!, context: step.context)
            case .paragraph: walker.visitParagraph(step.paragraph!, context: step.context)
            case .list: walker.visitList(step.list!, context: step.context)
            case .listItem: walker.visitListItem(step.item!, of: step.list!, context: step.context)
            case .table: walker.visitTable(step.table!, context: step.context)
            case .codeBlock: walker.visitCodeBlock(info: step.code!.info, code: step.code!.code, line: step.code!.line, context: step.context)
            }
        }
    }
}

/// One visit of a walk: a block and where it sits. A document lists its steps once, when it is made.
///
/// A class of constants and a plain kind: every walker reads every step, and a walk lends each block
/// where the step holds it. An enum with the blocks as payloads (as a case or a class's constant) was
/// copied out, each part retained and released, once per walker and step: 2% of a build's instructions.
final class WalkStep: Sendable {
    enum Kind: UInt8, Sendable { case heading, paragraph, list, listItem, table, codeBlock }

    let kind: Kind
    let context: WalkContext
    let heading: Heading?
    let paragraph: Paragraph?
    /// The list, or the list of the item.
    let list: MarkdownList?
    let item: ListItem?
    let table: Table?
    let code: (info: String, code: String, line: Int)?

    private init(_ kind: Kind, _ context: WalkContext, heading: Heading? = nil, paragraph: Paragraph? = nil, list: MarkdownList? = nil,
                 item: ListItem? = nil, table: Table? = nil, code: (info: String, code: String, line: Int)? = nil) {
        self.kind = kind
        self.context = context
        self.heading = heading
        self.paragraph = paragraph
        self.list = list
        self.item = item
        self.table = table
        self.code = code
    }

    /// The steps of `blocks` in reading order: a heading closes the sections of its level and below,
    /// lists and quotes count their depth, a list item's blocks know the item's line.
    static func append(_ blocks: [Block], to steps: inout [WalkStep], context: inout WalkContext) {
        for block in blocks {
            switch block {
            case .heading(let level, let content, let line):
                let heading = Heading(level: level, content: content, line: line)
                while let last = context.sections.last, last.level >= level { context.sections.removeLast() }
                context.sections.append(heading)
                steps.append(WalkStep(.heading, context, heading: heading))
            case .paragraph(let inlines, let line):
                steps.append(WalkStep(.paragraph, context, paragraph: Paragraph(inlines: inlines, line: line)))
            case .blockQuote(let inner, _):
                context.quoteDepth += 1
                append(inner, to: &steps, context: &context)
                context.quoteDepth -= 1
            case .list(let list):
                steps.append(WalkStep(.list, context, list: list))
                context.listDepth += 1
                let enclosingItem = context.listItemLine
                for item in list.items {
                    steps.append(WalkStep(.listItem, context, list: list, item: item))
                    context.listItemLine = item.line
                    append(item.blocks, to: &steps, context: &context)
                    context.listItemLine = enclosingItem
                }
                context.listDepth -= 1
            case .table(let table):
                steps.append(WalkStep(.table, context, table: table))
            case .codeBlock(let info, let code, let line):
                steps.append(WalkStep(.codeBlock, context, code: (info, code, line)))
            case .htmlBlock, .thematicBreak:
                continue
            }
        }
    }
}

/// A walker made of closures, for extractors that keep their findings in local variables: set the
/// blocks you read, leave the others nil.
public struct BlockVisitor: MarkdownWalker {
    public var onHeading: ((Heading, WalkContext) -> Void)?
    public var onParagraph: ((Paragraph, WalkContext) -> Void)?
    public var onList: ((MarkdownList, WalkContext) -> Void)?
    public var onTable: ((Table, WalkContext) -> Void)?

    public init() {}

    public mutating func visitHeading(_ heading: Heading, context: WalkContext) { onHeading?(heading, context) }
    public mutating func visitParagraph(_ paragraph: Paragraph, context: WalkContext) { onParagraph?(paragraph, context) }
    public mutating func visitList(_ list: MarkdownList, context: WalkContext) { onList?(list, context) }
    public mutating func visitTable(_ table: Table, context: WalkContext) { onTable?(table, context) }
}

extension WalkContext {
    /// How deep in lists and quotes the block sits (0 at the top level of the document).
    public var depth: Int { listDepth + quoteDepth }
}
