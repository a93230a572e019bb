import Dispatch
import Foundation
@testable import SiteBuilder
import Testing

/// The build's parallelism: a map keeps its input's order whatever finishes first, and work started
/// on a thread of its own (the exports while pages render) runs beside the caller and gives its
/// result to every wait.
@Suite struct ParallelTests {
    @Test func aMapKeepsTheOrderOfItsInput() {
        let inputs = Array(0..<500)
        // Later elements finish first: the output is still in the input's order.
        let outputs = Parallel.map(inputs) { value -> String in
            if value % 7 == 0 { usleep(200) }
            return "v\(value)"
        }
        #expect(outputs == inputs.map { "v\($0)" })
    }

    @Test func startedWorkRunsBesideTheCallerAndEveryWaitGetsItsResult() {
        let callerReady = DispatchSemaphore(value: 0)
        // The work waits for the caller: had `start` run it before returning, this would never end.
        let pending = Parallel.start { () -> [Int] in
            callerReady.wait()
            return Parallel.map(Array(0..<100)) { $0 * 2 }
        }
        callerReady.signal()
        #expect(pending.wait() == (0..<100).map { $0 * 2 })
        #expect(pending.wait().count == 100)
    }
}
