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
}
