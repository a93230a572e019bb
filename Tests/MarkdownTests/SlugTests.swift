import Markdown
import Testing

@Suite struct SlugTests {
    @Test func accentsFoldTheSameWhateverTheNormalForm() {
        let composed = "sécurité"                       // NFC: é is one scalar
        let decomposed = "se\u{301}curite\u{301}"       // NFD: e + combining acute
        #expect(Slug.make(composed) == "securite")
        #expect(Slug.make(decomposed) == "securite")
        #expect(Slug.make("📊 RÉSUMÉ EXÉCUTIF") == "resume-executif")
        #expect(Slug.make("l'équipe") == "lequipe")
    }
}
