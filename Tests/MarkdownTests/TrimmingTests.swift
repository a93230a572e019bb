import Testing
@testable import Markdown

/// Trimming decides on the ends' scalars where it can, as `Character.isWhitespace` would.
@Suite struct TrimmingTests {
    @Test func trimmingMatchesTheCharacterDefinition() {
        let samples = ["", " ", "a", " a ", "Sécurité", "\u{00A0}été\u{00A0}", "fin …", "« citation »", "x \u{301}", " \u{301}",
                       "é\u{2028}", "\u{3000}text", "text\u{202F}", "’quote’", "a\t", "\r\na\r\n", "🔍 badge", "mot –",
                       " a b ", "\t\tCritical\n", " \u{0B}x\u{0C} ", "  é ", " a\u{301} ", " x\r\n", "\r\n", " \u{85}x ", "  \u{2003}y ",
                       " (x) ", " ] "]
        for text in samples {
            let reference: String = {
                guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
                return String(text[first...text.lastIndex(where: { !$0.isWhitespace })!])
            }()
            #expect(text.trimmingWhitespace() == reference, "\(text.debugDescription)")
        }
    }
}
