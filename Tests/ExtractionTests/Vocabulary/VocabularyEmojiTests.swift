import Foundation
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
        // With or without the emoji variation selector.
        #expect(vocabulary.status(in: "Mise à jour ⚠️") == .partial)
        #expect(vocabulary.status(in: "Mise à jour ⚠") == .partial)
        #expect(vocabulary.status(in: "Réseau segmenté") == nil)
        #expect(vocabulary.status(in: "Plain ASCII line") == nil)
        #expect(vocabulary.severity(in: "Pare-feu 🔴") != nil)
    }

    /// The symbols found by their bytes alone have no decomposition and are in no other character's
    /// decomposition: no other text is canonically equivalent to one of them.
    @Test func plainSymbolsAreTheirOwnBytes() {
        for value in UInt32(0)...UInt32(0x3FFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping
            if Vocabulary.isPlainSymbol(scalar) {
                #expect(decomposed == String(scalar), "U+\(String(value, radix: 16)) decomposes")
            } else {
                #expect(!decomposed.unicodeScalars.contains(where: Vocabulary.isPlainSymbol), "U+\(String(value, radix: 16))")
            }
        }
        // The built-in badges are all such symbols: their lookups never need Foundation.
        let vocabulary = Vocabulary.builtIn
        #expect((vocabulary.statusEmojis.map(\.0) + vocabulary.severityEmojis.map(\.0)).allSatisfy { Vocabulary.isPlainSymbol($0.unicodeScalars.first!) })
    }

    /// A mark of the site's own vocabulary need not be an emoji: `+++` is found in an ASCII line.
    @Test func aConfiguredMarkInASCIIIsFound() throws {
        var vocabulary = Vocabulary.builtIn
        try vocabulary.merge(["statuses": ["done": ["words": ["fait"], "emojis": ["+++"]]]])
        #expect(vocabulary.status(in: "Sauvegardes +++") == .done)
        #expect(Vocabulary.builtIn.status(in: "Sauvegardes +++") == nil)
    }
}
