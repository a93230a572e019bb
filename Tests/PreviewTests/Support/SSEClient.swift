import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SSEEvent: Sendable, Equatable {
    var event: String
    var data: String
}

/// Reads `GET /__audit-site/events` on a raw socket in a background thread and collects events.
final class SSEClient: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var headBytes: [UInt8] = []
    private var head: RawResponse?
    private var events: [SSEEvent] = []
    private var comments = 0
    private var consumed = 0
    private var ended = false

    init(port: Int, headers: [String] = []) throws {
        fd = try RawHTTP.connect(port: port, receiveTimeout: 30)
        var text = "GET /__audit-site/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n"
        for header in headers { text += header + "\r\n" }
        try RawHTTP.writeAll(fd, Array((text + "\r\n").utf8))
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    /// The response head once received.
    func response(timeout: Duration = .seconds(10)) async -> RawResponse? {
        await waitUntil(timeout) { self.head }
    }

    /// The next event not yet returned (comments are skipped), or `nil` after `timeout`.
    func next(timeout: Duration = .seconds(10)) async -> SSEEvent? {
        await waitUntil(timeout) {
            guard self.consumed < self.events.count else { return nil }
            self.consumed += 1
            return self.events[self.consumed - 1]
        }
    }

    /// Number of `:` comment frames seen (the connect frame, heartbeats).
    var commentCount: Int { lock.withLock { comments } }
    var hasEnded: Bool { lock.withLock { ended } }

    func close() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    private func waitUntil<T>(_ timeout: Duration, _ check: @escaping () -> T?) async -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = lock.withLock(check) { return value }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    private func readLoop() {
        defer {
            lock.withLock { ended = true }
            closeSocket(fd)
        }
        var buffer = [UInt8](repeating: 0, count: 16384)
        var raw: [UInt8] = []       // bytes off the wire
        var body: [UInt8] = []      // de-chunked body not yet split into frames
        var chunked: Bool?
        while true {
            let count = read(fd, &buffer, buffer.count)
            // A signal (another test's child process ending) interrupts the call: read again.
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return }
            raw.append(contentsOf: buffer[0..<count])
            if chunked == nil {
                guard let split = raw.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
                let parsed = try? RawHTTP.parse(Array(raw[..<split.upperBound]))
                lock.withLock { head = parsed }
                chunked = parsed?.header("transfer-encoding")?.lowercased() == "chunked"
                raw = Array(raw[split.upperBound...])
            }
            if chunked == true {
                body += Self.takeChunks(from: &raw)
            } else {
                body += raw
                raw = []
            }
            while let end = body.firstRange(of: Array("\n\n".utf8)) {
                parseFrame(String(decoding: body[..<end.lowerBound], as: UTF8.self))
                body = Array(body[end.upperBound...])
            }
        }
    }

    /// Removes every complete `size CRLF data CRLF` chunk from `raw` and returns their data.
    private static func takeChunks(from raw: inout [UInt8]) -> [UInt8] {
        var data: [UInt8] = []
        while let lineEnd = raw.firstRange(of: Array("\r\n".utf8)),
              let size = Int(String(decoding: raw[..<lineEnd.lowerBound], as: UTF8.self), radix: 16),
              raw.count >= lineEnd.upperBound + size + 2 {
            data += raw[lineEnd.upperBound..<lineEnd.upperBound + size]
            raw = Array(raw[(lineEnd.upperBound + size + 2)...])
        }
        return data
    }

    private func parseFrame(_ frame: String) {
        var name = "message"
        var data: [String] = []
        var isComment = false
        for line in frame.split(separator: "\n") {
            if line.hasPrefix(":") { isComment = true }
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
        }
        lock.withLock {
            if !data.isEmpty {
                events.append(SSEEvent(event: name, data: data.joined(separator: "\n")))
            } else if isComment {
                comments += 1
            }
        }
    }
}

private func closeSocket(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
