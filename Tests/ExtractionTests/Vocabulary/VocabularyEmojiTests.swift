import Testing
@testable import Extraction

/// Statuses and levels told by emoji: found wherever they sit, the first in the text winning, on
/// ASCII lines, accented lines and lines of emoji alike, and for marks a site configures itself.
@Suite struct VocabularyEmojiTests {
    @Test func theFirstEmojiOfALineTellsItsStatus() {
        let vocabulary = Vocabulary.builtIn
        #expect(vocabulary.status(in: "Sauvegardes testées ✅") == .done)
        #expect(vocabulary.status(in: "🔴 puis ✅") == .open)
        #expect(vocabulary.status(in: "Rotation des clés 🚧") == .partial)
        #expect(vocabulary.status(in: "Réseau segmenté") == nil)
        #expect(vocabulary.status(in: "Plain ASCII line") == nil)
        #expect(vocabulary.severity(in: "Pare-feu 🔴") != nil)
    }

    /// A mark of the site's own vocabulary need not be an emoji: `+++` is found in an ASCII line.
    @Test func aConfiguredMarkInASCIIIsFound() throws {
        var vocabulary = Vocabulary.builtIn
        try vocabulary.merge(["statuses": ["done": ["words": ["fait"], "emojis": ["+++"]]]])
        #expect(vocabulary.status(in: "Sauvegardes +++") == .done)
        #expect(Vocabulary.builtIn.status(in: "Sauvegardes +++") == nil)
    }
}
