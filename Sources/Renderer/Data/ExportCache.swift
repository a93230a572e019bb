import Foundation
import Portal

/// Serialized pieces per project, kept between builds of one process (`serve`): export elements
/// and GAP index rows. Held by project, so a project's pieces are dropped together.
public final class ExportCache: @unchecked Sendable {
    /// What a piece is, within its project.
    enum Piece: Hashable {
        /// The elements of one export (`audits`, `gaps`) for the project.
        case export(String)
        /// A GAP's row in the GAP index in one language.
        case indexRow(language: String, gap: String)
    }

    private let lock = NSLock()
    private var projects: [String: [Piece: [String]]] = [:]

    public init() {}

    /// One serialized piece (a GAP index row).
    func row(_ piece: Piece, project: String, _ make: () -> String) -> String {
        if let cached = get(piece, project: project)?.first { return cached }
        let value = make()
        set(piece, project: project, [value])
        return value
    }

    func get(_ piece: Piece, project: String) -> [String]? {
        lock.withLock { projects[project]?[piece] }
    }

    func set(_ piece: Piece, project: String, _ value: [String]) {
        lock.withLock { projects[project, default: [:]][piece] = value }
    }

    /// Forgets what was serialized for these projects (their audits or GAPs changed).
    public func invalidate(projects changed: Set<String>) {
        lock.withLock { for project in changed { projects[project] = nil } }
    }

    public func invalidateAll() {
        lock.withLock { projects = [:] }
    }
}
