import Markdown

/// A line or heading that names a finding by a noun and its number: `Finding 1: Leavers keep their
/// accounts`, `Issue #3 – Weak TLS`, `Constat n°2 : Sauvegardes non testées`, `Écart 4 — …`. The number
/// is the finding's reference; what follows (`Priority:`, `Status at final report:`) is read by
/// `FindingStatusRule`. `Step 1:`, `Good practice 2:` and other numbered nouns are not findings.
struct FindingLabelRule: ItemRule {
    static let nouns: [String: Item.Kind] = [
        "finding": .gap, "issue": .gap, "observation": .gap, "vulnerability": .gap, "weakness": .gap, "gap": .gap,
        "constat": .gap, "ecart": .gap, "vulnerabilite": .gap, "non conformite": .gap, "anomalie": .gap, "faiblesse": .gap,
        "recommendation": .recommendation, "recommandation": .recommendation, "risk": .risk, "risque": .risk,
    ]

    /// The nouns as the start of a key (`finding `), in a fixed order, made once: every heading and
    /// line with a digit is compared with each.
    static let keyPrefixes: [(prefix: String, kind: Item.Kind, words: Int)] = nouns.keys.sorted().map {
        ($0 + " ", nouns[$0]!, TextNormalizer.key($0).split(separator: " ").count)
    }

    /// The same by the first word of their key (`non conformite` under `non`), in the same order:
    /// a line looks up its key's first word once instead of comparing its key with every noun.
    static let keyPrefixesByFirstWord: [String: [(prefix: String, kind: Item.Kind, words: Int)]] =
        Dictionary(grouping: keyPrefixes) { String($0.prefix.prefix { $0 != " " }) }

    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        define(heading.text, line: heading.line, headingLevel: heading.level, &state)
    }

    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard !line.continuesSentence else { return false }
        return define(line.text, line: item?.line ?? line.line, headingLevel: nil, &state)
    }

    private func define(_ text: String, line: Int, headingLevel: Int?, _ state: inout ItemWalkState) -> Bool {
        guard let (kind, number, rest) = Self.parse(text) else { return false }
        let title = LeadingIDRule.title(rest, state: state)
        guard title.count >= 3 else { return false }
        let severity = StatedLevel.severity(in: rest, state: state)
        let status = StatedLevel.status(in: rest, vocabulary: state.vocabulary)
        state.addFinding(Item(kind: kind, id: nil, title: title, severity: severity ?? state.severitySection?.findingSeverity,
                              status: status ?? .open, line: line, ref: number),
                         headingLevel: headingLevel, explicitSeverity: severity != nil, explicitStatus: status != nil, weak: false)
        return true
    }

    /// `Finding 1: title` → (gap, "1", "title"); nil for anything else.
    static func parse(_ text: String) -> (Item.Kind, String, String)? {
        // A number must follow the noun: an ASCII line without a digit names no finding.
        guard text.hasASCIIDigit || text.containsByte(where: { $0 >= 0x80 }) else { return nil }
        let cleaned = TextNormalizer.cleanTitle(text)
        // Only the start of the key is compared: fold the first 64 scalars, and the whole line only
        // when they give too short a key to decide (a key of a prefix is a prefix of the key).
        var key = TextNormalizer.key(cleaned.prefix(scalars: 64))
        if key.utf8.count < 32, cleaned.unicodeScalars.count > 64 { key = TextNormalizer.key(cleaned) }
        // A key that opens with a noun opens with its first word, then a space.
        guard let space = key.utf8.firstIndex(of: 0x20), let nouns = keyPrefixesByFirstWord[String(key[..<space])] else { return nil }
        for (prefix, kind, words) in nouns where key.hasPrefix(prefix) {
            // After the noun: `1`, `#3`, `n°2`, `no 2`, then a separator and the title.
            var rest = cleaned.drop { $0 != " " }.drop { $0 == " " }
            if words > 1 { rest = rest.drop { $0 != " " }.drop { $0 == " " } }
            rest = rest.drop { $0 == "#" || $0 == "n" || $0 == "N" || $0 == "°" || $0 == "o" || $0 == "º" || $0 == " " || $0 == "." }
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, number.first?.isNumber == true else { return nil }
            let after = rest.dropFirst(number.count)
            guard let separator = after.first, ":-–—.)".contains(separator) || after.hasPrefix(" :") || after.hasPrefix(" –")
                    || after.hasPrefix(" —") || after.hasPrefix(" -") else { return nil }
            let title = after.drop { " :-–—.)".contains($0) }
            let ref = number.hasSuffix(".") ? String(number.dropLast()) : String(number)
            return (kind, ref, String(title))
        }
        return nil
    }
}
