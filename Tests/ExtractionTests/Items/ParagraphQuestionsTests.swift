import Testing
@testable import Extraction

/// The one pass over a paragraph's words answers what the two readers answered apart.
@Suite struct ParagraphQuestionsTests {
    static let paragraphs = [
        "All findings from the March report have been remediated and verified.",
        "L'ensemble des constats de l'audit précédent a été corrigé.",
        "Tous les écarts sont corrigés, sauf B-4.",
        "We identified 7 gaps: 2 high, 3 medium and 2 low.",
        "12 vulnérabilités dont 2 critiques et 4 élevées.",
        "Each team owns its services.",
        "The issue was fixed last week.",
        "All of it, everything, every time.",
        "Nothing here.",
        "",
        "qu'ensemble d'ensemble l'all d'fixed",
        "l'",
        "qu'",
        "d'ecarts l'ecart",
        "Points forts : la documentation.",
        "Tout est clos — ✅ all closed",
        "chacun des points a été résolu",
    ]

    @Test func answersAsTheTwoReadersDo() {
        for text in Self.paragraphs {
            let key = TextNormalizer.key(text)
            for closure in [false, true] {
                for tally in [false, true] {
                    let answers = ParagraphQuestions.answer(key, closure: closure, tally: tally)
                    #expect(answers.mayClose == (closure && ClosureStatement.mayClose(key: key)), "\(text) closure \(closure) tally \(tally)")
                    #expect(answers.namesCountedThings == (tally && ProseCountRule.namesCountedThings(key: key)), "\(text) closure \(closure) tally \(tally)")
                }
            }
        }
    }

    @Test func aKeyOutsideASCIIIsAnsweredToo() {
        // Keys keep letters they cannot fold to ASCII: the answers come from the readers' own fallbacks.
        let key = "all ελληνικά findings fixed"
        let answers = ParagraphQuestions.answer(key, closure: true, tally: true)
        #expect(answers == .init(mayClose: ClosureStatement.mayClose(key: key), namesCountedThings: ProseCountRule.namesCountedThings(key: key)))
        #expect(answers.mayClose && answers.namesCountedThings)
    }

    @Test func theElidedArticleIsDroppedFromTheWordOnly() {
        for (word, expected) in [("l'ensemble", "ensemble"), ("d'audit", "audit"), ("qu'il", "il"), ("l'", ""), ("aujourd'hui", "aujourd'hui"), ("ll'x", "ll'x")] {
            var bytes = Array(word.utf8)
            let stripped = bytes.withUnsafeMutableBufferPointer { buffer in
                String(decoding: ClosureStatement.withoutArticle(UnsafeBufferPointer(buffer)[...]), as: UTF8.self)
            }
            #expect(stripped == expected)
            #expect(String(ClosureStatement.withoutArticle(Substring(word))) == expected)
        }
    }
}
