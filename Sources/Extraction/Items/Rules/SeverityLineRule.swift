import Markdown

/// A heading or line that opens with a level and then names the finding: `LOW – Verbose error page`,
/// `### 2. Medium - Rounding favours the caller`, `[HIGH] Session fixation`. The lines right below
/// may say how it ended (`Fixed in 2.3.1.`; see `FindingStatusRule`). Legends that define the
/// levels (`- **High**: exploitable remotely…` under `Severity levels`) are not findings.
struct SeverityLineRule: ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        define(heading.text, line: heading.line, headingLevel: heading.level, &state)
    }

    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard state.currentPriority == nil, !Self.isLegendSection(state), item == nil || !state.listIsLegend,
              !line.continuesSentence || line.opensWithMark else { return false }
        return define(line.text, line: item?.line ?? line.line, headingLevel: nil, &state)
    }

    private func define(_ text: String, line: Int, headingLevel: Int?, _ state: inout ItemWalkState) -> Bool {
        let cleaned = TextNormalizer.cleanTitle(text)
        // The first shape below wants three segments or more, one of them short enough to be a
        // status; the second, two or more, the first a level of two words at most. A line without a
        // separator is neither, nor a prose line whose pieces are all long (told from its bytes).
        let sketch = StatedLevel.sketch(cleaned)
        let mayListParts = headingLevel == nil && sketch.count >= 3
            && sketch.fewestWords <= max(state.vocabulary.longestStatusPhrase, 5)
        guard mayListParts || (sketch.count >= 2 && sketch.firstWords <= 2) else { return false }
        let segments = StatedLevel.segments(cleaned)
        // `✅ Images sans alternative (majeur) — corrigé.`: a title with its level and its status in
        // segments of their own is a finding wherever it sits.
        // (The status is the cheaper question, so it is asked first.)
        if mayListParts, segments.count >= 3, let status = StatedLevel.status(inSegments: segments, vocabulary: state.vocabulary),
           let severity = StatedLevel.severity(in: segments.dropFirst().joined(separator: " | "), state: state) {
            let title = LeadingIDRule.title(cleaned, state: state)
            guard title.count >= 3, state.vocabulary.severity(wholeText: segments[0]) == nil else { return false }
            state.addFinding(Item(kind: .gap, id: nil, title: title, severity: severity, status: status, line: line),
                             headingLevel: nil, explicitSeverity: true, explicitStatus: true, weak: false)
            return true
        }
        // The level stands alone before a separator: `HIGH – …`, `[High] …`, `Medium - …`.
        guard segments.count >= 2, let severity = state.vocabulary.severity(wholeText: segments[0]),
              TextNormalizer.key(segments[0]).wordCount <= 2,
              // `High: 3` is a count, `P1 - …` a priority.
              !segments[0].lowercased().hasPrefix("p"), cleaned.dropFirst(segments[0].count).contains(where: { $0.isLetter })
        else { return false }
        let rest = String(cleaned[cleaned.index(cleaned.startIndex, offsetBy: segments[0].count)...])
            .drop { " :-–—|·])".contains($0) }
        let title = LeadingIDRule.title(String(rest), state: state)
        guard title.count >= 3, title.contains(where: \.isLetter) else { return false }
        let status = StatedLevel.status(in: String(rest), vocabulary: state.vocabulary)
            ?? (headingLevel == nil ? state.itemStatus(in: state.listItemLines) : nil)
        state.addFinding(Item(kind: .gap, id: nil, title: title, severity: severity, status: status ?? .open,
                              line: line, ref: headingLevel.flatMap { _ in OutlineNumber.of(text).map { $0.contains(".") ? $0 : "\(segments[0]) \($0)" } }),
                         headingLevel: headingLevel, explicitSeverity: true, explicitStatus: status != nil, weak: false)
        return true
    }

    /// `Severity levels`, `Risk rating`, `Légende`, `Méthodologie`: sections that define levels.
    static func isLegendSection(_ state: ItemWalkState) -> Bool {
        state.sections.contains(where: \.definesLevels)
    }

    /// Words of a heading whose section defines levels rather than stating findings.
    static func definesLevels(_ heading: String) -> Bool {
        definesLevels(key: TextNormalizer.key(heading))
    }

    /// The same over the heading's folded text.
    static func definesLevels(key: String) -> Bool {
        levelWords.occurs(in: key)
    }

    /// Made once (an array literal in the function was built again for every heading), and read in one
    /// pass over the heading's key.
    private static let levelWords: SubstringSet = [
        "legend", "legende", "methodolog", "classification", "rating", "notation", "definition", "echelle", "bareme",
        "severity levels", "niveaux de", "scale", "scoring", "cotation", "criteres", "explanation", "explication",
        "how to read", "lecture", "guide",
    ]

    /// English level names for local references (`High 1`), whatever the report's language.
    static func label(_ severity: Severity) -> String {
        switch severity {
        case .critical: "Critical"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .info: "Info"
        }
    }
}
