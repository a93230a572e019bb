import Markdown

/// Text of a block cut at its line breaks, each piece with its source line: `**Date:** 2024-01-15  `
/// and `**Auteur:** X` in one paragraph are two metadata lines.
struct TextLine {
    let text: String
    let inlines: [Inline]
    let line: Int
}

enum TextLines {
    static func of(_ inlines: [Inline], startLine: Int) -> [TextLine] {
        var lines: [TextLine] = []
        var current: [Inline] = []
        var line = startLine
        for inline in inlines {
            switch inline {
            case .softBreak, .lineBreak:
                lines.append(TextLine(text: current.plainText, inlines: current, line: line))
                current = []
                line += 1
            default:
                current.append(inline)
            }
        }
        lines.append(TextLine(text: current.plainText, inlines: current, line: line))
        return lines.filter { !$0.text.isEmpty }
    }

    /// Splits `Label: value` (also `**Label:** value`, `Label : value`, `Label — value`).
    static func labelAndValue(_ line: TextLine) -> (label: String, value: String)? {
        let text = line.text
        let utf8 = text.utf8
        // The first colon (ASCII, or the full-width one some editors produce), found on bytes.
        var colon = utf8.firstIndex(of: UInt8(ascii: ":"))
        if colon == nil, let wide = text.firstIndex(of: "：") { colon = wide }
        guard let colon, utf8.distance(from: utf8.startIndex, to: colon) <= 240 else { return nil }
        let label = text[..<colon].trimmingWhitespace()
        let afterColon = text[colon...].dropFirst()
        let value = afterColon.trimmingWhitespace()
        guard !label.isEmpty, label.count <= 60 else { return nil }
        return (label, value)
    }
}

extension Substring {
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
