import Markdown

/// Qualitative ratings per domain: `| Area | Assessment |` with `Good`/`Fair`/`Poor`, `| Axe |
/// Appréciation |` with `Satisfaisant`/`Insuffisant`, letter grades, `Niveau 3/5`, a colour badge
/// alone; or lines `- **Sécurité** : Bon`. Only where the report gives no numeric score for the
/// same rows: a status badge beside a percentage is not a rating.
struct RatingWalker: MarkdownWalker {
    let context: ExtractionContext
    private(set) var ratings: [DomainRating] = []
    private var tableFound = false
    /// The report's tables, each read once for all the walkers that read tables.
    let tables: TableReaders

    init(context: ExtractionContext, tables: TableReaders) {
        self.context = context
        self.tables = tables
    }

    static func ratings(in document: MarkdownDocument, context: ExtractionContext, tables: TableReaders) -> [DomainRating] {
        var walker = RatingWalker(context: context, tables: tables)
        document.walk(&walker)
        return walker.ratings
    }

    mutating func visitTable(_ table: Table, context walk: WalkContext) {
        guard !tableFound else { return }
        let reader = tables.reader(for: table)
        guard reader.idColumn == nil, !table.rows.isEmpty else { return }
        // A table with numeric scores is the ScoreWalker's (a score stands alone in its cell; a comment
        // that quotes a percentage is not a score); a checklist (a column of Pass/Fail) rates nothing.
        for column in 0..<reader.columnCount {
            let values = table.rows.map { reader.cell($0, column) }.filter { !$0.isEmpty }
            if values.contains(where: { $0.count <= 12 && Vocabulary.level($0) == nil && ScoreParser.isScore($0) }) { return }
            // (Colour badges alone may be ratings: only status words count here.)
            let statuses = values.filter { !TextNormalizer.key($0).isEmpty && context.vocabulary.status(wholeText: TextNormalizer.cleanTitle($0)) != nil }
            if values.count >= 2, statuses.count * 3 >= values.count * 2 { return }
        }
        let labelColumn = reader.roles.firstIndex { $0 == .label } ?? 0
        for column in 0..<reader.columnCount where column != labelColumn {
            // Badges in a status column are statuses; a column headed as a rating may hold them.
            if reader.roles[column] == .status || reader.roles[column] == .severity { continue }
            let rows = table.rows.filter { !Self.isEmpty(reader.cell($0, column)) && !reader.cell($0, labelColumn).isEmpty }
            guard rows.count >= 2, rows.count * 3 >= table.rows.count * 2,
                  let read = context.vocabulary.ratings(rows.map { Self.value(reader.cell($0, column)) }) else { continue }
            for (row, rating) in zip(rows, read) {
                let label = TextNormalizer.cleanTitle(reader.cell(row, labelColumn))
                guard !context.vocabulary.isGlobalScoreRowLabel(label) else { continue }
                add(label: label, rating: rating, line: row.line)
            }
            tableFound = !ratings.isEmpty
            return
        }
    }

    mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context walk: WalkContext) {
        guard !tableFound else { return }
        let line = item.firstLine
        guard let (label, value) = TextLines.labelAndValue(line), !value.isEmpty, !value.hasASCIIDigit || Vocabulary.level(value) != nil
        else { return }
        let (_, known) = context.vocabulary.domainKey(forLabel: label)
        guard known, let rating = context.vocabulary.ratings([Self.value(value)])?.first,
              rating.scale != "letters" || value.trimmingWhitespace().count <= 2 else { return }
        add(label: TextNormalizer.cleanTitle(label), rating: rating, line: item.line)
    }

    private mutating func add(label: String, rating: Rating, line: Int) {
        let (domain, _) = context.vocabulary.domainKey(forLabel: label)
        guard !ratings.contains(where: { $0.domain == domain }) else { return }
        ratings.append(DomainRating(domain: domain, label: label, rating: rating, line: line))
    }

    /// The rating part of a cell: `🟢 Bon` → `Bon`… unless the badge is all there is; `Good — see 4.2` → `Good`.
    static func value(_ cell: String) -> String {
        let first = StatedLevel.segments(cell).first ?? cell
        let words = TextNormalizer.key(first)
        return words.isEmpty ? first.trimmingWhitespace() : TextNormalizer.cleanTitle(first)
    }

    static func isEmpty(_ cell: String) -> Bool {
        let key = TextNormalizer.key(cell)
        return cell.trimmingWhitespace().isEmpty || cell.trimmingWhitespace() == "—" || cell.trimmingWhitespace() == "-"
            || ["n a", "na", "non evalue", "non evaluee", "not assessed", "not evaluated", "not rated", "sans objet", "hors perimetre",
                "out of scope", "non applicable", "not applicable"].contains(key)
    }
}
