import Foundation
import Markdown

/// Turns labels, cells and headings into comparable keys: lower case, accents folded, markup and
/// punctuation turned into single spaces. `Sécurité**` and `SECURITE` both become `securite`.
public enum TextNormalizer {
    public static func key(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                // ASCII: the common case, straight to bytes.
                var byte = UInt8(v)
                if byte >= 0x41 && byte <= 0x5A { byte += 32 }
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x3F || byte == 0x27 {
                    if pendingSpace, !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                } else {
                    pendingSpace = true
                }
            } else if let folded = fold(scalar) {
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: folded.utf8)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Key of a single scalar: ASCII letters and digits lower-cased, accented Latin letters folded,
    /// `?` kept (it is a status of its own), `'` kept inside words; everything else separates words.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v < 0x80 { return asciiTable[Int(v)] }
        if v < 0x250 { return latinTable[Int(v) - 0x80] }
        if v == 0x2019 { return "'" }
        return foldSlow(scalar)
    }

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
    /// Works on scalars without Foundation: it runs on every table row and list item.
    public static func cleanTitle(_ text: String) -> String {
        // Most lines open and close on a letter and have no asterisk: nothing to remove.
        if let first = text.utf8.first, let last = text.utf8.last, isPlainLetter(first), isPlainLetter(last) || last == 0x2E,
           !text.utf8.contains(0x2A) {
            return text
        }
        var scalars = Array(text.unicodeScalars)
        // Markup asterisks anywhere (`**Rollback**`): they are emphasis, not text.
        if scalars.contains("*") { scalars.removeAll { $0 == "*" } }
        var start = 0
        var end = scalars.count
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{00A0}" || s == "\t" || s == "\u{202F}" }
        while start < end, isEmojiLike(scalars[start]) || isSpace(scalars[start]) || scalars[start] == "_" || scalars[start] == "#" { start += 1 }
        // Leading outline numbers: "1.", "1.2", "2)", "3 -".
        var i = start
        while i < end, (scalars[i].value >= 0x30 && scalars[i].value <= 0x39) || scalars[i] == "." { i += 1 }
        if i > start, scalars[start..<i].contains(where: { $0 != "." }), i < end,
           isSpace(scalars[i]) || scalars[i] == ")" || scalars[i - 1] == "." {
            while i < end, isSpace(scalars[i]) || scalars[i] == ")" || scalars[i] == "-" || scalars[i] == "–" || scalars[i] == "—" { i += 1 }
            start = i
        }
        while end > start, isEmojiLike(scalars[end - 1]) || isSpace(scalars[end - 1]) || scalars[end - 1] == "_" { end -= 1 }
        while start < end, isSpace(scalars[start]) { start += 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }
}

extension String {
    /// True when the text has an ASCII digit (cheaper than `Character.isNumber` on every character).
    public var hasASCIIDigit: Bool { utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }

    /// True when four ASCII digits follow each other (a year).
    public var hasFourDigitRun: Bool {
        var run = 0
        for byte in utf8 {
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
