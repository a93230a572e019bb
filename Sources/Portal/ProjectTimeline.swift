import Extraction

/// A project and everything the portal derives from its audits across dates.
public struct ProjectTimeline: Sendable, Equatable {
    public let info: ProjectInfo
    /// Chronological (undated first, then by date, then by slug).
    public let audits: [AuditRecord]
    public let trends: ProjectTrends
    public let gaps: [GapHistory]
    public let burndown: Burndown
    public let trackedItems: [TrackedItem]
    /// Changes of each audit since the previous one, by audit ID.
    public let changes: [AuditID: AuditChanges]

    public var slug: String { info.slug }
    public var latest: AuditRecord? { audits.last }

    public init(info: ProjectInfo, audits: [AuditRecord]) {
        self.info = info
        let ordered = audits.sorted(by: AuditRecord.chronological)
        self.audits = ordered
        trends = ProjectTrends(audits: ordered)
        let gaps = GapTracker(project: info.slug, audits: ordered).histories()
        self.gaps = gaps
        burndown = Burndown(audits: ordered, histories: gaps)
        trackedItems = TrackedItem.track(ordered)
        changes = AuditChanges.all(audits: ordered, histories: gaps)
    }

    /// Everything else a timeline holds is computed from its name and its audits, so two timelines
    /// with the same are the same (and comparing them costs no more than comparing the audits).
    public static func == (lhs: ProjectTimeline, rhs: ProjectTimeline) -> Bool {
        lhs.info == rhs.info && lhs.audits == rhs.audits
    }

    /// The audit before `auditID` in this project's timeline.
    public func previous(of auditID: AuditID) -> AuditRecord? {
        guard let i = audits.firstIndex(where: { $0.id == auditID }), i > 0 else { return nil }
        return audits[i - 1]
    }

    /// Open (or partially done) GAPs by their last stated severity.
    public var openGapsBySeverity: [Severity?: Int] {
        var counts: [Severity?: Int] = [:]
        for gap in gaps where gap.status.isOpen { counts[gap.severity, default: 0] += 1 }
        return counts
    }
}
