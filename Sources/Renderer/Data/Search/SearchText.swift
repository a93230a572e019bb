import Extraction

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
        for word in TextNormalizer.key(text).split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "?" }) {
            let word = String(word)
            // One letter says nothing; one digit may be half an ID (`GAP-2`).
            guard word.utf8.count >= 2 || word.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true, !stopWords.contains(word) else { continue }
            terms.append(stem(word))
        }
        return terms
    }

    static func stem(_ word: String) -> String {
        guard word.utf8.count > 4, !word.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return word }
        for ending in endings where word.hasSuffix(ending) && word.utf8.count - ending.utf8.count >= 4 {
            return String(word.dropLast(ending.count))
        }
        return word
    }
}
