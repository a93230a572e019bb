#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scans of a text's UTF-8 bytes in place.
///
/// `text.utf8.contains(0x2A)` walks `String.UTF8View` through its generic iterator, about fifteen
/// instructions a byte; the rules ask such questions of every line of every report. Here the bytes
/// are read from the string's own storage (`memchr` for one byte, a plain loop otherwise), with the
/// iterator as the fallback for strings without contiguous UTF-8 (bridged ones).
extension StringProtocol {
    /// True when the text's UTF-8 holds `byte`.
    @inlinable
    public func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }

    /// True when a byte of the text's UTF-8 satisfies `predicate`.
    @inlinable
    public func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where predicate(byte) { return true }
            return false
        } ?? utf8.contains(where: predicate)
    }

    /// The index of the first `byte` in the text's UTF-8 (a scalar boundary when `byte` is ASCII).
    @inlinable
    public func firstIndex(ofByte byte: UInt8) -> Index? {
        let offset: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        switch offset {
        case .some(.some(let offset)): return utf8.index(utf8.startIndex, offsetBy: offset)
        case .some(.none): return nil
        case .none: return utf8.firstIndex(of: byte)
        }
    }

    /// The index of the first character that is the ASCII `byte` alone, as `firstIndex(of:)` with
    /// that character finds it, without breaking the whole text into characters. An ASCII scalar
    /// between ASCII scalars (or the text's ends) is a character of its own; the first such byte
    /// is the answer when it stands so, and otherwise (a combining mark after it, a prepended mark
    /// before it) the character search decides.
    @inlinable
    public func firstIndex(ofASCIICharacter byte: UInt8) -> Index? {
        index(ofASCIICharacter: byte, last: false)
    }

    /// The index of the last character that is the ASCII `byte` alone (see `firstIndex(ofASCIICharacter:)`).
    @inlinable
    public func lastIndex(ofASCIICharacter byte: UInt8) -> Index? {
        index(ofASCIICharacter: byte, last: true)
    }

    @inlinable
    func index(ofASCIICharacter byte: UInt8, last: Bool) -> Index? {
        // The offset found; -1 when the byte is not there, -2 when the character search decides.
        let found: Int? = utf8.withContiguousStorageIfAvailable { bytes -> Int in
            let offset: Int?
            if last {
                offset = bytes.lastIndex(of: byte)
            } else if let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count) {
                offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            } else {
                offset = nil
            }
            guard let offset else { return -1 }
            return Self.asciiStandsAlone(at: offset, in: bytes) ? offset : -2
        }
        switch found {
        case .some(-1): return nil
        case .some(let offset) where offset >= 0: return utf8.index(utf8.startIndex, offsetBy: offset)
        default: return last ? lastIndex(of: Character(Unicode.Scalar(byte))) : firstIndex(of: Character(Unicode.Scalar(byte)))
        }
    }

    /// True when the ASCII byte at `offset` has ASCII (or nothing) on both sides: then it is a
    /// character by itself (grapheme clusters join only scalars outside ASCII to it, CR LF aside,
    /// which the searched punctuation is not).
    @inlinable
    static func asciiStandsAlone(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        (offset + 1 == bytes.count || bytes[offset + 1] < 0x80) && (offset == 0 || bytes[offset - 1] < 0x80)
    }
}
