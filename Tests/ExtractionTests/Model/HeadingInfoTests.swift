import Testing
@testable import Extraction

/// The start of a section's text, shown under search results.
@Suite struct HeadingInfoTests {
    @Test func aSnippetJoinsLinesAndCutsAtAWord() {
        #expect(HeadingInfo.snippet(of: "\nFirst line\n\nsecond line\n") == "First line second line")
        let long = String(repeating: "mot ", count: 60)
        let snippet = HeadingInfo.snippet(of: long)
        #expect(snippet.hasSuffix("mot…"))
        #expect(snippet.count <= 161)
        #expect(HeadingInfo.snippet(of: String(repeating: "é", count: 160)) == String(repeating: "é", count: 160))
        #expect(HeadingInfo.snippet(of: "") == "")
    }

    /// The snippet read on bytes (Latin text) is the one read by characters, for texts around the
    /// 160-character cut with every kind of newline, multi-byte punctuation, and characters that send
    /// the text to the character reading (emoji, combining marks).
    @Test func theByteReadingAgreesWithTheCharacterReading() {
        func reference(_ text: String) -> String {
            var flat = ""
            var count = 0
            var pendingSpace = false
            for character in text {
                if character.isNewline {
                    pendingSpace = !flat.isEmpty
                    continue
                }
                if pendingSpace {
                    flat.append(" ")
                    count += 1
                    pendingSpace = false
                }
                flat.append(character)
                count += 1
                if count > 160 { break }
            }
            guard count > 160 else { return flat }
            let cut = flat.prefix(160)
            return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
        }
        let pieces = ["mot", "é", "Écart", " ", "\n", "\r\n", "\u{85}", "\u{2028}", "—", "’", "€", "…", "ſ", "ǅ", "✅", "e\u{301}", "🔴", "x"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for length in 0...1_000 {
            var text = ""
            for _ in 0..<(length % 220) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Mostly Latin pieces, so that most texts take the byte reading.
                let index = Int(state >> 33) % (pieces.count * 4)
                text += pieces[index < pieces.count * 3 ? index % 14 : index % pieces.count]
            }
            #expect(HeadingInfo.snippet(of: text) == reference(text), "\(text.debugDescription)")
        }
    }
}
