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

    /// Words ruled out by their first byte and length are the words not found: every pair of a first
    /// letter and a length around the keys', keys that open alike, and long keys sharing the last bit.
    @Test func wordsRuledOutByFirstByteAndLengthAreTheOnesNotFound() {
        let long = String(repeating: "x", count: 70)
        var map = WordMap<Int>([("all", 1), ("an", 2), ("fixed", 3), (long, 4)])
        for first in ["a", "f", "x", "z", "0", "-"] {
            for length in 0..<75 {
                let word = length == 0 ? "" : first + String(repeating: "l", count: length - 1)
                let expected = ["all": 1, "an": 2, "fixed": 3, long: 4][word]
                #expect(map[word] == expected, "\(word)")
                #expect(map[Substring(word)] == expected, "\(word)")
            }
        }
        #expect(map[long] == 4)
        #expect(map[String(repeating: "x", count: 64)] == nil, "a long word of another length shares the bit, then is compared")
        // Beside keys outside ASCII, a word is still looked up among those.
        let mixed = WordMap<Int>([("all", 1), ("é", 5), ("éa", 6)])
        #expect(mixed["é"] == 5 && mixed["éa" as Substring] == 6 && mixed["al"] == nil && mixed["all"] == 1)
        // A key added later is found at once.
        map.update("zed", 6)
        #expect(map["zed"] == 6)
        #expect(map["zee"] == nil)
    }
}
