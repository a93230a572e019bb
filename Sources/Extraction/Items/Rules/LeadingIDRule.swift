import Markdown

/// A heading, list item or line that opens with an ID defines that finding: `### GAP-101 — Secrets
/// en clair`, `#### 🔴 SEC-01 : Jetons en clair (Critique)`, `- **GAP-12** : Pas de backup (P1)`,
/// `**B-3 · Index manquant — ✅ Corrigé**`, `CVE-2023-1234 – HIGH – Heap overflow in parser`.
///
/// IDs of the configured pattern always count. Other ID shapes (`SEC-12`, `R-6`, `MAJ-ISO-003`)
/// count in a heading, or in a line that states a level or status or sits in a findings section, so
/// that a sentence opening with a product code is not a finding.
struct LeadingIDRule: ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        define(heading.text, line: heading.line, headingLevel: heading.level, &state)
    }

    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        define(line.text, line: item?.line ?? line.line, headingLevel: nil, &state)
    }

    private func define(_ text: String, line: Int, headingLevel: Int?, _ state: inout ItemWalkState) -> Bool {
        guard let (id, rest) = FindingID.leading(in: text, ids: state.context.ids), !rest.isEmpty else { return false }
        // "- GAP-107 : le scan tourne…" after a table that defines GAP-107 is a remark about it.
        if let index = state.collector.index(of: id) {
            if headingLevel != nil { state.openFinding = .init(index: index, headingLevel: headingLevel) }
            return true
        }
        let ofPattern = state.context.ids.isID(id)
        var severity = StatedLevel.severity(in: rest, state: state)
        var status = StatedLevel.status(in: rest, vocabulary: state.vocabulary)
        if ofPattern {
            // Reports of the configured shape name levels and statuses anywhere on the line.
            severity = severity ?? state.severity(in: rest)
            status = status ?? state.vocabulary.status(in: rest)
        }
        let inFindings = state.severitySection != nil || state.currentListKind?.listKind == .gap
        guard ofPattern || headingLevel != nil || severity != nil || status != nil || inFindings
                || FindingID.prefixSeverity(id, lettersInUse: false) != nil else { return false }
        let title = Self.title(rest, state: state)
        guard !title.isEmpty else { return false }
        let kind: Item.Kind = state.currentListKind?.listKind == .recommendation && !ofPattern ? .recommendation : .gap
        state.addFinding(Item(kind: kind, id: id, title: title, severity: severity ?? state.severitySection?.findingSeverity,
                              status: status ?? .open, line: line),
                         headingLevel: headingLevel, explicitSeverity: severity != nil, explicitStatus: status != nil, weak: true)
        return true
    }

    /// The title without the level, status and score segments around it: `HIGH – Heap overflow in
    /// parser` → `Heap overflow in parser`; `Index manquant — ✅ Corrigé` → `Index manquant`.
    static func title(_ rest: String, state: ItemWalkState) -> String {
        let segments = StatedLevel.segments(rest)
        func isDecoration(_ segment: String) -> Bool {
            let words = TextNormalizer.key(segment).split(separator: " ")
            if words.isEmpty { return true }
            guard words.count <= 4 else { return false }
            return StatedLevel.severity(in: segment, state: state) != nil && words.count <= 3
                || StatedLevel.status(in: segment, vocabulary: state.vocabulary) != nil
                || words.first == "cvss" || FindingParts.isStatusLabel(String(words[0]))
        }
        guard let first = segments.firstIndex(where: { !isDecoration($0) }),
              let last = segments.lastIndex(where: { !isDecoration($0) }),
              let start = rest.textRange(of: segments[first]), let end = rest.textRange(of: segments[last], from: start.lowerBound)
        else { return TextNormalizer.cleanTitle(rest) }
        var title = String(rest[start.lowerBound..<end.upperBound])
        // An opening parenthesis left without its closing one.
        if title.filter({ $0 == "(" }).count > title.filter({ $0 == ")" }).count, rest[end.upperBound...].hasPrefix(")") { title += ")" }
        return TextNormalizer.cleanTitle(title)
    }
}
