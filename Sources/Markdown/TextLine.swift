/// One source line of a paragraph or heading, as text: `**Date:** 2024-01-15  ` and `**Auteur:** X`
/// in one paragraph are two metadata lines.
public struct TextLine: Sendable {
    public let text: String
    /// The line's part of its block's inlines (a slice: cutting a paragraph copies no inline).
    public let inlines: ArraySlice<Inline>
    public let line: Int
    /// True for a line that continues a sentence of the paragraph (after a soft break), not one that
    /// starts after a hard break or opens the paragraph.
    public var continuesSentence = false

    public init(text: String, inlines: ArraySlice<Inline>, line: Int, continuesSentence: Bool = false) {
        self.text = text
        self.inlines = inlines
        self.line = line
        self.continuesSentence = continuesSentence
    }
}

/// Cuts a block's inlines at its line breaks. A document cuts each paragraph and heading once, when
/// its walk steps are made (`Paragraph.lines`, `Heading.lines`): every walker reads the lines, and
/// cutting them again in each cost more than any one walker's reading of them.
public enum TextLines {
    public static func of(_ inlines: [Inline], startLine: Int) -> [TextLine] {
        var lines: [TextLine] = []
        forEach(inlines, startLine: startLine) { line in
            lines.append(line)
            return true
        }
        return lines
    }

    /// The first line that has text: what list items are asked about (their opening line), without
    /// cutting the rest of the paragraph.
    public static func first(of inlines: [Inline], startLine: Int) -> TextLine? {
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
    public static func endsSentence(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let last = bytes.last else { return true }
        let beforeLast = bytes.count > 1 ? bytes[bytes.index(bytes.endIndex, offsetBy: -2)] : 0
        if last < 0x80, beforeLast < 0x80 {
            return last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3A || last == 0x3B
        }
        return text.last.map { ".!?:;".contains($0) } ?? true
    }
}
