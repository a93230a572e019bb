import Extraction

/// What changed in an audit since the previous audit of the same project.
public struct AuditChanges: Sendable, Equatable {
    public struct DomainDelta: Sendable, Equatable {
        public let key: String
        public let label: String
        public let before: Double?
        public let after: Double?
        public var delta: Double? {
            guard let before, let after else { return nil }
            return ((after - before) * 100).rounded() / 100
        }
    }

    public let previousAuditID: AuditID?
    public let scoreBefore: Double?
    public let scoreAfter: Double?
    public let domains: [DomainDelta]
    public let newGaps: [String]
    public let closedGaps: [String]
    public let reopenedGaps: [String]
    public let carriedGaps: [String]
    /// Open before, not mentioned in this audit.
    public let notReassessedGaps: [String]

    public var scoreDelta: Double? {
        guard let scoreBefore, let scoreAfter else { return nil }
        return ((scoreAfter - scoreBefore) * 100).rounded() / 100
    }

    /// Changes of every audit of a project, in one sweep over the audits in order (linear in the
    /// number of GAP statements, whatever the number of audits).
    static func all(audits: [AuditRecord], histories: [GapHistory]) -> [AuditID: AuditChanges] {
        var statementsByAudit: [AuditID: [(id: String, event: GapHistory.Event, first: Bool)]] = [:]
        for history in histories {
            for (i, entry) in history.entries.enumerated() {
                statementsByAudit[entry.auditID, default: []].append((history.id, entry.event, i == 0))
            }
        }
        // Histories come sorted by ID: their position is the sort key (no string splitting per comparison).
        var order: [String: Int] = [:]
        for (i, history) in histories.enumerated() { order[history.id] = i }
        let sort: ([String]) -> [String] = { $0.sorted { order[$0, default: .max] < order[$1, default: .max] } }
        var openNow: Set<String> = []
        var result: [AuditID: AuditChanges] = [:]
        for (i, audit) in audits.enumerated() {
            var new: [String] = [], closed: [String] = [], reopened: [String] = [], carried: [String] = []
            let statements = statementsByAudit[audit.id] ?? []
            let stated = Set(statements.map(\.id))
            for s in statements {
                switch s.event {
                case .opened: new.append(s.id)
                case .restated where s.first, .accepted where s.first: new.append(s.id)
                case .closed where !s.first: closed.append(s.id)
                case .closed: new.append(s.id)
                case .reopened: reopened.append(s.id)
                case .carried: carried.append(s.id)
                default: break
                }
            }
            let stale = sort(Array(openNow.subtracting(stated)))
            for s in statements {
                switch s.event {
                case .opened, .carried, .reopened: openNow.insert(s.id)
                case .closed, .stillClosed, .restated, .accepted: openNow.remove(s.id)
                }
            }
            result[audit.id] = between(previous: i > 0 ? audits[i - 1] : nil, current: audit, new: sort(new), closed: sort(closed),
                                       reopened: sort(reopened), carried: sort(carried), stale: stale)
        }
        return result
    }

    static func between(previous: AuditRecord?, current: AuditRecord, new: [String], closed: [String], reopened: [String],
                        carried: [String], stale: [String]) -> AuditChanges {
        var deltas: [AuditChanges.DomainDelta] = []
        for d in current.facts.domainScores {
            let before = previous?.facts.domainScores.first { $0.domain == d.domain }?.score.value
            deltas.append(.init(key: d.domain, label: d.label, before: before, after: d.score.value))
        }
        for d in previous?.facts.domainScores ?? [] where !current.facts.domainScores.contains(where: { $0.domain == d.domain }) {
            deltas.append(.init(key: d.domain, label: d.label, before: d.score.value, after: nil))
        }
        return AuditChanges(previousAuditID: previous?.id, scoreBefore: previous?.facts.score?.value, scoreAfter: current.facts.score?.value,
                            domains: deltas, newGaps: new, closedGaps: closed, reopenedGaps: reopened, carriedGaps: carried,
                            notReassessedGaps: stale)
    }
}
