/// The 64-bit hash behind every cache key: stable across runs and machines (Swift's `Hasher` is
/// seeded per process), and fast over whole reports. Restoring a 10,000-report site from the cache
/// hashes 160 MB of reports before it can tell whether anything changed; byte-at-a-time FNV-1a
/// took a quarter of that step's user time. This reads 16 bytes per step and folds each pair of
/// words through one full 128-bit multiply (the construction of wyhash), about ten times faster.
///
/// Each `add` also mixes in its length, so the same bytes cut into different pieces (`"ab"` then
/// `"c"` against `"a"` then `"bc"`) give different values. The keys guard against accidental
/// change, not against someone crafting a collision: anyone who can write a report can change the
/// site anyway.
struct CacheHash {
    private(set) var value: UInt64

    init(seed: UInt64 = 0xcbf2_9ce4_8422_2325) { value = seed }

    private static let k0: UInt64 = 0xa076_1d64_78bd_642f
    private static let k1: UInt64 = 0xe703_7ed1_a0b4_28db
    private static let k2: UInt64 = 0x8ebc_6af0_9c88_c6e3

    /// The folded 128-bit product: the high and low halves xor-ed.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        var state = value ^ Self.k0
        var offset = 0
        while offset + 16 <= count {
            let a = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let b = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            state = Self.fold(a ^ Self.k1, b ^ state)
            offset += 16
        }
        // The last 0–15 bytes, little-endian into two words (zeros after them: the length below
        // tells a short tail from one ending in zero bytes).
        var a: UInt64 = 0
        var b: UInt64 = 0
        for index in offset..<count {
            let shift = UInt64((index - offset) % 8) * 8
            if index - offset < 8 { a |= UInt64(bytes[index]) << shift } else { b |= UInt64(bytes[index]) << shift }
        }
        state = Self.fold(a ^ Self.k1, b ^ state)
        value = Self.fold(state ^ Self.k2, UInt64(truncatingIfNeeded: count) ^ Self.k0)
    }
}
