import Markdown
import Testing

/// The cmark-gfm wrapper: GFM extensions, lines, safe handling of raw HTML, hostile nesting.
@Suite struct MarkdownParserTests {
    @Test func tablesTaskListsAndLines() {
        let doc = MarkdownParser.parse("# Titre\n\n| A | B |\n|:--|--:|\n| **x** | 1 |\n\n- [x] fait\n- [ ] à faire\n- simple\n", lineOffset: 3)
        guard doc.blocks.count == 3, case .heading(1, _, let headingLine) = doc.blocks[0], case .table(let table) = doc.blocks[1],
              case .list(let list) = doc.blocks[2] else {
            Issue.record("unexpected blocks: \(doc.blocks)")
            return
        }
        #expect(headingLine == 4)
        #expect(table.alignments == [.left, .right])
        #expect(table.header.cells.map(\.plainText) == ["A", "B"])
        #expect(table.rows.first?.cells.first?.isStrong == true)
        #expect(table.rows.first?.line == 8)
        #expect(list.items.map(\.task) == [true, false, nil])
        #expect(list.items.map(\.line) == [10, 11, 12])
    }

    @Test func rawHTMLIsKeptAsTextNeverAsMarkup() {
        let doc = MarkdownParser.parse("<script>alert(1)</script>\n\nTexte <b>gras</b>\n")
        guard case .htmlBlock(let html, _) = doc.blocks.first, case .paragraph(let inlines, _) = doc.blocks.last else {
            Issue.record("unexpected blocks")
            return
        }
        #expect(html.contains("<script>"))
        #expect(inlines.contains(.html("<b>")))
    }

    @Test func strikethroughAndAutolinks() {
        let doc = MarkdownParser.parse("~~barré~~ https://example.org\n")
        guard case .paragraph(let inlines, _) = doc.blocks.first else { Issue.record("no paragraph"); return }
        #expect(inlines.contains { if case .strikethrough = $0 { return true } else { return false } })
        #expect(inlines.contains { if case .link(let url, _, _) = $0 { return url == "https://example.org" } else { return false } })
    }

    @Test func hostileNestingIsFlattenedNotACrash() {
        let deep = String(repeating: "> ", count: 5000) + "fond\n"
        let doc = MarkdownParser.parse(deep)
        var depth = 0
        var blocks = doc.blocks
        while case .blockQuote(let inner, _)? = blocks.first { depth += 1; blocks = inner }
        #expect(depth <= MarkdownParser.maximumDepth + 1)
        let emphasis = String(repeating: "*a ", count: 20000) + String(repeating: "a*", count: 20000)
        _ = MarkdownParser.parse(emphasis)
        let brackets = String(repeating: "[", count: 50000) + "x" + String(repeating: "](u)", count: 50000)
        _ = MarkdownParser.parse(brackets)
    }

    @Test func headingAnchorsFoldAccentsDropEmojisAndStayUnique() {
        var anchors = HeadingAnchors()
        #expect(anchors.anchor(for: "📊 RÉSUMÉ EXÉCUTIF") == "resume-executif")
        #expect(anchors.anchor(for: "Résumé exécutif") == "resume-executif-1")
        #expect(anchors.anchor(for: "🔐🔐") == "section")
        #expect(anchors.anchor(for: "L’équipe & la Qualité") == "lequipe-la-qualite")
        #expect(anchors.anchor(for: "L12") == "section-l12", "never collides with line anchors")
    }
}
