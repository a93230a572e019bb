import Markdown

/// Counts a report states in a sentence: `We identified 7 gaps: 2 high, 3 medium and 2 low.`,
/// `12 vulnérabilités dont 2 critiques et 4 élevées`. Kept to be compared with what was understood;
/// the line defines no item.
struct ProseCountRule: ItemRule {
    static let nouns: Set<Substring> = [
        "gap", "gaps", "finding", "findings", "issue", "issues", "vulnerability", "vulnerabilities", "constat", "constats",
        "ecart", "ecarts", "vulnerabilite", "vulnerabilites", "point", "points", "anomalie", "anomalies", "nonconformities",
        "conformites", "observations", "failles", "faille", "risques", "risks",
    ]

    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard line.text.hasASCIIDigit else { return false }
        let words = TextNormalizer.key(line.text).split(separator: " ")
        guard words.contains(where: { Self.nouns.contains($0) }) else { return false }
        var counts: [StatedCount] = []
        for (index, word) in words.enumerated() where index + 1 < words.count {
            guard let count = Int(word), count < 1000 else { continue }
            // `2 high`, `3 medium`, `2 critiques`, `4 élevées` (a noun may sit between: `2 high-risk issues`).
            let next = String(words[index + 1])
            if let severity = state.vocabulary.severity(wholeText: next), !next.hasPrefix("p") {
                counts.append(StatedCount(severity: severity, count: count, line: line.line))
            }
        }
        // One count alone may be any number in a sentence; two or more are the report's tally.
        if counts.count >= 2, state.statedCounts.isEmpty { state.statedCounts += counts }
        return false
    }
}
