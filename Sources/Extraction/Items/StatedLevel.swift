import Foundation

/// Reads the level and status a finding's title line states in its own segments, not in the words
/// of its title: `R-6 — Sauvegardes non testées 🟠 Élevé` is high, `B-3 · Index manquant — ✅ Corrigé`
/// is done ("manquant" belongs to the title), `H-02 (partially fixed)` is partial,
/// `CVE-2023-1234 – HIGH – Heap overflow` is high, `… CVSS 9.8` critical.
enum StatedLevel {
    /// Pieces of a line between separators and parentheses.
    static func segments(_ text: String) -> [String] {
        if let pieces = text.utf8.withContiguousStorageIfAvailable({ segments(text, bytes: $0) }) { return pieces }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { segments(copy, bytes: $0) } ?? []
    }

    /// The same over the text's bytes. Every separator is ASCII or a lead byte (`·` C2 B7, `–` E2 80
    /// 93, `—` E2 80 94), and a byte before `- ` that is a space is the scalar before it.
    private static func segments(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var pieces: [String] = []
        let count = bytes.count
        var start = 0
        var previous: UInt8?
        var i = 0
        func flush(upTo end: Int) {
            // Spaces and tabs trimmed on bytes: when visible ASCII is left at both ends, those are
            // the characters `trimmingWhitespace` would keep (most pieces: one copy, no scan).
            var first = start
            var last = end
            while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            while first < last, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
            if first < last, bytes[first] > 0x20, bytes[first] < 0x7F, bytes[last - 1] > 0x20, bytes[last - 1] < 0x7F {
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self))
                return
            }
            guard start < end else { return }
            let utf8 = text.utf8
            let from = utf8.index(utf8.startIndex, offsetBy: start)
            let to = utf8.index(utf8.startIndex, offsetBy: end)
            let piece = String(text[from..<to]).trimmingWhitespace()
            if !piece.isEmpty { pieces.append(piece) }
        }
        while i < count {
            let b = bytes[i]
            let length = separatorLength(bytes, at: i, previous: previous)
            if length > 0 {
                flush(upTo: i)
                i += length
                start = i
                previous = 0x80 // not a space
            } else {
                previous = b
                i += 1
            }
        }
        flush(upTo: count)
        return pieces
    }

    /// The length of the separator at byte `i` (0 for none), `previous` being the byte before it
    /// (nil at the start, 0x80 right after a separator).
    @inline(__always)
    private static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, previous: UInt8?) -> Int {
        func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        switch bytes[i] {
        case 0x28, 0x29, 0x5B, 0x5D, 0x7C, 0x2C, 0x3B: return 1
        case 0xC2 where byte(at: i + 1) == 0xB7: return 2
        case 0xE2 where byte(at: i + 1) == 0x80 && (byte(at: i + 2) == 0x93 || byte(at: i + 2) == 0x94): return 3
        case 0x2D where byte(at: i + 1) == 0x20 && previous == 0x20: return 1
        case 0x3A where byte(at: i + 1) == 0x20 && previous != nil: return 1
        default: return 0
        }
    }

    /// What a text's bytes tell about its pieces before any is made a `String`: how many there may
    /// be (never fewer than `segments` makes) and, in words as `spaceSeparatedWords` counts them, how
    /// long the first and the shortest may be (never longer than those `segments` makes). A line
    /// without a separator, and a prose line whose pieces are all long, is ruled out by these alone:
    /// no piece made, no key folded.
    struct Sketch: Equatable {
        var count = 0
        var firstWords = 0
        var fewestWords = Int.max
    }

    static func sketch(_ text: String) -> Sketch {
        var text = text
        return text.withUTF8 { bytes in
            var sketch = Sketch()
            var previous: UInt8?
            // Whether the piece so far has a byte other than a space or tab, and its words.
            var visible = false
            var words = 0
            var inWord = false
            func close() {
                guard visible else { return }
                if sketch.count == 0 { sketch.firstWords = words }
                sketch.count += 1
                sketch.fewestWords = min(sketch.fewestWords, words)
            }
            var i = 0
            while i < bytes.count {
                let length = separatorLength(bytes, at: i, previous: previous)
                if length > 0 {
                    close()
                    visible = false
                    words = 0
                    inWord = false
                    i += length
                    previous = 0x80
                    continue
                }
                let byte = bytes[i]
                if byte == 0x20 || byte == 0x09 {
                    inWord = false
                } else {
                    visible = true
                    if !inWord, (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
                        inWord = true
                        words += 1
                    }
                }
                previous = byte
                i += 1
            }
            close()
            return sketch
        }
    }

    /// A segment that is only a level (`HIGH`, `🟠 Élevé`, `Critique`, `Severity: High`, `P1`), or a
    /// CVSS score (`CVSS 9.8`, `CVSS:3.1/AV:N/… (9.1)`).
    static func severity(in text: String, state: ItemWalkState) -> Severity? {
        for segment in segments(text) {
            let key = TextNormalizer.key(segment)
            let words = key.split(separator: " ")
            guard !words.isEmpty else {
                if let emoji = state.vocabulary.severity(in: segment) { return emoji } // a badge alone
                continue
            }
            if words.count <= 3, let severity = PriorityScale.level(in: segment, startsAtZero: state.priorityScaleStartsAtZero)
                ?? state.vocabulary.severity(wholeText: segment) ?? labelled(segment, state: state) {
                return severity
            }
        }
        if let cvss = cvss(in: text) { return cvss }
        // A badge anywhere (`#### 🔴 SEC-01 …`), but in a status (`🟡 En partie traité`: 🟡 says partial).
        for segment in segments(text) where state.vocabulary.status(wholeText: segment) == nil {
            for scalar in segment.unicodeScalars where TextNormalizer.isEmojiLike(scalar) {
                if let severity = state.vocabulary.severity(in: String(scalar)) { return severity }
            }
        }
        return nil
    }

    /// `Severity: High`, `Risque : élevé`, `Gravité – Moyenne`.
    private static func labelled(_ segment: String, state: ItemWalkState) -> Severity? {
        let words = TextNormalizer.key(segment).split(separator: " ")
        guard words.count >= 2, state.vocabulary.columnRole(forHeader: String(words[0])) == .severity else { return nil }
        return state.vocabulary.severity(wholeText: words.dropFirst().joined(separator: " "))
    }

    /// A status stated in its own segment (`✅ Corrigé`, `(fixed)`, `Status: Open`, `❌`), the last one
    /// first (titles come before statuses).
    static func status(in text: String, vocabulary: Vocabulary) -> Status? {
        status(inSegments: segments(text), vocabulary: vocabulary)
    }

    /// The same, over segments already cut. A segment of more words than any status phrase (or a
    /// `Status: …` label) is prose: it is passed over without being folded.
    static func status(inSegments segments: [String], vocabulary: Vocabulary) -> Status? {
        let most = max(vocabulary.longestStatusPhrase, 5)
        for segment in segments.reversed() where spaceSeparatedWords(segment, atMost: most) {
            let key = TextNormalizer.key(segment)
            if let status = vocabulary.status(wholeText: segment, key: key) { return status }
            let words = key.split(separator: " ")
            if words.count >= 2, words.count <= 5, FindingParts.isStatusLabel(String(words[0])),
               let status = vocabulary.status(wholeText: words.dropFirst().joined(separator: " ")) {
                return status
            }
        }
        return nil
    }

    /// False when the text has more than `limit` words between spaces holding an ASCII letter or
    /// digit: each of those gives at least one word of the folded key, so such a text cannot match a
    /// phrase of `limit` words whole. (Words of only accents or badges are not counted: the check
    /// never rules out what the key could match.)
    static func spaceSeparatedWords(_ text: String, atMost limit: Int) -> Bool {
        var words = 0
        var counted = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 {
                counted = false
            } else if !counted, (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
                counted = true
                words += 1
                if words > limit { return false }
            }
        }
        return true
    }

    /// CVSS v3 base score written on the line: `CVSS 9.8`, `CVSS: 7.5`, `CVSS v3.1: 9.1 — CVSS:3.1/AV:N/…`,
    /// `Score CVSS : 6,5`. The vector and the version number are not the score.
    static func cvss(in text: String) -> Severity? {
        guard text.containsIgnoringASCIICase("cvss") else { return nil }
        let withoutVectors = vectorPattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        let range = NSRange(withoutVectors.startIndex..., in: withoutVectors)
        for pattern in [versionedScore, plainScore] {
            if let match = pattern.firstMatch(in: withoutVectors, range: range), let scoreRange = Range(match.range(at: 1), in: withoutVectors),
               let value = Double(withoutVectors[scoreRange].replacingOccurrences(of: ",", with: ".")), value <= 10 {
                return Severity(cvss: value)
            }
        }
        return nil
    }

    private static let vectorPattern = try! NSRegularExpression(pattern: #"CVSS:\d\.\d(/[A-Za-z]+:[A-Za-z]+)+"#)
    /// `CVSS v3.1: 9.1`, `CVSS 3.0 base score 7.5`.
    private static let versionedScore = try! NSRegularExpression(
        pattern: #"(?i)cvss\s*(?:v\s*)?(?:2\.0|3\.0|3\.1|4\.0)\b[^0-9]{0,30}?(\d{1,2}(?:[.,]\d)?)(?![0-9./])"#)
    /// `CVSS 9.8`, `Score CVSS : 6,5`, `CVSS (7.5)`.
    private static let plainScore = try! NSRegularExpression(pattern: #"(?i)cvss[^0-9]{0,30}?(\d{1,2}(?:[.,]\d)?)(?![0-9./])"#)
}
