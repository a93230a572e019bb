/// A few phrases or stems, any of which may occur anywhere in a folded key: `legend` in `legende des
/// niveaux`, `methodolog` in `methodologie`.
///
/// `needles.contains { key.contains($0) }` searches the key once per needle; a heading is asked
/// this of twenty stems. Here the key is read once: at each byte, only the needles starting with
/// that byte are compared (found by the byte's value in a table, not hashed). The answer is the
/// same, byte for byte (an empty needle is found nowhere, as with `String.contains`).
struct SubstringSet: Sendable, ExpressibleByArrayLiteral {
    /// Every needle's bytes, one after the other, in the order of their first byte.
    private let storage: [UInt8]
    /// Where each needle starts in `storage`, and its length, in the same order.
    private let needles: [(start: Int, count: Int)]
    /// The needles starting with byte `b` are `needles[firstIndex[b]..<firstIndex[b + 1]]`.
    private let firstIndex: [Int]

    init(_ words: [String]) {
        let sorted = words.map { Array($0.utf8) }.filter { !$0.isEmpty }.enumerated()
            .sorted { ($0.element[0], $0.offset) < ($1.element[0], $1.offset) }.map(\.element)
        var storage: [UInt8] = []
        var needles: [(start: Int, count: Int)] = []
        var firstIndex = [Int](repeating: 0, count: 257)
        for needle in sorted {
            needles.append((storage.count, needle.count))
            storage += needle
            firstIndex[Int(needle[0]) + 1] += 1
        }
        for byte in 0..<256 { firstIndex[byte + 1] += firstIndex[byte] }
        self.storage = storage
        self.needles = needles
        self.firstIndex = firstIndex
    }

    init(arrayLiteral words: String...) {
        self.init(words)
    }

    /// True when any needle occurs in `key`.
    func occurs(in key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            storage.withUnsafeBufferPointer { storage in
                for index in bytes.indices {
                    let byte = Int(bytes[index])
                    var candidate = firstIndex[byte]
                    let end = firstIndex[byte + 1]
                    while candidate < end {
                        let needle = needles[candidate]
                        if Self.matches(storage, needle, bytes, at: index) { return true }
                        candidate += 1
                    }
                }
                return false
            }
        }
    }

    @inline(__always)
    private static func matches(_ storage: UnsafeBufferPointer<UInt8>, _ needle: (start: Int, count: Int),
                                _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 1..<needle.count where bytes[index + offset] != storage[needle.start + offset] { return false }
        return true
    }
}
