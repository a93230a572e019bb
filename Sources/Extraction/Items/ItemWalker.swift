import Diagnostics
import Markdown

/// GAPs and findings, tasks, checklist lines, recommendations and risks, in every shape the rules
/// know (see `Rules/`). The walker decides what each heading means for the blocks below it
/// (`SectionMeaning`), offers every heading, line and table to the rules in order, and finishes with
/// what only the whole report can tell (ID prefixes that name levels, sub-cases, stated counts).
/// Code blocks are never read. One ID defined several times in a report is one item.
struct ItemWalker: MarkdownWalker {
    let context: ExtractionContext
    private(set) var state: ItemWalkState
    /// The report's tables, each read once for all the walkers that read tables.
    let tables: TableReaders

    /// In the order they are asked: the first rule that claims a block decides what it is.
    static let headingRules: [any ItemRule] = [
        PriorityRule(), FindingStatusRule(), LeadingIDRule(), FindingLabelRule(), SeveritySectionRule(), SeverityLineRule(),
        FindingSectionRule(),
    ]
    static let lineRules: [any ItemRule] = [
        ChecklistRule(), FindingStatusRule(), LeadingIDRule(), FindingLabelRule(), SeverityLineRule(), PriorityRule(), SeveritySectionRule(),
        FindingListRule(), ProseCountRule(),
    ]
    static let tableRules: [any ItemRule] = [FindingStatusRule(), LegendTableRule(), ItemTableRule()]

    init(context: ExtractionContext, tables: TableReaders) {
        self.context = context
        self.tables = tables
        state = ItemWalkState(context: context)
    }

    /// Walks a report and returns its items, with what the report says about itself.
    static func items(in document: MarkdownDocument, context: ExtractionContext, tables: TableReaders) -> WalkResult<ItemFindings> {
        var walker = ItemWalker(context: context, tables: tables)
        walker.state.priorityScaleStartsAtZero = PriorityScale.startsAtZero(document)
        document.walk(&walker)
        return walker.finish()
    }

    // MARK: MarkdownWalker

    mutating func visitHeading(_ heading: Heading, context walk: WalkContext) {
        let title = TitleText(heading.text)
        state.identifiedAtSectionStart = state.collector.identifiedCount
        // A tentative finding heading with a sub-heading below it and no detail yet groups findings.
        if let open = state.openFinding, open.tentative, !open.confirmed, let level = open.headingLevel, heading.level > level,
           !FindingParts.isPart(title), open.index == state.collector.items.count - 1 {
            state.collector.removeLast()
            state.openFinding = nil
            if let index = state.sections.lastIndex(where: { $0.level == level && $0.definesFinding }) { state.sections[index].definesFinding = false }
        }
        while let last = state.sections.last, last.level >= heading.level { state.sections.removeLast() }
        if let open = state.openFinding, open.headingLevel.map({ heading.level <= $0 }) ?? true { state.openFinding = nil }
        var meaning = SectionMeaning.of(heading, title: title, state: state)
        // `### Major Gaps (4)`: the report counts its own findings of that level.
        // (`### Observations (2)` counts informational ones, without making its list findings.)
        if let count = Self.parenthesizedCount(heading.text),
           let severity = meaning.findingSeverity
            ?? (title.cleanedKey.hasPrefix("observations") ? Severity.info : nil) {
            state.statedCounts.append(StatedCount(severity: severity, count: count, line: heading.line))
        }
        if meaning.priority != nil, state.currentPriority == nil { state.prioritySubheadingSeen = false }
        state.sections.append(meaning)
        for rule in Self.headingRules where rule.heading(heading, &state) {
            if state.openFinding?.headingLevel == heading.level, let last = state.sections.last, last.heading == heading {
                meaning.definesFinding = true
                state.sections[state.sections.count - 1].definesFinding = true
            }
            break
        }
    }

    mutating func visitParagraph(_ paragraph: Paragraph, context walk: WalkContext) {
        let line = paragraph.line
        // A closing sentence may wrap over several lines: read the whole paragraph. Both readers of
        // whole paragraphs read the key's words where they lie (see `ASCIIWords`, `ProseCountRule`).
        // (Once a closure and a tally are known, neither question is asked again.)
        let asksClosure = state.closure == nil
        let asksTally = walk.listDepth == 0 && state.statedCounts.isEmpty
        if asksClosure || asksTally {
            let plain = paragraph.text
            let key = TextNormalizer.key(plain)
            let answers = ParagraphQuestions.answer(key, closure: asksClosure, tally: asksTally)
            if answers.mayClose {
                state.closure = ClosureStatement.read(plain, line: line, ids: context.ids, vocabulary: state.vocabulary)
            }
            if answers.namesCountedThings { ProseCountRule.readCounts(key: key, line: line, &state) }
        }
        // Paragraphs of list items are read through `visitListItem` (their first line) only.
        guard walk.listDepth == 0 else { return }
        for textLine in paragraph.lines {
            state.learnPriority(from: textLine.text)
            for rule in Self.lineRules where rule.line(textLine, in: nil, depth: 0, &state) { break }
        }
    }

