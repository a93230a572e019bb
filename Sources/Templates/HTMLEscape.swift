/// Escaping for HTML text and attribute values (the characters mustache escapes, plus NUL, which
/// becomes U+FFFD). Everything the reports say goes through here, in templates and fragments alike.
public enum HTMLEscape {
    /// Escapes `& < > " '` so the result is safe in text and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0 {
            needs = true
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to a byte buffer (pages are written into one).
    public static func escape(_ text: String, into out: inout [UInt8]) {
        // Bytes, not scalars: French prose is full of apostrophes, so this runs on most text.
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B]) // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B]) // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B]) // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]) // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B]) // &#39;
            case 0x00: out.append(contentsOf: [0xEF, 0xBF, 0xBD]) // U+FFFD
            default: out.append(byte)
            }
        }
    }
}
