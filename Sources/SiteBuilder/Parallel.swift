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
