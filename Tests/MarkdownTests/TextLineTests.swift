import Testing
@testable import Markdown

/// Paragraphs and headings are cut into their source lines once, when the document is made.
@Suite struct TextLineTests {
    /// Collects what a walk hands its walkers.
    struct Collector: MarkdownWalker {
        var paragraphs: [Paragraph] = []
        var headings: [Heading] = []
        mutating func visitParagraph(_ paragraph: Paragraph, context: WalkContext) { paragraphs.append(paragraph) }
        mutating func visitHeading(_ heading: Heading, context: WalkContext) { headings.append(heading) }
    }

    static func walk(_ text: String) -> Collector {
        var collector = Collector()
        MarkdownParser.parse(text).walk(&collector)
        return collector
    }

    @Test func aParagraphIsCutAtItsBreaksWithItsLines() {
        let walked = Self.walk("Intro\n\n**Date:** 2024-01-15  \n**Auteur:** X\nwraps here and\ngoes on.\nNew one\n\n- item one\n  second line\n")
        let first = walked.paragraphs[1]
        #expect(first.line == 3)
        #expect(first.lines.map(\.text) == ["Date: 2024-01-15", "Auteur: X", "wraps here and", "goes on.", "New one"])
        #expect(first.lines.map(\.line) == [3, 4, 5, 6, 7])
        #expect(first.lines.map(\.continuesSentence) == [false, false, true, true, false],
                "after a hard break a line starts anew; after a soft one it goes on unless a sentence ended")
        #expect(first.lines.map(\.text) == TextLines.of(first.inlines, startLine: first.line).map(\.text))
        let item = walked.paragraphs[2]
        #expect(item.lines.map(\.text) == ["item one", "second line"])
        #expect(item.lines.map(\.line) == [9, 10])
    }

    /// A paragraph's text is its plain text, whether it has breaks or not.
    @Test func aParagraphsTextIsItsPlainText() {
        let walked = Self.walk("One *line* only.\n\nTwo\nlines  \nand a break.\n\n![](x.png)\n\n> quoted `code`\n")
        #expect(walked.paragraphs.count == 4)
        for paragraph in walked.paragraphs { #expect(paragraph.text == paragraph.inlines.plainText) }
        #expect(walked.paragraphs[0].text == "One line only.")
    }

    /// A list item's first line is its first paragraph's first line, cut once; an item without a
    /// paragraph (a code block, nothing) has an empty one at its own line.
    @Test func aListItemsFirstLineIsItsFirstParagraphsFirstLine() {
        let document = MarkdownParser.parse("- **GAP-1** : first\n  second\n- ```\n  code\n  ```\n\n1. [x] done *now*\n")
        let items = document.blocks.flatMap { block -> [ListItem] in
            if case .list(let list) = block { return list.items }
            return []
        }
        #expect(items.map(\.firstLine.text) == ["GAP-1 : first", "", "done now"])
        #expect(items.map(\.firstLine.line) == [1, 3, 7])
        #expect(items[2].task == true)
    }

    @Test func aHeadingsTextIsItsPlainTextAndItsLinesAreCut() {
        let walked = Self.walk("# 📊 Résumé *exécutif*\n\nSetext title\non two lines\n============\n\n##   \n")
        #expect(walked.headings.count == 3)
        for heading in walked.headings {
            #expect(heading.text == heading.content.plainText)
            #expect(heading.lines.map(\.text) == TextLines.of(heading.content, startLine: heading.line).map(\.text))
        }
        #expect(walked.headings[0].lines.map(\.text) == ["📊 Résumé exécutif"])
        #expect(walked.headings[1].lines.map(\.text) == ["Setext title", "on two lines"])
        #expect(walked.headings[1].lines.map(\.line) == [3, 4])
        #expect(walked.headings[2].text.isEmpty && walked.headings[2].lines.isEmpty)
    }

    @Test func aSentenceEndsWhereItsLastCharacterSaysSo() {
        for text in ["", "fin.", "vraiment?", "é.", "liste :", "suite;", "ok!", "no end", "Sécurité", "✅", "a\r\n", "x.\u{301}"] {
            let expected = text.last.map { ".!?:;".contains($0) } ?? true
            #expect(TextLines.endsSentence(text) == expected, "\(text.debugDescription)")
        }
        #expect(TextLines.endsSentence("τι\u{37E}"))
        #expect(!TextLines.endsSentence("\u{0600}."))
    }
}
