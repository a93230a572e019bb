import Foundation

/// Text written as UTF-8 into one growing byte buffer: what exports, the search index and pages are
/// built in.
///
/// Appending to a `String` costs hundreds of instructions a call (uniqueness and capacity checks,
/// small-string and bridging cases), and a portal's exports make millions of small appends. Here an
/// append is a copy of the text's bytes; the buffer becomes a file's bytes (or a `String`) once.
public struct TextOutput: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    @inlinable
    public static func += (output: inout TextOutput, text: String) {
        output.append(text)
    }

    public mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    public mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// A literal's bytes (no `String` made of it).
    public mutating func append(_ literal: StaticString) {
        if literal.hasPointerRepresentation {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        } else {
            append(literal.description)
        }
    }

    public mutating func append(_ other: TextOutput) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Text content or a quoted attribute's value, escaped as `HTMLEscape` says.
    public mutating func appendEscapedHTML(_ text: String) {
        HTMLEscape.escape(text, into: &bytes)
    }

    public mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// An integer in decimal, without making a `String` of it.
    public mutating func append(_ value: Int) {
        guard value != 0 else { return bytes.append(0x30) }
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var data: Data { Data(bytes) }
}
