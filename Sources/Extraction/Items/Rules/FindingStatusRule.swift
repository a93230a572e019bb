import Foundation
import Markdown

/// The status written below a finding: a `Status` / `Client response` / `Team response` sub-heading
/// or label (`**Status:** ❌ Not implemented`, `Statut : Corrigé`) followed by `**Acknowledged**`,
/// `Resolved in PR #12`, `Mitigated`, `Won't fix`; for a finding defined by a line, the line right
/// below (`Fixed in version 2.3.1.`); a two-column detail table (`| Severity | High |`); a CVSS score.
struct FindingStatusRule: ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        guard var open = state.openFinding, let level = open.headingLevel, heading.level > level else { return false }
        if FindingParts.isPart(heading.text) { open.confirmed = true }
        if FindingParts.isStatusLabel(heading.text) {
            open.awaitingStatus = true
            state.openFinding = open
            return true
        }
        // `#### Status: Fixed`
        if let (label, value) = Self.labelled(heading.text), FindingParts.isStatusLabel(label),
           let status = Self.status(of: value, state: state) {
            state.collector.stateStatus(status, text: value, line: heading.line, forItemAt: open.index)
            return true
        }
        return heading.text.isEmpty ? false : FindingParts.isPart(heading.text)
    }

    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard var open = state.openFinding else { return false }
        // `**Risk:** High · **Resolution:** Fixed in PR #41`: several labels on one line.
        var claimed = false
        for part in Self.parts(line.text) {
            guard let (label, value) = Self.labelled(part) else { continue }
            if FindingParts.isStatusLabel(label) {
                if value.isEmpty {
                    open.awaitingStatus = true
                } else if let status = Self.status(of: value, state: state) {
                    // The auditor's verdict on a fix (`Reviewer: Partially fixed`) wins over the client's claim.
                    state.collector.stateStatus(status, text: value, line: line.line, forItemAt: open.index,
                                                verdict: FindingParts.isVerdictLabel(label))
                    open.awaitingStatus = false
                }
                state.openFinding = open
                claimed = true
            } else if Self.isSeverityLabel(label, value: value, state: state) {
                if let severity = StatedLevel.severity(in: value, state: state)
                    ?? (state.vocabulary.columnRole(forHeader: label) == .severity ? state.priority(value) : nil) {
                    state.collector.stateSeverity(severity, text: value, forItemAt: open.index)
                } else if let severity = StatedLevel.cvss(in: part) {
                    state.collector.stateSeverity(severity, text: value, forItemAt: open.index, derived: true)
                }
                claimed = true
            }
        }
        if claimed {
            state.openFinding?.confirmed = true
            return true
        }
        if open.awaitingStatus {
            open.awaitingStatus = false
            state.openFinding = open
            if let status = Self.status(of: line.text, state: state) {
                state.collector.stateStatus(status, text: line.text, line: line.line, forItemAt: open.index)
                return true
            }
            return false
        }
        if let cvss = StatedLevel.cvss(in: line.text), item == nil {
            state.collector.stateSeverity(cvss, text: line.text, forItemAt: open.index, derived: true)
        }
        // A finding stated on one line: the next line may say how it ended (`Fixed in 2.3.1.`).
        if open.headingLevel == nil, item == nil, let status = state.vocabulary.status(atStartOf: line.text), status != .unknown {
            state.collector.stateStatus(status, text: line.text, line: line.line, forItemAt: open.index)
            state.openFinding = nil
            return true
        }
        return false
    }

    func table(_ table: TableReader, _ state: inout ItemWalkState) -> Bool {
        // | Severity | High | / | Status | Fixed |: the details of the finding above.
        guard let open = state.openFinding, table.columnCount == 2 else { return false }
        var claimed = false
        for row in [table.table.header] + table.table.rows where row.cells.count == 2 {
            let label = row.texts[0], value = row.texts[1]
            if FindingParts.isStatusLabel(label), let status = Self.status(of: value, state: state) {
                state.collector.stateStatus(status, text: value, line: row.line, forItemAt: open.index)
                claimed = true
            } else if state.vocabulary.columnRole(forHeader: label) == .severity || TextNormalizer.key(label).hasPrefix("cvss") {
                if let severity = StatedLevel.severity(in: value, state: state) ?? StatedLevel.cvss(in: label + " " + value) {
                    state.collector.stateSeverity(severity, text: value, forItemAt: open.index)
                }
                claimed = true
            }
        }
        return claimed
    }

    static let levelLabels: Set<String> = ["niveau", "level", "risk", "risque", "impact", "rating", "classification", "niveau de gravite"]

    /// `Severity`, `Gravité`, `CVSS`, or a label such as `Niveau`, `Risk`, `Impact` whose whole value is a level.
    static func isSeverityLabel(_ label: String, value: String, state: ItemWalkState) -> Bool {
        let key = TextNormalizer.key(label)
        if state.vocabulary.columnRole(forHeader: label) == .severity || key.hasPrefix("cvss") { return true }
        return Self.levelLabels.contains(key) && state.vocabulary.severity(wholeText: TextNormalizer.cleanTitle(value)) != nil
    }

    /// The status a response states: its opening words (`Acknowledged.`, `Resolved in PR #12`,
    /// `❌ Not implemented`), else a status phrase of a short value.
    static func status(of text: String, state: ItemWalkState) -> Status? {
        if let status = state.vocabulary.status(atStartOf: text) { return status }
        // `Remediation in progress — vault checkout in place…`: the first clause says it.
        if let clause = StatedLevel.segments(text).first, TextNormalizer.key(clause).wordCount <= 5,
           let status = state.vocabulary.status(in: clause) {
            return status
        }
        let words = TextNormalizer.key(text).split(separator: " ")
        if words.count <= 6, let status = state.vocabulary.status(in: text) { return status }
        // `will not be shortened; our legal team accepts the clause`: what the response means.
        return state.vocabulary.statusDefined(by: text).flatMap { $0 == .accepted ? $0 : nil }
    }

    /// Pieces of a line that may each be `label: value` (`Risk: High · Resolution: Fixed`).
    static func parts(_ text: String) -> [String] {
        // Most lines hold none of the separators' bytes (`|`, `;`, the B7 of `·`, the E2 of `—` and
        // `–`, nor the lead bytes of U+037E and U+0387, which Foundation takes for `;` and `·`):
        // then nothing can be cut, and Foundation's search is not run five times to find that out.
        guard text.containsByte(where: { $0 == 0x7C || $0 == 0x3B || $0 == 0xB7 || $0 == 0xE2 || $0 == 0xCD || $0 == 0xCE }) else {
            return [text]
        }
        var pieces = [text]
        for separator in [" · ", " | ", "; ", " — ", " – "] { pieces = pieces.flatMap { $0.components(separatedBy: separator) } }
        return pieces
    }

    /// `**Status:** value`, `Statut : value`, `Client response – value`.
    static func labelled(_ text: String) -> (label: String, value: String)? {
        // `:   **Severity:** High`: a definition-list line (Pandoc, Markdown Extra) of the term above.
        let text = text.hasPrefix(":") ? String(text.dropFirst().drop(while: { $0 == " " || $0 == "\t" })) : text
        if let (label, value) = TextLines.labelAndValue(TextLine(text: text, inlines: [], line: 0)) {
            return (label.trimmingCharacters(in: CharacterSet(charactersIn: "*_ ")), value.trimmingCharacters(in: CharacterSet(charactersIn: "*_ ")))
        }
        return nil
    }
}
