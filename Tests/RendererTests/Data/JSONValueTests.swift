import Foundation
import Renderer
import Testing

/// Exports are JSON that can also be inlined in a page: escapes must be exact and the result valid.
@Suite struct JSONValueTests {
    @Test func stringsAreEscapedForJSONAndForHTML() throws {
        let text = "Accès « refusé » — l’équipe ✅ \"quoted\" back\\slash <script> tab\tnew\nline\r \u{1} \u{2028}\u{2029} 🔴 end"
        let json = JSONValue.object([("t", .string(text))]).compact()
        #expect(json.contains(#"\"quoted\""#) && json.contains(#"back\\slash"#) && json.contains(#"\u003cscript>"#))
        #expect(json.contains(#"tab\tnew\nline\r \u0001 \u2028\u2029 🔴 end"#))
        #expect(json.contains("l’équipe ✅"), "other characters are copied as they are")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["t"] == text)
    }
}
