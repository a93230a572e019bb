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
        out.append(byte: 0x7A)
        out.appendEscaped("<b title=\"x\">l'été & co</b>")
        #expect(out.string == "a" + long + String(long.dropFirst(3)) + "z" + "&lt;b title=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/b&gt;")
        #expect(out.count == out.string.utf8.count && out.data.count == out.count)
    }
}
