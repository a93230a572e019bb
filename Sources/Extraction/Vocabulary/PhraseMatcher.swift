/// Finds vocabulary phrases in normalised text at word boundaries; the leftmost match wins and, at one
/// position, the longest, so `pas fait` is open although it contains `fait`.
struct PhraseMatcher<Value: Sendable>: Sendable {
    private var entries: [(tokens: [Substring], value: Value)] = []

    mutating func add(_ phrase: String, _ value: Value) {
        let tokens = TextNormalizer.key(phrase).split(separator: " ")
        guard !tokens.isEmpty else { return }
        entries.append((tokens, value))
        entries.sort { $0.tokens.count > $1.tokens.count }
    }

    /// The leftmost match in an already-normalised key, with the matched phrase.
    func firstMatch(inKey key: String) -> (value: Value, phrase: String)? {
        let words = key.split(separator: " ")
        guard !words.isEmpty else { return nil }
        for start in words.indices {
            for entry in entries where entry.tokens.count <= words.count - start {
                var ok = true
                for (offset, token) in entry.tokens.enumerated() where words[start + offset] != token {
                    ok = false
                    break
                }
                if ok { return (entry.value, entry.tokens.joined(separator: " ")) }
            }
        }
        return nil
    }

    /// True when the whole key is one of the phrases (used for column headers).
    func matchesWhole(_ key: String) -> Value? {
        let words = key.split(separator: " ")
        return entries.first { $0.tokens == words }?.value
    }
}
