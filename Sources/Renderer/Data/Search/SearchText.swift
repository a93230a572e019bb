import Extraction
import Markdown

/// How the search index and the search page cut text into terms; `site.js` does the same to a query
/// (`searchTerms`), so both must change together.
///
/// Words are folded (lower case, no accents: `Sécurité` → `securite`), cut at anything that is not a
/// letter or a digit (single letters dropped, single digits kept), stripped of the most common French and English endings (`sauvegardes`,
/// `sauvegarde` → `sauvegard`; `backups` → `backup`) and of a few words too common to search for.
/// The search page matches prefixes, so a light stemmer is enough: what it misses, a prefix finds.
public enum SearchText {
    /// Longest first; an ending is removed only when at least four letters remain.
    static let endings = ["issements", "issement", "ements", "ement", "ations", "ation", "ables", "able", "ances", "ance",
                          "ences", "ence", "euses", "euse", "eurs", "eur", "ives", "ive", "ites", "ite", "ies", "ing",
                          "ers", "er", "es", "ed", "ly", "s", "e", "x"]

    static let stopWords: Set<String> = [
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "au", "aux", "pour", "par", "sur", "dans", "avec",
        "est", "sont", "ou", "the", "an", "of", "and", "to", "in", "for", "on", "with", "is", "are", "or", "by", "at",
    ]

    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        func add(_ word: String) {
            // One letter says nothing; one digit may be half an ID (`GAP-2`).
            guard word.utf8.count >= 2 || word.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true, !stopWords.contains(word) else { return }
            terms.append(stem(word))
        }
        var key = TextNormalizer.key(text)
        // A folded key is ASCII nearly always (accents are folded away): it is cut on its bytes, where
        // cutting it into characters cost more than the rest of the indexing. Any other key is cut
        // by characters (a separator that a combining mark follows is no separator there).
        guard !key.containsByte(where: { $0 >= 0x80 }) else {
            for word in key.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "?" }) { add(String(word)) }
            return terms
        }
        key.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x20 || bytes[index] == 0x27 || bytes[index] == 0x3F {
                if index > start { add(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
        }
        return terms
    }

    /// Endings as bytes, compared on the word's UTF-8 (after folding, every ending is ASCII).
    private static let endingBytes: [[UInt8]] = endings.map { Array($0.utf8) }

    static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 4, !bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return word }
        for ending in endingBytes where bytes.count - ending.count >= 4 && bytes.suffix(ending.count).elementsEqual(ending) {
            return String(decoding: bytes.dropLast(ending.count), as: UTF8.self)
        }
        return word
    }
}
