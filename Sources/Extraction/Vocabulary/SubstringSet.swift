/// A few phrases or stems, any of which may occur anywhere in a folded key: `legend` in `legende des
/// niveaux`, `methodolog` in `methodologie`.
///
/// `needles.contains { key.contains($0) }` searches the key once per needle; a heading is asked
/// this of twenty stems. Here the key is read once: at each byte whose value starts some needle,
/// those needles alone are compared. The answer is the same, byte for byte (an empty needle is
/// found nowhere, as with `String.contains`).
struct SubstringSet: Sendable, ExpressibleByArrayLiteral {
    /// The needles' bytes, grouped by their first byte.
    private let byFirstByte: [UInt8: [[UInt8]]]
    /// Bit `b` set when some needle starts with byte `b`: most bytes of a key are ruled out by one read.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    init(_ needles: [String]) {
        var groups: [UInt8: [[UInt8]]] = [:]
        var mask: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for needle in needles {
            let bytes = Array(needle.utf8)
            guard let first = bytes.first else { continue }
            groups[first, default: []].append(bytes)
            Self.set(first, in: &mask)
        }
        byFirstByte = groups
        firstBytes = mask
    }

    init(arrayLiteral needles: String...) {
        self.init(needles)
    }

    /// True when any needle occurs in `key`.
    func occurs(in key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            for index in bytes.indices where Self.isSet(bytes[index], in: firstBytes) {
                for needle in byFirstByte[bytes[index]] ?? [] where Self.matches(needle, bytes, at: index) { return true }
            }
            return false
        }
    }

    @inline(__always)
    private static func matches(_ needle: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    @inline(__always)
    private static func isSet(_ byte: UInt8, in mask: (UInt64, UInt64, UInt64, UInt64)) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return mask.0 & bit != 0
        case 1: return mask.1 & bit != 0
        case 2: return mask.2 & bit != 0
        default: return mask.3 & bit != 0
        }
    }

    private static func set(_ byte: UInt8, in mask: inout (UInt64, UInt64, UInt64, UInt64)) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: mask.0 |= bit
        case 1: mask.1 |= bit
        case 2: mask.2 |= bit
        default: mask.3 |= bit
        }
    }
}
