import Extraction

/// Open GAPs of a project at each of its dated audits, by severity: what was still open as of that
/// audit (including GAPs carried without being re-assessed).
public struct Burndown: Sendable {
    public struct Point: Sendable {
        public let auditID: String
        public let date: AuditDate
        /// Open (or partially done) GAPs by severity; `nil` key counts GAPs without a severity.
        public let counts: [Severity?: Int]
        public var total: Int { counts.values.reduce(0, +) }
    }

    public let points: [Point]

    init(audits: [AuditRecord], histories: [GapHistory]) {
        var positions: [String: Int] = [:]
        for (i, a) in audits.enumerated() { positions[a.id] = i }
        var points: [Point] = []
        for (i, audit) in audits.enumerated() {
            guard let date = audit.date else { continue }
            var counts: [Severity?: Int] = [:]
            for history in histories {
                guard let last = history.entries.last(where: { (positions[$0.auditID] ?? .max) <= i }), last.status.isOpen else { continue }
                let severity = history.entries.last { (positions[$0.auditID] ?? .max) <= i && $0.severity != nil }?.severity
                counts[severity, default: 0] += 1
            }
            points.append(Point(auditID: audit.id, date: date, counts: counts))
        }
        self.points = points
    }
}
