import Extraction

/// What changed in an audit since the previous audit of the same project.
public struct AuditChanges: Sendable {
    public struct DomainDelta: Sendable {
        public let key: String
        public let label: String
        public let before: Double?
        public let after: Double?
        public var delta: Double? {
            guard let before, let after else { return nil }
            return ((after - before) * 100).rounded() / 100
        }
    }

    public let previousAuditID: String?
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

    public var isEmpty: Bool {
        previousAuditID == nil
    }

    /// - Parameters:
    ///   - position: the current audit's place in the project's chronological list.
    ///   - positions: every audit's place, by audit ID.
    static func between(previous: AuditRecord?, current: AuditRecord, position: Int, positions: [String: Int],
                        histories: [GapHistory]) -> AuditChanges {
        var new: [String] = [], closed: [String] = [], reopened: [String] = [], carried: [String] = [], stale: [String] = []
        for history in histories {
            if let index = history.entries.firstIndex(where: { $0.auditID == current.id }) {
                switch history.entries[index].event {
                case .opened: new.append(history.id)
                case .restated where index == 0: new.append(history.id)
                case .closed where index > 0: closed.append(history.id)
                case .closed: new.append(history.id)
                case .reopened: reopened.append(history.id)
                case .carried: carried.append(history.id)
                default: break
                }
            } else if let last = history.entries.last(where: { (positions[$0.auditID] ?? .max) < position }), last.status.isOpen {
                stale.append(history.id)
            }
        }
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
