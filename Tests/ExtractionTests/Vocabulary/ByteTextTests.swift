import Foundation
import Testing
@testable import Extraction

/// The byte-level text functions the rules run on every line give what their character-level
/// definitions give, including on the texts where bytes and characters part ways.
@Suite struct ByteTextTests {
    /// Texts where a byte-level shortcut could go wrong: accents precomposed and combining, marks after
    /// a space (Thai, Devanagari), emoji sequences, `\r\n`, non-breaking spaces, outline numbers,
    /// badges and markup, the Greek question mark (canonically `;`).
    static let samples: [String] = [
        "", " ", "a", "Sécurité", "Se\u{301}curite\u{301}", "  **Rollback** plan  ", "🔍 1.2 **Rollback**", "2) Réseau –",
        "1. Introduction", "1.2.3 Titre", "3 - Suite", "...", "12", "Note: 13/20", "ต่ำ", "ความเสี่ยงต่ำ", "ज़िम्मेदार",
        "a\r\nb", "a \u{301}b", "👨‍👩‍👧 famille", "_italique_", "#tag", "Statut\u{00A0}: corrigé", "fin\u{202F}!", "τι\u{37E}",
        "Voir la note : *️⃣ Statut : corrigé", "l'équipe d'audit", "✅ Corrigé ✅", "\u{0600}.", "K\u{212A}", "x`y",
    ]

    @Test func wordsAreCutWhereTheStandardLibraryCutsThem() {
        for text in Self.samples {
            for separator: Character in [" ", "*", "-", ";", "\n", "`", "K", "ç"] {
                let expected = text.split(separator: separator, maxSplits: .max, omittingEmptySubsequences: true)
                #expect(text.split(separator: separator) == expected, "\(text.debugDescription) / \(separator.debugDescription)")
                #expect(text[...].split(separator: separator) == expected, "\(text.debugDescription) / \(separator.debugDescription)")
            }
            #expect(text.wordCount == text.split(separator: " ", maxSplits: .max, omittingEmptySubsequences: true).count, "\(text.debugDescription)")
        }
        // A Thai mark after a space is one character with it: no cut there.
        #expect(TextNormalizer.key("ต่ำ").split(separator: " ").count == 1)
    }

    /// A key is its text folded scalar by scalar, separators turned into single spaces, also where the
    /// key is longer than its text (a scalar that folds into more bytes than it had: the key is
    /// written again into a larger string).
    @Test func aKeyIsItsTextFoldedScalarByScalar() throws {
        func reference(_ text: String) -> String {
            var key = ""
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                guard let folded = TextNormalizer.fold(scalar) else {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, !key.isEmpty { key += " " }
                pendingSpace = false
                key += folded
            }
            return key
        }
        let longer = ["ﬃ", "ﬃﬃﬃ ﬃ", "Straße ﬁnale", String(repeating: "ﬃ", count: 40), "ΐ Ἀθῆναι", "Œuvre – ǅemal ĳssel"]
        for text in Self.samples + longer {
            #expect(TextNormalizer.key(text) == reference(text), "\(text.debugDescription)")
        }
        #expect(TextNormalizer.key("ﬃ") == "ffi")
        #expect(TextNormalizer.key(" **Sécurité** : ÉLEVÉE ") == "securite elevee")
        // Scalars whose key takes more bytes than they do, in texts longer than a small string.
        let growing = (0x80...0x2FFF).compactMap(Unicode.Scalar.init).filter { scalar in
            (TextNormalizer.fold(scalar)?.utf8.count ?? 0) > String(scalar).utf8.count
        }
        try #require(!growing.isEmpty, "some scalar folds into more bytes than it has")
        for scalar in growing.prefix(20) {
            let text = String(repeating: String(scalar), count: 20) + " fin"
            #expect(TextNormalizer.key(text).utf8.count > text.utf8.count - 4)
            #expect(TextNormalizer.key(text) == reference(text), "\(text.debugDescription)")
        }
    }

