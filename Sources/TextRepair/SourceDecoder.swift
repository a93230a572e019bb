import Foundation

/// Turns the bytes of a content file into text, or says exactly where they stop being UTF-8.
///
/// Audit reports reach the portal from many editors and mail clients. Before anything parses them
/// we want one canonical form: no byte-order mark (it would end up inside the first heading), and
/// `\n` as the only line break (so line numbers in diagnostics match what editors show and the
/// Markdown parser never sees a stray `\r`). Invalid UTF-8 is reported, not replaced: silently
/// inserting U+FFFD would hide the problem, while `file:line` lets the author fix the file.
///
/// This runs on every byte of the content folder (well over 100 MiB for large portals), so the
/// validation is a hand-written byte loop with an 8-bytes-at-a-time ASCII fast path rather than
/// character-by-character Foundation work.
public enum SourceDecoder {
    /// Decodes `bytes` as UTF-8, removing a leading BOM and normalising CRLF and lone CR to LF.
    public static func decode(_ bytes: [UInt8]) -> DecodedSource {
        bytes.withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// Same as the array overload, without copying the file contents into an array first.
    public static func decode(_ data: Data) -> DecodedSource {
        data.withUnsafeBytes { raw in
            decode(buffer: raw.bindMemory(to: UInt8.self))
        }
    }

    /// The shared implementation; `buffer` may be empty (and then has no base address).
    static func decode(buffer: UnsafeBufferPointer<UInt8>) -> DecodedSource {
        let count = buffer.count
        guard count > 0, let base = buffer.baseAddress else {
            return .decoded(DecodedText(text: "", removedBOM: false, normalizedLineEndings: false))
        }
        let hasBOM = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
        let start = hasBOM ? 3 : 0

        let scan = validate(base, from: start, to: count)
        if let invalidAt = scan.invalidOffset {
            return .invalid(InvalidUTF8(offset: invalidAt, line: lineNumber(base, at: invalidAt), byte: base[invalidAt]))
        }

        let body = UnsafeBufferPointer(start: base + start, count: count - start)
        guard scan.sawCR else {
            return .decoded(DecodedText(text: makeString(validated: body), removedBOM: hasBOM, normalizedLineEndings: false))
        }
        // Only files that really contain CR pay for a copy.
        var normalized = [UInt8]()
        normalized.reserveCapacity(body.count)
        var i = 0
        while i < body.count {
            let byte = body[i]
            if byte == 0x0D {
                normalized.append(0x0A)
                if i + 1 < body.count, body[i + 1] == 0x0A { i += 1 }
            } else {
                normalized.append(byte)
            }
            i += 1
        }
        let text = normalized.withUnsafeBufferPointer { makeString(validated: $0) }
        return .decoded(DecodedText(text: text, removedBOM: hasBOM, normalizedLineEndings: true))
    }

    /// A `String` from bytes `validate` has accepted. Where the standard library can take already
    /// validated UTF-8 (Swift 6.2 runtimes) it is not validated a second time: that second pass
    /// costs four times the hand-written loop.
    static func makeString(validated bytes: UnsafeBufferPointer<UInt8>) -> String {
        #if compiler(>=6.2)
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            let span = Span(_unsafeElements: bytes)
            return String(copying: UTF8Span(unchecked: span))
        }
        #endif
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Validates `base[start..<end]` as UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
    /// above U+10FFFF) and notes whether a CR byte occurs, in the same pass.
    ///
    /// The offset reported is that of the byte that starts the ill-formed sequence: the lead byte of
    /// a truncated or overlong sequence, or the stray byte itself. That is the byte a hex editor
    /// should be pointed at.
    static func validate(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (invalidOffset: Int?, sawCR: Bool) {
        let raw = UnsafeRawPointer(base)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let crs: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
        var sawCR = false
        var i = start
        while i < end {
            if i + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & highBits == 0 {
                    if !sawCR {
                        // Classic "has zero byte" test on word XOR "\r\r\r\r…"; exact when no high bit is set.
                        let x = word ^ crs
                        if (x &- ones) & ~x & highBits != 0 { sawCR = true }
                    }
                    i += 8
                    continue
                }
            }
            let lead = base[i]
            if lead < 0x80 {
                if lead == 0x0D { sawCR = true }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF // allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, sawCR) // stray continuation, C0/C1 overlong lead, or F5…FF
            }
            if i + length > end { return (i, sawCR) }
            let second = base[i + 1]
            if second < low || second > high { return (i, sawCR) }
            if length > 2 {
                if base[i + 2] & 0xC0 != 0x80 { return (i, sawCR) }
                if length > 3, base[i + 3] & 0xC0 != 0x80 { return (i, sawCR) }
            }
            i += length
        }
        return (nil, sawCR)
    }

    /// 1-based line of `offset`: line breaks before it, counted the way they will be after
    /// normalisation (LF, CRLF and lone CR each end one line), plus one.
    static func lineNumber(_ base: UnsafePointer<UInt8>, at offset: Int) -> Int {
        var line = 1
        var i = 0
        while i < offset {
            let byte = base[i]
            if byte == 0x0A {
                line += 1
            } else if byte == 0x0D, i + 1 >= offset || base[i + 1] != 0x0A {
                line += 1
            }
            i += 1
        }
        return line
    }
}

/// What ``SourceDecoder`` made of a file: text, or the place where it is not UTF-8.
///
/// A value rather than a thrown error because an undecodable file is a content problem the build
/// reports alongside all others, not a reason to stop.
public enum DecodedSource: Sendable, Hashable {
    case decoded(DecodedText)
    case invalid(InvalidUTF8)

    /// The decoded text, or `nil` when the bytes are not UTF-8.
    public var text: String? {
        if case .decoded(let decoded) = self { return decoded.text }
        return nil
    }

    /// The failure, or `nil` when decoding succeeded.
    public var failure: InvalidUTF8? {
        if case .invalid(let failure) = self { return failure }
        return nil
    }
}

/// Successfully decoded text, with what was normalised so callers can mention it if they wish.
public struct DecodedText: Sendable, Hashable {
    /// The text, BOM removed, every line break as `\n`.
    public let text: String
    /// A UTF-8 byte-order mark was present and removed.
    public let removedBOM: Bool
    /// At least one CR (CRLF or lone CR) was turned into LF.
    public let normalizedLineEndings: Bool

    public init(text: String, removedBOM: Bool, normalizedLineEndings: Bool) {
        self.text = text
        self.removedBOM = removedBOM
        self.normalizedLineEndings = normalizedLineEndings
    }
}

/// The first place where a file stops being valid UTF-8.
public struct InvalidUTF8: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset in the original bytes (BOM included) of the byte that starts the ill-formed sequence.
    public let offset: Int
    /// 1-based line of that byte.
    public let line: Int
    /// The byte at `offset`, handy in messages ("byte 0xFF").
    public let byte: UInt8

    public init(offset: Int, line: Int, byte: UInt8) {
        self.offset = offset
        self.line = line
        self.byte = byte
    }

    public var description: String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "invalid UTF-8 at byte \(offset) (0x\(hex.count == 1 ? "0" + hex : hex)), line \(line)"
    }
}
