import Markdown

extension TextLine {
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

extension TextLines {
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