    /// A line is cut into `label: value` pieces where Foundation cuts it, also at the characters it
    /// takes for `·` and `;` (U+0387, U+037E), and left whole without asking it when no separator's
    /// byte is there.
    @Test func partsAreCutWhereFoundationCutsThem() {
        func reference(_ text: String) -> [String] {
            var pieces = [text]
            for separator in [" · ", " | ", "; ", " — ", " – "] { pieces = pieces.flatMap { $0.components(separatedBy: separator) } }
            return pieces
        }
        let lines = Self.samples + ["Risk: High · Resolution: Fixed", "Risk: High \u{0387} Status: Fixed", "Risk: High\u{037E} Status: Fixed",
                                    "a | b; c — d – e", "Statut : corrigé", "x\u{2014}y", "B-3 · Index manquant — ✅ Corrigé",
                                    // ASCII lines, cut on bytes: empty pieces, separators at the ends, one inside another.
                                    "a | | b", " | ", "; ", "a;; b", "x |  y", "|", "a ; b; c | d", "; a | ", "a |; b", "a | b;  | c",
                                    // Lead bytes of separators without the separators: left whole.
                                    "Risk: High ’ Status", "✅ Fixed; done", "→ next | step", "⚠️ Risque élevé",
                                    // Latin lines cut on bytes; lines with marks, modifiers or Greek punctuation by Foundation.
                                    "Sévérité : élevée · Statut : corrigé — vérifié", "É — è – à · ç | ù; û", "✅ Corrigé · 🔴 Élevé",
                                    "Re\u{301}solu · fait", "a ·\u{301} b", "👍🏽 ok · fine", "x — ⚠️ · y", "🇫🇷 · 🇬🇧", "a\r\n· b",
                                    "Niveau \u{0387} Statut", "note ; suite", "‼ — ‼\u{FE0F}"]
        for line in lines {
            #expect(FindingStatusRule.parts(line) == reference(line), "\(line.debugDescription)")
        }
        #expect(FindingStatusRule.parts("Risk: High \u{0387} Status: Fixed").count == 2)
    }

    /// Where an ID is looked for: the first 48 characters, cut on bytes where that gives the same
    /// text; and a text opening with a token as `hasPrefix` says.
    @Test func anIDIsLookedForWhereCharactersSayIt() {
        let long = String(repeating: "x", count: 47)
        let heads = Self.samples + [long + "ab", long + "a\u{301}b", long + "é", long + "\r\nb", String(repeating: "é", count: 30),
                                    "GAP-12 : " + long, long + "a", long + "ab" + long,
                                    // Latin text, typographic punctuation, and what must be cut by characters.
                                    "R-6 — Sauvegardes non testées, écarts relevés « à corriger » d’ici la fin du trimestre",
                                    String(repeating: "é", count: 47) + "e\u{301}", String(repeating: "à", count: 48) + "\u{301}x",
                                    String(repeating: "ü", count: 60), "GAP-3 ⚠️ " + long, long + "ab\u{200D}", long + "a\u{0600}b",
                                    String(repeating: "ẞ", count: 50), "’" + long + "—", String(repeating: "\u{2028}", count: 50)]
        for text in heads {
            #expect(FindingID.head(of: text) == String(text.prefix(48)), "\(text.debugDescription)")
        }
        for (text, prefix) in [("GAP-12 : x", "GAP-12"), ("GAP-1\u{301} x", "GAP-1"), ("GAP-1", "GAP-1"), ("[SEC-1] x", "[SEC-1"),
                               ("GAP-1é", "GAP-1"), ("GAP", "GAP-1"), ("\u{212A}EV-1", "KEV-1"), ("(B-3)", "(B-3")] {
            #expect(FindingID.opens(text, with: prefix) == text.hasPrefix(prefix), "\(text.debugDescription) \(prefix)")
        }
    }

    /// `textRange(of:from:)` finds what Foundation's `range(of:range:)` finds, from any start.
    @Test func aPieceIsFoundWhereFoundationFindsIt() {
        let needles = ["a", "b", "Rollback", "1.2", "curite", "e", "\n", "\r", " ", "Statut", "corrigé", "é", "ต่ำ", "x", "K", "famille"]
        for text in Self.samples + ["Rollback and Rollback", "HIGH – Heap overflow (parser) – HIGH", "ae\u{301} e"] {
            for needle in needles {
                var starts = Array(text.indices) + [text.endIndex]
                starts += [text.utf8.index(text.utf8.startIndex, offsetBy: min(1, text.utf8.count))]
                for start in starts where start.samePosition(in: text) != nil {
                    let expected = text.range(of: needle, range: start..<text.endIndex)
                    #expect(text.textRange(of: needle, from: start) == expected, "\(text.debugDescription) / \(needle.debugDescription)")
                }
            }
        }
    }

