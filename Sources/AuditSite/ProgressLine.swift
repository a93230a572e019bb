import Foundation
import SiteBuilder

/// A build's progress on a terminal: "reading 532/1000 files", then "writing 4100/7548 pages",
/// redrawn in place on stderr a few times a second and erased at the end. Nothing is drawn when
/// stderr is not a terminal (CI logs, pipes), so logs stay clean.
final class ProgressLine: @unchecked Sendable {
    private let progress: BuildProgress
    private let timer: DispatchSourceTimer
    private var drawn = false

    /// Starts drawing, or returns nil when stderr is not a terminal.
    init?(_ progress: BuildProgress) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.progress = progress
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "audit-site.progress"))
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    private func draw() {
        let now = progress.snapshot
        guard let step = now.step, now.total > 0 else { return }
        let unit = step == "reading" ? "files" : "pages"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(step) \(now.done)/\(now.total) \(unit)".utf8))
        drawn = true
    }

    /// Stops drawing and erases the line.
    func finish() {
        timer.setEventHandler {}
        timer.cancel()
        // Runs on the timer's queue, after any draw in flight.
        DispatchQueue(label: "audit-site.progress.end").sync {}
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
