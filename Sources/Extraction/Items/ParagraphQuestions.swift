/// The two questions asked of every paragraph's words, answered in one pass over its key: could it
/// close earlier findings (a quantifier and a word of completion, `ClosureStatement`), and does it
/// name counted things (`ProseCountRule`)? Most paragraphs answer no to both, so the whole key is
/// read; asked apart, it was read twice.
enum ParagraphQuestions {
    struct Answers: Equatable {
        var mayClose = false
        var namesCountedThings = false
    }

    /// Bits of a word: 1 a quantifier, 2 a word of completion (both read without an elided article:
    /// `l'ensemble`), 4 a noun of counted things (read as written).
    private static let quantifier: UInt8 = 1
    private static let done: UInt8 = 2
    private static let noun: UInt8 = 4

    private static let words: WordMap<UInt8> = {
        var bits: [String: UInt8] = [:]
        for word in ClosureStatement.quantifierWords { bits[word, default: 0] |= quantifier }
        for word in ClosureStatement.doneWordList { bits[word, default: 0] |= done }
        for word in ProseCountRule.nounWords { bits[word, default: 0] |= noun }
        return WordMap(bits.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }()

    /// The answers for a folded key; a question not asked is answered no. The same answers as
    /// `ClosureStatement.mayClose(key:)` and `ProseCountRule.namesCountedThings(key:)`.
    static func answer(_ key: String, closure: Bool, tally: Bool) -> Answers {
        guard closure || tally else { return Answers() }
        var seen: UInt8 = 0
        var named = false
        let read: Void? = ASCIIWords.forEach(in: key) { word in
            let bits = words[ascii: word] ?? 0
            if tally, bits & noun != 0 { named = true }
            if closure {
                let closing = word.contains(0x27) ? words[ascii: ClosureStatement.withoutArticle(word)] ?? 0 : bits
                seen |= closing & (quantifier | done)
            }
            return (closure && seen != quantifier | done) || (tally && !named)
        }
        guard read != nil else {
            return Answers(mayClose: closure && ClosureStatement.mayClose(key: key),
                           namesCountedThings: tally && ProseCountRule.namesCountedThings(key: key))
        }
        return Answers(mayClose: closure && seen == quantifier | done, namesCountedThings: tally && named)
    }
}
