/// Words of folded keys looked up by their UTF-8 bytes.
///
/// The rules look every word of every line up in small vocabularies (`all`, `fixed`, `constats`…).
/// With `Set<Substring>` each lookup hashes the word with SipHash and compares candidates with
/// `String`'s Unicode-aware equality; here an ASCII word (what folded keys nearly always are) is
/// hashed with FNV-1a over its bytes and compared byte for byte, which is the same equality for
/// ASCII. A word with other bytes is looked up as before, by `String` equality (canonical
/// equivalence: Hebrew points in either order are one word), among the keys that are not ASCII.
struct WordMap<Value: Sendable>: Sendable {
    /// Every key's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Open-addressed slots: index into the key arrays, or -1 when empty. Its size is a power of two.
    private var slots: [Int32]
    /// Per key: where its bytes start, how many there are, its hash. Kept apart from `values` so a
    /// probe reads plain integers only (no value copied, retained and released on the way).
    private var keys: [(start: Int32, count: Int32, hash: UInt32)] = []
    private var values: [Value] = []
    /// Keys with a byte outside ASCII, by `String` equality.
    private var unicode: [String: Value] = [:]
    /// Per first byte of an ASCII key, one bit for each length of key it opens (lengths of 63 bytes
    /// and more share the last bit). Most words of prose are looked up in vocabularies that hold no
    /// word of their first letter and length (`the`, `server`, `2024` among `all`, `fixed`,
    /// `constats`): one read rules them out, before the word is read to be hashed.
    private var lengths = [UInt64](repeating: 0, count: 128)

    init(_ pairs: [(String, Value)]) {
        var size = 8
        while size < pairs.count * 3 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        for (key, value) in pairs { insert(key, value) }
    }

    /// Adds a key; the first value given for a key is kept.
    private mutating func insert(_ key: String, _ value: Value) {
        set(key, value, replacing: false)
    }

    /// Gives `key` this value, whether it had one or not.
    mutating func update(_ key: String, _ value: Value) {
        set(key, value, replacing: true)
    }

    private mutating func set(_ key: String, _ value: Value, replacing: Bool) {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else {
            if replacing || unicode[key] == nil { unicode[key] = value }
            return
        }
        let (found, index, hash) = probe(key.utf8)
        if found {
            if replacing { values[index] = value }
            return
        }
        if let first = key.utf8.first { lengths[Int(first)] |= Self.lengthBit(key.utf8.count) }
        keys.append((Int32(bytes.count), Int32(key.utf8.count), hash))
        values.append(value)
        bytes += key.utf8
        if keys.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for index in keys.indices { place(index) }
        } else {
            place(keys.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var position = Int(keys[index].hash) & mask
        while slots[position] >= 0 { position = (position + 1) & mask }
        slots[position] = Int32(index)
    }

    /// Where an ASCII word is (FNV-1a over its bytes, then linear probing), and its hash. Reads the
    /// word's bytes in place (once to hash, once more per candidate of the same hash and length): no
    /// buffer, no closure. Callers check that the word is ASCII first.
    @inline(__always)
    private func probe<Bytes: Collection<UInt8>>(_ word: Bytes) -> (found: Bool, index: Int, hash: UInt32) {
        var hash: UInt32 = 2_166_136_261
        var count = 0
        for byte in word {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
            count += 1
        }
        let mask = slots.count - 1
        var position = Int(hash) & mask
        while true {
            let index = Int(slots[position])
            if index < 0 { return (false, -1, hash) }
            let key = keys[index]
            if key.hash == hash, Int(key.count) == count {
                var at = Int(key.start)
                var equal = true
                for byte in word {
                    if bytes[at] != byte { equal = false; break }
                    at += 1
                }
                if equal { return (true, index, hash) }
            }
            position = (position + 1) & mask
        }
    }

    @inline(__always)
    private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(min(count, 63)) }

    /// False when no ASCII key has the word's first byte and length; true for an empty word or one
    /// that opens with another byte (those are looked up as before).
    @inline(__always)
    private func mayHoldASCII<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        guard let first = word.first, first < 0x80 else { return true }
        return lengths[Int(first)] & Self.lengthBit(word.count) != 0
    }

    @inline(__always)
    private static func isASCII<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        for byte in word where byte >= 0x80 { return false }
        return true
    }

    subscript(_ word: Substring) -> Value? {
        // (A word with other bytes further on may still be a key of `unicode`.)
        if unicode.isEmpty, !mayHoldASCII(word.utf8) { return nil }
        guard Self.isASCII(word.utf8) else { return unicode.isEmpty ? nil : unicode[String(word)] }
        let (found, index, _) = probe(word.utf8)
        return found ? values[index] : nil
    }

    /// The value of an ASCII word given as bytes (a word of a folded key read in place: see
    /// `ASCIIWords`); nil for any other.
    subscript(ascii word: Slice<UnsafeBufferPointer<UInt8>>) -> Value? {
        guard mayHoldASCII(word), Self.isASCII(word) else { return nil }
        let (found, index, _) = probe(word)
        return found ? values[index] : nil
    }

    subscript(_ word: String) -> Value? {
        if unicode.isEmpty, !mayHoldASCII(word.utf8) { return nil }
        guard Self.isASCII(word.utf8) else { return unicode.isEmpty ? nil : unicode[word] }
        let (found, index, _) = probe(word.utf8)
        return found ? values[index] : nil
    }
}

extension WordMap: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, Value)...) { self.init(elements) }
}

/// A set of words looked up by bytes (see `WordMap`).
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    private let map: WordMap<Bool>

    init(_ words: [String]) { map = WordMap(words.map { ($0, true) }) }
    init(arrayLiteral elements: String...) { self.init(elements) }

    func contains(_ word: Substring) -> Bool { map[word] != nil }
    func contains(_ word: String) -> Bool { map[word] != nil }
    func contains(ascii word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool { map[ascii: word] != nil }
}
