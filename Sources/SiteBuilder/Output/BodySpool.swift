import Foundation
import Renderer
#if canImport(Glibc)
import Glibc
#endif

/// Rendered report bodies kept on disk between reading and writing, instead of in memory.
///
/// Bodies are the bulk of what a build holds (10,000 audits: about 750 MB of HTML) and each is
/// needed once or twice, when its pages are written. They go to one anonymous temporary file
/// (unlinked as soon as it is opened, so nothing is left behind even after a crash) and are read
/// back at the offsets recorded here.
final class BodySpool: @unchecked Sendable {
    /// Where a body is in the spool, and its table of contents (small, kept in memory).
    struct Entry: Sendable {
        let offset: Int
        let length: Int
        let toc: [RenderedBody.TOCEntry]
        /// The body itself when it could not be spooled (no temporary file, a full disk): kept in
        /// memory rather than lost.
        var inline: [UInt8]? = nil
        /// A file other than the spool that holds the body at `offset` (a `--cache` entry, which the
        /// build's lock on the cache folder keeps in place): nothing is copied until a page needs it.
        var file: String? = nil
    }

    private let fd: Int32
    private let lock = NSLock()
    private var end = 0

    init() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-site-bodies-\(getpid())-\(UUID().uuidString)").path
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { unlink(path) }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Stores a body; when the temporary file is unusable or full, the entry keeps the body in memory.
    func store(_ body: RenderedBody) -> Entry {
        let html = body.html
        let count = html.count
        let offset: Int = lock.withLock {
            defer { end += count }
            return end
        }
        guard fd >= 0 else { return Entry(offset: 0, length: -1, toc: body.toc, inline: body.html) }
        let ok = html.withUnsafeBufferPointer { buffer -> Bool in
            var written = 0
            while written < buffer.count {
                let n = pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(offset + written))
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        return ok ? Entry(offset: offset, length: count, toc: body.toc) : Entry(offset: 0, length: -1, toc: body.toc, inline: body.html)
    }

    /// Forgets every body (a full build reads everything again): the file does not grow with each build.
    func reset() {
        lock.withLock {
            end = 0
            if fd >= 0 { _ = ftruncate(fd, 0) }
        }
    }

    /// True when the bytes are valid UTF-8, checked scalar by scalar without building anything.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// The body back; nil when its bytes cannot be read (its page then fails to render, rather than
    /// being written, and cached, without its text).
    func load(_ entry: Entry) -> RenderedBody? {
        if let inline = entry.inline { return RenderedBody(html: inline, toc: entry.toc) }
        guard entry.length > 0 else { return RenderedBody(html: [], toc: entry.toc) }
        var fd = self.fd
        if let file = entry.file {
            fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
        }
        defer { if entry.file != nil { close(fd) } }
        var bytes = [UInt8](repeating: 0, count: entry.length)
        let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var read = 0
            while read < buffer.count {
                let n = pread(fd, buffer.baseAddress! + read, buffer.count - read, off_t(entry.offset + read))
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 { return false }
                read += n
            }
            return true
        }
        guard ok else { return nil }
        // The spool holds what this build wrote; a cache entry is a file that may have been damaged
        // since: its bytes are checked, and repaired (U+FFFD), before they go into pages.
        if entry.file != nil, !Self.isValidUTF8(bytes) {
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        return RenderedBody(html: bytes, toc: entry.toc)
    }
}
