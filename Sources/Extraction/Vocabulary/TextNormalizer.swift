import Foundation
import Markdown

/// Turns labels, cells and headings into comparable keys: lower case, accents folded, markup and
/// punctuation turned into single spaces. `Sécurité**` and `SECURITE` both become `securite`.
public enum TextNormalizer {
    public static func key(_ text: String) -> String {
        if let key = text.utf8.withContiguousStorageIfAvailable(key(utf8:)) { return key }
        return Array(text.utf8).withUnsafeBufferPointer(key(utf8:))
    }

    /// The key, read on UTF-8 bytes: ASCII straight through, Latin letters from a byte table, other
    /// scalars decoded and folded one by one (it runs on every line of every report).
    ///
    /// Written straight into the new string's storage, one allocation of the text's length: a run of
    /// separators becomes one space and a folded letter nearly always takes no more bytes than it
    /// had. A few scalars fold into more (`Ⱥ`, two bytes, into `ⱥ`, three): when the key does not
    /// fit, it is written again into a larger string.
    private static func key(utf8 text: UnsafeBufferPointer<UInt8>) -> String {
        var capacity = text.count
        while true {
            var fitted = true
            let key = String(unsafeUninitializedCapacity: capacity) { out in
                guard let count = fold(text, into: out) else {
                    fitted = false
                    return 0
                }
                return count
            }
            if fitted { return key }
            capacity = capacity * 2 + 16
        }
    }

    /// Writes the key of `text` into `out`; its length, or nil when `out` is too small. (ASCII, most
    /// bytes, is read through the table's and the buffers' pointers: an array's bounds checks were
    /// a tenth of the fold.)
    @inline(__always)
    private static func fold(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard let input = text.baseAddress, let output = out.baseAddress, !text.isEmpty else { return 0 }
        return asciiKeyBytes.withUnsafeBufferPointer { ascii in
            var count = 0
            let capacity = out.count
            var pendingSpace = false
            var i = 0
            let n = text.count
            while i < n {
                let lead = input[i]
                if lead < 0x80 {
                    let byte = ascii[Int(lead)]
                    i &+= 1
                    if byte == 0 {
                        pendingSpace = true
                        continue
                    }
                    if pendingSpace {
                        pendingSpace = false
                        if count > 0 {
                            guard count < capacity else { return nil }
                            output[count] = 0x20
                            count &+= 1
                        }
                    }
                    guard count < capacity else { return nil }
                    output[count] = byte
                    count &+= 1
                    continue
                }
                let (value, length) = decode(text, at: i)
                i += length
                // A Latin letter's folded bytes in `latinFolded`, or another scalar's folded text.
                var latin: Range<Int>?
                var other: String?
                if value < 0x250 {
                    let entry = latinBytes[Int(value) - 0x80]
                    if !entry.separates { latin = Int(entry.start)..<Int(entry.start) + Int(entry.count) }
                } else {
                    other = fold(Unicode.Scalar(value)!)
                }
                guard latin != nil || other != nil else {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, count > 0 {
                    guard count < capacity else { return nil }
                    output[count] = 0x20
                    count += 1
                }
                pendingSpace = false
                if let latin {
                    guard count + latin.count <= capacity else { return nil }
                    for index in latin {
                        output[count] = latinFolded[index]
                        count += 1
                    }
                } else if var other {
                    let fits: Bool = other.withUTF8 { bytes in
                        guard count + bytes.count <= capacity else { return false }
                        for byte in bytes {
                            output[count] = byte
                            count += 1
                        }
                        return true
                    }
                    guard fits else { return nil }
                }
            }
            return count
        }
    }

    /// `asciiTable` as bytes, 0 for a character that separates words.
    private static let asciiKeyBytes: [UInt8] = asciiTable.map { $0?.utf8.first ?? 0 }

    /// The scalar that starts at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(text[i])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F), 3) }
        return ((lead & 0x07) << 18 | UInt32(text[i + 1] & 0x3F) << 12 | UInt32(text[i + 2] & 0x3F) << 6 | UInt32(text[i + 3] & 0x3F), 4)
    }

