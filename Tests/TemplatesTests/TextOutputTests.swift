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
}
