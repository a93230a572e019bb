import Markdown

/// What an identifier of a finding looks like beyond the configured pattern (`GAP-\d+`): the IDs
/// audit reports give their findings (`C-01`, `H-02`, `SEC-12`, `API-02a`, `R-6`, `MAJ-ISO-003`,
/// `CVE-2023-1234`, `F-2024-07`), and what such an ID says by itself (a level in its prefix, a parent).
enum FindingID {
    /// Prefixes that name standards, protocols and versions rather than findings (`ISO-27001`,
    /// `TLS-1`, `SHA-256`, `RFC-7231`).
    static let notFindingPrefixes: Set<String> = [
        "iso", "iec", "nist", "rfc", "owasp", "pci", "soc", "wcag", "rgaa", "tls", "ssl", "http", "https", "sha", "aes",
        "utf", "x", "win", "ipv", "md", "rsa", "ecdsa", "cwe", "capec", "asvs", "cis", "gdpr", "rgpd", "hds", "p", "s",
        "sev", "fy", "vs", "step", "etape", "phase", "sprint", "covid", "log4j", "ie", "es", "ecma", "sha1", "md5", "tls1",
    ]

    /// True for a token shaped like a finding's ID: letters, then a hyphen or dot, then digits,
    /// with more segments allowed (`MAJ-ISO-003`, `API-02a`, `F-2024-07`, `CVE-2023-1234`).
    /// Single letters before digits without a hyphen (`H2`, `P1`) are not IDs: too many words look so.
    static func isFindingShaped(_ token: String) -> Bool {
        // Most tokens of prose (`v2`, `T3`, `mp4`) have no hyphen: no characters need reading.
        guard token.containsByte(0x2D) else { return false }
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 4, token.count <= 24 else { return false }
        let first = parts[0]
        // Letters, or letters then a digit (`CC6-01`, `A1-01`: a control family and a number).
        guard !first.isEmpty, first.count <= 8, first.first?.isLetter == true,
              first.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              first.drop(while: \.isLetter).allSatisfy(\.isNumber), first.filter(\.isNumber).count <= 2 else { return false }
        // A single letter is a level or category (`C-01`, `B-3`, `R-6`) when written in capitals;
        // `P-1`, `S-2` are priority and severity levels, not findings.
        let lower = first.lowercased()
        if lower == "cve" { return parts.count == 3 && parts[1].count == 4 && parts[1].allSatisfy(\.isNumber) && parts[2].allSatisfy(\.isNumber) }
        if first.count == 1 {
            guard first.uppercased() == first, !"PSVQX".contains(first) else { return false }
        } else if notFindingPrefixes.contains(lower) {
            return false
        }
        guard let last = parts.last, let digit = last.first, digit.isNumber else { return false }
        // The last segment: digits, optionally one trailing letter (a sub-case: `API-02a`).
        let digits = last.prefix { $0.isNumber }
        guard digits.count <= 5, last.count - digits.count <= 1, last.dropFirst(digits.count).allSatisfy({ $0.isLetter }) else { return false }
        // Middle segments: letters or digits.
        for part in parts.dropFirst().dropLast() where part.isEmpty || !part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return false
        }
        return true
    }

    /// The level an ID's prefix names: `C-01` critical, `H-02` high, `M-03` medium, `L-04` low,
    /// `I-01` info; `CRIT-`, `HIGH-`, `MED-`, `LOW-`, `INFO-`; `MAJ-` (major) high, `MIN-` (minor) low,
    /// `OFI-` (opportunity for improvement) info. Single letters count only when `lettersInUse`
    /// shows the report uses the letter scheme (two or more of C/H/M/L/I as prefixes).
    static func prefixSeverity(_ id: String, lettersInUse: Bool) -> Severity? {
        guard let dash = id.firstIndex(of: "-") else { return nil }
        let prefix = id[..<dash].uppercased()
        switch prefix {
        case "CRIT", "CRITICAL": return .critical
        case "HIGH", "HI", "MAJ", "MAJOR": return .high
        case "MED", "MEDIUM", "MOD": return .medium
        case "LOW", "LO", "MIN", "MINOR": return .low
        case "INFO", "INF", "OFI", "NOTE", "GAS", "OBS": return .info
        default: break
        }
        guard lettersInUse, prefix.count == 1 else { return nil }
        switch prefix {
        case "C": return .critical
        case "H": return .high
        case "M": return .medium
        case "L": return .low
        case "I": return .info
        default: return nil
        }
    }

    /// True when the IDs of a report use the one-letter level scheme (`C-01`, `H-02`…).
    static func usesLetterLevels(_ ids: [String]) -> Bool {
        var letters: Set<Character> = []
        for id in ids {
            let parts = id.split(separator: "-")
            if parts.count == 2, parts[0].count == 1, let letter = parts[0].uppercased().first, "CHMLI".contains(letter) {
                letters.insert(letter)
            }
        }
        return letters.count >= 2
    }

    /// The parent of a sub-case ID (`API-02a` → `API-02`), if it has the shape of one.
    static func parent(of id: String) -> String? {
        guard let last = id.last, last.isLetter, last.isLowercase, id.count > 2 else { return nil }
        let stem = id.dropLast()
        guard let before = stem.last, before.isNumber else { return nil }
        return String(stem)
    }

    /// The first 48 characters of a text, where an ID is looked for. Counting characters costs more
    /// than the rest of the question, so where scalars are characters (`LoneScalars`: the 48 first
    /// and the one after them) they are counted instead; other texts are cut by characters.
    static func head(of text: String) -> String {
        var text = text
        // The byte offset where the 49th character starts (the text's length when it has fewer),
        // or nil when characters must decide.
        let end: Int? = text.withUTF8 { bytes in
            var offset = 0
            for index in 0...48 {
                guard offset < bytes.count else { return bytes.count }
                let (scalar, length) = TextNormalizer.decode(bytes, at: offset)
                guard LoneScalars.standsAlone(scalar) else { return nil }
                if index == 48 { return offset }
                offset += length
            }
            return nil
        }
        guard let end else { return String(text.prefix(48)) }
        return end == text.utf8.count ? text : text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[..<end]), as: UTF8.self) }
    }

    /// False when the text opens (after one `[` or `(`) with ASCII that starts no token: a word that
    /// does not start with a letter or holds no digit (`The 2 servers…`, `2024: …`). A token is a whole
    /// word that starts with a letter and holds a digit, and no other character is equivalent to an
    /// ASCII letter or digit, so no token can open such a text: most lines that hold a digit somewhere
    /// are ruled out before they are cut into tokens. (A text opening outside ASCII is left to them.)
    static func mayOpenWithToken(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            if index < bytes.count, bytes[index] == 0x5B || bytes[index] == 0x28 { index += 1 }
            guard index < bytes.count else { return false }
            let first = bytes[index]
            if first >= 0x80 { return true }
            guard (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) else { return false }
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x30 && byte <= 0x39 { return true }
                guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x2E else { return false }
                index += 1
            }
            return false
        }
    }

    /// `text.hasPrefix(prefix)` for an ASCII prefix, on bytes where they decide: the prefix's bytes
    /// followed by ASCII (a character boundary, as `hasPrefix` requires), or other bytes with ASCII
    /// where the prefix would be (no character canonically equivalent to ASCII, such as the Kelvin
    /// sign, can stand there).
    static func opens(_ text: String, with prefix: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.starts(with: prefix.utf8) else {
            return utf8.prefix(prefix.utf8.count * 3).allSatisfy { $0 < 0x80 } ? false : text.hasPrefix(prefix)
        }
        guard let after = utf8.dropFirst(prefix.utf8.count).first, after >= 0x80 else { return true }
        return text.hasPrefix(prefix)
    }

    /// The ID a text opens with, after badges, emphasis and numbering (`🔴 SEC-01 : Jetons…`,
    /// `**B-3 · Index manquant**`), and the rest of the text after separators.
    static func leading(in text: String, ids: IDMatcher) -> (id: String, rest: String)? {
        // Cleaning only removes characters: a text without a digit holds no ID (most lines).
        guard text.hasASCIIDigit else { return nil }
        let cleaned = TextNormalizer.cleanTitle(text)
        guard cleaned.hasASCIIDigit, mayOpenWithToken(cleaned), let first = IDMatcher.tokens(in: head(of: cleaned)).first,
              opens(cleaned, with: first) || opens(cleaned, with: "[" + first) || opens(cleaned, with: "(" + first) else { return nil }
        guard ids.isID(first) || isFindingShaped(first) else { return nil }
        var rest = Substring(cleaned).drop { $0 == "[" || $0 == "(" }.dropFirst(first.count)
        // The ID must stand alone: `GAP-12:`, `B-3 ·`, `R-6 —`, not `GAP-12b…` (tokens already cut) or `SEC-12/13`.
        if let next = rest.first, !(next == " " || next == ":" || next == "]" || next == ")" || next == "." || next == "—" || next == "–" || next == "-" || next == "|" || next == "·" || next == ",") {
            return nil
        }
        rest = rest.drop { " :-–—|*.·]),\u{00A0}".contains($0) }
        return (first, TextNormalizer.cleanTitle(String(rest)))
    }
}
