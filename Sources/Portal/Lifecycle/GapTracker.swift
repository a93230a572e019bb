import Diagnostics
import Extraction

/// Follows every explicitly identified GAP of one project through its audits, in order.
///
/// A GAP keeps its last stated status when a later audit does not mention it: it is marked
/// "not re-assessed since", never silently closed.
struct GapTracker {
    let project: String
    /// Audits of the project, chronological.
    let audits: [AuditRecord]

    func histories() -> [GapHistory] {
        var byID: [String: GapHistory] = [:]
        for audit in audits {
            // IDs this audit restates without a status of its own (an appendix listing them again).
            var unstated: Set<String> = []
            for item in audit.facts.items {
                guard let id = item.id, item.kind == .gap || item.kind == .risk else { continue }
                var history = byID[id] ?? GapHistory(project: project, id: id)
                if item.statusText == nil, !history.entries.isEmpty { unstated.insert(id) }
                history.entries.append(.init(auditID: audit.id, date: audit.date, status: item.status, severity: item.severity,
                                             title: item.title, line: item.line,
                                             event: Self.event(from: history.entries.last?.status, to: item.status)))
                byID[id] = history
            }
            // "All findings of the March report are fixed": every earlier finding this audit does not
            // state otherwise is closed by that sentence, but the exceptions it names.
            if let closure = audit.facts.closesEarlierFindings {
                let exceptions = Set(closure.exceptions)
                for (id, var history) in byID {
                    guard let first = history.entries.first, first.auditID != audit.id else { continue }
                    // An exception is stated only when the sentence says what became of it.
                    let status: Status
                    if exceptions.contains(id) {
                        guard let stated = closure.exceptionStatus, history.entries.last?.auditID != audit.id else { continue }
                        status = stated
                    } else {
                        status = .done
                    }
                    if let last = history.entries.last, last.auditID == audit.id {
                        guard unstated.contains(id) else { continue }
                        history.entries.removeLast()
                    }
                    let last = history.entries.last
                    history.entries.append(.init(auditID: audit.id, date: audit.date, status: status, severity: last?.severity,
                                                 title: last?.title ?? id, line: closure.line,
                                                 event: Self.event(from: last?.status, to: status)))
                    byID[id] = history
                }
            }
        }
        // Mentions anywhere in the text, with the section they sit in.
        for audit in audits {
            for mention in audit.facts.mentions {
                guard byID[mention.id] != nil else { continue }
                let section = audit.facts.headings.last { $0.line <= mention.line }
                byID[mention.id]!.references.append(.init(auditID: audit.id, line: mention.line,
                                                          sectionAnchor: section?.anchor, sectionTitle: section?.text))
            }
        }
        let latest = audits.last
        let latestDay = audits.last { $0.date != nil }?.date?.dayNumber
        for (id, var history) in byID {
            if let latest, history.entries.last?.auditID != latest.id {
                history.notReassessedSince = history.entries.last?.date
            }
            if let first = history.firstSeen?.dayNumber {
                if let closed = history.closedOn?.dayNumber { history.ageDays = closed - first }
                else if let latestDay { history.ageDays = max(0, latestDay - first) }
            }
            byID[id] = history
        }
        let keys = Dictionary(uniqueKeysWithValues: byID.keys.map { ($0, GapOrder.split($0)) })
        return byID.values.sorted { a, b in
            let ka = keys[a.id]!, kb = keys[b.id]!
            return ka != kb ? (ka.0, ka.1) < (kb.0, kb.1) : a.id < b.id
        }
    }
}

extension GapTracker {
    /// What a statement means given the one before it.
    static func event(from previous: Status?, to status: Status) -> GapHistory.Event {
        switch (previous, status) {
        case (_, .accepted): .accepted
        case (nil, .done): .closed
        case (nil, _): status == .unknown ? .restated : .opened
        case (.done?, .done): .stillClosed
        case (.done?, .open), (.done?, .partial): .reopened
        case (_, .done): .closed
        case (_, .unknown): .restated
        default: .carried
        }
    }
}

/// Natural order of IDs: `GAP-9` before `GAP-10`.
public enum GapOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let (pa, na) = split(a)
        let (pb, nb) = split(b)
        if pa != pb { return pa < pb }
        if na != nb { return na < nb }
        return a < b
    }

    static func split(_ id: String) -> (String, Int) {
        let digits = id.reversed().prefix { $0.isNumber }
        let number = Int(String(digits.reversed())) ?? 0
        return (String(id.dropLast(digits.count)), number)
    }
}
