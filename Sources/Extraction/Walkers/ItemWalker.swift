import Diagnostics
import Markdown

/// GAPs, tasks, checklist lines, recommendations and risks.
///
/// - Tables are read by what their columns mean: a column of single IDs makes each row a GAP (or a
///   risk), a status column makes rows tasks or checks, a severity column with finding-like titles
///   makes rows findings. Score tables are left to `ScoreWalker`.
/// - `- [x]`/`- [ ]` list items and `☐`/`☑` lines are checks.
/// - Under a priority heading (`Priorité 1 (Critique)`, `Priority 2`, `Priorité haute`), each
///   sub-heading, or else each top-level list item, is a recommendation with that severity.
/// - A list item or heading that starts with an ID (`- **GAP-12** : …`) defines that item.
/// Code blocks are never read. One ID defined several times in a report is one item.
struct ItemWalker {
    let context: ExtractionContext

    private struct Section {
        let level: Int
        let text: String
        let line: Int
        /// Severity that a heading announces for its content (`Backup & Data (P1)`).
        let severityHint: Severity?
        /// Set when the heading opens a priority list.
        let priority: Severity?
        let isPriority: Bool
        /// Set when the heading announces a list of findings or recommendations (`## Constats`).
        var listKind: Item.Kind? = nil
    }

    func walk(_ document: MarkdownDocument) -> WalkResult<[Item]> {
        var collector = ItemCollector(context: context)
        var sections: [Section] = []
        // Whether the current priority section has sub-headings (then lists below are details).
        var prioritySubheadingSeen = false
        // Items with IDs defined so far when the current section opened: once a section defines GAPs by
        // ID (a GAP table), its lists are commentary on them, not more findings.
        var identifiedAtSectionStart = 0

        func currentPriority() -> Section? { sections.last { $0.isPriority } }
        func currentListKind() -> Section? { sections.last { $0.listKind != nil } }
        func severityHint() -> Severity? { sections.last?.severityHint }

        func visit(_ blocks: [Block], depth: Int, inList: Bool) {
            for block in blocks {
                switch block {
                case .heading(let level, let content, let line):
                    let text = content.plainText
                    identifiedAtSectionStart = collector.identifiedCount
                    while let last = sections.last, last.level >= level { sections.removeLast() }
                    if let priority = currentPriority() {
                        // A sub-heading of a priority section is one recommendation.
                        prioritySubheadingSeen = true
                        if !definesID(text, line: line, collector: &collector) {
                            let title = TextNormalizer.cleanTitle(text)
                            if !title.isEmpty {
                                collector.add(Item(kind: .recommendation, id: nil, title: title, severity: priority.priority,
                                                   status: .open, line: line), explicitSeverity: false, explicitStatus: false)
                            }
                        }
                        sections.append(Section(level: level, text: text, line: line, severityHint: nil, priority: nil, isPriority: false))
                        continue
                    }
                    let isPriority = context.vocabulary.isPriorityHeading(text)
                    let priority = isPriority ? prioritySeverity(text) : nil
                    if isPriority { prioritySubheadingSeen = false }
                    _ = definesID(text, line: line, collector: &collector)
                    var section = Section(level: level, text: text, line: line, severityHint: headingSeverity(text),
                                          priority: priority, isPriority: isPriority && priority != nil)
                    if !section.isPriority, let kind = headingKind(text) { section.listKind = kind }
                    sections.append(section)
                case .paragraph(let inlines, let line):
                    for l in TextLines.of(inlines, startLine: line) { checkboxLine(l, collector: &collector) }
                case .blockQuote(let inner, _):
                    visit(inner, depth: depth + 1, inList: inList)
                case .list(let list):
                    // A list where some line starts with a checkbox glyph is a checklist: its ✔/✅/❌ lines count too.
                    let isGlyphChecklist = list.items.contains { checkbox(firstText($0).text, strict: true) != nil }
                    for item in list.items {
                        let title = firstText(item)
                        if let checked = item.task {
                            collector.add(Item(kind: .check, id: nil, title: TextNormalizer.cleanTitle(title.text), severity: nil,
                                               status: checked ? .done : .open, statusText: checked ? "[x]" : "[ ]", line: item.line),
                                          explicitSeverity: false, explicitStatus: true)
                        } else if definesID(title.text, line: item.line, collector: &collector) {
                            // defined by its leading ID
                        } else if let box = checkbox(title.text, strict: !isGlyphChecklist) {
                            collector.add(Item(kind: .check, id: nil, title: box.title, severity: nil, status: box.status,
                                               statusText: box.glyph, line: item.line), explicitSeverity: false, explicitStatus: true)
                        } else if !inList, let priority = currentPriority(), !prioritySubheadingSeen {
                            let cleaned = TextNormalizer.cleanTitle(title.text)
                            if !cleaned.isEmpty {
                                collector.add(Item(kind: .recommendation, id: nil, title: cleaned, severity: priority.priority,
                                                   status: .open, line: item.line), explicitSeverity: false, explicitStatus: false)
                            }
                        } else if !inList, currentPriority() == nil, let section = currentListKind(), let kind = section.listKind,
                                  sections.last?.level == section.level, collector.identifiedCount == identifiedAtSectionStart {
                            // "## Constats" / "## Recommandations": each top-level list item is one item.
                            let cleaned = TextNormalizer.cleanTitle(title.text)
                            if !cleaned.isEmpty {
                                let severity = context.vocabulary.severity(in: title.text)
                                let status = context.vocabulary.status(in: title.text)
                                collector.add(Item(kind: kind, id: nil, title: cleaned, severity: severity,
                                                   status: status ?? .open, line: item.line),
                                              explicitSeverity: severity != nil, explicitStatus: status != nil)
                            }
                        }
                        visit(item.blocks.filter { if case .paragraph = $0 { return false } else { return true } },
                              depth: depth + 1, inList: true)
                    }
                case .table(let table):
                    readTable(table, hint: severityHint(), collector: &collector)
                case .codeBlock, .htmlBlock, .thematicBreak:
                    continue
                }
            }
        }
        visit(document.blocks, depth: 0, inList: false)
        return WalkResult(collector.items, diagnostics: collector.diagnostics)
    }

