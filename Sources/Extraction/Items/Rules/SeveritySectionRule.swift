import Markdown

/// One heading per finding under severity sections: `## High Risk` then `### 1. Missing access
/// control`, `### 3.2 Medium` then `#### 4. Missing event on role change`; or numbered items under
/// `## ⛔ Points bloquants` / `## Critical issues`. Numbering restarts in each section, so the local
/// number is kept as a reference (`High 1`, `Low 1`). Parts of a finding (`Description`, `Impact`,
/// `Status`) and the sub-headings below a finding belong to it.
struct SeveritySectionRule: ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        let enclosing = state.sections.dropLast()
        guard let sectionIndex = enclosing.lastIndex(where: { $0.findingSeverity != nil }),
              let severity = enclosing[sectionIndex].findingSeverity,
              let meaning = state.section, !meaning.isFindingPart, meaning.findingSeverity == nil,
              // Below a finding heading: a part of that finding.
              !enclosing[(sectionIndex + 1)...].contains(where: { $0.definesFinding }),
              !Self.isNone(heading.text) else { return false }
        let title = TextNormalizer.cleanTitle(heading.text)
        guard !title.isEmpty else { return false }
        let section = enclosing[sectionIndex]
        // `2. Medium - Rounding…` restates the level before the title.
        let restated = StatedLevel.segments(title).first.flatMap { state.vocabulary.severity(wholeText: $0) != nil ? $0 : nil }
        let stated = restated.flatMap { state.vocabulary.severity(wholeText: $0) }
        let ref: String
        if let number = OutlineNumber.of(heading.text) {
            ref = number.contains(".") ? number : "\(restated ?? section.levelWord ?? SeverityLineRule.label(severity)) \(number)"
        } else {
            ref = "\(restated ?? section.levelWord ?? SeverityLineRule.label(severity)) \(Self.count(in: state, section: section) + 1)"
        }
        state.addFinding(Item(kind: .gap, id: nil, title: LeadingIDRule.title(title, state: state), severity: stated ?? severity,
                              status: StatedLevel.status(in: title, vocabulary: state.vocabulary) ?? .open, line: heading.line,
                              ref: ref),
                         headingLevel: heading.level, explicitSeverity: true, explicitStatus: false, weak: false)
        return true
    }

    /// List items right under a severity section are findings of that level — unless the report
    /// already defined its findings by ID: then such a list (`## Points critiques` in a conclusion)
    /// sums them up.
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard let item, depth == 1, !state.listIsLegend, let section = state.section, let severity = section.findingSeverity,
              !state.collector.items.contains(where: { $0.id != nil && $0.kind == .gap }),
              !Self.isNone(line.text), !SeverityLineRule.isLegendSection(state) else { return false }
        let title = LeadingIDRule.title(TextNormalizer.cleanTitle(line.text), state: state)
        guard title.count >= 3 else { return false }
        let status = StatedLevel.status(in: line.text, vocabulary: state.vocabulary) ?? state.itemStatus(in: state.listItemLines)
        state.addFinding(Item(kind: .gap, id: nil, title: title, severity: severity, status: status ?? .open, line: item.line,
                              ref: nil),
                         headingLevel: nil, explicitSeverity: true, explicitStatus: status != nil, weak: false)
        return true
    }

    /// `None.`, `No issues found`, `Aucun`: a severity section with nothing in it.
    static func isNone(_ text: String) -> Bool {
        let key = TextNormalizer.key(text)
        return ["none", "aucun", "aucune", "n a", "nothing", "neant", "no issues found", "no findings", "aucun constat",
                "no issue", "none found", "rien a signaler"].contains(key) || key.hasPrefix("no issues") || key.hasPrefix("aucun ")
    }

    /// Findings defined so far below a section (for unnumbered headings).
    static func count(in state: ItemWalkState, section: SectionMeaning) -> Int {
        state.collector.items.filter { $0.line > section.heading.line && $0.kind == .gap }.count
    }
}
