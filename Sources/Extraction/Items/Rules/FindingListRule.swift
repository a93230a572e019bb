import Markdown

/// `## Constats` / `## Findings` / `## Recommandations`: each top-level list item right under such
/// a heading is one item, with the level and status its line states. A section that already
/// defined items by ID (a GAP table) is commentary on them, not more findings.
struct FindingListRule: ItemRule {
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard let item, depth == 1, state.currentPriority == nil, !state.listIsLegend, let section = state.currentListKind, let kind = section.listKind,
              state.section?.level == section.level, state.collector.identifiedCount == state.identifiedAtSectionStart else { return false }
        let title = TextNormalizer.cleanTitle(line.text)
        guard !title.isEmpty else { return false }
        // `**Critical patches applied late** (High)`: the level in its own segment, else a level word.
        let severity = state.itemSeverity(in: state.listItemLines) ?? StatedLevel.severity(in: line.text, state: state)
            ?? state.severity(in: line.text)
        // Badges lead findings as levels (`🟠 Contraste insuffisant`): only a status in a segment of its own counts.
        let status = StatedLevel.status(in: line.text, vocabulary: state.vocabulary) ?? state.itemStatus(in: state.listItemLines)
        state.collector.add(Item(kind: kind, id: nil, title: title, severity: severity, status: status ?? .open, line: item.line,
                                 ref: state.listOrdinal.map(String.init)),
                            explicitSeverity: severity != nil, explicitStatus: status != nil)
        return true
    }
}
