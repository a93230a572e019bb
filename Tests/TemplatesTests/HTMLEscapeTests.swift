import Testing
@testable import Templates

/// Escaping reads eight bytes at a time while none needs escaping; it must give, for any text, what
/// replacing each character one by one gives.
struct HTMLEscapeTests {
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        HTMLEscape.escape(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each character that is replaced, at every offset of texts up to 40 bytes long (before, inside and
    /// after each eight-byte word), alone, doubled, and next to characters of two to four bytes.
    @Test func everyReplacedCharacterIsFoundAtEveryOffset() {
        for special in ["&", "<", ">", "\"", "'", "\0"] {
            for length in 0...40 {
                for offset in 0...length {
                    for filler in ["a", "é", "€", "🔴"] {
                        let text = String(repeating: filler, count: offset) + special + String(repeating: "x", count: length - offset)
                        #expect(Self.escaped(text) == Self.reference(text))
                        let doubled = text + special + special
                        #expect(Self.escaped(doubled) == Self.reference(doubled))
                    }
                }
            }
        }
    }

    /// Bytes next to the replaced ones in value (`%`, `=`, `?`, `;`, `(`) and bytes that differ from
    /// them by the high bit are left as they are.
    @Test func neighbouringBytesAreLeftAlone() {
        let text = "%=?;()!#$*+,-./:@[]^_`{|}~ \u{A6}\u{BC}\u{BE}\u{A2}\u{A7} abcdefghijklmnopqrstuvwxyz 0123456789"
        #expect(Self.escaped(text) == text)
        for word: UInt64 in [0x6162_6364_6566_6768, 0x2525_2525_2525_2525, 0xA6BC_BEA2_A7A6_BCBE] {
            #expect(!HTMLEscape.mayNeedEscaping(word))
        }
        for byte: UInt64 in [0x26, 0x3C, 0x3E, 0x22, 0x27, 0x00] {
            for position: UInt64 in 0..<8 {
                let word = (0x6161_6161_6161_6161 & ~(0xFF << (position * 8))) | (byte << (position * 8))
                #expect(HTMLEscape.mayNeedEscaping(word), "byte \(byte) at \(position)")
            }
        }
    }

    /// Generated texts of every length up to 300 bytes, mixing all of the above.
    @Test func generatedTextsAreEscapedAsCharacterByCharacter() {
        let pieces = ["a", "Z", " ", "&", "<", ">", "\"", "'", "\0", "é", "’", "✅", "🔴", "\n", "%", "=", "x"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0...300 {
            var text = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(Self.escaped(text) == Self.reference(text))
            #expect(HTMLEscape.escape(text) == Self.reference(text))
        }
    }
}