    // MARK: Tables

    private func readTable(_ table: Table, hint: Severity?, collector: inout ItemCollector) {
        let reader = TableReader(table: table, context: context)
        let roles = reader.roles
        let idColumn = reader.idColumn
        let statusColumn = reader.firstColumn(.status)
        let severityColumn = reader.firstColumn(.severity)
        if idColumn == nil, roles.contains(where: { $0 == .score }) { return } // a score table
        var taken: Set<Int> = []
        for c in [idColumn, statusColumn, severityColumn] { if let c { taken.insert(c) } }
        guard let titleColumn = reader.titleColumn(excluding: taken) else { return }
        let titleHeader = reader.header(titleColumn)
        let announced = context.vocabulary.kind(forHeader: titleHeader)

        let kind: Item.Kind
        if idColumn != nil {
            kind = announced == .risk ? .risk : .gap
        } else if statusColumn != nil {
            kind = announced ?? .task
        } else if severityColumn != nil, let announced, announced == .gap || announced == .risk {
            kind = announced
        } else {
            return
        }
        if idColumn == nil, let statusColumn {
            // A status column that never states a known status is not tracking progress.
            let known = table.rows.contains { row in
                let s = context.vocabulary.status(in: reader.cell(row, statusColumn))
                return s != nil && s != .unknown
            }
            if !known { return }
        }

        for row in table.rows {
            var id: String?
            if let idColumn {
                id = reader.id(in: row, column: idColumn)
                if id == nil { continue } // "-" or several IDs: a summary row, not a definition
            }
            let title = TextNormalizer.cleanTitle(reader.cell(row, titleColumn))
            if title.isEmpty, id == nil { continue }
            var severity: Severity?
            var severityText: String?
            var explicitSeverity = false
            if let severityColumn {
                let text = reader.cell(row, severityColumn)
                if !text.isEmpty {
                    severityText = text
                    severity = context.vocabulary.severity(in: text)
                    explicitSeverity = severity != nil
                    if severity == nil { collector.unknownWord(text, what: "severity", line: row.line) }
                }
            }
            if severity == nil, kind == .gap || kind == .risk { severity = hint }
            var status: Status = (kind == .gap || kind == .risk) ? .open : .unknown
            var statusText: String?
            var explicitStatus = false
            if let statusColumn {
                let text = reader.cell(row, statusColumn)
                if !text.isEmpty {
                    statusText = text
                    if let s = context.vocabulary.status(in: text) {
                        status = s
                        explicitStatus = true
                    } else {
                        collector.unknownWord(text, what: "status", line: row.line)
                        status = .unknown
                        explicitStatus = true
                    }
                }
            }
            collector.add(Item(kind: kind, id: id, title: title.isEmpty ? (id ?? "") : title, severity: severity, status: status,
                               severityText: severityText, statusText: statusText, line: row.line),
                          explicitSeverity: explicitSeverity, explicitStatus: explicitStatus)
        }
    }

    // MARK: Lines and headings

