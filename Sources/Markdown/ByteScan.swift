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
}
