import Markdown

/// A re-check that closes everything in one sentence: `All findings from the March 2025 report have
/// been remediated and verified.`, `L'ensemble des constats de l'audit précédent a été corrigé.`
/// It defines no item; the portal closes the project's earlier findings this audit does not restate.
/// A sentence that asks for it (`All findings must be fixed`) or denies it (`not all`, `aucun`) is no
/// such statement.
enum ClosureStatement {
    static let quantifierWords = ["all", "every", "each", "tous", "toutes", "ensemble", "chacun", "chacune", "totalite"]
    static let quantifiers = WordSet(quantifierWords)
    static let nouns: WordSet = [
        "finding", "findings", "issue", "issues", "vulnerability", "vulnerabilities", "gap", "gaps", "observation", "observations",
        "constat", "constats", "ecart", "ecarts", "point", "points", "recommandation", "recommandations", "recommendation",
        "recommendations", "anomalie", "anomalies", "non", "vulnerabilites", "vulnerabilite", "nonconformities", "remarques",
    ]
    static let doneWordList = [
        "fixed", "resolved", "remediated", "addressed", "corrected", "closed", "mitigated", "corrige", "corriges", "corrigees",
        "corrigee", "resolu", "resolus", "resolues", "traite", "traites", "traitees", "leve", "leves", "levees", "clos", "closes",
        "fermes", "fermees", "remedie", "remedies", "implemented", "implementes", "implementees",
    ]
    static let doneWords = WordSet(doneWordList)
    static let negations: WordSet = [
        "not", "no", "none", "pas", "aucun", "aucune", "ne", "n'ont", "n'a", "n'est", "must", "should", "doivent", "devront",
        "doit", "devra", "need", "needs", "will", "shall", "if", "si", "once", "lorsque", "quand", "until", "jusqu'a",
    ]
    /// `with the exception of F-2024-09`, `sauf B-4`: the IDs named after these stay as they were.
    static let exceptionWords: WordSet = ["except", "exception", "excepted", "sauf", "hormis", "excepte", "exceptee", "but"]

    /// The closure a paragraph states, with the IDs it names as exceptions.
    static func read(_ text: String, line: Int, ids: IDMatcher, vocabulary: Vocabulary) -> EarlierClosure? {
        guard mayClose(key: TextNormalizer.key(text)) else { return nil }
        let sentences = text.components(separatedBy: ". ")
        for sentence in sentences {
            let key = TextNormalizer.key(sentence)
            let words = key.split(separator: " ")
            let cut = words.firstIndex { exceptionWords.contains($0) }
            let main = cut.map { words[..<$0].joined(separator: " ") } ?? key
            guard closesEverything(main) else { continue }
            var exceptions: [String] = []
            var exceptionStatus: Status?
            if cut != nil, let range = sentence.range(of: "xcept", options: .caseInsensitive) ?? sentence.range(of: "sauf", options: .caseInsensitive)
                ?? sentence.range(of: "hormis", options: .caseInsensitive) ?? sentence.range(of: " but ") {
                let clause = String(sentence[range.upperBound...])
                exceptions = IDMatcher.tokens(in: clause).filter { ids.isID($0) || FindingID.isFindingShaped($0) }
                exceptionStatus = vocabulary.statusDefined(by: clause)
            }
            return EarlierClosure(line: line, exceptions: exceptions, exceptionStatus: exceptionStatus)
        }
        return nil
    }

    /// `l'ensemble`, `d'audit`: the elided article is not part of the word.
    static func words(of key: String) -> [Substring] {
        key.split(separator: " ").map(withoutArticle)
    }

    /// `l'`, `d'`, `qu'`: the elided article is not part of the word (the same over a word's bytes).
    static func withoutArticle(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let l = UInt8(ascii: "l"), d = UInt8(ascii: "d"), q = UInt8(ascii: "q"), u = UInt8(ascii: "u")
        var bytes = word.makeIterator()
        switch (bytes.next(), bytes.next(), bytes.next()) {
        case (l, 0x27, _), (d, 0x27, _): return word.dropFirst(2)
        case (q, u, 0x27): return word.dropFirst(3)
        default: return word
        }
    }

    @inline(__always)
    static func withoutArticle(_ word: Substring) -> Substring {
        guard word.utf8.contains(0x27) else { return word }
        for article in ["l'", "d'", "qu'"] where word.hasPrefix(article) { return word.dropFirst(article.count) }
        return word
    }

    /// Most paragraphs have no quantifier or no word of completion: one look at the whole paragraph's
    /// words rules them out before it is cut into sentences.
    static func mayClose(words: [Substring]) -> Bool {
        var seen: UInt8 = 0
        for word in words {
            if let kind = quantifierOrDone[withoutArticle(word)] {
                seen |= kind
                if seen == 3 { return true }
            }
        }
        return false
    }

    /// The same over a folded key, read in place when it is ASCII.
    static func mayClose(key: String) -> Bool {
        var seen: UInt8 = 0
        let read: Void? = ASCIIWords.forEach(in: key) { word in
            if let kind = quantifierOrDone[ascii: word.contains(0x27) ? withoutArticle(word) : word] { seen |= kind }
            return seen != 3
        }
        guard read != nil else { return mayClose(words: key.split(separator: " ")) }
        return seen == 3
    }

    /// Quantifiers (1) and words of completion (2) in one table: one lookup per word of a paragraph.
    private static let quantifierOrDone = WordMap<UInt8>(quantifierWords.map { ($0, 1) } + doneWordList.map { ($0, 2) })

    static func closesEverything(_ key: String) -> Bool {
        let words = words(of: key)
        guard words.count >= 4, words.count <= 60,
              let q = words.firstIndex(where: { quantifiers.contains($0) }) else { return false }
        let after = words[q...]
        guard let noun = after.prefix(8).firstIndex(where: { nouns.contains($0) }),
              words[noun...].prefix(26).contains(where: { doneWords.contains($0) }) else { return false }
        // A request (`must`, `should`), a condition (`once`, `if`) or a denial (`not`, `aucun`) closes nothing.
        return !words.contains { negations.contains($0) }
    }
}
