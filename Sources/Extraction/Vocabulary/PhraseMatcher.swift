/// Finds vocabulary phrases in normalised text at word boundaries; the leftmost match wins and, at one
/// position, the longest, so `pas fait` is open although it contains `fait`.
struct PhraseMatcher<Value: Sendable>: Sendable {
    /// A phrase: its words (as text and as bytes), and the phrase as matches report it.
    private struct Phrase: Sendable {
        let tokens: [Substring]
        let tokenBytes: [[UInt8]]
        let phrase: String
        let value: Value
    }

    /// Phrases by their first word, longest first: a lookup per word of the text, not per phrase.
    private var byFirstWord = WordMap<[Phrase]>([])
    /// Phrases whole, by their key.
    private var whole = WordMap<Value>([])
    /// Words of the longest phrase: a text of more words cannot match whole.
    private(set) var longestPhrase = 0

    mutating func add(_ phrase: String, _ value: Value) {
        let key = TextNormalizer.key(phrase)
        let tokens = key.split(separator: " ")
        guard let first = tokens.first else { return }
        var candidates = byFirstWord[first] ?? []
        candidates.append(Phrase(tokens: tokens, tokenBytes: tokens.map { Array($0.utf8) }, phrase: tokens.joined(separator: " "),
                                 value: value))
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
        var key = key
        if let match = key.withUTF8({ firstMatch(inASCII: $0, onlyAtStart: onlyAtStart) }) { return match.map { ($0.value, $0.phrase) } }
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
                if ok { return (entry.value, entry.phrase) }
            }
        }
        return nil
    }

    /// The same over an ASCII key's bytes, its words read where they lie (no array of words: every
    /// vocabulary asks its question of the same keys, and most keys match nothing). Nil when the key
    /// is not ASCII (the words are then cut as characters); `.some(nil)` when nothing matches.
    private func firstMatch(inASCII key: UnsafeBufferPointer<UInt8>, onlyAtStart: Bool) -> Phrase?? {
        for byte in key where byte >= 0x80 { return nil }
        let count = key.count
        /// The end of the word that starts at `start`.
        func wordEnd(_ start: Int) -> Int {
            var end = start
            while end < count, key[end] != 0x20 { end += 1 }
            return end
        }
        /// The start of the next word at or after `index` (`count` when there is none).
        func nextWord(_ index: Int) -> Int {
            var next = index
            while next < count, key[next] == 0x20 { next += 1 }
            return next
        }
        var start = nextWord(0)
        var first = true
        while start < count {
            if onlyAtStart, !first { return .some(nil) }
            first = false
            let end = wordEnd(start)
            if let candidates = byFirstWord[ascii: key[start..<end]] {
                for entry in candidates where matches(entry.tokenBytes, in: key, after: end) { return .some(entry) }
            }
            start = nextWord(end)
        }
        return .some(nil)
    }

    /// True when the tokens after the first follow word by word from `index` (just after the first).
    private func matches(_ tokens: [[UInt8]], in key: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        var position = index
        for token in tokens.dropFirst() {
            while position < key.count, key[position] == 0x20 { position += 1 }
            guard position + token.count <= key.count else { return false }
            for (offset, byte) in token.enumerated() where key[position + offset] != byte { return false }
            position += token.count
            guard position == key.count || key[position] == 0x20 else { return false }
        }
        return true
    }

    /// The value when the whole key is one of the phrases (used for column headers and labels).
    func matchesWhole(_ key: String) -> Value? {
        whole[key]
    }
}
