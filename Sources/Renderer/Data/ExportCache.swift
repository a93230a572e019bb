import Foundation

/// Serialized export elements per project, kept between builds of one process (`serve`).
public final class ExportCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [String]] = [:]

    public init() {}

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
