import Foundation
import Testing
@testable import Templates

/// The byte buffer exports and pages are written in: what goes in comes out, byte for byte.
@Suite struct TextOutputTests {
    @Test func integersAreWrittenAsStringWritesThem() {
        for value in [0, 1, -1, 9, 10, 99, 100, 12_345, -987_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            var out = TextOutput()
            out.append(value)
            #expect(out.string == String(value))
        }
    }

    @Test func textOfEveryKindIsCopiedWhole() {
        var out = TextOutput(capacity: 4)
        let long = String(repeating: "é—✅", count: 100)
        out += "a"
        out += long
        out.append(long.dropFirst(3))
        let bridged = "z✅"
        bridged.utf8.withContiguousStorageIfAvailable { out.append(bytes: $0) }
        out.append(-42)
        #expect(out.string == "a" + long + String(long.dropFirst(3)) + "z✅" + "-42")
        #expect(out.bytes.count == out.string.utf8.count && out.data == Data(out.bytes))
    }

    @Test func aCopyIsAValueOfItsOwn() {
        var first = TextOutput()
        first += "shared"
        var second = first
        second += " and more"
        first += "!"
        let third = first
        first.append(byte: 0x3F)
        #expect(first.string == "shared!?")
        #expect(second.string == "shared and more")
        #expect(third.string == "shared!")
        #expect(first.count == 8 && !first.isEmpty && TextOutput().isEmpty && TextOutput().bytes.isEmpty)
    }

    @Test func growsFromAnyCapacityWithoutLosingABit() {
        var out = TextOutput(capacity: 0)
        var expected: [UInt8] = []
        for length in 0..<200 {
            let piece = String(repeating: Character(UnicodeScalar(UInt8(0x41 + length % 26))), count: length % 37)
            out += piece
            out.append(byte: UInt8(length))
            expected += Array(piece.utf8) + [UInt8(length)]
        }
        #expect(out.bytes == expected)
        #expect(out.count == expected.count)
    }

    @Test func escapingIntoTextOutputWritesWhatEscapingIntoBytesWrites() {
        for text in ["", "plain", "a < b & c > d", "l'équipe \"dit\"", "\u{0}nul", String(repeating: "<&>'\"", count: 50)] {
            var out = TextOutput()
            out.appendEscapedHTML(text)
            var bytes: [UInt8] = []
            HTMLEscape.escape(text, into: &bytes)
            #expect(out.bytes == bytes)
            #expect(out.string == HTMLEscape.escape(text))
        }
    }
}
