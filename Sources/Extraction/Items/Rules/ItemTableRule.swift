import Markdown

/// Tables of items, read by what their columns mean: a column of single IDs makes each row a GAP or
/// finding (or a risk, in a risk register) — `| ID | Constat | Sévérité | Statut |`, `| Ref | Finding |
/// Risk | Resolution |`, `| Réf. | Traité ? | Commentaire |`; a status column makes rows tasks or
/// checks; a severity column with finding-like titles makes rows findings. Score tables are left to
/// the `ScoreWalker`. A column whose values are levels holds the severity whatever its header says.
struct ItemTableRule: ItemRule {
    func table(_ reader: TableReader, _ state: inout ItemWalkState) -> Bool {
        let table = reader.table
        let roles = reader.roles
        let idColumn = reader.idColumn
        let statusColumn = reader.firstColumn(.status) ?? Self.statusColumn(reader, excluding: [idColumn])
        let severityColumn = reader.firstColumn(.severity) ?? Self.levelColumn(reader, excluding: [idColumn, statusColumn], state: state)
        // A score table (a column headed like a score that holds scores) is the ScoreWalker's; a `Level`
        // column of `A`/`AA` (WCAG) is not a score.
        if idColumn == nil, roles.indices.contains(where: { column in
            roles[column] == .score && table.rows.contains { ScoreParser.isScore(reader.cell($0, column)) || Double(reader.cell($0, column).replacingOccurrences(of: ",", with: ".")) != nil }
        }) { return false }
        // `| ID | … |` whose every ID cell is `-`: the report says these rows are no GAPs.
        if idColumn == nil, let headed = roles.firstIndex(of: .id), !table.rows.isEmpty,
           table.rows.allSatisfy({ ["", "-", "—", "–", "n/a", "na"].contains(reader.cell($0, headed).trimmingWhitespace().lowercased()) }) {
            return true
        }
        var taken: Set<Int> = []
        for c in [idColumn, statusColumn, severityColumn] { if let c { taken.insert(c) } }
        guard let titleColumn = reader.titleColumn(excluding: taken) else { return false }
        // The title column's header names the kind (`Constat`, `Risque`), else the section's heading does.
        let headerKind = state.vocabulary.kind(forHeader: reader.header(titleColumn))
        let announced = headerKind ?? state.currentListKind?.listKind

        let kind: Item.Kind
        if idColumn != nil {
            // (`| P1 | Préconisation |`: numbered recommendations are not findings.)
            kind = announced == .risk ? .risk : headerKind == .recommendation ? .recommendation : .gap
        } else if statusColumn != nil {
            // A level and a status on each row: findings being followed (`| # | Point | Priorité | Statut |`).
            kind = announced ?? (severityColumn != nil ? .gap : .task)
        } else if severityColumn != nil, let announced, announced == .gap || announced == .risk {
            kind = announced
        } else {
            return false
        }
        if idColumn == nil, let statusColumn {
            // A status column that never states a known status is not tracking progress.
            let known = table.rows.contains { row in
                let s = state.vocabulary.status(in: reader.cell(row, statusColumn))
                return s != nil && s != .unknown
            }
            if !known { return false }
        }
        let hint = state.section?.severityHint ?? state.severitySection?.findingSeverity
        // `| N° | Constat | … |`, `| Critère | … |` with `1.1`: numbers the report gives its items.
        let numberColumn = idColumn == nil ? (0..<reader.columnCount).first { column in
            !taken.contains(column) && (reader.roles[column] == .id || reader.header(column).trimmingWhitespace().isEmpty
                || TextNormalizer.key(reader.header(column)) == "critere") && reader.isNumberColumn(column)
        } : nil

        // `| Réf. | Traité ? | Commentaire |`: a re-check's remark is not the finding's title.
        let titleIsRemark = idColumn != nil && Self.remarkHeaders.contains(TextNormalizer.key(reader.header(titleColumn)))
        for row in table.rows {
            var id: String?
            if let idColumn {
                id = reader.id(in: row, column: idColumn)
                if id == nil { continue } // "-" or several IDs: a summary row, not a definition
            }
            let title = titleIsRemark ? "" : TextNormalizer.cleanTitle(reader.cell(row, titleColumn))
            if title.isEmpty, id == nil { continue }
            var severity: Severity?
            var severityText: String?
            var explicitSeverity = false
            if let severityColumn {
                let text = reader.cell(row, severityColumn)
                if !text.isEmpty {
                    severityText = text
                    severity = state.severity(in: text) ?? StatedLevel.cvss(in: "CVSS " + text)
                    explicitSeverity = severity != nil
                    if severity == nil { state.collector.unknownWord(text, what: "severity", line: row.line) }
                }
            }
            if severity == nil, kind == .gap || kind == .risk { severity = hint }
            var status: Status = (kind == .gap || kind == .risk) ? .open : .unknown
            var statusText: String?
            var explicitStatus = false
            if let statusColumn {
                let text = reader.cell(row, statusColumn)
                // `—`: nothing stated.
                if !text.isEmpty, text.contains(where: { $0.isLetter || $0.isNumber || TextNormalizer.isEmojiLike($0.unicodeScalars.first!) }) {
                    statusText = text
                    explicitStatus = true
                    if let s = state.vocabulary.status(in: text) ?? Self.progress(text) {
                        status = s
                    } else {
                        state.collector.unknownWord(text, what: "status", line: row.line)
                        status = .unknown
                    }
                    // `Sans objet` beside `Aucune action : risque accepté…`: nothing to follow, because
                    // the risk is accepted. The row says why; without such a cell it keeps its meaning.
                    if Self.notApplicable.contains(TextNormalizer.key(text)), (0..<reader.columnCount).contains(where: { column in
                        column != statusColumn && column != idColumn && column != severityColumn && (column != titleColumn || titleIsRemark)
                            && state.vocabulary.status(atStartOf: reader.cell(row, column)) == .accepted
                    }) {
                        status = .accepted
                    }
                }
            }
            let ref = numberColumn.map { reader.cell(row, $0).trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            state.collector.add(Item(kind: kind, id: id, title: title.isEmpty ? (id ?? "") : title, severity: severity, status: status,
                                     severityText: severityText, statusText: statusText, line: row.line, ref: ref),
                                explicitSeverity: explicitSeverity, explicitStatus: explicitStatus)
        }
        return true
    }

    /// `40 %` in an `Avancement` / `Progress` column: 0 % is open, 100 % done, anything between partial.
    static func progress(_ text: String) -> Status? {
        guard case .score(let score)? = ScoreParser.firstScore(in: text, line: 0), score.scale == 100,
              TextNormalizer.key(text).wordCount <= 2 else { return nil }
        return score.value <= 0 ? .open : score.value >= 100 ? .done : .partial
    }

    /// A column whose header says something else (`Résultat du contre-audit`) but whose values are
    /// statuses (`Conforme`, `Non conforme`, `Dérogation acceptée`): most filled cells are one status phrase.
    static func statusColumn(_ reader: TableReader, excluding: [Int?]) -> Int? {
        let rows = reader.table.rows
        guard rows.count >= 2 else { return nil }
        for column in 0..<reader.columnCount where !excluding.contains(column) && reader.roles[column] != .id {
            let values = rows.map { reader.cell($0, column) }.filter { !$0.isEmpty }
            guard values.count >= 2 else { continue }
            let statuses = values.filter { reader.context.vocabulary.status(wholeText: TextNormalizer.cleanTitle($0)) != nil }
            if statuses.count * 3 >= values.count * 2 { return column }
        }
        return nil
    }

    /// Status cells that say there is nothing to follow, not why (`Sans objet`, `N/A`).
    static let notApplicable: Set<String> = ["sans objet", "n a", "na", "not applicable", "non applicable", "without object"]

    /// Headers of a re-check's remarks (`Commentaire`, `Preuve`): never a finding's title.
    static let remarkHeaders: Set<String> = ["commentaire", "commentaires", "comment", "comments", "remarque", "remarques", "notes", "note",
                                             "evidence", "preuve", "preuves", "justification", "observation du contre audit", "details"]

    /// Header keys that order the candidate level columns (see `levelColumn`).
    static let neverLevelHeaders: Set<String> = ["probabilite", "probability", "likelihood", "vraisemblance", "difficulty", "difficulte",
                                                  "effort", "exploitability", "exploitabilite", "complexity", "complexite"]
    static let inputHeaders: Set<String> = ["impact", "gravite potentielle"]
    static let resultHeaders: Set<String> = ["niveau", "level", "risk", "risque", "rating", "niveau de risque", "overall", "resultat", "cotation"]

    /// A column whose headers say nothing but whose values are levels (`Risk` holding `High`,
    /// `Medium`): most filled cells are one severity word or badge.
    static func levelColumn(_ reader: TableReader, excluding: [Int?], state: ItemWalkState) -> Int? {
        let rows = reader.table.rows
        guard !rows.isEmpty else { return nil }
        // A risk matrix has likelihood and impact columns of level words too: the level column is the
        // one headed as the result (`Niveau`, `Risk`, `Rating`), then any other, the likelihood last.
        // (Likelihood, difficulty and effort are never the level; impact only when nothing else is.)
        let keys = (0..<reader.columnCount).map { TextNormalizer.key(reader.header($0)) }
        let ranks = keys.map { Self.resultHeaders.contains($0) ? 0 : Self.inputHeaders.contains($0) ? 2 : 1 }
        let order = (0..<reader.columnCount).sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
        for column in order where !excluding.contains(column) && reader.roles[column] != .id && !Self.neverLevelHeaders.contains(keys[column]) {
            let values = rows.map { reader.cell($0, column) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { continue }
            // Two values in three must be levels: the column is given up as soon as that is out of reach.
            var misses = 0
            for value in values {
                let isLevel = TextNormalizer.key(value).wordCount <= 3
                    && (state.vocabulary.severity(wholeText: TextNormalizer.cleanTitle(value)) != nil
                        || SectionMeaning.severitySection(value, vocabulary: state.vocabulary) != nil
                        || PriorityScale.level(in: value, startsAtZero: state.priorityScaleStartsAtZero) != nil
                        || StatedLevel.severity(in: value, state: state) != nil)
                if !isLevel { misses += 1 }
                if misses * 3 > values.count { break }
            }
            if misses * 3 <= values.count { return column }
        }
        return nil
    }
}
