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
        /// A date the header names as the report's own (`Report date`, `Rapport du`, `Final report issued`):
        /// it wins over the dates of the work (`Analyse réalisée le`, `Lab runs`) and of drafts.
        var reportDate: (AuditDate, Int)?
        func header(_ date: AuditDate, _ line: TextLine, label: String) {
            let key = TextNormalizer.key(label)
            if Self.draftWords.occurs(in: key) {
                if looseHeaderDate == nil { looseHeaderDate = (date, line.line) }
                return
            }
            if Self.namesTheReport(key) {
                if reportDate == nil { reportDate = (date, line.line) }
            } else if headerDate == nil {
                headerDate = (date, line.line)
            }
        }
        var bodyDate: (AuditDate, Int)?
        var looseHeaderDate: (AuditDate, Int)?
        var closingDate: (AuditDate, Int)?
        /// End of the period the audit ran (`Review dates: 2025-04-14 to 2025-04-25`).
        var periodDate: (AuditDate, Int)?
        /// Last row of a mission log (`| 21.03.2025 | Restitution |`).
        var logDate: (AuditDate, Int)?
        /// A summary sentence saying when the review ran (`reviewed … between January 6th and January 9th, 2025`).
        var summaryDate: (AuditDate, Int)?
        var h1Count = 0
        var coverTitle: String?
        /// A later H1 when the first was generic (`# Introduction`): the title only without a cover line.
        var laterH1: String?
        let dates = DateParser(vocabulary: context.vocabulary)

        /// The line before, for definition lists (`Publication date` / `:   11 June 2025`).
        var previousLine: TextLine?
        func consider(_ line: TextLine) {
            defer { previousLine = line }
            if line.text.hasPrefix(":"), let term = previousLine, !term.text.contains(":") {
                let value = line.text.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
                considerLine(TextLine(text: term.text + ": " + value, inlines: [], line: line.line))
                return
            }
            considerLine(line)
        }
        func considerLine(_ line: TextLine) {
            // Every date has a four-digit year; lines without one can only name an author or verdict.
            let hasYear = line.text.hasFourDigitRun
            guard hasYear || (inHeader && line.text.containsByte(UInt8(ascii: ":"))) else { return }
            let labelled = TextLines.labelAndValue(line)
            if let (label, value) = labelled, let field = context.vocabulary.metadataField(forLabel: label) {
                switch field {
                case "period":
                    if hasYear, periodDate == nil, let date = dates.lastDate(in: value) {
                        periodDate = (date, line.line)
                        return
                    }
                case "date":
                    // `Date : du 2 au 6 juin 2025`: a range names the day it ended.
                    if hasYear, let date = dates.rangeEnd(in: value) ?? dates.firstDate(in: value) {
                        if inHeader { header(date, line, label: label + " " + value) }
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
            } else if let (label, value) = labelled, hasYear, let date = dates.firstDate(in: value),
                      Self.namesADate(label) || value.components(separatedBy: " — ").contains(where: { endsWithDateLabel(prefixBeforeDate($0)) }) {
                // `Version: 1.0 — issued 7 February 2025`: the value names the report's date itself.
                if inHeader { header(date, line, label: label + " " + value) }
                else if bodyDate == nil { bodyDate = (date, line.line) }
                return
            }
            // "Audit réalisé le 2024-12-28", "Audit performed on March 3, 2025", "Rapport remis le 27 janvier 2025":
            // label words then the date.
            if hasYear, let date = dates.firstDate(in: line.text) {
                let prefix = prefixBeforeDate(line.text)
                if context.vocabulary.metadataField(forLabel: prefix) == "date"
                    || (endsWithDateLabel(prefix) && !TextNormalizer.key(prefix).hasSuffix(" le") && TextNormalizer.key(prefix) != "le")
                    || TextNormalizer.key(prefix).hasSuffix(" remis le") || TextNormalizer.key(prefix).hasSuffix(" etabli le") {
                    if inHeader { header(date, line, label: prefix) }
                    else if bodyDate == nil { bodyDate = (date, line.line) }
                } else if inHeader, looseHeaderDate == nil, labelled == nil || prefix.count < 40 {
                    looseHeaderDate = (date, line.line)
                } else if closingDate == nil, endsWithDateLabel(prefix) {
                    // "Fait à Lyon, le 7 juillet 2025.": a letter-style closing line.
                    closingDate = (date, line.line)
                } else if summaryDate == nil, Self.saysWhenReviewed(line.text), let end = dates.rangeEnd(in: line.text) ?? dates.firstDate(in: line.text) {
                    summaryDate = (end, line.line)
                }
            }
        }

        var visitor = BlockVisitor()
        visitor.onHeading = { heading, walk in
            let level = heading.level
            if level == 1 { h1Count += 1 }
            if level == 1, h1Count == 1, !Self.isGenericHeading(heading.text) {
                metadata.title = TextNormalizer.cleanTitle(heading.text)
            } else if level == 1, laterH1 == nil, metadata.title == nil, !Self.isGenericHeading(heading.text) {
                laterH1 = TextNormalizer.cleanTitle(heading.text)
            }
            if level >= 2 || h1Count > 1, walk.depth == 0 {
                inHeader = false
            }
            if level == 1 || inHeader {
                // "# Audit du 10/03/2025" names its date in the title.
                for l in heading.lines { consider(l) }
            }
        }
        visitor.onParagraph = { paragraph, walk in
            let inlines = paragraph.inlines
            // Lists count in the header only (a cover page's lines); further down they are content.
            guard walk.listDepth == 0 || inHeader else { return }
            // A cover page: `**Audit de la chaîne de publication**` as a bold line of its own.
            if coverTitle == nil, inlines.isStrong, Self.namesAnAudit(inlines.plainText) {
                coverTitle = TextNormalizer.cleanTitle(inlines.plainText)
            }
            for l in paragraph.lines { consider(l) }
            // A sentence wrapped over two lines (`…between January 6th and January 9th,` / `2025, by…`).
            if summaryDate == nil, inlines.contains(.softBreak) {
                let text = inlines.plainText
                if Self.saysWhenReviewed(text), text.hasFourDigitRun, let end = dates.rangeEnd(in: text) ?? dates.firstDate(in: text) {
                    summaryDate = (end, paragraph.line)
                }
            }
        }
        visitor.onTable = { table, walk in
            guard walk.listDepth == 0 || inHeader else { return }
            // A mission log: a first column of dates; its last row is when the audit ended.
            let logged = table.rows.compactMap { row in row.texts.first.flatMap { dates.firstDate(in: $0) }.map { ($0, row.line) } }
            if logged.count >= 3, logged.count * 3 >= table.rows.count * 2, logDate == nil, let last = logged.max(by: { $0.0 < $1.0 }) {
                logDate = last
                return
            }
            // | Date | 2025-03-10 | metadata tables (two columns, label then value)
            for row in [table.header] + table.rows where row.cells.count == 2 {
                consider(TextLine(text: row.texts[0] + ": " + row.texts[1], inlines: [], line: row.line))
            }
        }
        document.walk(&visitor)

        if metadata.title == nil { metadata.title = coverTitle ?? laterH1 }
        if let chosen = reportDate ?? headerDate ?? bodyDate ?? periodDate ?? logDate ?? looseHeaderDate ?? closingDate ?? summaryDate {
            metadata.date = chosen.0
            metadata.dateLine = chosen.1
        }
        return WalkResult(metadata)
    }

    /// `Document date`, `Date du document`, `Date of issue`: a label that names a date of the report
    /// (not `Next review date`, `Retest date`, `Target date`).
    static func namesADate(_ label: String) -> Bool {
        let key = TextNormalizer.key(label)
        guard key.split(separator: " ").contains(where: { $0 == "date" || $0 == "dated" }) else { return false }
        return !otherDateWords.occurs(in: key)
    }

    /// A label with one of these names a date that is not the report's.
    private static let otherDateWords: SubstringSet = [
        "next", "prochain", "prochaine", "retest", "target", "cible", "due", "echeance", "deadline", "start", "debut",
        "previous", "precedent", "precedente", "birth", "creation",
    ]

    /// `Draft`, `Version provisoire`: a date of a draft, not of the report.
    private static let draftWords: SubstringSet = ["draft", "brouillon", "projet de rapport", "provisoire", "preliminary", "preliminaire"]

    /// `Introduction`, `Sommaire`, `Table of Contents`: a first heading that is not the report's title.
    static func isGenericHeading(_ text: String) -> Bool {
        let key = TextNormalizer.key(TextNormalizer.cleanTitle(text))
        return ["introduction", "sommaire", "table of contents", "contents", "table des matieres", "summary", "resume",
                "executive summary", "resume executif", "synthese", "preambule", "avant propos", "foreword", "disclaimer",
                "avertissement", "glossaire", "glossary", "contexte", "context", "overview", "apercu", "toc"].contains(key)
    }

    /// A bold cover line that names the document (`**Audit de la chaîne de publication numérique**`).
    static func namesAnAudit(_ text: String) -> Bool {
        let words = TextNormalizer.key(text).split(separator: " ")
        guard words.count >= 2, words.count <= 16 else { return false }
        return words.contains { ["audit", "review", "revue", "rapport", "report", "assessment", "evaluation", "diagnostic",
                                 "analyse", "analysis", "pentest", "test", "controle"].contains($0) }
    }

    /// `The contracts were reviewed over 4 days, between January 6th and January 9th, 2025`.
    static func saysWhenReviewed(_ text: String) -> Bool {
        let key = TextNormalizer.key(text)
        return reviewWords.occurs(in: key)
    }

    private static let reviewWords: SubstringSet = [
        "reviewed", "audited", "assessed", "tested", "conducted", "performed", "realise", "realisee", "mene", "menee",
        "effectue", "effectuee", "review took place", "s'est deroule", "deroule",
    ]

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

    /// True when the text before a date ends with a date label (`… réalisé le`, `… issued`). A generic
    /// word alone (`report`, `date`) counts only as the whole text: `Chrome UX Report, 28-day window
    /// ending 1 June` does not date the report.
    private func endsWithDateLabel(_ prefix: String) -> Bool {
        let words = TextNormalizer.key(prefix).split(separator: " ")
        for length in 1...min(4, max(1, words.count)) where length <= words.count {
            let phrase = words.suffix(length).joined(separator: " ")
            if length == 1, length < words.count, ["report", "rapport", "date"].contains(phrase) { continue }
            if context.vocabulary.metadataField(forLabel: phrase) == "date" { return true }
        }
        return false
    }

    /// `Report date`, `Rapport du`, `Final report issued`, `Document date`, `Publication date`.
    static func namesTheReport(_ key: String) -> Bool {
        reportWords.occurs(in: key)
    }

    private static let reportWords: SubstringSet = [
        "report", "rapport", "document", "publication", "issued", "emis", "remis", "etabli", "revised", "revision",
        "updated", "mise a jour", "version",
    ]

    private func clean(_ value: String) -> String {
        value.trimmingCharacters(in: CharacterSet(charactersIn: " *_"))
    }
}

import Foundation
