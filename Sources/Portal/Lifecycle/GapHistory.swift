import Extraction

/// One GAP of one project across all its audits.
public struct GapHistory: Sendable, Equatable {
    public enum Event: String, Sendable, Codable, CaseIterable {
        /// First stated open.
        case opened
        /// Open before, open again.
        case carried
        /// Open before, done now (or first seen done).
        case closed
        /// Done before, open again.
        case reopened
        /// Done before, still done.
        case stillClosed
        /// Stated with an unknown status.
        case restated
        /// Stated accepted (acknowledged, won't fix): no longer counted open, never counted fixed.
        case accepted
    }

    /// What one audit states about the GAP.
    public struct Entry: Sendable, Equatable {
        public let auditID: AuditID
        public let date: AuditDate?
        public let status: Status
        public let severity: Severity?
        public let title: String
        /// Line of the definition in the audit's source text.
        public let line: Int
        public let event: Event
    }

    /// A place in an audit's text that names the GAP.
    public struct Reference: Sendable, Equatable {
        public let auditID: AuditID
        public let line: Int
        /// Anchor and title of the section it sits in.
        public let sectionAnchor: String?
        public let sectionTitle: String?
    }

    public let project: String
    public let id: String
    public internal(set) var entries: [Entry] = []
    public internal(set) var references: [Reference] = []
    /// Set when the project's latest audit does not state the GAP: its status is as of this date.
    public internal(set) var notReassessedSince: AuditDate?
    /// Days from first seen to closing, or to the project's latest audit while open.
    public internal(set) var ageDays: Int?

    init(project: String, id: String) {
        self.project = project
        self.id = id
    }

    public var key: GapKey { GapKey(project: project, id: id) }
    /// The last title a statement gave (a re-check that only names the ID keeps the earlier one).
    public var title: String { entries.last { $0.title != id }?.title ?? id }
    public var severity: Severity? { entries.last { $0.severity != nil }?.severity }
    public var status: Status { entries.last?.status ?? .unknown }
    public var firstSeen: AuditDate? { entries.first?.date }
    public var lastSeen: AuditDate? { entries.last?.date }
    public var reopened: Bool { entries.contains { $0.event == .reopened } }
    /// Date of the closing that still holds (nil while open).
    public var closedOn: AuditDate? {
        guard status == .done else { return nil }
        return entries.last { $0.event == .closed }?.date
    }
    /// Severities in order of change (`[high, critical]` when it got worse).
    public var severityChanges: [Severity] {
        var result: [Severity] = []
        for entry in entries { if let s = entry.severity, result.last != s { result.append(s) } }
        return result
    }
}
