import Foundation
import Diagnostics
import Markdown

/// What the item rules share while one report is walked: the items found so far, what each
/// enclosing heading means, and the finding whose details (status, CVSS) are being read.
struct ItemWalkState {
    let context: ExtractionContext
    var collector: ItemCollector
    /// Meanings of the enclosing headings, outermost first (parallel to `WalkContext.sections`).
    var sections: [SectionMeaning] = []
    /// The finding whose details follow (set by the rule that defined it, ended by the next heading
    /// at its level or above, or the next finding).
    var openFinding: OpenFinding?
    /// Whether the current priority section has sub-headings (then lists below are details).
    var prioritySubheadingSeen = false
    /// Items with IDs defined when the current section opened: once a section defines GAPs by ID (a
    /// GAP table), its lists are commentary on them, not more findings.
    var identifiedAtSectionStart = 0
    /// Lines of headings that define findings (to tell them from findings listed in tables).
    var findingHeadingLines: Set<Int> = []
    /// Counts of findings per level that the report states about itself (`| High | 0 |`), with the line.
    var statedCounts: [StatedCount] = []
    /// A statement that every finding of the earlier audits is resolved, if any.
    var closure: EarlierClosure?
    /// True while the list being read defines levels (`- Critical, High: issues that…`, `- **Low**: …`).
    var listIsLegend = false
    /// True while the list being read has checkbox glyphs (`☐`, `☑`): then its ✔/❌ lines are checks too.
    var listIsGlyphChecklist = false
    /// Number of the list item being read in an ordered list (`3.` → 3), for local references.
    var listOrdinal: Int?
    /// Every line of the list item being read (its status may sit after the title: `… *Statut : corrigé.*`).
    var listItemLines: [TextLine] = []
    /// What the report says its priority numbers mean (`Priority 1 (High): …` → 1 is high).
    var priorityLegend: [Int: Severity] = [:]
    /// True when the report's priorities start at P0 (then P0 is critical and P1 high).
    var priorityScaleStartsAtZero = false

    struct OpenFinding {
        let index: Int
        /// Heading level that defined it; nil when a line did (then only the lines right below belong to it).
        let headingLevel: Int?
        /// Set after a `Status` / `Client response` sub-heading or label without a value: the next line says it.
        var awaitingStatus = false
        /// A heading read as a finding only because it sits under `## Findings`: until a detail (status,
        /// level, CVSS) confirms it, a sub-heading below makes it a group of findings instead.
        var tentative = false
        var confirmed = false
    }

    /// The site's vocabulary, plus what this report's own legend defines (`Mitigated` = accepted).
    var vocabulary: Vocabulary

    init(context: ExtractionContext) {
        self.context = context
        vocabulary = context.vocabulary
        collector = ItemCollector(context: context)
    }
    var section: SectionMeaning? { sections.last }
    var currentPriority: SectionMeaning? { sections.last { $0.priority != nil } }
    var currentListKind: SectionMeaning? { sections.last { $0.listKind != nil } }
    /// The nearest severity section (`## High Risk`, `### Major Gaps (4)`, `## ⛔ Points bloquants`).
    var severitySection: SectionMeaning? { sections.last { $0.findingSeverity != nil } }

    /// The level a text states: a P-level on the report's own scale (`P1` is high when the report
    /// starts at P0), else a severity word or badge.
    func severity(in text: String) -> Severity? {
        priority(text) ?? vocabulary.severity(in: text)
    }

    /// A priority on the report's scale: its own legend first (`Priority 1 (High)`), else P0/P1 scales.
    func priority(_ text: String) -> Severity? {
        if !priorityLegend.isEmpty {
            let words = TextNormalizer.key(text).split(separator: " ")
            if words.count <= 3, let number = words.compactMap({ Int($0.hasPrefix("p") ? $0.dropFirst() : $0) }).first,
               let level = priorityLegend[number] { return level }
        }
        return PriorityScale.level(in: text, startsAtZero: priorityScaleStartsAtZero)
    }

