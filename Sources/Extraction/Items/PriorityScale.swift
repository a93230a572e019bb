import Markdown

/// P-levels mean different things in different reports: a report that uses `P0` puts its critical
/// items there (P0 critical, P1 high, P2 medium, P3 low); one that starts at `P1` puts them at P1
/// (P1 critical … P4 low). The scale is the report's, read once from its headings and tables.
enum PriorityScale {
    static func startsAtZero(_ document: MarkdownDocument) -> Bool {
        var finder = ZeroFinder()
        document.walk(&finder)
        return finder.found
    }

    /// `P0`–`P4` (also `Priorité 1`, `Priority 2`) in a text, on the report's scale.
    static func level(in text: String, startsAtZero: Bool) -> Severity? {
        guard mayOpenAWordWithP(text) else { return nil }
        let words = TextNormalizer.key(text).split(separator: " ")
        for (index, word) in words.enumerated() {
            var number: Int?
            if word.count == 2, word.first == "p" { number = Int(word.dropFirst()) }
            else if word.hasPrefix("priorit") || word == "p", index + 1 < words.count, words[index + 1].count == 1 { number = Int(words[index + 1]) }
            guard let n = number, (0...4).contains(n) else { continue }
            return startsAtZero ? [.critical, .high, .medium, .low, .low][n] : [.critical, .critical, .high, .medium, .low][n]
        }
        return nil
    }

    /// False when no word of the text's key can start with `p`, so that the text names no level here:
    /// an ASCII text without a `p` or `P` at the start of a word (after a byte the key drops). Most
    /// texts asked, table cells and headings, are ruled out on their bytes, without folding a key.
    static func mayOpenAWordWithP(_ text: String) -> Bool {
        var afterWordByte = false
        for byte in text.utf8 {
            if byte >= 0x80 { return true }
            if !afterWordByte, byte | 0x20 == 0x70 { return true }
            // The bytes a key keeps: ASCII letters and digits, `'` and `?`.
            afterWordByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x27 || byte == 0x3F
        }
        return false
    }

    private struct ZeroFinder: MarkdownWalker {
        var found = false

        mutating func visitHeading(_ heading: Heading, context: WalkContext) {
            if !found, Self.hasP0(heading.text) { found = true }
        }

        mutating func visitTable(_ table: Table, context: WalkContext) {
            guard !found else { return }
            for row in table.rows {
                for text in row.texts where Self.hasP0(text) {
                    found = true
                    return
                }
            }
        }

        mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context: WalkContext) {
            if !found, Self.hasP0(item.firstLine.text) { found = true }
        }

        static func hasP0(_ text: String) -> Bool {
            guard text.containsByte(UInt8(ascii: "0")) else { return false }
            return TextNormalizer.key(text).split(separator: " ").contains { $0 == "p0" }
        }
    }
}
