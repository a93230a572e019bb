/// Something the report asks to track: a GAP or finding, a task, a checklist line, a recommendation, a risk.
public struct Item: Sendable, Equatable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case gap, task, check, recommendation, risk
    }

    public let kind: Kind
    /// Explicit ID (`GAP-1401`) when the report gives one.
    public let id: String?
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
                severityText: String? = nil, statusText: String? = nil, line: Int, otherLines: [Int] = []) {
        self.kind = kind
        self.id = id
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
    case critical, high, medium, low

    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    case open, partial, done, unknown

    /// Still needs work: open and partial items count as open GAPs.
    public var isOpen: Bool { self == .open || self == .partial }
}
