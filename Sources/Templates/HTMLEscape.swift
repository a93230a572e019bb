/// Escaping for HTML text and attribute values (the characters mustache escapes, plus NUL, which
/// becomes U+FFFD). Everything the reports say goes through here, in templates and fragments alike.
public enum HTMLEscape {
    /// Escapes `& < > " '` so the result is safe in text and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most texts need nothing: one scan of contiguous bytes, and the text itself is returned.
            guard bytes.contains(where: needsEscaping) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            escape(bytes, into: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0
    }

    /// The same, appended to a byte buffer (pages are written into one).
    public static func escape<Sink: ByteSink>(_ text: String, into out: inout Sink) {
        // Bytes, not scalars: French prose is full of apostrophes, so this runs on most text. Runs of
        // bytes that need nothing are copied whole.
        var text = text
        text.withUTF8 { escape($0, into: &out) }
    }

    /// The same for text already written as UTF-8 bytes.
    public static func escape<Sink: ByteSink>(_ bytes: [UInt8], into out: inout Sink) {
        bytes.withUnsafeBufferPointer { escape($0, into: &out) }
    }

    private static func escape<Sink: ByteSink>(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout Sink) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var run = 0
        var i = 0
        while true {
            // Eight bytes at a time while none of them needs escaping (nearly all of a text).
            while i + 8 <= count, !mayNeedEscaping(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
            guard i < count else { break }
            let byte = base[i]
            let entity: StaticString
            switch byte {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            case 0x00: entity = "\u{FFFD}"
            default:
                i += 1
                continue
            }
            out.write(UnsafeBufferPointer(rebasing: bytes[run..<i]))
            out.write(UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            i += 1
            run = i
        }
        out.write(UnsafeBufferPointer(rebasing: bytes[run...]))
    }

    /// Whether one of eight bytes may be one that `escape` replaces (never false when one is): each
    /// byte compared with the six at once, as a word (a byte of `x ^ c` is zero where the byte is `c`).
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return hasZero(word) | hasZero(word ^ (ones &* 0x26)) | hasZero(word ^ (ones &* 0x3C)) | hasZero(word ^ (ones &* 0x3E))
            | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x27)) != 0
    }
}