    /// Segments are cut as their scalar definition says and trimmed as characters say: pieces between
    /// `( ) [ ] | , ;` `·` `–` `—`, ` - ` and `: ` (not at the start), trimmed of whitespace, empty
    /// ones dropped.
    @Test func segmentsAreCutAndTrimmedAsDefined() {
        func reference(_ text: String) -> [String] {
            var pieces: [String] = []
            var current = String.UnicodeScalarView()
            var previous: Unicode.Scalar?
            let scalars = Array(text.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let cuts = "()[]|,;·–—".unicodeScalars.contains(scalar) || (scalar == "-" && next == " " && previous == " ")
                    || (scalar == ":" && next == " " && previous != nil)
                if cuts {
                    pieces.append(String(current))
                    current = String.UnicodeScalarView()
                    previous = "x"
                } else {
                    current.append(scalar)
                    previous = scalar
                }
            }
            pieces.append(String(current))
            return pieces.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        let lines = Self.samples + [
            "HIGH – Heap overflow (parser) – HIGH", " a , b ;c | d ", "\tRéseau\t— ✅ Corrigé", "Note : 13/20 (élevé)",
            "a - b-c - d", "(vide)", "x·y", "  ", "Titre \u{00A0}– suite", "R-6 — Sauvegardes non testées 🟠 Élevé",
        ]
        /// Words as `spaceSeparatedWords` counts them: runs of bytes between spaces and tabs that hold
        /// an ASCII letter or digit (each gives a word of the folded key at least).
        func words(_ text: String) -> Int {
            text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
                .filter { $0.contains { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) } }.count
        }
        for text in lines + [
            "The team shipped 22 changes, most of them in small steps, as planned.", "HIGH, low", "a, b, c", "  ,  , x",
            "\u{00A0}, High – Titre", "(\u{00A0}) Élevé – x", "Titre long de cinq mots — ✅ Corrigé — 🟠 Élevé", "x (a b c d e f) (g)",
        ] {
            let segments = reference(text)
            #expect(StatedLevel.segments(text) == segments, "\(text.debugDescription)")
            // The sketch never rules out what the segments could be: no fewer pieces, a first and a
            // shortest piece of no more words.
            let sketch = StatedLevel.sketch(text)
            #expect(sketch.count >= segments.count, "\(text.debugDescription)")
            if let first = segments.first {
                #expect(sketch.firstWords <= words(first), "\(text.debugDescription)")
                #expect(sketch.fewestWords <= segments.map(words).min()!, "\(text.debugDescription)")
            }
        }
        #expect(StatedLevel.sketch("Title: none") == .init(count: 2, firstWords: 1, fewestWords: 1), "`: ` after text cuts")
        #expect(StatedLevel.sketch(": starts with a colon").count == 1)
        #expect(StatedLevel.sketch("well-known re-check").count == 1)
        #expect(StatedLevel.sketch("We read 4 files, then replayed the scripts on a copy") == .init(count: 2, firstWords: 4, fewestWords: 4))
        #expect(StatedLevel.sketch("HIGH – Heap overflow (parser)") == .init(count: 3, firstWords: 1, fewestWords: 1))
    }

    /// A text ruled out as naming no priority has no word of its key that opens with `p`, and names no
    /// level on either scale.
    @Test func aTextRuledOutForPriorityHasNoKeyWordOpeningWithP() {
        let pieces = ["p", "P", "1", "0", " ", "-", "'", "?", "x", "riorit", "é", "ṕ", "Ｐ", ".", "(", "**"]
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        var texts = Self.samples + ["P1", "(P0)", "x-P2", "xP1", "'p1", "?p1", "Priorité 1", "1p", "ápice P3"]
        for length in 0...600 {
            var text = ""
            for _ in 0..<(length % 12) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            texts.append(text)
        }
        for text in texts where !PriorityScale.mayOpenAWordWithP(text) {
            #expect(!TextNormalizer.key(text).split(separator: " ").contains { $0.hasPrefix("p") }, "\(text.debugDescription)")
        }
        #expect(!PriorityScale.mayOpenAWordWithP("xP1 ?p1 'p1 1p"))
        #expect(PriorityScale.mayOpenAWordWithP("x-P2") && PriorityScale.mayOpenAWordWithP("(P0)") && PriorityScale.mayOpenAWordWithP("é"))
        #expect(PriorityScale.level(in: "(P0)", startsAtZero: true) == .critical)
    }

    /// A prefix of scalars cut on bytes is the one the scalar view gives, combining marks and emoji
    /// sequences cut where the scalars end.
    @Test func aPrefixOfScalarsIsCutWhereTheScalarViewCutsIt() {
        for text in Self.samples {
            for limit in 0...12 {
                #expect(text.prefix(scalars: limit) == String(text.unicodeScalars.prefix(limit)), "\(text.debugDescription) / \(limit)")
            }
        }
    }

