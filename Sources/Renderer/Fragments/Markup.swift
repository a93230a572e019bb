import Templates

/// Markup a fragment writes as is: literal tags and attribute names, with values interpolated
/// unescaped (classes, keys, numbers: never content, which goes through `HTMLFragment.text`).
///
/// `"<li class=\"item st-\(status)\">"` as a `String` is built piece by piece through
/// `DefaultStringInterpolation`, then copied again into the fragment. As `Markup`, a plain literal is
/// only a pointer to the program's own bytes, and an interpolated one is written as bytes once.
struct Markup: ExpressibleByStringInterpolation {
    fileprivate enum Storage {
        case literal(StaticString)
        case built(InlineBytes)
        case large(TextOutput)
    }

    fileprivate let storage: Storage

    init(stringLiteral literal: StaticString) {
        storage = .literal(literal)
    }

    init(stringInterpolation: StringInterpolation) {
        if let large = stringInterpolation.large {
            storage = .large(large)
        } else {
            storage = .built(stringInterpolation.inline)
        }
    }

    /// Written in place while it fits (a row's opening tag with a class and a line number does), so
    /// that an interpolated piece of markup allocates nothing; in a growing buffer beyond.
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var inline = InlineBytes()
        fileprivate var large: TextOutput?

        init(literalCapacity: Int, interpolationCount: Int) {}

        private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            if large == nil {
                if inline.append(bytes) { return }
                var output = TextOutput(capacity: InlineBytes.capacity * 2 + bytes.count)
                inline.withBytes { output.write($0) }
                large = output
            }
            large!.write(bytes)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            if literal.hasPointerRepresentation {
                write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            } else {
                appendInterpolation(literal.description)
            }
        }

        mutating func appendInterpolation(_ value: String) {
            var value = value
            value.withUTF8 { write($0) }
        }

        mutating func appendInterpolation(_ value: Substring) {
            var value = value
            value.withUTF8 { write($0) }
        }

        mutating func appendInterpolation(_ value: Int) { appendInterpolation(String(value)) }
    }
}

/// Up to `capacity` bytes stored in the value itself.
struct InlineBytes {
    static let capacity = 128
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                          UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    /// Adds the bytes if they fit; false (nothing added) if they do not.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count + bytes.count <= Self.capacity else { return false }
        guard let source = bytes.baseAddress, bytes.count > 0 else { return true }
        let offset = count
        withUnsafeMutableBytes(of: &storage) { raw in
            (raw.baseAddress! + offset).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
        return true
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }
}

extension TextOutput {
    /// Markup written as is: `out.markup("</p>\n")` writes the literal's own bytes, where
    /// `out += "</p>\n"` would take it as a `String` (the default type of a literal).
    mutating func markup(_ markup: Markup) { append(markup) }

    mutating func append(_ markup: Markup) {
        switch markup.storage {
        case .literal(let literal): append(literal)
        case .built(let inline): inline.withBytes { write($0) }
        case .large(let built): append(built)
        }
    }
}
