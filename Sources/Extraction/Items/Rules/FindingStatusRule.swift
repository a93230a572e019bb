import Foundation
import Markdown

/// The status written below a finding: a `Status` / `Client response` / `Team response` sub-heading
/// or label (`**Status:** ❌ Not implemented`, `Statut : Corrigé`) followed by `**Acknowledged**`,
/// `Resolved in PR #12`, `Mitigated`, `Won't fix`; for a finding defined by a line, the line right
/// below (`Fixed in version 2.3.1.`); a two-column detail table (`| Severity | High |`); a CVSS score.
struct FindingStatusRule: ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool {
        guard var open = state.openFinding, let level = open.headingLevel, heading.level > level else { return false }
        // (Whether the heading is a part of a finding was read with its meaning, `state.section`.)
        let isPart = state.section?.isFindingPart ?? FindingParts.isPart(heading.text)
        if isPart { open.confirmed = true }
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
        return heading.text.isEmpty ? false : isPart
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
        // Foundation cuts at the separators and at what is canonically equivalent to them (U+0387
        // for `·`, U+037E for `;`), tens of thousands of instructions a line. Most lines hold none
        // of those characters (a curly apostrophe or an emoji shares a lead byte with `—`, not its
        // bytes): then nothing can be cut. A line of `LoneScalars` (where characters are scalars and
        // equivalence is identity: Latin text, its punctuation, plain emoji) is cut on its bytes.
        // Only the other lines go to Foundation.
        enum Cut { case whole, pieces([String]), foundation }
        var text = text
        let cut: Cut = text.withUTF8 { bytes in
            var ascii = true
            var mayHold = false
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 { ascii = false }
                switch byte {
                case 0x7C, 0x3B: mayHold = true
                case 0xC2: mayHold = mayHold || (index + 1 < bytes.count && bytes[index + 1] == 0xB7)
                case 0xCE: mayHold = mayHold || (index + 1 < bytes.count && bytes[index + 1] == 0x87)
                case 0xCD: mayHold = mayHold || (index + 1 < bytes.count && bytes[index + 1] == 0xBE)
                case 0xE2: mayHold = mayHold || (index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94))
                default: break
                }
            }
            guard mayHold else { return .whole }
            return ascii || LoneScalars.all(bytes) ? .pieces(Self.literalParts(bytes)) : .foundation
        }
        switch cut {
        case .whole: return [text]
        case .pieces(let pieces): return pieces
        case .foundation:
            var pieces = [text]
            for separator in separators { pieces = pieces.flatMap { $0.components(separatedBy: separator) } }
            return pieces
        }
    }

    /// The separators, in the order lines are cut at them.
    static let separators = [" · ", " | ", "; ", " — ", " – "]
    private static let separatorBytes = separators.map { Array($0.utf8) }

    /// `parts` of a line of `LoneScalars`: each piece cut at the first separator, then each of those
    /// at the second…, as `components(separatedBy:)` cuts (empty pieces kept).
    private static func literalParts(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        func cut(_ range: Range<Int>, at separator: [UInt8]) -> [Range<Int>] {
            var pieces: [Range<Int>] = []
            var start = range.lowerBound
            var index = range.lowerBound
            while index + separator.count <= range.upperBound {
                if bytes[index..<(index + separator.count)].elementsEqual(separator) {
                    pieces.append(start..<index)
                    index += separator.count
                    start = index
                } else {
                    index += 1
                }
            }
            pieces.append(start..<range.upperBound)
            return pieces
        }
        var pieces = [0..<bytes.count]
        for separator in separatorBytes { pieces = pieces.flatMap { cut($0, at: separator) } }
        return pieces.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
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
