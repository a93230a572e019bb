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
    /// Open-addressed slots: index into `entries`, or -1 when empty. Its size is a power of two.
    private var slots: [Int32]
    private var entries: [(start: Int32, count: Int32, hash: UInt32, value: Value)] = []
    /// Keys with a byte outside ASCII, by `String` equality.
    private var unicode: [String: Value] = [:]

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
        let keyBytes = Array(key.utf8)
        let hash = keyBytes.withUnsafeBufferPointer(Self.hash)
        let existing = keyBytes.withUnsafeBufferPointer { slot(for: $0, hash: hash) }
        if existing.found {
            if replacing { entries[existing.entry].value = value }
            return
        }
        entries.append((Int32(bytes.count), Int32(keyBytes.count), hash, value))
        bytes += keyBytes
        if entries.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for index in entries.indices { place(index) }
        } else {
            place(entries.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var position = Int(entries[index].hash) & mask
        while slots[position] >= 0 { position = (position + 1) & mask }
        slots[position] = Int32(index)
    }

    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in word { h = (h ^ UInt32(byte)) &* 16_777_619 }
        return h
    }

    private func slot(for word: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (found: Bool, entry: Int) {
        let mask = slots.count - 1
        var position = Int(hash) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let index = Int(slots[position])
                if index < 0 { return (false, -1) }
                let entry = entries[index]
                if entry.hash == hash, Int(entry.count) == word.count {
                    var equal = true
                    var k = 0
                    let start = Int(entry.start)
                    while k < word.count {
                        if stored[start + k] != word[k] { equal = false; break }
                        k += 1
                    }
                    if equal { return (true, index) }
                }
                position = (position + 1) & mask
            }
        }
    }

    /// The value of an ASCII word; for any other word, `.notASCII`.
    private func lookup(_ word: UnsafeBufferPointer<UInt8>) -> Lookup {
        var ascii = true
        for byte in word where byte >= 0x80 {
            ascii = false
            break
        }
        guard ascii else { return .notASCII }
        let (found, index) = slot(for: word, hash: Self.hash(word))
        return .ascii(found ? entries[index].value : nil)
    }

    private enum Lookup {
        case ascii(Value?)
        case notASCII
    }

    subscript(_ word: Substring) -> Value? {
        let found = word.utf8.withContiguousStorageIfAvailable(lookup) ?? Array(word.utf8).withUnsafeBufferPointer(lookup)
        switch found {
        case .ascii(let value): return value
        case .notASCII: return unicode.isEmpty ? nil : unicode[String(word)]
        }
    }

    subscript(_ word: String) -> Value? {
        let found = word.utf8.withContiguousStorageIfAvailable(lookup) ?? Array(word.utf8).withUnsafeBufferPointer(lookup)
        switch found {
        case .ascii(let value): return value
        case .notASCII: return unicode.isEmpty ? nil : unicode[word]
        }
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
}
