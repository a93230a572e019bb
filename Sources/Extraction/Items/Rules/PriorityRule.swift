import Markdown

/// Prioritised recommendations: under a priority heading (`Priorité 1 (Critique)`, `Priority 2`,
/// `Priorité haute`, `P0 — Immédiat`, `Quick wins`), each sub-heading, or else each top-level list
/// item, is a recommendation of that level.
struct PriorityRule: ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        // The heading's own section is last; the priority section encloses it.
        guard let priority = state.sections.dropLast().last(where: { $0.priority != nil }) else { return false }
        state.prioritySubheadingSeen = true
        // `### GAP-12 — …` under a priority heading is that GAP (LeadingIDRule), not a new recommendation.
        if FindingID.leading(in: heading.text, ids: state.context.ids).map({ state.context.ids.isID($0.id) }) == true { return false }
        let title = TextNormalizer.cleanTitle(heading.text)
        guard !title.isEmpty else { return true }
        state.collector.add(Item(kind: .recommendation, id: nil, title: title, severity: priority.priority, status: .open,
                                 line: heading.line), explicitSeverity: false, explicitStatus: false)
        return true
    }

    /// Under `## Constats par priorité`, the items of `### Priorité haute` are findings of that level
    /// (`Haute 1`, `Haute 2`…); elsewhere they are recommendations.
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard let item, depth == 1, let priority = state.currentPriority, !state.prioritySubheadingSeen else { return false }
        let title = TextNormalizer.cleanTitle(Self.leadSentence(line))
        guard !title.isEmpty else { return false }
        let findings = state.sections.contains { $0.listKind == .gap && $0.priority == nil }
        let status = state.labelledStatus(in: state.listItemLines)
        let ref = state.listOrdinal.map { "\(Self.levelWord(priority)) \($0)" }
        state.collector.add(Item(kind: findings ? .gap : .recommendation, id: nil, title: title, severity: priority.priority,
                                 status: status ?? .open, line: item.line, ref: findings ? ref : nil),
                            explicitSeverity: false, explicitStatus: status != nil)
        return true
    }

    /// The level word of a priority heading as written (`Priorité haute` → `Haute`, `P1 — …` → `P1`).
    static func levelWord(_ section: SectionMeaning) -> String {
        let words = TextNormalizer.cleanTitle(section.heading.text).split(separator: " ")
        if let word = words.first(where: { !TextNormalizer.key(String($0)).hasPrefix("priorit") }) {
            return word.prefix(1).uppercased() + word.dropFirst()
        }
        return section.heading.text
    }

    /// `**Title.** More text…`: the bold lead of an item is its title.
    static func leadSentence(_ line: TextLine) -> String {
        if case .strong(let inner)? = line.inlines.first(where: { if case .text(let s) = $0 { return !s.allSatisfy(\.isWhitespace) } else { return true } }) {
            let lead = inner.plainText
            if lead.count >= 3 { return lead }
        }
        return line.text
    }
}
