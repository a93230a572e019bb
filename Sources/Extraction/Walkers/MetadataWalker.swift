import Markdown

/// Title, date, author and verdict from the report body: labelled lines (`**Date:** 2024-01-15`,
/// `> Date : 2026-02-10`, `*Audit réalisé le 2024-12-28*`), two-column metadata tables, and the first H1.
///
/// Labelled values in the header (before the first `##`) win over those further down, so a
/// signature block or a "next audit" line at the end never overrides what the top says.
struct MetadataWalker {
    struct Metadata: Sendable, Equatable {
        var title: String?
        var date: AuditDate?
        var dateLine: Int?
        var author: String?
        var verdict: String?
    }

    let context: ExtractionContext

    func walk(_ document: MarkdownDocument) -> WalkResult<Metadata> {
        var metadata = Metadata()
        var inHeader = true
        var headerDate: (AuditDate, Int)?
        var bodyDate: (AuditDate, Int)?
        var looseHeaderDate: (AuditDate, Int)?
        var closingDate: (AuditDate, Int)?
        let dates = DateParser(vocabulary: context.vocabulary)

        func consider(_ line: TextLine) {
            // Every date has a four-digit year; lines without one can only name an author or verdict.
            let hasYear = line.text.hasFourDigitRun
            guard hasYear || (inHeader && line.text.utf8.contains(UInt8(ascii: ":"))) else { return }
            let labelled = TextLines.labelAndValue(line)
            if let (label, value) = labelled, let field = context.vocabulary.metadataField(forLabel: label) {
                switch field {
                case "date":
                    if hasYear, let date = dates.firstDate(in: value) {
                        if inHeader { if headerDate == nil { headerDate = (date, line.line) } }
                        else if bodyDate == nil { bodyDate = (date, line.line) }
                        return
                    }
                case "author":
                    if inHeader || metadata.author == nil, metadata.author == nil, !value.isEmpty { metadata.author = clean(value) }
                    return
                case "verdict":
                    if inHeader, metadata.verdict == nil, !value.isEmpty { metadata.verdict = clean(value) }
                    return
                default: break
                }
            }
            // "Audit réalisé le 2024-12-28", "Audit performed on March 3, 2025": label words then the date.
            if hasYear, let date = dates.firstDate(in: line.text) {
                let prefix = prefixBeforeDate(line.text)
                if let field = context.vocabulary.metadataField(forLabel: prefix), field == "date" {
                    if inHeader { if headerDate == nil { headerDate = (date, line.line) } }
                    else if bodyDate == nil { bodyDate = (date, line.line) }
                } else if inHeader, looseHeaderDate == nil, labelled == nil || prefix.count < 40 {
                    looseHeaderDate = (date, line.line)
                } else if closingDate == nil, endsWithDateLabel(prefix) {
                    // "Fait à Lyon, le 7 juillet 2025.": a letter-style closing line.
                    closingDate = (date, line.line)
                }
            }
        }

        func visit(_ blocks: [Block], depth: Int) {
            for block in blocks {
                switch block {
                case .heading(let level, let content, let line):
                    if level == 1, metadata.title == nil {
                        metadata.title = TextNormalizer.cleanTitle(content.plainText)
                    } else if level >= 2, depth == 0 {
                        inHeader = false
                    }
                    if level == 1 || inHeader {
                        // "# Audit du 10/03/2025" names its date in the title.
                        for l in TextLines.of(content, startLine: line) { consider(l) }
                    }
                case .paragraph(let inlines, let line):
                    for l in TextLines.of(inlines, startLine: line) { consider(l) }
                case .blockQuote(let inner, _):
                    visit(inner, depth: depth + 1)
                case .list(let list) where inHeader:
                    for item in list.items { visit(item.blocks, depth: depth + 1) }
                case .table(let table):
                    // | Date | 2025-03-10 | metadata tables (two columns, label then value)
                    let rows = [table.header] + table.rows
                    for row in rows where row.cells.count == 2 {
                        let text = row.cells[0].plainText + ": " + row.cells[1].plainText
                        consider(TextLine(text: text, inlines: [], line: row.line))
                    }
                case .thematicBreak:
                    break
                default:
                    break
                }
            }
        }
        visit(document.blocks, depth: 0)

        if let chosen = headerDate ?? bodyDate ?? looseHeaderDate ?? closingDate {
            metadata.date = chosen.0
            metadata.dateLine = chosen.1
        }
        return WalkResult(metadata)
    }

    private func prefixBeforeDate(_ text: String) -> String {
        guard let firstDigit = text.firstIndex(where: { $0.isNumber }) else { return text }
        var prefix = String(text[..<firstDigit])
        // "March 3, 2025": drop a trailing month name from the label part.
        let words = prefix.split(separator: " ")
        if let last = words.last, context.vocabulary.month(named: String(last)) != nil {
            prefix = words.dropLast().joined(separator: " ")
        }
        return prefix.trimmingCharacters(in: CharacterSet(charactersIn: " :*_-–—>|"))
    }

    private func endsWithDateLabel(_ prefix: String) -> Bool {
        let words = TextNormalizer.key(prefix).split(separator: " ")
        for length in 1...min(4, max(1, words.count)) where length <= words.count {
            if context.vocabulary.metadataField(forLabel: words.suffix(length).joined(separator: " ")) == "date" { return true }
        }
        return false
    }

    private func clean(_ value: String) -> String {
        value.trimmingCharacters(in: CharacterSet(charactersIn: " *_"))
    }
}

import Foundation
