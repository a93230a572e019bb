import Testing
@testable import Extraction

/// Vocabulary words looked up by bytes find what `String` equality finds.
@Suite struct WordMapTests {
    @Test func asciiWordsAreFoundByTheirBytes() {
        var map = WordMap<Int>([("all", 1), ("fixed", 2), ("all", 3)])
        #expect(map["all"] == 1, "the first value given for a word is kept")
        #expect(map["fixed" as Substring] == 2)
        #expect(map["fix"] == nil)
        #expect(map["alla"] == nil)
        #expect(map[""] == nil)
        map.update("all", 4)
        map.update("new", 5)
        #expect(map["all"] == 4)
        #expect(map["new"] == 5)
        // A word cut from a longer key, as the rules look words up.
        let key = "all findings fixed"
        #expect(key.split(separator: " ").compactMap { map[$0] } == [4, 2])
    }

    @Test func manyWordsAreAllFound() {
        let words = (0..<2000).map { "w\($0)" }
        let map = WordMap(words.enumerated().map { ($1, $0) })
        for (index, word) in words.enumerated() { #expect(map[word] == index) }
        #expect(map["w2000"] == nil)
    }

    @Test func otherWordsAreComparedAsStrings() {
        // Hebrew points in either order are the same word (canonical equivalence).
        let map = WordMap([("\u{05E9}\u{05BC}\u{05C1}", 1), ("ต่ำ", 2)])
        #expect(map["\u{05E9}\u{05C1}\u{05BC}"] == 1)
        #expect(map["ต่ำ"] == 2)
        #expect(map["ต"] == nil)
        let set: WordSet = ["all", "tous"]
        #expect(set.contains("tous"))
        #expect(!set.contains("tout"))
    }
}
