import Diagnostics
import Foundation

/// Broadcasts reload and diagnostics events to every open page (server-sent events).
///
/// An actor because builds publish while requests subscribe and unsubscribe concurrently. It also
/// remembers the current failure, so a page opened while the build is broken shows the overlay
/// at once instead of the stale page looking fine.
actor ReloadChannel {
    /// One line of the overlay; `text` is what the page shows.
    struct OverlayItem: Codable, Equatable, Sendable {
        var file: String?
        var line: Int?
        var code: String
        var message: String
        /// `file:line: message`, the form editors and terminals link to.
        var text: String
    }

    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var overlay: [OverlayItem] = []
    private var isClosed = false

    var subscriberCount: Int { subscribers.count }

    /// A stream of ready-to-write SSE frames; it ends when the channel closes.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(64))
        guard !isClosed else {
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        subscribers[id] = continuation
        // The closure holds the channel only until the stream ends, so there is no lasting cycle.
        continuation.onTermination = { _ in
            Task { await self.remove(id) }
        }
        // A first frame flushes the response head, so the browser reports the connection open.
        continuation.yield(": connected\nretry: 1000\n\n")
        if !overlay.isEmpty { continuation.yield(Self.diagnosticsFrame(overlay)) }
        return stream
    }

    /// - Parameter changed: false when the build wrote nothing (a file touched, not changed): open
    ///   pages are left alone, unless an overlay of an earlier failure must be taken down.
    func buildSucceeded(changed: Bool = true) {
        guard changed || !overlay.isEmpty else { return }
        overlay = []
        broadcast(Self.frame(event: "reload", data: "{}"))
    }

    /// Shows the error-level diagnostics; the pages themselves are not reloaded, so they keep
    /// showing the last good build underneath.
    func buildFailed(_ diagnostics: [Diagnostic]) {
        overlay = Self.overlayItems(for: diagnostics)
        broadcast(Self.diagnosticsFrame(overlay))
    }

    /// A comment frame; writing it is how a connection whose page was closed gets noticed.
    func heartbeat() {
        broadcast(": ping\n\n")
    }

    /// Ends every stream so open event requests finish and the server can stop.
    func close() {
        isClosed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func remove(_ id: Int) {
        subscribers[id] = nil
    }

    private func broadcast(_ frame: String) {
        for continuation in subscribers.values { continuation.yield(frame) }
    }

    static func overlayItems(for diagnostics: [Diagnostic]) -> [OverlayItem] {
        let errors = diagnostics.filter { $0.severity == .error }.sorted()
        guard !errors.isEmpty else {
            // A failed build always shows something, even if the builder gave no reason.
            return [OverlayItem(file: nil, line: nil, code: "build.failed", message: "The build failed.", text: "The build failed.")]
        }
        return errors.map { diagnostic in
            var location = ""
            if let file = diagnostic.file {
                location = file + (diagnostic.line.map { ":\($0)" } ?? "") + ": "
            }
            return OverlayItem(
                file: diagnostic.file, line: diagnostic.line, code: diagnostic.code.rawValue,
                message: diagnostic.message, text: location + diagnostic.message
            )
        }
    }

    static func diagnosticsFrame(_ items: [OverlayItem]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(items)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return frame(event: "diagnostics", data: json)
    }

    /// SSE framing; every line of `data` gets its own `data:` field so no payload can end a frame
    /// early or forge another event.
    static func frame(event: String, data: String) -> String {
        var frame = "event: \(event)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            frame += "data: \(line.replacingOccurrences(of: "\r", with: ""))\n"
        }
        return frame + "\n"
    }
}
