import Extraction

/// Open GAPs of a project at each of its dated audits, by severity: what was still open as of that
/// audit (including GAPs carried without being re-assessed).
public struct Burndown: Sendable {
    public struct Point: Sendable {
        public let auditID: AuditID
        public let date: AuditDate
        /// Open (or partially done) GAPs by severity; `nil` key counts GAPs without a severity.
        public let counts: [Severity?: Int]
        public var total: Int { counts.values.reduce(0, +) }
    }

    public let points: [Point]

    /// One sweep over the audits in order, keeping each GAP's latest state: linear in the number of
    /// statements, so a project with hundreds of audits and thousands of GAPs stays fast.
    init(audits: [AuditRecord], histories: [GapHistory]) {
        var statementsByAudit: [AuditID: [(id: String, status: Status, severity: Severity?)]] = [:]
        for history in histories {
            for entry in history.entries {
                statementsByAudit[entry.auditID, default: []].append((history.id, entry.status, entry.severity))
            }
        }
        var state: [String: (open: Bool, severity: Severity?)] = [:]
        var counts: [Severity?: Int] = [:]
        var points: [Point] = []
        for audit in audits {
            for statement in statementsByAudit[audit.id] ?? [] {
                let previous = state[statement.id]
                if let previous, previous.open { counts[previous.severity, default: 0] -= 1 }
                let severity = statement.severity ?? previous?.severity
                let open = statement.status.isOpen
                state[statement.id] = (open, severity)
                if open { counts[severity, default: 0] += 1 }
            }
            guard let date = audit.date else { continue }
            points.append(Point(auditID: audit.id, date: date, counts: counts.filter { $0.value > 0 }))
        }
        self.points = points
    }
}