    mutating func visitList(_ list: MarkdownList, context walk: WalkContext) {
        state.listIsGlyphChecklist = list.items.contains { ChecklistRule.checkbox($0.firstLine.text, strict: true) != nil }
        // Every item opens with a level and a colon: the list defines levels, it lists no finding.
        state.listIsLegend = list.items.count >= 2 && list.items.allSatisfy { item in
            let text = TextNormalizer.cleanTitle(item.firstLine.text)
            guard let colon = text.firstIndex(ofASCIICharacter: UInt8(ascii: ":")) else { return false }
            let label = text[..<colon].split(whereSeparator: { $0 == "," || $0 == "/" || $0 == "&" }).map { String($0).trimmingWhitespace() }
            return label.allSatisfy { state.vocabulary.severity(wholeText: $0) != nil || SectionMeaning.severitySection($0, vocabulary: state.vocabulary) != nil
                || state.vocabulary.status(wholeText: $0) != nil }
        }
        if state.listIsLegend { Self.readCounts(list, &state) }
    }

    mutating func visitListItem(_ item: ListItem, of list: MarkdownList, context walk: WalkContext) {
        let first = item.firstLine
        state.learnPriority(from: first.text)
        state.listOrdinal = list.ordered ? list.items.firstIndex(where: { $0.line == item.line }).map { list.start + $0 } : nil
        state.listItemLines = item.blocks.flatMap { block -> [TextLine] in
            if case .paragraph(let inlines, let line) = block { return TextLines.of(inlines, startLine: line) }
            return []
        }
        for rule in Self.lineRules where rule.line(first, in: item, depth: walk.listDepth, &state) { break }
    }

    mutating func visitTable(_ table: Table, context walk: WalkContext) {
        let reader = tables.reader(for: table)
        for rule in Self.tableRules where rule.table(reader, &state) { break }
    }

    // MARK: Finishing

    /// What only the whole report tells: levels named by ID prefixes, sub-cases of known IDs, and the
    /// counts the report states compared with what was understood.
    mutating func finish() -> WalkResult<ItemFindings> {
        let ids = state.collector.items.compactMap(\.id)
        let letters = FindingID.usesLetterLevels(ids)
        for (index, item) in state.collector.items.enumerated() where item.severity == nil && (item.kind == .gap || item.kind == .risk) {
            if let id = item.id, let severity = FindingID.prefixSeverity(id, lettersInUse: letters) {
                state.collector.stateSeverity(severity, text: id, forItemAt: index, derived: true)
            }
        }
        // `API-02a` under `API-02`: a case of a finding, not a finding of its own.
        let defined = Set(ids)
        state.collector.removeItems { item in
            guard let id = item.id, let parent = FindingID.parent(of: id) else { return false }
            return defined.contains(parent)
        }
        var diagnostics = state.collector.diagnostics
        diagnostics += StatedCounts.compare(state.statedCounts, with: state.collector.items, file: context.file)
        let findings = ItemFindings(items: state.collector.items, closure: state.closure,
                                    statedCounts: state.statedCounts)
        return WalkResult(findings, diagnostics: diagnostics)
    }

    /// `- Medium: 2 issues`, `- Critical & High: 1 issue`: counts a report states in a list (a count
    /// for several levels together goes to the last one named).
    static func readCounts(_ list: MarkdownList, _ state: inout ItemWalkState) {
        for item in list.items {
            let text = TextNormalizer.cleanTitle(item.firstLine.text)
            guard let colon = text.firstIndex(ofASCIICharacter: UInt8(ascii: ":")) else { continue }
            let value = TextNormalizer.key(String(text[text.index(after: colon)...])).split(separator: " ")
            guard let first = value.first, let count = Int(first), value.count <= 3 else { continue }
            let levels = text[..<colon].split(whereSeparator: { $0 == "," || $0 == "/" || $0 == "&" }).compactMap {
                state.vocabulary.severity(wholeText: String($0).trimmingWhitespace())
            }
            if let level = levels.last { state.statedCounts.append(StatedCount(severity: level, count: count, line: item.line)) }
        }
    }

    /// `Major Gaps (4)` → 4.
    static func parenthesizedCount(_ text: String) -> Int? {
        guard let open = text.lastIndex(ofASCIICharacter: UInt8(ascii: "(")),
              let close = text[open...].firstIndex(ofASCIICharacter: UInt8(ascii: ")")) else { return nil }
        return Int(text[text.index(after: open)..<close].trimmingWhitespace())
    }
}

/// The items of a report and what it says about its own findings.
struct ItemFindings: Sendable {
    var items: [Item]
    /// A statement that every finding of the earlier audits is resolved (`All findings from the March
    /// report have been remediated`), if any.
    var closure: EarlierClosure?
    var statedCounts: [StatedCount]
}
