import Markdown

/// Text of a block cut at its line breaks, each piece with its source line: `**Date:** 2024-01-15  `
/// and `**Auteur:** X` in one paragraph are two metadata lines.
struct TextLine {
    let text: String
    /// The line's part of its paragraph's inlines (a slice: cutting a paragraph copies no inline).
    let inlines: ArraySlice<Inline>
    let line: Int
    /// True for a line that continues a sentence of the paragraph (after a soft break), not one that
    /// starts after a hard break or opens the paragraph.
    var continuesSentence = false

    /// True when the line opens with emphasis or a badge (`**B-3 · …**`, `🔴 …`): a line of its own
    /// even inside a paragraph.
    var opensWithMark: Bool {
        if let first = inlines.first(where: { if case .text(let s) = $0 { return !s.allSatisfy(\.isWhitespace) } else { return true } }) {
            switch first {
            case .strong, .emphasis, .code: return true
            case .text(let s): return s.trimmingWhitespace().unicodeScalars.first.map(TextNormalizer.isEmojiLike) ?? false
            default: return false
            }
        }
        return false
    }
}

enum TextLines {
    static func of(_ inlines: [Inline], startLine: Int) -> [TextLine] {
        var lines: [TextLine] = []
        forEach(inlines, startLine: startLine) { line in
            lines.append(line)
            return true
        }
        return lines
    }

    /// The first line that has text: what list items are asked about (their opening line), without
    /// cutting the rest of the paragraph.
    static func first(of inlines: [Inline], startLine: Int) -> TextLine? {
        var first: TextLine?
        forEach(inlines, startLine: startLine) { line in
            first = line
            return false
        }
        return first
    }

    /// Calls `body` with each line that has text, in order, until it returns false.
    private static func forEach(_ inlines: [Inline], startLine: Int, _ body: (TextLine) -> Bool) {
        var start = inlines.startIndex
        var line = startLine
        var continues = false
        for index in inlines.indices {
            let soft: Bool
            switch inlines[index] {
            case .softBreak: soft = true
            case .lineBreak: soft = false
            default: continue
            }
            let current = inlines[start..<index]
            let text = current.plainText
            if !text.isEmpty, !body(TextLine(text: text, inlines: current, line: line, continuesSentence: continues)) { return }
            start = index + 1
            line += 1
            // After a soft break the text goes on unless the line just ended a sentence (an empty
            // line ends none).
            let ended = Self.endsSentence(text)
            continues = soft && !ended
        }
        let current = inlines[start...]
        let text = current.plainText
        if !text.isEmpty { _ = body(TextLine(text: text, inlines: current, line: line, continuesSentence: continues)) }
    }

    /// True when the line's last character is `.`, `!`, `?`, `:` or `;` (or the line is empty).
    /// Decided on the last two bytes when they are ASCII (a character of its own); otherwise by
    /// characters, where `;` is also U+037E.
    static func endsSentence(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let last = bytes.last else { return true }
        let beforeLast = bytes.count > 1 ? bytes[bytes.index(bytes.endIndex, offsetBy: -2)] : 0
        if last < 0x80, beforeLast < 0x80 {
            return last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3A || last == 0x3B
        }
        return text.last.map { ".!?:;".contains($0) } ?? true
    }

    /// Splits `Label: value` (also `**Label:** value`, `Label : value`, `Label — value`).
    static func labelAndValue(_ line: TextLine) -> (label: String, value: String)? {
        let text = line.text
        let utf8 = text.utf8
        // The first colon (ASCII, or the full-width one some editors produce), found on bytes.
        var colon = text.firstIndex(ofByte: UInt8(ascii: ":"))
        if colon == nil, text.containsByte(0xEF) { colon = text.firstIndex(of: "：") }
        guard let colon, utf8.distance(from: utf8.startIndex, to: colon) <= 240 else { return nil }
        let label = text[..<colon].trimmingWhitespace()
        let afterColon = text[colon...].dropFirst()
        let value = afterColon.trimmingWhitespace()
        guard !label.isEmpty, label.utf8.count <= 60 || label.count <= 60 else { return nil }
        return (label, value)
    }
}

extension Substring {
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
