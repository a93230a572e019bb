import Testing
@testable import Extraction

/// Tokens are found from the digits of a text; they must be those a reading of every run of word
/// bytes finds: runs that start with an ASCII letter and hold a digit, trailing `-` `.` `_` cut, not
/// glued to a letter outside ASCII on either side.
struct IDMatcherTokenTests {
    static func reference(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        func isWord(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        }
        var result: [String] = []
        var i = 0
        while i < bytes.count {
            guard isWord(bytes[i]) else { i += 1; continue }
            var j = i
            while j < bytes.count, isWord(bytes[j]) { j += 1 }
            let run = bytes[i..<j]
            var end = j
            while end > i, [0x2D, 0x2E, 0x5F].contains(bytes[end - 1]) { end -= 1 }
            let first = bytes[i]
            if !(i > 0 && bytes[i - 1] >= 0x80), (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A),
               run.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), end > i, j >= bytes.count || bytes[j] < 0x80 {
                result.append(String(decoding: bytes[i..<end], as: UTF8.self))
            }
            i = j
        }
        return result
    }

    @Test func tokensAreThoseOfEveryRunOfWordBytes() {
        let samples = [
            "", "1", "a1", "GAP-12", "GAP-12.", "GAP-12_-", "-GAP-1", "x.y2 z", "The 2 servers", "SEC-12/13 both", "éGAP-1", "GAP-1é",
            "GAP-1 é", "1GAP", "a-b-1-", "voir GAP-101, GAP-102 et SEC-3.", "v2.1.3", "__9", "_a9", "9a 9b a9", "🔴 SEC-01 : Jetons",
        ]
        for text in samples { #expect(IDMatcher.tokens(in: text) == Self.reference(text), "\(text.debugDescription)") }
        let pieces = ["a", "Z", "1", "9", "-", ".", "_", " ", "é", "🔴", ":", "/", "GAP-", "x"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for length in 0...400 {
            var text = ""
            for _ in 0..<(length % 60) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(IDMatcher.tokens(in: text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
