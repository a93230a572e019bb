import Foundation

/// Text written as UTF-8 into one growing byte buffer: what exports, the search index and pages are
/// built in.
///
/// Appending to a `String` costs hundreds of instructions a call (uniqueness and capacity checks,
/// small-string and bridging cases), and a portal's exports make millions of small appends. Even
/// `Array.append(contentsOf:)` costs about a hundred (its generic reserve-and-copy path, then a call
/// to `memcpy` for a few bytes). Here an append is a capacity check and a copy into storage of our
/// own, copied on write as an array is; the buffer becomes a file's bytes (or a `String`) once.
public struct TextOutput: Sendable {
    private var storage: ByteStorage
    /// Bytes written so far.
    public private(set) var count = 0

    public init(capacity: Int = 0) {
        storage = ByteStorage(capacity: Swift.max(capacity, 16))
    }

    /// The bytes written, as an array (a copy: take it once, when the text is done).
    public var bytes: [UInt8] {
        guard count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: storage.base, count: count))
    }

    public var isEmpty: Bool { count == 0 }

    @inlinable
    public static func += (output: inout TextOutput, text: String) {
        output.append(text)
    }

    /// (Read in place where the text is native or small, nearly always: `withUTF8` on a copy of the
    /// argument cost about a third more an append.)
    public mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ write($0) }) != nil { return }
        var text = text
        text.withUTF8 { write($0) }
    }

    public mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ write($0) }) != nil { return }
        var text = text
        text.withUTF8 { write($0) }
    }

    /// A literal's bytes (no `String` made of it).
    public mutating func append(_ literal: StaticString) {
        if literal.hasPointerRepresentation {
            write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        } else {
            append(literal.description)
        }
    }

    public mutating func append(_ other: TextOutput) {
        guard other.count > 0 else { return }
        write(UnsafeBufferPointer(start: other.storage.base, count: other.count))
    }

    /// Text content or a quoted attribute's value, escaped as `HTMLEscape` says.
    public mutating func appendEscapedHTML(_ text: String) {
        HTMLEscape.escape(text, into: &self)
    }

    public mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        write(other)
    }

    /// One byte.
    public mutating func append(byte: UInt8) {
        reserve(1)
        storage.base[count] = byte
        count += 1
    }

    /// An integer in decimal, without making a `String` of it.
    public mutating func append(_ value: Int) {
        guard value != 0 else { return append(byte: 0x30) }
        if value < 0 { append(byte: 0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var length = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - length] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                length += 1
            }
            write(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[(20 - length)...]))
        }
    }

    public var string: String {
        String(decoding: UnsafeBufferPointer(start: storage.base, count: count), as: UTF8.self)
    }

    public var data: Data { Data(bytes: storage.base, count: count) }

    /// Copies `source` at the end. Short runs (most appends are a tag or a word) are copied byte by
    /// byte, longer ones with `memcpy`.
    @inline(__always)
    public mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        let length = source.count
        guard length > 0, let from = source.baseAddress else { return }
        reserve(length)
        let to = storage.base + count
        if length <= 16 {
            for index in 0..<length { to[index] = from[index] }
        } else {
            to.update(from: from, count: length)
        }
        count += length
    }

    /// Room for `extra` more bytes in storage this value alone holds.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if _slowPath(!isKnownUniquelyReferenced(&storage) || count + extra > storage.capacity) {
            storage = storage.copy(count: count, capacity: Swift.max(storage.capacity * 2, count + extra))
        }
    }
}

/// The bytes of a `TextOutput`. Shared between copies of one value until one of them writes (the
/// writer then takes a copy), as an array's storage is, which is what makes it safe to send.
final class ByteStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// A new storage of `capacity` bytes holding the first `count` bytes of this one.
    func copy(count: Int, capacity: Int) -> ByteStorage {
        let made = ByteStorage(capacity: capacity)
        made.base.update(from: base, count: count)
        return made
    }

    deinit { base.deallocate() }
}

/// Where `HTMLEscape` writes: a page's byte array or a `TextOutput`.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension TextOutput: ByteSink {}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always)
    public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}
