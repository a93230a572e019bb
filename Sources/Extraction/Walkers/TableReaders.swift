import Markdown

/// Every table of a report read once (`TableReader`: each column's role, the ID column). The item,
/// score and rating walkers all read the tables, and each used to read their columns again.
struct TableReaders {
    private let byLine: [Int: TableReader]
    private let context: ExtractionContext

    init(_ document: MarkdownDocument, context: ExtractionContext) {
        self.context = context
        var readers: [Int: TableReader] = [:]
        var repeated: Set<Int> = []
        var visitor = BlockVisitor()
        visitor.onTable = { table, _ in
            // Two tables are never on one line; if they were, neither would be kept (each is read anew).
            if readers.updateValue(TableReader(table: table, context: context), forKey: table.line) != nil { repeated.insert(table.line) }
        }
        document.walk(&visitor)
        for line in repeated { readers[line] = nil }
        byLine = readers
    }

    /// The reader of a table of the report (a table read elsewhere is read now).
    func reader(for table: Table) -> TableReader {
        byLine[table.line] ?? TableReader(table: table, context: context)
    }
}
