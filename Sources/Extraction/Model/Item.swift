/// Something the report asks to track: a GAP or finding, a task, a checklist line, a recommendation, a risk.
public struct Item: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case gap, task, check, recommendation, risk
    }

    public let kind: Kind
    /// Explicit ID (`GAP-1401`) when the report gives one.
    public let id: String?
    /// The number the report gives the item when it has no ID (`1.1`, `High 1`: numbering that
    /// restarts in each severity section), kept to show and to tell items apart.
    public var ref: String?
    public var title: String
    public var severity: Severity?
    public var status: Status
    /// The words the report used for severity and status, kept for display and diagnostics.
    public var severityText: String?
    public var statusText: String?
    /// Line of the defining row, list item or heading.
    public let line: Int
    /// Other lines where the same item is defined again (one GAP in several tables is one item).
    public var otherLines: [Int]

    public init(kind: Kind, id: String?, title: String, severity: Severity?, status: Status,
                severityText: String? = nil, statusText: String? = nil, line: Int, otherLines: [Int] = [], ref: String? = nil) {
        self.kind = kind
        self.id = id
        self.ref = ref
        self.title = title
        self.severity = severity
        self.status = status
        self.severityText = severityText
        self.statusText = statusText
        self.line = line
        self.otherLines = otherLines
    }
}

public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// `info`: informational findings (Informational, Note, Gas): worth reading, nothing to fix.
    case critical, high, medium, low, info

    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        case .info: 4
        }
    }

    /// The CVSS v3 band of a base score (0 is informational, as reports of pentests list it).
    public init?(cvss score: Double) {
        switch score {
        case 9.0...10.0: self = .critical
        case 7.0..<9.0: self = .high
        case 4.0..<7.0: self = .medium
        case 0.1..<4.0: self = .low
        case 0.0..<0.1: self = .info
        default: return nil
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    /// `accepted`: the team acknowledged the finding and chose not to fix it (Acknowledged, Risk
    /// accepted, Won't fix): neither open nor done, and kept out of open counts and burn-down.
    case open, partial, done, accepted, unknown

    /// Still needs work: open and partial items count as open GAPs.
    public var isOpen: Bool { self == .open || self == .partial }
}
