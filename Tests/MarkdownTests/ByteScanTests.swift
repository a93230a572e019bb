import Testing
@testable import Markdown

/// Byte scans give the answers of the character searches they stand in for.
@Suite struct ByteScanTests {
    /// Texts where `(`, `)` and `:` stand alone, carry a combining mark (then they are not the
    /// character searched for), follow a prepended mark, sit next to text outside ASCII, or are missing.
    static let samples = [
        "", "(", "a(b)c", "Major Gaps (4)", "Constats (2) (3)", "(\u{301}4)", "x (4)(\u{301}", "(é)", "(4)\u{301}", "é(4)",
        "Élevé : 2 constats", "a:\u{301} b: c", "::", "no parenthesis", "🔴 (P1)", "(\u{20DD})", "a\u{0301}(b)", "(\r\n)", "：",
        "Sévérité (élevée)", "label:", ":\u{301}", "\u{600}(4)", "a \u{600}: b", "((x) \u{600}(y)",
    ]

    @Test func firstAndLastASCIICharacterMatchTheCharacterSearch() {
        for text in Self.samples {
            for ascii in ["(", ")", ":"] as [Character] {
                let byte = ascii.asciiValue!
                #expect(text.firstIndex(ofASCIICharacter: byte) == text.firstIndex(of: ascii), "\(text.debugDescription) \(ascii)")
                #expect(text.lastIndex(ofASCIICharacter: byte) == text.lastIndex(of: ascii), "\(text.debugDescription) \(ascii)")
                let sub = text.dropFirst()
                #expect(sub.firstIndex(ofASCIICharacter: byte) == sub.firstIndex(of: ascii), "\(text.debugDescription) \(ascii)")
            }
        }
    }
}
