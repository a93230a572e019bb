import Testing
@testable import Extraction

/// One pass over a key answers what a search per needle answered.
@Suite struct SubstringSetTests {
    @Test func answersAsOneSearchPerNeedle() {
        let needles = ["legend", "legende", "methodolog", "niveaux de", "scale", "a", "ee", "é", "✅ ok", "", "lecture"]
        let set = SubstringSet(needles)
        let keys = ["", "legend", "legen", "la legende des niveaux", "methodologie", "niveaux", "niveaux de gravite",
                    "scal", "escale", "b", "eE", "fee", "cafe", "café", "statut ✅ ok", "statut ✅", "lecture", "lectur",
                    "xlecturex", "methodolo", "risk scale", "zzzzzz", "scalescale"]
        for key in keys {
            #expect(set.occurs(in: key) == needles.contains { !$0.isEmpty && key.contains($0) }, "\(key)")
        }
    }

    @Test func aNeedleAtTheVeryEndIsFoundAndOnePastItIsNot() {
        let set: SubstringSet = ["guide", "g"]
        #expect(set.occurs(in: "reading guide"))
        #expect(set.occurs(in: "gu"), "the one-byte needle")
        let longOnly: SubstringSet = ["guide"]
        #expect(!longOnly.occurs(in: "reading guid"))
        #expect(!longOnly.occurs(in: ""))
        #expect(!SubstringSet([]).occurs(in: "anything"))
        #expect(!SubstringSet([""]).occurs(in: "anything"), "an empty needle is found nowhere")
    }

    @Test func everyFirstByteIsTold() {
        // Needles starting with bytes of each quarter of the byte range (the mask's four words).
        let needles = ["\u{01}x", "Ax", "\u{7F}x", "éx", "✅x"]
        let set = SubstringSet(needles)
        for needle in needles {
            #expect(set.occurs(in: "--" + needle + "--"))
            #expect(!set.occurs(in: "--" + String(needle.unicodeScalars.first!) + "y--"))
        }
    }
}
