import Dispatch
import Foundation

/// Maps over an array on every core, keeping the input order in the output.
///
/// The work per element (read, repair, parse, extract, render) is independent, so this is all the
/// parallelism the build needs: no shared mutable state beyond each result slot.
enum Parallel {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1 else { return inputs.map(transform) }
        let slots = Slots<Output>(count: inputs.count)
        let workers = min(inputs.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                guard i < inputs.count else { break }
                slots.set(i, transform(inputs[i]))
            }
        }
        return slots.values()
    }

    /// Starts `work` on a thread of its own and returns at once: for work that overlaps a parallel
    /// map rather than following it (the exports while pages render), so that its longest part does
    /// not leave one core alone at the end.
    static func start<Output: Sendable>(_ work: @escaping @Sendable () -> Output) -> Pending<Output> {
        Pending(work)
    }

    /// The result of `start`, waited for.
    final class Pending<Output: Sendable>: @unchecked Sendable {
        /// Written once by the work's thread; the lock (which the thread sanitizer sees, where it may
        /// not see the semaphore's ordering) guards it, the semaphore says when it is there.
        private var result: Output?
        private let lock = NSLock()
        private let done = DispatchSemaphore(value: 0)

        fileprivate init(_ work: @escaping @Sendable () -> Output) {
            let thread = Thread { [self] in
                let value = work()
                lock.withLock { result = value }
                done.signal()
            }
            // As a dispatch worker's: the work may recurse as deep as any step of the build.
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// Blocks until the work is done; its result (again on every call).
        func wait() -> Output {
            done.wait()
            defer { done.signal() }
            return lock.withLock { result! }
        }
    }

    /// Result slots written once each by distinct workers.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: T) {
            lock.lock()
            storage[i] = value
            lock.unlock()
        }

        func values() -> [T] { storage.map { $0! } }
    }

    /// The next index to work on, shared by the workers (work stealing keeps both cores busy when
    /// some reports are much larger than others).
    private final class Counter: @unchecked Sendable {
        private var value = -1
        private let lock = NSLock()

        func increment() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
