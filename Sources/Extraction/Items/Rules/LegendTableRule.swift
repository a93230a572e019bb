import Markdown

/// Tables that define or count levels rather than list findings: `Severity | Description`,
/// `Status | Meaning`, `Severity | Count` (`High | 0`, `Low | 5`). Their rows are not findings; the
/// counts a report states about itself are kept to be compared with what was understood.
struct LegendTableRule: ItemRule {
    static let legendHeaders: Set<String> = [
        "description", "definition", "definitions", "meaning", "signification", "criteria", "criteres", "critere", "explanation",
        "explication", "examples", "exemples", "example", "exemple", "cvss", "cvss range", "range", "plage", "delai",
        "delai de correction", "response time", "sla", "impact", "likelihood", "action", "action attendue", "expected action",
        "remediation timeframe", "timeframe", "count", "nombre", "number", "total", "", "nb", "occurrences", "findings",
        "constats", "nombre de constats", "number of findings", "issues", "signification", "interpretation", "score", "cvss score",
    ]

    func table(_ table: TableReader, _ state: inout ItemWalkState) -> Bool {
        guard table.columnCount >= 2, table.idColumn == nil, !table.table.rows.isEmpty else { return false }
        // The first column names a level or status on every row (a `Total` row aside).
        let rows = table.table.rows.filter {
            let first = table.cell($0, 0)
            let label = TextNormalizer.cleanTitle(first)
            return !first.isEmpty && (state.vocabulary.severity(wholeText: label) != nil || !state.vocabulary.isGlobalScoreRowLabel(label))
        }
        let firsts = rows.map { table.cell($0, 0) }
        guard !firsts.isEmpty else { return false }
        // Every first cell names a level, or else every one a status. Most tables are neither, and
        // give up at their first row that is not.
        var levels: [Severity?] = []
        for first in firsts {
            guard let level = state.vocabulary.severity(wholeText: TextNormalizer.cleanTitle(first))
                    ?? SectionMeaning.severitySection(first, vocabulary: state.vocabulary)?.0
                    ?? state.priority(first) else { break }
            levels.append(level)
        }
        let isLevelLegend = levels.count == firsts.count
        guard isLevelLegend || firsts.allSatisfy({ state.vocabulary.status(wholeText: TextNormalizer.cleanTitle($0)) != nil }) else { return false }
        // A column of counts: what the report says it found (`| High Risk | 1 | 1 | 0 |`; levels named
        // twice, Gas and Informational, add up).
        let countColumn = (1..<table.columnCount).first { column in
            let values = rows.map { table.cell($0, column) }.filter { !$0.isEmpty }
            return !values.isEmpty && values.allSatisfy { Int($0.trimmingWhitespace()) != nil }
        }
        if isLevelLegend, let countColumn, firsts.count <= 8 {
            var total: [Severity: (count: Int, line: Int)] = [:]
            for (row, level) in zip(rows, levels) {
                if let level, let count = Int(table.cell(row, countColumn).trimmingWhitespace()) {
                    total[level] = ((total[level]?.count ?? 0) + count, total[level]?.line ?? row.line)
                }
            }
            for (level, value) in total.sorted(by: { $0.value.line < $1.value.line }) {
                state.statedCounts.append(StatedCount(severity: level, count: value.count, line: value.line))
            }
            return true
        }
        // Each level once, few rows, and the other columns explain: a legend, where a findings table
        // led by its severity column repeats levels and names findings.
        // (Several status words may share a meaning: `Acknowledged` and `Won't fix` are both accepted.)
        let distinct = isLevelLegend ? Set(levels.compactMap { $0 }).count : firsts.count
        guard distinct == firsts.count, firsts.count <= 8,
              (1..<table.columnCount).contains(where: { Self.legendHeaders.contains(TextNormalizer.key(table.header($0))) })
        else { return false }
        // A status legend defines the report's words: its meaning wins over the built-in one.
        if !isLevelLegend, let definitions = (1..<table.columnCount).first(where: { table.roles[$0] != .status }) {
            for row in rows {
                let word = TextNormalizer.cleanTitle(table.cell(row, 0))
                // A word the vocabulary knows keeps its meaning unless the legend says it means accepting the
                // risk (`Mitigated: … the team accepts the residual risk`).
                guard !TextNormalizer.key(word).isEmpty, let status = state.vocabulary.statusDefined(by: table.cell(row, definitions)),
                      state.vocabulary.status(wholeText: word) == nil || status == .accepted else { continue }
                state.vocabulary.learnStatus(word, status)
            }
        }
        // A legend: every other column is prose (definitions), none says a status or an ID.
        return (1..<table.columnCount).allSatisfy { table.roles[$0] != .status && table.roles[$0] != .id }
    }
}
