import Diagnostics
import Markdown

/// Global and per-domain scores.
///
/// Domain scores come from the first score table (a label column and a column headed `Score`,
/// `Note`, `Rating`…, whatever the words), or, when a report has no such table, from headings such as
/// `### 1. SÉCURITÉ (Score: 89%)`. The global score is the one labelled global/overall anywhere, else
/// the `GLOBAL`/`Total` row of the score table, else a plain `Score:` line in the report's header.
struct ScoreWalker {
    struct Scores: Sendable, Equatable {
        var global: Score?
        var domains: [DomainScore] = []
    }

    let context: ExtractionContext
    /// The report's tables, each read once for all the walkers that read tables.
    let tables: TableReaders

    func walk(_ document: MarkdownDocument) -> WalkResult<Scores> {
        var diagnostics: [Diagnostic] = []
        var labelledGlobal: Score?
        /// Every other labelled overall figure, to report a report that gives several.
        var otherGlobals: [Score] = []
        /// `Before: ~55%` / `After: ~90%` pairs: the current figure wins.
        var afterScore: Score?
        var listDomains: [DomainScore] = []
        var tableGlobal: Score?
        var headerScore: Score?
        var tableDomains: [DomainScore]?
        var headingDomains: [DomainScore] = []
        var inHeader = true

        func record(_ outcome: ScoreParser.Outcome?, line: Int) -> Score? {
            switch outcome {
            case .score(let score): return score
            case .outOfScale(let text):
                diagnostics.append(.warning(context.file, line: line, code: "score.out-of-scale",
                                            "score '\(text)' is outside its scale; it is ignored"))
                return nil
            case nil: return nil
            }
        }

        func considerLine(_ text: String, line: Int, isHeading: Bool, headingLevel: Int = 0) {
            // A score is written with `%` or a `/scale`: other lines cannot hold one (cheap byte test first).
            guard text.containsByte(where: { $0 == 0x25 || $0 == 0x2F }), text.hasASCIIDigit else { return }
            let key = TextNormalizer.key(text)
            let labelled = TextLines.labelAndValue(TextLine(text: text, inlines: [], line: line))
            if let phrase = context.vocabulary.globalScorePhrase(inKey: key) {
                // "Note globale : 13/20", "Overall: 74/100", "La note globale retenue est de 13/20";
                // a lone "total" or "global" counts only as the whole label or next to a score word.
                let scoreWord = key.contains("score") || key.contains("note") || key.contains("rating") || key.contains("grade")
                    || key.contains("conformi") || key.contains("compliance") || key.contains("taux")
                let wholeLabel = labelled.map { context.vocabulary.isGlobalScoreRowLabel($0.label) } ?? false
                if phrase.contains(" ") || scoreWord || wholeLabel {
                    // A target or a previous figure on the same kind of line is not this audit's score.
                    let avoided = context.vocabulary.columnPreference(forHeader: labelled?.label ?? text) < 0
                        || key.contains("target") || key.contains("objectif") || key.contains("cible")
                    if !avoided, let score = record(ScoreParser.firstScore(in: text, line: line), line: line) {
                        if labelledGlobal == nil {
                            labelledGlobal = score
                        } else if let kept = labelledGlobal,
                                  // `passe de 65 % à 69 %`: a line that also gives the kept figure tells its history.
                                  !ScoreParser.allScores(in: text).contains(where: { abs($0.value - kept.value) < 1 }) {
                            otherGlobals.append(score)
                        }
                    }
                    return
                }
            }
            // "Before remediation: ~55%" / "After remediation: ~90%": the figure after wins.
            if let (label, value) = labelled, key.wordCount <= 12,
               context.vocabulary.columnPreference(forHeader: label) > 0, afterScore == nil,
               case .score(let score)? = ScoreParser.firstScore(in: value, line: line) {
                afterScore = score
                return
            }
            if inHeader, headerScore == nil, let (label, value) = labelled,
               context.vocabulary.columnRole(forHeader: label) == .score {
                headerScore = record(ScoreParser.firstScore(in: value, line: line), line: line)
                return
            }
            // "### 1. SÉCURITÉ (Score: 89%)": a domain named by its heading.
            if isHeading, headingLevel >= 2, key.contains("score") || key.contains("note"),
               let open = text.firstIndex(where: { $0 == "(" || $0 == ":" || $0 == "—" || $0 == "–" }) {
                let label = String(text[..<open])
                if let score = record(ScoreParser.firstScore(in: String(text[open...]), line: line), line: line),
                   !label.trimmingWhitespace().isEmpty {
                    let (domain, _) = context.vocabulary.domainKey(forLabel: label)
                    if !headingDomains.contains(where: { $0.domain == domain }) {
                        headingDomains.append(DomainScore(domain: domain, label: TextNormalizer.cleanTitle(label), score: score))
                    }
                }
            }
        }

        /// `- **Govern:** 50%`, `- **Formulaires :** 75 % ⚠️`: a list of several `label: score` items names
        /// domains, known or not (`N/A` items are left out).
        func considerDomainList(_ list: MarkdownList) {
            var found: [DomainScore] = []
            for item in list.items {
                let line = item.firstLine
                guard let (label, value) = TextLines.labelAndValue(line), value.hasASCIIDigit, label.count <= 60,
                      !context.vocabulary.isGlobalScoreLabel(label),
                      case .score(let score)? = ScoreParser.firstScore(in: value, line: line.line) else { continue }
                let cleaned = TextNormalizer.cleanTitle(label)
                let (domain, _) = context.vocabulary.domainKey(forLabel: cleaned)
                if !found.contains(where: { $0.domain == domain }) { found.append(DomainScore(domain: domain, label: cleaned, score: score)) }
            }
            if found.count >= 2, listDomains.isEmpty { listDomains = found }
        }

        /// `- **Sécurité** : 16/20`: a known domain named on a line of its own, for reports without a score table.
        func considerDomainLine(_ text: String, line: Int) {
            guard text.containsByte(where: { $0 == 0x25 || $0 == 0x2F }), let (label, value) = TextLines.labelAndValue(TextLine(text: text, inlines: [], line: line)),
                  value.hasASCIIDigit else { return }
            let (domain, known) = context.vocabulary.domainKey(forLabel: label)
            // `Taux de conformité MASVS : 67 %` is the overall figure, not a "compliance" domain.
            guard known, !context.vocabulary.isGlobalScoreLabel(label), !headingDomains.contains(where: { $0.domain == domain }),
                  case .score(let score) = ScoreParser.firstScore(in: value, line: line) else { return }
            headingDomains.append(DomainScore(domain: domain, label: TextNormalizer.cleanTitle(label), score: score))
        }

        var visitor = BlockVisitor()
        visitor.onHeading = { heading, walk in
            if heading.level >= 2, walk.depth == 0 { inHeader = false }
            considerLine(heading.text, line: heading.line, isHeading: true, headingLevel: heading.level)
        }
        visitor.onParagraph = { paragraph, _ in
            for l in paragraph.lines {
                considerLine(l.text, line: l.line, isHeading: false)
                considerDomainLine(l.text, line: l.line)
            }
        }
        visitor.onList = { list, _ in considerDomainList(list) }
        visitor.onTable = { table, _ in
            guard tableDomains == nil || tableGlobal == nil else { return }
            if let (domains, global, after) = readScoreTable(table, diagnostics: &diagnostics) {
                if tableDomains == nil, !domains.isEmpty { tableDomains = domains }
                if tableGlobal == nil { tableGlobal = global }
                if afterScore == nil { afterScore = after }
            }
        }
        document.walk(&visitor)

        var scores = Scores()
        scores.global = labelledGlobal ?? afterScore ?? tableGlobal ?? headerScore
        scores.domains = tableDomains ?? (headingDomains.count >= listDomains.count ? headingDomains : listDomains)
        if let global = scores.global, let other = otherGlobals.first(where: { abs($0.value - global.value) >= 1 }) {
            diagnostics.append(.warning(context.file, line: other.line, code: "score.disagreement",
                                        "the report gives another overall figure, \(other.text), than \(global.text) (line \(global.line)); \(global.text) is kept"))
        }
        return WalkResult(scores, diagnostics: diagnostics)
    }

