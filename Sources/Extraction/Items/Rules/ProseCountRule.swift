import Markdown

/// Counts a report states in a sentence: `We identified 7 gaps: 2 high, 3 medium and 2 low.`,
/// `12 vulnérabilités dont 2 critiques et 4 élevées`. Kept to be compared with what was understood;
/// the line defines no item.
struct ProseCountRule: ItemRule {
    static let nounWords = [
        "gap", "gaps", "finding", "findings", "issue", "issues", "vulnerability", "vulnerabilities", "constat", "constats",
        "ecart", "ecarts", "vulnerabilite", "vulnerabilites", "point", "points", "anomalie", "anomalies", "nonconformities",
        "conformites", "observations", "failles", "faille", "risques", "risks",
    ]
    static let nouns = WordSet(nounWords)

    static let linking: WordSet = ["rated", "classified", "classees", "classes", "of", "de", "at", "jugees", "juges", "noted"]

    /// `one critical, two high`, `une critique et deux élevées`.
    static let numberWords: WordMap<Int> = [
        "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "aucun": 0, "aucune": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
        "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    ]

    /// List items are read here; paragraphs are read whole by the walker (a tally may wrap over lines).
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        if item != nil { Self.read(line.text, line: line.line, &state) }
        return false
    }

    /// Reads a sentence or a whole paragraph (a tally may wrap over lines: `… 2 low and 1` / `informational.`).
    static func read(_ text: String, line: Int, _ state: inout ItemWalkState) {
        guard state.statedCounts.isEmpty else { return }
        read(key: TextNormalizer.key(text), line: line, &state)
    }

    /// The same over a folded key. An ASCII key (nearly all) is read on its bytes, its words as
    /// ranges: a paragraph that names findings has a hundred words or more, each looked up as a
    /// number, and only a number's next word is made a `String`.
    static func read(key: String, line: Int, _ state: inout ItemWalkState) {
        guard state.statedCounts.isEmpty, namesCountedThings(key: key) else { return }
        readCounts(key: key, line: line, &state)
    }

    /// The counts of a key already known to name counted things (`ParagraphQuestions`).
    static func readCounts(key: String, line: Int, _ state: inout ItemWalkState) {
        guard state.statedCounts.isEmpty else { return }
        var key = key
        let read: Bool = key.withUTF8 { bytes in
            var words: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count {
                if index < bytes.count, bytes[index] >= 0x80 { return false }
                guard index == bytes.count || bytes[index] == 0x20 else { continue }
                if index > start { words.append(start..<index) }
                start = index + 1
            }
            var counts: [StatedCount] = []
            for (index, word) in words.enumerated() where index + 1 < words.count {
                let text = bytes[word]
                guard let count = text.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true ? Self.number(text) : numberWords[ascii: text],
                      count < 1000 else { continue }
                var next = index + 1
                if linking.contains(ascii: bytes[words[next]]), index + 2 < words.count { next = index + 2 }
                // A level phrase has a few words: the next four are enough.
                let rest = words[next].lowerBound..<words[min(next + 3, words.count - 1)].upperBound
                if let severity = level(word: String(decoding: UnsafeBufferPointer(rebasing: bytes[words[next]]), as: UTF8.self),
                                        rest: String(decoding: UnsafeBufferPointer(rebasing: bytes[rest]), as: UTF8.self), state.vocabulary) {
                    counts.append(StatedCount(severity: severity, count: count, line: line))
                }
            }
            if counts.count >= 2 { state.statedCounts += counts }
            return true
        }
        if !read { self.read(words: key.split(separator: " "), line: line, &state) }
    }

    /// The level a counted word names (`2 high`), or a level phrase opening `rest`, the key from that
    /// word on (`2 opportunities for improvement`, `3 points sensibles`, `1 very high`). Both are words
    /// of a folded key already. A P-level (`2 P1`) is a priority, not a level of findings.
    private static func level(word: String, rest: @autoclosure () -> String, _ vocabulary: Vocabulary) -> Severity? {
        if !word.hasPrefix("p"), let level = vocabulary.severities.matchesWhole(word) { return level }
        guard let match = vocabulary.severities.matchAtStart(ofKey: rest()), match.phrase.contains(" ") else { return nil }
        return match.value
    }

    /// `Int(word)` for a word of ASCII digits (capped: a count is below 1000), nil for any other word.
    private static func number(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in word {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = min(value * 10 + Int(byte - 0x30), 1_000_000)
        }
        return value
    }

    /// True when a folded key names what reports count (`gaps`, `constats`…): most paragraphs do
    /// not, and are not cut into words for this rule.
    static func namesCountedThings(key: String) -> Bool {
        var named = false
        let read: Void? = ASCIIWords.forEach(in: key) { word in
            named = nouns.contains(ascii: word)
            return !named
        }
        return read == nil ? key.split(separator: " ").contains(where: { nouns.contains($0) }) : named
    }

    /// The same, over the words of a key cut as characters (a key outside ASCII; `read(key:)` has
    /// asked whether a tally is still wanted and whether the key names counted things).
    private static func read(words: [Substring], line: Int, _ state: inout ItemWalkState) {
        var counts: [StatedCount] = []
        for (index, word) in words.enumerated() where index + 1 < words.count {
            let digit = word.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
            guard let count = digit ? Int(word) : numberWords[word], count < 1000 else { continue }
            // `2 high`, `3 medium`, `2 critiques`, `4 élevées` (a noun may sit between: `2 high-risk issues`).
            // (`three rated high`, `deux classées majeures`: one linking word may stand between.)
            var next = index + 1
            if linking.contains(words[next]), index + 2 < words.count { next = index + 2 }
            if let severity = level(word: String(words[next]), rest: words[next..<min(next + 4, words.count)].joined(separator: " "), state.vocabulary) {
                counts.append(StatedCount(severity: severity, count: count, line: line))
            }
        }
        // One count alone may be any number in a sentence; two or more are the report's tally.
        if counts.count >= 2 { state.statedCounts += counts }
    }
}
