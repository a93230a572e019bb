import Foundation

/// Serialized pieces per project, kept between builds of one process (`serve`): export elements
/// and GAP index rows. Keys end with `\u{0}<project>` so a project's pieces are dropped together.
public final class ExportCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [String]] = [:]

    public init() {}

    /// One serialized piece (a GAP index row) by key.
    func row(_ key: String, _ make: () -> String) -> String {
        if let cached = lock.withLock({ entries[key] })?.first { return cached }
        let value = make()
        lock.withLock { entries[key] = [value] }
        return value
    }

    func get(_ key: String) -> [String]? {
        lock.withLock { entries[key] }
    }

    func set(_ key: String, _ value: [String]) {
        lock.withLock { entries[key] = value }
    }

    /// Forgets what was serialized for these projects (their audits or GAPs changed).
    public func invalidate(projects: Set<String>) {
        lock.withLock {
            entries = entries.filter { key, _ in
                guard let slug = key.split(separator: "\u{0}").last else { return false }
                return !projects.contains(String(slug))
            }
        }
    }

    public func invalidateAll() {
        lock.withLock { entries = [:] }
    }
}
