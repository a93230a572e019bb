import Markdown

/// One heading per finding under a findings section: `## 3. Findings` then `### 3.1 Unauthenticated
/// file read` with its `CVSS`, `Severity` and `Status` lines below. A heading that turns out to group
/// findings (a sub-heading follows before any detail) is a group, not a finding: the walker drops it.
struct FindingSectionRule: ItemRule {
    static let generic: Set<String> = [
        "summary", "overview", "resume", "synthese", "detailed findings", "details", "findings summary", "summary of findings",
        "scope", "methodology", "methodologie", "introduction", "conclusion", "appendix", "annexe", "annexes", "context",
        "contexte", "recommendations", "recommandations", "resultats", "results", "constats detailles", "liste des constats",
        "tableau de synthese", "vue d'ensemble", "general", "generalites", "positive findings", "points positifs", "strengths",
        "points forts", "good practices", "bonnes pratiques", "retest", "fix review", "next steps", "prochaines etapes",
        "comments", "commentaires", "remarks", "remarques", "notes", "discussion", "analyse", "analysis",
    ]

    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        let enclosing = state.sections.dropLast()
        guard let sectionIndex = enclosing.lastIndex(where: { $0.listKind == .gap }),
              !enclosing[(sectionIndex + 1)...].contains(where: { $0.definesFinding || $0.findingSeverity != nil }),
              let meaning = state.section, !meaning.isFindingPart, meaning.findingSeverity == nil, meaning.listKind == nil,
              meaning.priority == nil else { return false }
        let key = TextNormalizer.key(TextNormalizer.cleanTitle(heading.text))
        guard !Self.generic.contains(key), !key.isEmpty, !SeveritySectionRule.isNone(heading.text) else { return false }
        // A findings section that already listed its findings (a table) is followed by commentary.
        let sectionLine = enclosing[sectionIndex].heading.line
        guard !state.collector.items.contains(where: { $0.line > sectionLine && $0.kind == .gap && $0.ref.map { _ in true } ?? true
                                                       && !state.findingHeadingLines.contains($0.line) }) else { return false }
        let title = LeadingIDRule.title(TextNormalizer.cleanTitle(heading.text), state: state)
        guard title.count >= 3 else { return false }
        let severity = meaning.severityHint ?? StatedLevel.severity(in: heading.text, state: state)
        state.addFinding(Item(kind: .gap, id: nil, title: title, severity: severity,
                              status: StatedLevel.status(in: heading.text, vocabulary: state.vocabulary) ?? .open,
                              line: heading.line, ref: OutlineNumber.of(heading.text)),
                         headingLevel: heading.level, explicitSeverity: severity != nil, explicitStatus: false, weak: false)
        state.openFinding?.tentative = true
        state.findingHeadingLines.insert(heading.line)
        return true
    }
}
