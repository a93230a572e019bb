import Markdown

/// Every place an ID of the configured pattern is written (prose, lists, tables, headings), with its
/// line, so GAP pages can link to the exact places that talk about a GAP. Code is not prose: skipped.
struct MentionWalker {
    let context: ExtractionContext
    /// IDs the report defines in other shapes (`SEC-12` in an ID column) are mentions too.
    let definedIDs: Set<String>

    func walk(_ document: MarkdownDocument) -> WalkResult<[Mention]> {
        var mentions: [Mention] = []
        var seen: Set<Mention> = []
        let onlyPattern = definedIDs.allSatisfy(context.ids.isID)

        func scan(_ text: String, line: Int) {
            let ids: [String]
            if onlyPattern {
                ids = context.ids.ids(in: text)
            } else {
                ids = IDMatcher.tokens(in: text).filter { context.ids.isID($0) || definedIDs.contains($0) }
            }
            for id in ids {
                let mention = Mention(id: id, line: line)
                if seen.insert(mention).inserted { mentions.append(mention) }
            }
        }

        func scanInlines(_ inlines: [Inline], line: Int) {
            for l in TextLines.of(inlines, startLine: line) { scan(l.text, line: l.line) }
        }

        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .heading(_, let content, let line): scanInlines(content, line: line)
                case .paragraph(let inlines, let line): scanInlines(inlines, line: line)
                case .blockQuote(let inner, _): visit(inner)
                case .list(let list): for item in list.items { visit(item.blocks) }
                case .table(let table):
                    for row in [table.header] + table.rows {
                        for cell in row.cells { scan(cell.plainText, line: row.line) }
                    }
                case .codeBlock, .htmlBlock, .thematicBreak: continue
                }
            }
        }
        visit(document.blocks)
        return WalkResult(mentions)
    }
}
