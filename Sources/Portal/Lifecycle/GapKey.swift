/// Which GAP: an ID is unique within its project only (`GAP-1` of two projects are two GAPs).
public struct GapKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let project: String
    public let id: String

    public init(project: String, id: String) {
        self.project = project
        self.id = id
    }

    /// `acme/GAP-1`.
    public var description: String { "\(project)/\(id)" }

    public static func < (lhs: GapKey, rhs: GapKey) -> Bool { (lhs.project, lhs.id) < (rhs.project, rhs.id) }
}
