import Testing
@testable import Markdown

/// Trimming decides on the ends' scalars where it can, as `Character.isWhitespace` would.
@Suite struct TrimmingTests {
    /// What a character-by-character trim gives.
    static func reference(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...text.lastIndex(where: { !$0.isWhitespace })!])
    }

    /// Every scalar, at the end of a text after a space (where a combining mark, joiner or modifier
    /// would make the space and itself one whitespace character), alone, and before the emoji
    /// variation selector: the fast paths answer as the character definition does.
    @Test func everyScalarAtTheEndTrimsAsCharactersDo() {
        var differing: [String] = []
        for v in UInt32(0)..<0x30000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for text in ["x \(scalar)", "x\(scalar)", "x \(scalar)\u{FE0F}", "\(scalar)y", "\(scalar)"]
            where text.trimmingWhitespace() != Self.reference(text) {
                differing.append(text.debugDescription)
            }
            if differing.count > 10 { break }
        }
        #expect(differing.isEmpty, "\(differing)")
    }

    /// The White_Space scalars, compared: the comparison is the property.
    @Test func whiteSpaceIsTheProperty() {
        for v in UInt32(0)..<0x30000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(String.isWhiteSpace(v) == scalar.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    @Test func trimmingMatchesTheCharacterDefinition() {
        let samples = ["", " ", "a", " a ", "Sécurité", "\u{00A0}été\u{00A0}", "fin …", "« citation »", "x \u{301}", " \u{301}",
                       "é\u{2028}", "\u{3000}text", "text\u{202F}", "’quote’", "a\t", "\r\na\r\n", "🔍 badge", "mot –",
                       " a b ", "\t\tCritical\n", " \u{0B}x\u{0C} ", "  é ", " a\u{301} ", " x\r\n", "\r\n", " \u{85}x ", "  \u{2003}y ",
                       " (x) ", " ] ", "🔴 Critical", "Corrigé ✅", "⚠️", " ⚠️ ", "x 👍🏽", "x \u{1F3FB}", "🇫🇷", "x\u{200D}"]
        for text in samples {
            let reference: String = {
                guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
                return String(text[first...text.lastIndex(where: { !$0.isWhitespace })!])
            }()
            #expect(text.trimmingWhitespace() == reference, "\(text.debugDescription)")
        }
    }
}
