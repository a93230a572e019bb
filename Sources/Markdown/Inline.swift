/// Inline content of a block.
public indirect enum Inline: Sendable, Equatable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(destination: String, title: String, content: [Inline])
    case image(source: String, title: String, alt: [Inline])
    /// Raw inline HTML: kept as source text, never rendered as HTML.
    case html(String)
    case softBreak
    case lineBreak
}

extension Inline {
    /// The text a reader sees, without markup (code spans keep their text; breaks become spaces).
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    func appendPlainText(to out: inout String) {
        switch self {
        case .text(let s), .code(let s): out += s
        case .emphasis(let c), .strong(let c), .strikethrough(let c): for i in c { i.appendPlainText(to: &out) }
        case .link(_, _, let c), .image(_, _, let c): for i in c { i.appendPlainText(to: &out) }
        case .html: break
        case .softBreak, .lineBreak: out += " "
        }
    }
}

extension Array where Element == Inline {
    /// Plain text of a run of inlines, whitespace-trimmed.
    public var plainText: String { self[...].plainText }

    /// True when the whole run is wrapped in strong emphasis (`**Architecture**`), a hint that a table cell is a label.
    public var isStrong: Bool {
        let meaningful = filter { if case .text(let s) = $0 { return !s.allSatisfy(\.isWhitespace) } else { return true } }
        guard meaningful.count == 1, case .strong = meaningful[0] else { return false }
        return true
    }
}

extension String {
    /// Trims spaces, tabs, newlines and no-break spaces at both ends without Foundation.
    public func trimmingWhitespace() -> String {
        // Fast path: nothing to trim when both ends are plain visible ASCII.
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return self }
        // Or when the first scalar is no space and the last one ends a character that is none: a
        // character's whitespace is its first scalar's, so the last scalar must not join the one
        // before it (a Latin letter, visible ASCII, punctuation that joins nothing before it, a
        // symbol or an emoji that is no modifier: `Sécurité`, `🔴 Critical`, `… voir B-4 »`,
        // `Corrigé ✅`), or be the emoji variation selector after such a symbol (`⚠️`).
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !Self.isWhiteSpace(first.value) {
            if Self.endsNoSpace(last.value) { return self }
            if last.value == 0xFE0F {
                var scalars = unicodeScalars.reversed().makeIterator()
                _ = scalars.next()
                if let before = scalars.next(), before.value > 0x7F, Self.endsNoSpace(before.value) { return self }
            }
        }
        // ASCII whitespace at the ends cut on bytes (`\r\n` is one character, and whitespace as a
        // whole): when visible ASCII is then left at both ends, those are the characters a
        // character-by-character trim keeps.
        let bytes = utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while lower < upper, isSpace(bytes[lower]) { lower = bytes.index(after: lower) }
        while lower < upper, isSpace(bytes[bytes.index(before: upper)]) { upper = bytes.index(before: upper) }
        if lower == upper { return "" }
        let firstByte = bytes[lower]
        let lastByte = bytes[bytes.index(before: upper)]
        if firstByte > 0x20, firstByte < 0x7F, lastByte > 0x20, lastByte < 0x7F { return String(self[lower..<upper]) }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }

    /// Unicode's White_Space property (what `Unicode.Scalar.Properties.isWhitespace` answers), as a
    /// comparison rather than a property lookup: the property tables cost more than the rest of a trim.
    static func isWhiteSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// True for a scalar that is no space and joins nothing before it into one character (no
    /// combining mark, joiner, variation selector or emoji modifier), so a text ending with it ends
    /// with a character that is no space. `TrimmingTests` checks every scalar of these ranges.
    static func endsNoSpace(_ v: UInt32) -> Bool {
        (v > 0x20 && v < 0x7F) || (0xA1...0x2FF).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
            || (0x2190...0x2BFF).contains(v) || ((0x1F000...0x1FAFF).contains(v) && !(0x1F3FB...0x1F3FF).contains(v))
    }
}

extension ArraySlice where Element == Inline {
    /// Plain text of part of a run (one line of a paragraph), whitespace-trimmed.
    public var plainText: String {
        var out = ""
        for i in self { i.appendPlainText(to: &out) }
        return out.trimmingWhitespace()
    }
}