    /// A table is a score table when one column is headed like a score and a label column names the domains.
    func readScoreTable(_ table: Table, diagnostics: inout [Diagnostic]) -> ([DomainScore], Score?, Score?)? {
        let reader = tables.reader(for: table)
        if reader.idColumn != nil { return nil }
        let roles = reader.roles
        var scoreColumn = reader.firstColumn(.score)
        if scoreColumn == nil {
            // No score header: a column whose every value is a score with an explicit scale.
            // With several (`Before | After`), the current one.
            let candidates = (0..<reader.columnCount).filter { column in
                let values = table.rows.map { reader.cell($0, column) }.filter { !$0.isEmpty }
                return values.count >= 2 && values.allSatisfy {
                    if case .score = ScoreParser.firstScore(in: $0, line: 0) { return $0.count <= 12 } else { return false }
                }
            }
            scoreColumn = candidates.max { a, b in
                let pa = context.vocabulary.columnPreference(forHeader: reader.header(a))
                let pb = context.vocabulary.columnPreference(forHeader: reader.header(b))
                return pa != pb ? pa < pb : a > b
            }
        }
        guard let scoreColumn else { return nil }
        let headerScale = ScoreParser.headerScale(reader.header(scoreColumn))
        // `| Niveau | Intitulé |` with 1…5: the levels of a scale being defined, not percentages.
        if headerScale == nil, table.rows.allSatisfy({ row in
            let value = reader.cell(row, scoreColumn).trimmingWhitespace()
            return value.isEmpty || (Int(value).map { $0 <= 10 } ?? false)
        }) { return nil }
        let labelColumn = roles.firstIndex { $0 == .label }
            ?? (0..<reader.columnCount).first { $0 != scoreColumn && roles[$0] != .status && roles[$0] != .severity && !reader.isNumberColumn($0) }
        guard let labelColumn else { return nil }

        // Domains are named, not counted: `| 50 | 0,4 s | 0 % |` (a load test) is measurements.
        let labels = table.rows.map { reader.cell($0, labelColumn) }.filter { !$0.isEmpty }
        guard labels.filter({ $0.filter(\.isLetter).count >= 3 }).count * 2 > labels.count else { return nil }
        // `| Score | Rating |` with `Low`, `High`: a table of bands (CVSS, a rating scale), not domains.
        if labels.filter({ context.vocabulary.severity(wholeText: $0) != nil || TextNormalizer.key($0) == "none" }).count * 2 >= labels.count {
            return nil
        }
        var domains: [DomainScore] = []
        var global: Score?
        var after: Score?
        var scored = 0
        for row in table.rows {
            let label = reader.cell(row, labelColumn)
            let text = reader.cell(row, scoreColumn)
            guard !label.isEmpty, !text.isEmpty else { continue }
            // `Niveau 3/5`: a maturity level, kept as a rating (RatingWalker), not a percentage.
            if Vocabulary.level(text) != nil { continue }
            let outcome = ScoreParser.firstScore(in: text, line: row.line, defaultScale: headerScale ?? 100)
            let score: Score
            switch outcome {
            case .score(let s): score = s
            case .outOfScale(let original):
                diagnostics.append(.warning(context.file, line: row.line, code: "score.out-of-scale",
                                            "score '\(original)' for '\(label)' is outside its scale; it is ignored"))
                continue
            case nil: continue
            }
            scored += 1
            // `| Avant corrections | 48 % |` / `| Après corrections | 64 % |`: moments, not domains.
            let preference = context.vocabulary.columnPreference(forHeader: label)
            if preference != 0, TextNormalizer.key(label).wordCount <= 6 {
                if preference > 0 { after = score }
                continue
            }
            if context.vocabulary.isGlobalScoreRowLabel(label) || context.vocabulary.isGlobalScoreLabel(label) && domains.isEmpty == false && TextNormalizer.key(label).wordCount <= 3 {
                if global == nil { global = score }
                continue
            }
            let cleaned = TextNormalizer.cleanTitle(label)
            let (domain, _) = context.vocabulary.domainKey(forLabel: cleaned)
            if domains.contains(where: { $0.domain == domain }) {
                diagnostics.append(.warning(context.file, line: row.line, code: "score.duplicate-domain",
                                            "domain '\(cleaned)' has a second score in the same table; the first is kept"))
                continue
            }
            domains.append(DomainScore(domain: domain, label: cleaned, score: score))
        }
        guard scored > 0 else { return nil }
        return (domains, global, after)
    }
}