    /// `- **GAP-12** : Pas de backup (P1)`, `### GAP-101 — Secrets en clair`: an item defined by its leading ID.
    private func definesID(_ text: String, line: Int, collector: inout ItemCollector) -> Bool {
        guard text.hasASCIIDigit, !context.ids.ids(in: String(text.prefix(60))).isEmpty else { return false }
        let cleaned = TextNormalizer.cleanTitle(text)
        guard let first = IDMatcher.tokens(in: String(cleaned.prefix(40))).first, cleaned.hasPrefix(first), context.ids.isID(first) else {
            return false
        }
        var rest = cleaned.dropFirst(first.count)
        rest = rest.drop { $0 == " " || $0 == ":" || $0 == "-" || $0 == "–" || $0 == "—" || $0 == "|" || $0 == "*" || $0 == "." }
        let title = TextNormalizer.cleanTitle(String(rest))
        guard !title.isEmpty else { return false }
        // "- GAP-107 : le scan tourne…" after a table that defines GAP-107 is a remark about it, not a definition.
        if collector.isDefined(first) { return true }
        let severity = context.vocabulary.severity(in: String(rest))
        let status = context.vocabulary.status(in: String(rest))
        collector.addWeak(Item(kind: .gap, id: first, title: title, severity: severity, status: status ?? .open, line: line))
        return true
    }

    private func checkboxLine(_ line: TextLine, collector: inout ItemCollector) {
        guard let box = checkbox(line.text, strict: true) else { return }
        collector.add(Item(kind: .check, id: nil, title: box.title, severity: nil, status: box.status, statusText: box.glyph,
                           line: line.line), explicitSeverity: false, explicitStatus: true)
    }

    /// `☐ Tester`, `☑ Fait`, `☒ …`: checkbox glyphs outside GFM task lists.
    /// - Parameter strict: only checkbox glyphs; otherwise check marks (✔ ✅ ❌) count too, for lines of a checklist.
    private func checkbox(_ text: String, strict: Bool) -> (title: String, status: Status, glyph: String)? {
        let trimmed = text.trimmingWhitespace()
        let boxes: [(String, Status)] = [("☐", .open), ("☑", .done), ("☒", .done), ("🗹", .done), ("□", .open)]
        let marks: [(String, Status)] = [("✔", .done), ("✓", .done), ("✅", .done), ("❌", .open), ("✗", .open), ("✘", .open)]
        for (glyph, status) in strict ? boxes : boxes + marks where trimmed.hasPrefix(glyph) {
            let title = TextNormalizer.cleanTitle(String(trimmed.dropFirst(glyph.count)))
            return title.isEmpty ? nil : (title, status, glyph)
        }
        return nil
    }

    private func firstText(_ item: ListItem) -> TextLine {
        for block in item.blocks {
            if case .paragraph(let inlines, let line) = block {
                return TextLines.of(inlines, startLine: line).first ?? TextLine(text: "", inlines: [], line: line)
            }
        }
        return TextLine(text: "", inlines: [], line: item.line)
    }

    // MARK: Severity from headings

    /// `## Constats`, `### Recommandations générales`, `## Findings`: headings that announce a list of
    /// findings or recommendations (the first word decides, so `Points forts` announces nothing).
    private func headingKind(_ text: String) -> Item.Kind? {
        // "Constat principal : Fragmentation…" states one finding; it does not announce a list.
        guard !text.contains(":") else { return nil }
        let cleaned = TextNormalizer.cleanTitle(text)
        guard TextNormalizer.key(cleaned).split(separator: " ").count <= 4 else { return nil }
        switch context.vocabulary.kind(atStartOf: cleaned) {
        case .gap: return .gap
        case .recommendation: return .recommendation
        default: return nil
        }
    }

    /// `Priorité 1 (Critique)` → critical: a priority number wins (P1 critical … P4 low), else the words.
    private func prioritySeverity(_ text: String) -> Severity? {
        let words = TextNormalizer.key(text).split(separator: " ")
        for (index, word) in words.enumerated() where word.hasPrefix("priorit") || word == "p" {
            if index + 1 < words.count, let n = Int(words[index + 1]), (0...4).contains(n) {
                return [.critical, .critical, .high, .medium, .low][n]
            }
        }
        for word in words where word.count == 2 && word.hasPrefix("p") {
            if let n = Int(word.dropFirst()), (0...4).contains(n) { return [.critical, .critical, .high, .medium, .low][n] }
        }
        return context.vocabulary.severityWord(in: text)
    }

