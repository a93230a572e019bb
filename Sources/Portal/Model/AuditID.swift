/// Which audit: its project folder and its file name without language and extension. Written
/// `<project>/<slug>` in URLs, JSON and messages, but kept as its two parts, so nothing splits a
/// string to find the project again.
public struct AuditID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let project: String
    public let slug: String

    public init(project: String, slug: String) {
        self.project = project
        self.slug = slug
    }

    /// `acme/2025-03-10-audit`.
    public var description: String { "\(project)/\(slug)" }

    public static func < (lhs: AuditID, rhs: AuditID) -> Bool {
        (lhs.project, lhs.slug) < (rhs.project, rhs.slug)
    }
}
