import Foundation

/// How far a build has come: which step, and how many of its units (files read, pages written) are
/// done. The builder counts; the command line shows it on a terminal (see `ProgressLine`), so the
/// builder itself never writes to the console.
public final class BuildProgress: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// `reading` (report files) or `writing` (pages); nil between steps.
        public var step: String?
        public var done: Int
        public var total: Int
    }

    private let lock = NSLock()
    private var state = Snapshot(step: nil, done: 0, total: 0)

    public init() {}

    public var snapshot: Snapshot { lock.withLock { state } }

    func begin(_ step: String, total: Int) {
        lock.withLock { state = Snapshot(step: step, done: 0, total: total) }
    }

    func advance() {
        lock.withLock { state.done += 1 }
    }

    func end() {
        lock.withLock { state = Snapshot(step: nil, done: 0, total: 0) }
    }
}
