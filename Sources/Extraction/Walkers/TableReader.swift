import Foundation
import Markdown

/// Reads what a table's columns mean from its header words and, where headers are silent, its values.
struct TableReader {
    let table: Table
    let context: ExtractionContext
    let columnCount: Int
    /// What each column's header announces (computed once: several walkers ask).
    let roles: [Vocabulary.ColumnRole?]
    /// The column holding one explicit ID per row, if any.
    private(set) var idColumn: Int?

    init(table: Table, context: ExtractionContext) {
        self.table = table
        self.context = context
        columnCount = max(table.header.cells.count, table.rows.map(\.cells.count).max() ?? 0)
        roles = (0..<columnCount).map { column in
            context.vocabulary.columnRole(forHeader: column < table.header.cells.count ? table.header.texts[column] : "")
        }
        idColumn = nil
        idColumn = findIDColumn()
    }

    func header(_ column: Int) -> String {
        column < table.header.cells.count ? table.header.texts[column] : ""
    }

    func cell(_ row: TableRow, _ column: Int?) -> String {
        guard let column, column < row.cells.count else { return "" }
        return row.texts[column]
    }

    /// The column holding a role; with several (`Baseline score | Current score`), the current one.
    func firstColumn(_ role: Vocabulary.ColumnRole) -> Int? {
        let candidates = roles.indices.filter { roles[$0] == role }
        guard candidates.count > 1 else { return candidates.first }
        return candidates.max { a, b in
            let pa = context.vocabulary.columnPreference(forHeader: header(a)), pb = context.vocabulary.columnPreference(forHeader: header(b))
            return pa != pb ? pa < pb : a > b
        }
    }

    /// The column holding one explicit ID per row: a column headed `ID`/`Réf.` whose cells look like
    /// identifiers, or any column whose cells match the configured ID pattern.
    private func findIDColumn() -> Int? {
        let rows = table.rows
        guard !rows.isEmpty else { return nil }
        for column in 0..<columnCount {
            var single = 0, multiple = 0
            for row in rows {
                let ids = context.ids.ids(in: cell(row, column))
                if ids.count == 1 { single += 1 } else if ids.count > 1 { multiple += 1 }
            }
            if single > 0, single >= multiple * 2, roles[column] == .id || column == 0 || single * 2 >= rows.count {
                return column
            }
        }
        if let column = firstColumn(.id) ?? (0..<columnCount).first(where: { column in
            // No `ID` header: a first column whose every cell is a finding-shaped ID (`[H-01]`, `SEC-12`).
            column == 0 && rows.allSatisfy { Self.bareID(cell($0, column)).map(FindingID.isFindingShaped) == true }
        }) {
            let shaped = rows.filter { Self.bareID(cell($0, column)).map(IDMatcher.looksLikeID) == true }.count
            if shaped > 0, shaped * 2 >= rows.count { return column }
        }
        return nil
    }

    /// The single ID written in a row's ID cell (pattern first, then identifier shape in an ID column).
    func id(in row: TableRow, column: Int) -> String? {
        let text = cell(row, column)
        let ids = context.ids.ids(in: text)
        if ids.count == 1 { return ids[0] }
        if ids.isEmpty, let bare = Self.bareID(text), IDMatcher.looksLikeID(bare) { return bare }
        return nil
    }

    /// The identifier a cell holds alone, brackets and code marks aside (`[H-01]`, `` `SEC-12` ``).
    static func bareID(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " []()`*_#\u{00A0}"))
        guard !trimmed.isEmpty, !trimmed.contains(" "), trimmed.count <= 24 else { return nil }
        return trimmed
    }

    /// The column with the most descriptive text, avoiding the columns that hold other roles.
    func titleColumn(excluding taken: Set<Int>) -> Int? {
        let roles = roles
        let titles = roles.indices.filter { roles[$0] == .title && !taken.contains($0) }
        // `| Exigence | Constat |`, `| Requirement | Finding |`: the finding is what the row says, the
        // requirement what it was checked against.
        if titles.count > 1, titles.contains(where: { Self.referenceHeaders.contains(TextNormalizer.key(header($0))) }),
           let column = titles.first(where: { Self.findingHeaders.contains(TextNormalizer.key(header($0))) }) {
            return column
        }
        if let column = titles.first { return column }
        if let column = roles.indices.first(where: { roles[$0] == .label && !taken.contains($0) }) { return column }
        return (0..<columnCount).first { !taken.contains($0) && roles[$0] == nil && !isNumberColumn($0) }
    }

    /// Title headers that name what was checked against, and those that name what was found.
    static let referenceHeaders: Set<String> = ["exigence", "requirement", "critere", "controle", "control", "mesure", "measure", "check"]
    static let findingHeaders: Set<String> = ["constat", "constats", "finding", "findings", "ecart", "gap", "issue", "probleme",
                                              "problem", "vulnerabilite", "vulnerability"]

    /// `#` columns and the like: row numbers, not content.
    func isNumberColumn(_ column: Int) -> Bool {
        let values = table.rows.map { cell($0, column) }.filter { !$0.isEmpty }
        return !values.isEmpty && values.allSatisfy { $0.allSatisfy { $0.isNumber || $0 == "." } }
    }
}
