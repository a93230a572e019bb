/// Finds vocabulary phrases in normalised text at word boundaries; the leftmost match wins and, at one
/// position, the longest, so `pas fait` is open although it contains `fait`.
struct PhraseMatcher<Value: Sendable>: Sendable {
    /// Phrases by their first word, longest first: a lookup per word of the text, not per phrase.
    private var byFirstWord = WordMap<[(tokens: [Substring], value: Value)]>([])
    /// Phrases whole, by their key.
    private var whole = WordMap<Value>([])
    /// Words of the longest phrase: a text of more words cannot match whole.
    private(set) var longestPhrase = 0

    mutating func add(_ phrase: String, _ value: Value) {
        let key = TextNormalizer.key(phrase)
        let tokens = key.split(separator: " ")
        guard let first = tokens.first else { return }
        var candidates = byFirstWord[first] ?? []
        candidates.append((tokens, value))
        candidates.sort { $0.tokens.count > $1.tokens.count }
        byFirstWord.update(String(first), candidates)
        longestPhrase = max(longestPhrase, tokens.count)
        if whole[key] == nil { whole.update(key, value) }
    }

    /// Gives a phrase a new meaning, replacing the one it had (a report's own legend).
    mutating func replace(_ phrase: String, _ value: Value) {
        let key = TextNormalizer.key(phrase)
        let tokens = key.split(separator: " ")
        guard let first = tokens.first else { return }
        if var candidates = byFirstWord[first] {
            candidates.removeAll { $0.tokens == tokens }
            byFirstWord.update(String(first), candidates)
        }
        add(phrase, value)
        whole.update(key, value)
    }

    /// The leftmost match in an already-normalised key, with the matched phrase.
    func firstMatch(inKey key: String) -> (value: Value, phrase: String)? {
        firstMatch(inKey: key, onlyAtStart: false)
    }

    /// A match that starts at the first word of the key (`Fixed in 2.3.1`, not `No fix is available`).
    func matchAtStart(ofKey key: String) -> (value: Value, phrase: String)? {
        firstMatch(inKey: key, onlyAtStart: true)
    }

    private func firstMatch(inKey key: String, onlyAtStart: Bool) -> (value: Value, phrase: String)? {
        let words = key.split(separator: " ")
        for start in words.indices {
            if onlyAtStart, start > words.startIndex { return nil }
            guard let candidates = byFirstWord[words[start]] else { continue }
            for entry in candidates where entry.tokens.count <= words.count - start {
                var ok = true
                for offset in 1..<max(1, entry.tokens.count) where words[start + offset] != entry.tokens[offset] {
                    ok = false
                    break
                }
                if ok { return (entry.value, entry.tokens.joined(separator: " ")) }
            }
        }
        return nil
    }

    /// The value when the whole key is one of the phrases (used for column headers and labels).
    func matchesWhole(_ key: String) -> Value? {
        whole[key]
    }
}
