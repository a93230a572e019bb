import Testing
@testable import Extraction

/// Phrases are found in keys at word boundaries, the leftmost first and the longest at one place;
/// ASCII keys (read on their bytes) and others (cut as characters) give the same answers.
@Suite struct PhraseMatcherTests {
    static func matcher() -> PhraseMatcher<Int> {
        var matcher = PhraseMatcher<Int>()
        for (phrase, value) in [("fait", 1), ("pas fait", 2), ("partially fixed", 3), ("fixed", 4), ("en cours", 5),
                                ("élevé", 6), ("κρίσιμο", 7), ("non corrigé", 8)] {
            matcher.add(phrase, value)
        }
        return matcher
    }

    @Test func theLeftmostAndLongestPhraseWins() {
        let matcher = Self.matcher()
        #expect(matcher.firstMatch(inKey: "pas fait")?.value == 2)
        #expect(matcher.firstMatch(inKey: "pas fait")?.phrase == "pas fait")
        #expect(matcher.firstMatch(inKey: "le correctif est fait")?.value == 1)
        #expect(matcher.firstMatch(inKey: "fixed then partially fixed")?.value == 4)
        #expect(matcher.firstMatch(inKey: "partially fixed")?.value == 3)
        #expect(matcher.firstMatch(inKey: "partially")?.value == nil)
        #expect(matcher.firstMatch(inKey: "unfixed prefixed fixedly") == nil, "words match whole")
        #expect(matcher.firstMatch(inKey: "") == nil)
        #expect(matcher.firstMatch(inKey: "travaux en") == nil, "a phrase cut by the end of the key")
        #expect(matcher.firstMatch(inKey: "travaux en  cours")?.value == 5, "spaces in a run are one cut")
    }

    @Test func aMatchAtTheStartStartsAtTheFirstWord() {
        let matcher = Self.matcher()
        #expect(matcher.matchAtStart(ofKey: "fixed in 2 3 1")?.value == 4)
        #expect(matcher.matchAtStart(ofKey: "no fix is fixed") == nil)
        #expect(matcher.matchAtStart(ofKey: " fixed")?.value == 4)
    }

    @Test func keysOutsideASCIIGiveTheSameAnswers() {
        let matcher = Self.matcher()
        #expect(matcher.firstMatch(inKey: TextNormalizer.key("Risque ÉLEVÉ"))?.value == 6)
        #expect(matcher.firstMatch(inKey: TextNormalizer.key("κίνδυνος κρίσιμο"))?.value == 7)
        #expect(matcher.firstMatch(inKey: "κίνδυνος pas fait")?.value == 2)
        #expect(matcher.matchAtStart(ofKey: "κίνδυνος fixed") == nil)
        #expect(matcher.firstMatch(inKey: TextNormalizer.key("Non corrigé"))?.phrase == "non corrige")
    }
}
