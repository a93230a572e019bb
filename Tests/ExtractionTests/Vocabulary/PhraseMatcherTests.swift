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

    /// Whatever the key, the matcher answers as cutting the key into words and comparing them would:
    /// the leftmost place where a phrase starts, the longest phrase there.
    @Test func answersAsCuttingTheKeyWouldAnswer() {
        let phrases = ["fait", "pas fait", "partially fixed", "fixed", "en cours", "élevé", "κρίσιμο", "non corrigé", "1 2",
                       "risque", "a b c"]
        var matcher = PhraseMatcher<Int>()
        for (value, phrase) in phrases.enumerated() { matcher.add(phrase, value) }
        func reference(_ key: String, onlyAtStart: Bool) -> Int? {
            let words = key.split(separator: " ", maxSplits: .max, omittingEmptySubsequences: true)
            for start in words.indices {
                if onlyAtStart, start > 0 { return nil }
                var best: (length: Int, value: Int)?
                for (value, phrase) in phrases.enumerated() {
                    let tokens = TextNormalizer.key(phrase).split(separator: " ")
                    guard tokens.count <= words.count - start, Array(words[start..<(start + tokens.count)]) == tokens else { continue }
                    if best.map({ tokens.count > $0.length }) ?? true { best = (tokens.count, value) }
                }
                if let best { return best.value }
            }
            return nil
        }
        let keys = ByteTextTests.samples.map(TextNormalizer.key) + [
            "risque eleve", "κινδυνος pas fait", "pas  fait", " fait", "fait ", "a b", "a b c d", "x a b c", "1 2 3", "non",
            "corrige non corrige", "κρισιμο", "pas fait\u{301}", "en\u{A0}cours", "ecole en cours",
        ]
        for key in keys {
            #expect(matcher.firstMatch(inKey: key)?.value == reference(key, onlyAtStart: false), "\(key.debugDescription)")
            #expect(matcher.matchAtStart(ofKey: key)?.value == reference(key, onlyAtStart: true), "\(key.debugDescription)")
        }
    }
}
