/// A block of a Markdown document, as cmark-gfm parsed it, copied into immutable Swift values.
///
/// Every block carries the 1-based source line it starts on, so extracted facts and diagnostics can
/// point back to the report, and rendered pages can anchor the lines that facts link to.
public indirect enum Block: Sendable, Equatable {
    case heading(level: Int, content: [Inline], line: Int)
    case paragraph([Inline], line: Int)
    case blockQuote([Block], line: Int)
    case list(MarkdownList)
    case codeBlock(info: String, code: String, line: Int)
    /// Raw HTML: kept so that nothing is silently lost, but never rendered as HTML (safe mode).
    case htmlBlock(String, line: Int)
    case thematicBreak(line: Int)
    case table(Table)

    public var line: Int {
        switch self {
        case .heading(_, _, let line), .paragraph(_, let line), .blockQuote(_, let line),
             .codeBlock(_, _, let line), .htmlBlock(_, let line), .thematicBreak(let line):
            line
        case .list(let list): list.line
        case .table(let table): table.line
        }
    }
}

public struct MarkdownList: Sendable, Equatable {
    public let ordered: Bool
    public let start: Int
    public let tight: Bool
    public let items: [ListItem]
    public let line: Int

    public init(ordered: Bool, start: Int, tight: Bool, items: [ListItem], line: Int) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
        self.line = line
    }
}

public struct ListItem: Sendable, Equatable {
    /// GFM task list state: `nil` for a plain item, `true` for `- [x]`, `false` for `- [ ]`.
    public let task: Bool?
    public let blocks: [Block]
    public let line: Int
    /// The first line of its first paragraph (an empty line at the item's line when it has none), cut
    /// once: the item, score, rating and priority walkers each read it, and cut it again each time.
    public let firstLine: TextLine

    public init(task: Bool?, blocks: [Block], line: Int) {
        self.task = task
        self.blocks = blocks
        self.line = line
        firstLine = Self.firstLine(of: blocks, line: line)
    }

    private static func firstLine(of blocks: [Block], line: Int) -> TextLine {
        for block in blocks {
            if case .paragraph(let inlines, let start) = block {
                return TextLines.first(of: inlines, startLine: start) ?? TextLine(text: "", inlines: [], line: start)
            }
        }
        return TextLine(text: "", inlines: [], line: line)
    }

    /// Its first line is made of its blocks.
    public static func == (lhs: ListItem, rhs: ListItem) -> Bool {
        lhs.task == rhs.task && lhs.line == rhs.line && lhs.blocks == rhs.blocks
    }
}

public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case none, left, center, right }

    public let alignments: [Alignment]
    public let header: TableRow
    public let rows: [TableRow]
    public let line: Int

    public init(alignments: [Alignment], header: TableRow, rows: [TableRow], line: Int) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.line = line
    }
}

public struct TableRow: Sendable, Equatable {
    public let cells: [[Inline]]
    /// Each cell's plain text, computed once: every walker reads cells, some of them several times.
    public let texts: [String]
    public let line: Int

    public init(cells: [[Inline]], line: Int) {
        self.cells = cells
        texts = cells.map(\.plainText)
        self.line = line
    }
}