    /// `latinTable` as bytes: where each scalar's folded bytes start in `latinFolded`, and how many
    /// (none for a scalar that separates words).
    private static let latinBytes: [(start: UInt16, count: UInt8, separates: Bool)] = {
        var start = 0
        return latinTable.map { folded in
            defer { start += folded?.utf8.count ?? 0 }
            return (UInt16(start), UInt8(folded?.utf8.count ?? 0), folded == nil)
        }
    }()
    private static let latinFolded: [UInt8] = latinTable.flatMap { Array(($0 ?? "").utf8) }

    /// Key of a single scalar: ASCII letters and digits lower-cased, accented Latin letters folded,
    /// `?` kept (it is a status of its own), `'` kept inside words; everything else separates words.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v < 0x80 { return asciiTable[Int(v)] }
        if v < 0x250 { return latinTable[Int(v) - 0x80] }
        if v == 0x2019 { return "'" }
        // Dashes, quotes, arrows, check marks and badges: reports are full of them, and asking the
        // scalar's properties each time cost more than folding all the letters around them.
        if v >= 0x2000, v < 0x2C00 { return symbolTable[Int(v) - 0x2000] }
        if v >= 0x1F000, v < 0x1FB00 { return pictographTable[Int(v) - 0x1F000] }
        if v == 0xFE0F { return nil }
        return foldSlow(scalar)
    }

    /// `foldSlow` of U+2000–U+2BFF (punctuation, letterlike symbols, arrows, dingbats), once.
    private static let symbolTable: [String?] = (0x2000..<0x2C00).map { v in foldSlow(Unicode.Scalar(UInt32(v))!) }

    /// `foldSlow` of U+1F000–U+1FAFF (emoji and enclosed alphanumerics), once.
    private static let pictographTable: [String?] = (0x1F000..<0x1FB00).map { v in foldSlow(Unicode.Scalar(UInt32(v))!) }

    private static let asciiTable: [String?] = (0..<0x80).map { v -> String? in
        switch v {
        case 0x30...0x39, 0x61...0x7A: String(UnicodeScalar(UInt8(v)))
        case 0x41...0x5A: String(UnicodeScalar(UInt8(v + 32)))
        case 0x3F: "?"
        case 0x27: "'"
        default: nil
        }
    }

    /// Latin-1 and Latin Extended-A/B folded once: the accents of French, Turkish and most European text.
    private static let latinTable: [String?] = (0x80..<0x250).map { v in foldSlow(Unicode.Scalar(UInt32(v))!) }

    private static func foldSlow(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        let s = String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        switch s {
        case "œ": return "oe"
        case "æ": return "ae"
        case "ß": return "ss"
        default: return s.lowercased()
        }
    }

    /// URL- and id-safe slug: ASCII letters, digits and single hyphens (`Qualité de code` → `qualite-de-code`).
    public static func slug(_ text: String) -> String { Slug.make(text) }

    /// True for pictographs and symbols that reports use as badges (✅ ⚠️ 🔴 📊).
    public static func isEmojiLike(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0xA9 { return false }
        if v == 0xFE0F || v == 0x200D { return true }
        if (0x2190...0x2BFF).contains(v) || (0x1F000...0x1FAFF).contains(v) || (0x2300...0x23FF).contains(v) { return true }
        return scalar.properties.isEmojiPresentation
    }

    /// An ASCII letter, or the lead byte of a Latin letter with an accent (U+00C0–U+024F).
    @inline(__always)
    private static func isPlainLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0xC3 && byte <= 0xC9)
    }

    /// Removes leading badges, numbering and markup from a title: `🔍 1.2 **Rollback**` → `Rollback`.
    /// Works on UTF-8 bytes without Foundation: it runs on every table row and list item.
    public static func cleanTitle(_ text: String) -> String {
        // Most lines open and close on a letter and have no asterisk: nothing to remove.
        if let first = text.utf8.first, let last = text.utf8.last, isPlainLetter(first), isPlainLetter(last) || last == 0x2E,
           !text.containsByte(0x2A) {
            return text
        }
        // Markup asterisks anywhere (`**Rollback**`): they are emphasis, not text.
        var bytes = Array(text.utf8)
        if bytes.contains(0x2A) { bytes.removeAll { $0 == 0x2A } }
        return bytes.withUnsafeBufferPointer { b in
            let count = b.count
            func scalar(at i: Int) -> (value: UInt32, length: Int) { decode(b, at: i) }
            /// The scalar that ends just before byte `end`.
            func scalar(before end: Int) -> (value: UInt32, length: Int) {
                var lead = end - 1
                while lead > 0, b[lead] & 0xC0 == 0x80 { lead -= 1 }
                return (decode(b, at: lead).value, end - lead)
            }
            func isSpace(_ v: UInt32) -> Bool { v == 0x20 || v == 0xA0 || v == 0x09 || v == 0x202F }
            func isBadge(_ v: UInt32) -> Bool { isEmojiLike(Unicode.Scalar(v)!) }
            var start = 0
            var end = count
            while start < end {
                let (v, length) = scalar(at: start)
                guard isBadge(v) || isSpace(v) || v == 0x5F || v == 0x23 else { break }
                start += length
            }
            // Leading outline numbers: "1.", "1.2", "2)", "3 -".
            var i = start
            var digits = false
            while i < end, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2E {
                if b[i] != 0x2E { digits = true }
                i += 1
            }
            if i > start, digits, i < end, isSpace(scalar(at: i).value) || b[i] == 0x29 || b[i - 1] == 0x2E {
                while i < end {
                    let (v, length) = scalar(at: i)
                    guard isSpace(v) || v == 0x29 || v == 0x2D || v == 0x2013 || v == 0x2014 else { break }
                    i += length
                }
                start = i
            }
            while end > start {
                let (v, length) = scalar(before: end)
                guard isBadge(v) || isSpace(v) || v == 0x5F else { break }
                end -= length
            }
            while start < end {
                let (v, length) = scalar(at: start)
                guard isSpace(v) else { break }
                start += length
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
    }
}

extension String {
    /// True when the text has an ASCII digit (cheaper than `Character.isNumber` on every character).
    public var hasASCIIDigit: Bool { containsByte { $0 >= 0x30 && $0 <= 0x39 } }

    /// The text's first `limit` Unicode scalars, as `String(unicodeScalars.prefix(limit))` gives them,
    /// cut on the bytes (a scalar starts at each byte that is not a continuation byte).
    public func prefix(scalars limit: Int) -> String {
        var text = self
        return text.withUTF8 { bytes in
            var scalars = 0
            for offset in bytes.indices where bytes[offset] & 0xC0 != 0x80 {
                if scalars == limit { return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self) }
                scalars += 1
            }
            return nil
        } ?? self
    }

    /// True when four ASCII digits follow each other (a year).
    public var hasFourDigitRun: Bool {
        if let found = utf8.withContiguousStorageIfAvailable(Self.hasFourDigitRun) { return found }
        return Self.hasFourDigitRun(Array(utf8))
    }

    private static func hasFourDigitRun<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var run = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                if run == 4 { return true }
            } else {
                run = 0
            }
        }
        return false
    }
}

extension Substring {
    /// `allSatisfy(\.isNumber)`, decided on bytes for ASCII words (the words of keys nearly always
    /// are) and by characters only for the others (`½`, `①`).
    var isAllNumbers: Bool {
        var ascii = true
        for byte in utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte < 0x30 || byte > 0x39 { return false }
        }
        return ascii || allSatisfy(\.isNumber)
    }
}