    /// `Priority 1 (High): a fundamental weakness…`, `P2 = moyenne`: a line that defines a priority number.
    mutating func learnPriority(from text: String) {
        // Cheap test first, on bytes: this runs on every line of every report. The key's first word
        // opens with `priorit` or is `p` and a digit, so the line opens (after emphasis, spaces and
        // dashes) with a `P`, then an `r`, a digit, or a letter outside ASCII that may fold to one.
        let opening = text.utf8.drop { $0 == 0x2A || $0 == 0x5F || $0 == 0x20 || $0 == 0x2D }
        guard let first = opening.first, first | 0x20 == 0x70 else { return }
        if let second = opening.dropFirst().first, second < 0x80, second | 0x20 != 0x72, !(0x30...0x39).contains(second) { return }
        // Then as characters, as before: a `P` that a combining mark follows is no `P`.
        guard let character = text.drop(while: { $0 == "*" || $0 == "_" || $0 == " " || $0 == "-" }).first,
              character == "P" || character == "p" else { return }
        let words = TextNormalizer.key(text).split(separator: " ")
        guard words.count >= 3, words.count <= 40 else { return }
        var index = 0
        var number: Int?
        if words[0].hasPrefix("priorit"), let n = Int(words[1]) { number = n; index = 2 }
        else if words[0].count == 2, words[0].first == "p", let n = Int(words[0].dropFirst()) { number = n; index = 1 }
        guard let number, index < words.count, let level = vocabulary.severity(wholeText: String(words[index])) else { return }
        priorityLegend[number] = level
    }

    /// The status a list item states with a label anywhere in its text (`*Statut : corrigé le 3 mai*`).
    func labelledStatus(in lines: [TextLine]) -> Status? {
        for line in lines {
            for segment in line.text.split(separator: "*").map(String.init) + [line.text] {
                guard let colon = segment.firstIndex(where: { $0 == ":" }) else { continue }
                let label = String(segment[..<colon])
                let words = TextNormalizer.key(label).split(separator: " ")
                guard let last = words.last, FindingParts.isStatusLabel(String(last)) else { continue }
                if let status = FindingStatusRule.status(of: String(segment[segment.index(after: colon)...]), state: self) { return status }
            }
        }
        return nil
    }

    /// The status a list item states after its title: a label (`*Statut : corrigé*`), or a sentence
    /// that opens with a status (`Fixed by the supplier on 3 February.`, `*In progress: …*`, `*Done.*`).
    func itemStatus(in lines: [TextLine]) -> Status? {
        if let status = labelledStatus(in: lines) { return status }
        let text = lines.map(\.text).joined(separator: " ")
        var sentences = text.components(separatedBy: ". ").flatMap { $0.components(separatedBy: "* ") }
            .flatMap { $0.components(separatedBy: "] ") }
        guard sentences.count > 1 else { return nil }
        sentences.removeFirst() // the title
        for sentence in sentences {
            let trimmed = sentence.trimmingCharacters(in: CharacterSet(charactersIn: " *_."))
            if let status = vocabulary.status(atStartOf: trimmed), status != .unknown,
               TextNormalizer.key(trimmed).split(separator: " ").first.map({ !["no", "non", "pas", "not", "ok"].contains($0) }) ?? false {
                return status
            }
        }
        return nil
    }

    /// A level a list item states with a label anywhere in its text (`[Criticité : haute]`, `Severity: High`).
    func itemSeverity(in lines: [TextLine]) -> Severity? {
        for line in lines {
            for piece in line.text.split(whereSeparator: { "[]();—".contains($0) }) {
                guard let (label, value) = FindingStatusRule.labelled(String(piece)), !value.isEmpty,
                      FindingStatusRule.isSeverityLabel(label, value: value, state: self)
                        || vocabulary.columnRole(forHeader: label) == .severity else { continue }
                if let level = vocabulary.severity(wholeText: TextNormalizer.cleanTitle(value)) ?? priority(value) { return level }
            }
        }
        return nil
    }

    /// Adds a finding defined by a heading or a line and makes it the one whose details follow.
    mutating func addFinding(_ item: Item, headingLevel: Int?, explicitSeverity: Bool, explicitStatus: Bool, weak: Bool) {
        if weak, item.id != nil {
            collector.addWeak(item, explicitStatus: explicitStatus)
        } else {
            collector.add(item, explicitSeverity: explicitSeverity, explicitStatus: explicitStatus)
        }
        let index = item.id.flatMap { collector.index(of: $0) } ?? collector.items.count - 1
        openFinding = OpenFinding(index: index, headingLevel: headingLevel)
    }
}
