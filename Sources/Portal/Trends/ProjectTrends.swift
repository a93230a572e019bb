import Extraction

/// Scores of a project over time: the global score and one series per domain, aligned on the
/// project's dated audits. A domain missing from an audit is a hole in its series, never a zero.
public struct ProjectTrends: Sendable {
    public struct Point: Sendable {
        public let auditID: AuditID
        public let date: AuditDate
        public let value: Double
    }

    public struct Series: Sendable {
        /// Glossary key (`security`); labels seen in reports are merged under it.
        public let key: String
        /// The label the latest audit used.
        public let label: String
        /// One slot per dated audit; nil where the audit gives no score for this domain.
        public let values: [Double?]
    }

    /// The dated audits, chronological; every series is aligned on them.
    public let auditIDs: [AuditID]
    public let dates: [AuditDate]
    public let global: [Double?]
    public let domains: [Series]

    init(audits: [AuditRecord]) {
        let dated = audits.filter { $0.date != nil }
        auditIDs = dated.map(\.id)
        dates = dated.map { $0.date! }
        global = dated.map { $0.facts.score?.value }
        var order: [String] = []
        var labels: [String: String] = [:]
        for audit in dated {
            for d in audit.facts.domainScores {
                if labels[d.domain] == nil { order.append(d.domain) }
                labels[d.domain] = d.label
            }
        }
        domains = order.map { key in
            Series(key: key, label: labels[key] ?? key,
                   values: dated.map { audit in audit.facts.domainScores.first { $0.domain == key }?.score.value })
        }
    }

    public var hasData: Bool { global.contains { $0 != nil } || !domains.isEmpty }
}
