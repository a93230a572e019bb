import Foundation
import Markdown

/// Turns labels, cells and headings into comparable keys: lower case, accents folded, markup and
/// punctuation turned into single spaces. `Sécurité**` and `SECURITE` both become `securite`.
public enum TextNormalizer {
    public static func key(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(folded)
            } else {
                pendingSpace = true
            }
        }
        return out
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
        if v == 0xFE0F || v == 0x200D { return true }
        if (0x2190...0x2BFF).contains(v) || (0x1F000...0x1FAFF).contains(v) || (0x2300...0x23FF).contains(v) { return true }
        return scalar.properties.isEmojiPresentation
    }

    /// Removes leading badges, numbering and markup from a title: `🔍 1.2 **Rollback**` → `Rollback`.
    public static func cleanTitle(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first,
              isEmojiLike(first) || first == " " || first == "\u{00A0}" || first == "*" || first == "_" || first == "#" {
            scalars = scalars.dropFirst()
        }
        var s = String(String.UnicodeScalarView(scalars))
        // Leading outline numbers: "1.", "1.2", "2)", "IV."
        if let match = s.firstIndex(where: { !($0.isNumber || $0 == ".") }), match != s.startIndex {
            let prefix = s[s.startIndex..<match]
            let rest = s[match...]
            if prefix.contains(where: \.isNumber), rest.first == " " || rest.first == ")" || prefix.last == "." {
                s = String(rest.drop(while: { $0 == ")" || $0 == " " || $0 == "-" || $0 == "–" || $0 == "—" }))
            }
        }
        var trimmed = s.trimmingCharacters(in: .whitespaces)
        while let last = trimmed.unicodeScalars.last, isEmojiLike(last) {
            trimmed = String(String.UnicodeScalarView(trimmed.unicodeScalars.dropLast())).trimmingCharacters(in: .whitespaces)
        }
        return trimmed.replacingOccurrences(of: "**", with: "")
    }
}
