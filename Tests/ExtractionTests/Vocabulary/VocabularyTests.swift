import Testing
@testable import Extraction

/// A site's own words merged into the vocabulary.
@Suite struct VocabularyTests {
    /// An unknown key is an error that names it, and nothing of that dictionary is kept: a site
    /// configuration is applied whole or not at all.
    @Test func aMergeWithAnUnknownKeyChangesNothing() {
        var vocabulary = Vocabulary.builtIn
        let words: [String: Any] = ["statuses": ["done": ["livré pour de bon"]], "severities": ["extreme": ["apocalyptique"]]]
        #expect {
            try vocabulary.merge(words)
        } throws: { error in
            "\(error)" == "unknown vocabulary key 'severities.extreme'"
        }
        #expect(vocabulary.status(wholeText: "livré pour de bon") == nil)
        try? vocabulary.merge(["statuses": ["done": ["livré pour de bon"]]])
        #expect(vocabulary.status(wholeText: "livré pour de bon") == .done)
    }
}
