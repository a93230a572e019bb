import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for Ctrl-C (SIGINT) or SIGTERM without killing the process, so `run()` can stop the
/// server cleanly. After the first signal the default action is restored: a second Ctrl-C
/// still kills a stuck process.
enum TerminationSignal {
    /// Returns on the first signal, or when the calling task is cancelled.
    static func wait() async {
        let box = SourceBox()
        let stream = AsyncStream<Int32> { continuation in
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                box.sources.append(source)
            }
        }
        for await _ in stream { break }
        box.sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Holds the dispatch sources alive while waiting; only touched before and after the wait.
    private final class SourceBox: @unchecked Sendable {
        var sources: [any DispatchSourceSignal] = []
    }
}
