import Diagnostics
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
    /// What only the whole project can tell (an ID mentioned but defined in none of its audits).
    public let diagnostics: [Diagnostic]
    /// Positions in `audits` and `gaps`: built with the timeline, so a rebuild that keeps the
    /// timeline keeps its indexes too.
    private let auditIndex: [AuditID: Int]
    private let gapIndex: [String: Int]

    public var slug: String { info.slug }
    public var latest: AuditRecord? { audits.last }

    public init(info: ProjectInfo, audits: [AuditRecord], ids: IDMatcher) {
        self.info = info
        let ordered = audits.sorted(by: AuditRecord.chronological)
        self.audits = ordered
        trends = ProjectTrends(audits: ordered)
        let gaps = GapTracker(project: info.slug, audits: ordered).histories()
        self.gaps = gaps
        burndown = Burndown(audits: ordered, histories: gaps)
        trackedItems = TrackedItem.track(ordered)
        changes = AuditChanges.all(audits: ordered, histories: gaps)
        var auditIndex: [AuditID: Int] = [:]
        for (a, audit) in ordered.enumerated() { auditIndex[audit.id] = a }
        var gapIndex: [String: Int] = [:]
        for (g, gap) in gaps.enumerated() { gapIndex[gap.id] = g }
        self.auditIndex = auditIndex
        self.gapIndex = gapIndex
        var diagnostics: [Diagnostic] = []
        for audit in ordered {
            var reported: Set<String> = []
            for mention in audit.facts.mentions where gapIndex[mention.id] == nil && ids.isID(mention.id) {
                guard reported.insert(mention.id).inserted else { continue }
                diagnostics.append(.warning(audit.files[audit.sourceLanguage], line: mention.line, code: "gap.undefined",
                    "\(mention.id) is mentioned but defined in no audit of project '\(info.slug)'; it is left as plain text"))
            }
        }
        self.diagnostics = diagnostics
    }

    public func audit(_ id: AuditID) -> AuditRecord? {
        auditIndex[id].map { audits[$0] }
    }

    /// True when the project tracks a GAP of that ID (what a page links to).
    public func hasGap(_ id: String) -> Bool { gapIndex[id] != nil }

    public func gap(_ id: String) -> GapHistory? {
        gapIndex[id].map { gaps[$0] }
    }

    /// Everything else a timeline holds is computed from its name and its audits, so two timelines
    /// with the same are the same (and comparing them costs no more than comparing the audits).
    public static func == (lhs: ProjectTimeline, rhs: ProjectTimeline) -> Bool {
        lhs.info == rhs.info && lhs.audits == rhs.audits
    }

    /// The audit before `auditID` in this project's timeline.
    public func previous(of auditID: AuditID) -> AuditRecord? {
        guard let i = auditIndex[auditID], i > 0 else { return nil }
        return audits[i - 1]
    }

    /// Open (or partially done) GAPs by their last stated severity.
    public var openGapsBySeverity: [Severity?: Int] {
        var counts: [Severity?: Int] = [:]
        for gap in gaps where gap.status.isOpen { counts[gap.severity, default: 0] += 1 }
        return counts
    }
}