    /// Severity a heading announces in parentheses or as a P-level (`Backup & Data (P1)`); ranges such
    /// as `(P1-P2)` announce none.
    private func headingSeverity(_ text: String) -> Severity? {
        var found: Set<Severity> = []
        var depth = 0
        var segment = ""
        for ch in text {
            if ch == "(" { depth += 1; segment = ""; continue }
            if ch == ")" {
                depth -= 1
                for word in TextNormalizer.key(segment).split(separator: " ") {
                    if let s = context.vocabulary.severityWord(in: String(word)) { found.insert(s) }
                }
                continue
            }
            if depth > 0 { segment.append(ch) }
        }
        return found.count == 1 ? found.first : nil
    }
}

/// Gathers items, merging one ID defined in several places into one item, and reports conflicts.
struct ItemCollector {
    let context: ExtractionContext
    private(set) var items: [Item] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var indexByID: [String: Int] = [:]
    private var explicitSeverityLine: [String: Int] = [:]
    private var explicitStatusLine: [String: Int] = [:]
    private var reportedWords: Set<String> = []

    /// How many distinct IDs have been defined so far.
    var identifiedCount: Int { indexByID.count }

    init(context: ExtractionContext) {
        self.context = context
    }

    /// IDs defined only by a list line or heading so far: a table row defining them later wins.
    private var weakIDs: Set<String> = []

    func isDefined(_ id: String) -> Bool { indexByID[id] != nil }

    /// A definition from prose (a list line or heading that starts with the ID): weaker than a table row.
    mutating func addWeak(_ item: Item) {
        guard let id = item.id, indexByID[id] == nil else { return }
        indexByID[id] = items.count
        items.append(item)
        weakIDs.insert(id)
    }

    mutating func add(_ item: Item, explicitSeverity: Bool, explicitStatus: Bool) {
        guard let id = item.id else {
            items.append(item)
            return
        }
        if weakIDs.contains(id), let index = indexByID[id] {
            // The table row becomes the definition; the prose line stays as another place.
            weakIDs.remove(id)
            var replacement = item
            replacement.otherLines = [items[index].line]
            if replacement.severity == nil { replacement.severity = items[index].severity }
            items[index] = replacement
            if explicitSeverity { explicitSeverityLine[id] = item.line }
            if explicitStatus { explicitStatusLine[id] = item.line }
            return
        }
        guard let index = indexByID[id] else {
            indexByID[id] = items.count
            items.append(item)
            if explicitSeverity { explicitSeverityLine[id] = item.line }
            if explicitStatus { explicitStatusLine[id] = item.line }
            return
        }
        var existing = items[index]
        existing.otherLines.append(item.line)
        if let severity = item.severity {
            if explicitSeverity, let firstLine = explicitSeverityLine[id], let old = existing.severity, old != severity {
                diagnostics.append(.warning(context.file, line: item.line, code: "gap.conflicting-severity",
                    "\(id) has two different severities in this audit: '\(existing.severityText ?? old.rawValue)' (line \(firstLine)) and '\(item.severityText ?? severity.rawValue)'; the first is kept"))
            } else if existing.severity == nil || (explicitSeverity && explicitSeverityLine[id] == nil) {
                existing.severity = severity
                existing.severityText = item.severityText
                if explicitSeverity { explicitSeverityLine[id] = item.line }
            }
        }
        if explicitStatus {
            if let firstLine = explicitStatusLine[id] {
                if existing.status != item.status {
                    diagnostics.append(.warning(context.file, line: item.line, code: "gap.conflicting-status",
                        "\(id) has two different statuses in this audit: '\(existing.statusText ?? existing.status.rawValue)' (line \(firstLine)) and '\(item.statusText ?? item.status.rawValue)'; the first is kept"))
                }
            } else {
                existing.status = item.status
                existing.statusText = item.statusText
                explicitStatusLine[id] = item.line
            }
        }
        if existing.title == id, item.title != id { existing.title = item.title }
        items[index] = existing
    }

    /// A short cell whose words are not in the vocabulary: quoted so the team can add it to `site.yaml`.
    mutating func unknownWord(_ text: String, what: String, line: Int) {
        let words = TextNormalizer.key(text).split(separator: " ")
        guard !words.isEmpty, words.count <= 4, !text.contains(where: \.isNumber) || words.count <= 2 else { return }
        let key = "\(what):\(line)"
        guard !reportedWords.contains(key) else { return }
        reportedWords.insert(key)
        diagnostics.append(.warning(context.file, line: line, code: "vocabulary.unknown-\(what)",
                                    "unknown \(what) '\(text)'; add it to the vocabulary in site.yaml to have it understood"))
    }
}