    /// The cheap look at a line's opening rules out only lines no ID could open: wherever the first
    /// token of the line's head opens it (alone or after `[`/`(`), the look lets the line through.
    @Test func aLineRuledOutByItsOpeningHasNoLeadingToken() {
        let lines = Self.samples + [
            "GAP-12: Sauvegardes", "[H-01] Session fixation", "(SEC-3) Jetons", "The 2 servers", "2024: année", "v2 of the API",
            "B-3 · Index manquant", "-A1 bad", "_x9 y", "A1é A1", "é1 GAP-2", "[(GAP-1)]", "abc abc1", "x.y2 z", "R-6 — Sauvegardes",
            "Kelvin \u{212A}1 test", "\u{212A}1 opens", "SEC-12/13 both", "[", "(", "", "a", "9",
        ]
        for line in lines {
            let cleaned = TextNormalizer.cleanTitle(line)
            guard let first = IDMatcher.tokens(in: FindingID.head(of: cleaned)).first else { continue }
            let opens = FindingID.opens(cleaned, with: first) || FindingID.opens(cleaned, with: "[" + first) || FindingID.opens(cleaned, with: "(" + first)
            if opens { #expect(FindingID.mayOpenWithToken(cleaned), "\(line.debugDescription)") }
        }
        #expect(!FindingID.mayOpenWithToken("The 2 servers"))
        #expect(!FindingID.mayOpenWithToken("2024: année"))
        #expect(FindingID.mayOpenWithToken("GAP-12: x") && FindingID.mayOpenWithToken("[H-01] x") && FindingID.mayOpenWithToken("É1"))
    }

    /// Words read in place are the words `split` cuts, and the paragraph questions asked of them
    /// answer as when asked of the cut words.
    @Test func wordsReadInPlaceAreTheWordsSplitGives() {
        let keys = Self.samples.map(TextNormalizer.key) + [
            "all findings from the previous audit have been fixed", "l'ensemble des ecarts ont ete corriges",
            "  double  spaces  ", "we identified 7 gaps 2 high 3 medium and 2 low", "qu'aucun constat n'a ete leve",
            "tous les points d'audit sont clos", "", " ", "gaps",
        ]
        for key in keys {
            var words: [String] = []
            let read: Void? = ASCIIWords.forEach(in: key) { word in
                words.append(String(decoding: word, as: UTF8.self))
                return true
            }
            if read != nil {
                #expect(words == key.split(separator: " ").map(String.init), "\(key.debugDescription)")
            } else {
                #expect(key.utf8.contains { $0 >= 0x80 })
            }
            #expect(ClosureStatement.mayClose(key: key) == ClosureStatement.mayClose(words: key.split(separator: " ")), "\(key.debugDescription)")
            #expect(ProseCountRule.namesCountedThings(key: key) == key.split(separator: " ").contains { ProseCountRule.nouns.contains($0) })
        }
        #expect(ClosureStatement.mayClose(key: "l'ensemble des ecarts ont ete corriges"))
        #expect(ProseCountRule.namesCountedThings(key: "we identified 7 gaps"))
    }

    @Test func titlesAreCleanedAsTheScalarDefinitionSays() {
        for text in Self.samples {
            #expect(TextNormalizer.cleanTitle(text) == Self.referenceCleanTitle(text), "\(text.debugDescription)")
        }
    }

    @Test func allNumbersIsDecidedAsCharactersDecideIt() {
        for word in ["12", "1a", "", "½", "①②", "٣", "2é", "x"] as [Substring] {
            #expect(word.isAllNumbers == word.allSatisfy(\.isNumber), "\(word)")
        }
    }

    /// `cleanTitle` as it was written on scalars, kept as the definition the byte version must match.
    static func referenceCleanTitle(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        if scalars.contains("*") { scalars.removeAll { $0 == "*" } }
        var start = 0
        var end = scalars.count
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{00A0}" || s == "\t" || s == "\u{202F}" }
        while start < end, TextNormalizer.isEmojiLike(scalars[start]) || isSpace(scalars[start]) || scalars[start] == "_" || scalars[start] == "#" { start += 1 }
        var i = start
        while i < end, (scalars[i].value >= 0x30 && scalars[i].value <= 0x39) || scalars[i] == "." { i += 1 }
        if i > start, scalars[start..<i].contains(where: { $0 != "." }), i < end,
           isSpace(scalars[i]) || scalars[i] == ")" || scalars[i - 1] == "." {
            while i < end, isSpace(scalars[i]) || scalars[i] == ")" || scalars[i] == "-" || scalars[i] == "–" || scalars[i] == "—" { i += 1 }
            start = i
        }
        while end > start, TextNormalizer.isEmojiLike(scalars[end - 1]) || isSpace(scalars[end - 1]) || scalars[end - 1] == "_" { end -= 1 }
        while start < end, isSpace(scalars[start]) { start += 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }
}
