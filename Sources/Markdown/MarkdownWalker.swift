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
    mutating func visitParagraph(_ inlines: [Inline], line: Int, context: WalkContext)
    /// A list item, before its own blocks are visited; `context.listDepth` counts enclosing lists, 1 for a top-level list.
    mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context: WalkContext)
    /// A whole list, before its items.
    mutating func visitList(_ list: MarkdownList, context: WalkContext)
    mutating func visitTable(_ table: Table, context: WalkContext)
    mutating func visitCodeBlock(info: String, code: String, line: Int, context: WalkContext)
}

extension MarkdownWalker {
    public mutating func visitHeading(_ heading: Heading, context: WalkContext) {}
    public mutating func visitParagraph(_ inlines: [Inline], line: Int, context: WalkContext) {}
    public mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context: WalkContext) {}
    public mutating func visitList(_ list: MarkdownList, context: WalkContext) {}
    public mutating func visitTable(_ table: Table, context: WalkContext) {}
    public mutating func visitCodeBlock(info: String, code: String, line: Int, context: WalkContext) {}
}

/// A heading of the document.
public struct Heading: Sendable, Equatable {
    public let level: Int
    public let content: [Inline]
    public let line: Int
    /// Plain text, computed once (every walker reads it).
    public let text: String

    public init(level: Int, content: [Inline], line: Int) {
        self.level = level
        self.content = content
        self.line = line
        text = content.plainText
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
        var context = WalkContext()
        Self.walk(blocks, &walker, &context)
    }

    private static func walk<W: MarkdownWalker>(_ blocks: [Block], _ walker: inout W, _ context: inout WalkContext) {
        for block in blocks {
            switch block {
            case .heading(let level, let content, let line):
                let heading = Heading(level: level, content: content, line: line)
                while let last = context.sections.last, last.level >= level { context.sections.removeLast() }
                context.sections.append(heading)
                walker.visitHeading(heading, context: context)
            case .paragraph(let inlines, let line):
                walker.visitParagraph(inlines, line: line, context: context)
            case .blockQuote(let inner, _):
                context.quoteDepth += 1
                walk(inner, &walker, &context)
                context.quoteDepth -= 1
            case .list(let list):
                walker.visitList(list, context: context)
                context.listDepth += 1
                let enclosingItem = context.listItemLine
                for item in list.items {
                    walker.visitListItem(item, of: list, context: context)
                    context.listItemLine = item.line
                    walk(item.blocks, &walker, &context)
                    context.listItemLine = enclosingItem
                }
                context.listDepth -= 1
            case .table(let table):
                walker.visitTable(table, context: context)
            case .codeBlock(let info, let code, let line):
                walker.visitCodeBlock(info: info, code: code, line: line, context: context)
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
    public var onParagraph: (([Inline], Int, WalkContext) -> Void)?
    public var onList: ((MarkdownList, WalkContext) -> Void)?
    public var onTable: ((Table, WalkContext) -> Void)?

    public init() {}

    public mutating func visitHeading(_ heading: Heading, context: WalkContext) { onHeading?(heading, context) }
    public mutating func visitParagraph(_ inlines: [Inline], line: Int, context: WalkContext) { onParagraph?(inlines, line, context) }
    public mutating func visitList(_ list: MarkdownList, context: WalkContext) { onList?(list, context) }
    public mutating func visitTable(_ table: Table, context: WalkContext) { onTable?(table, context) }
}

extension WalkContext {
    /// How deep in lists and quotes the block sits (0 at the top level of the document).
    public var depth: Int { listDepth + quoteDepth }
}
