import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Held while a build writes an output folder (and for as long as `serve` runs), so that two builds
/// never write one site at once: the second one stops with a message naming the first, instead of
/// leaving a mixed site. The lock is the kernel's (`flock`), so a killed build releases it.
final class OutputLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Takes the lock of the output folder `output`, or throws when another process holds it.
    init(output: URL, display: String) throws {
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let path = parent.appendingPathComponent(".\(output.lastPathComponent).lock").path
        // Opened and locked in a local first: the object owns the descriptor (and `deinit` closes
        // it) only once the lock is held, so each path closes it exactly once. (A second close would
        // close whatever another thread had opened under the same number meanwhile: seen as a
        // test's theme copy failing with EBADF.)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BuildError.fatal("cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var holder = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &holder, holder.count, 0)
            close(fd)
            let pid = count > 0 ? String(decoding: holder.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            throw BuildError.fatal("another audit-site (process \(pid)) is writing to \(display); wait for it to finish, or stop it")
        }
        descriptor = fd
        // Say who holds it, for the message of the next one.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private final class Held: @unchecked Sendable {
        weak var lock: OutputLock?
        init(_ lock: OutputLock) { self.lock = lock }
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: Held] = [:]

    /// The lock of `output` for this process: taken once and shared while anything holds it, so a
    /// `serve` that loads its settings again (a new `site.yaml`) while the previous ones still hold
    /// the lock of their cache folder does not refuse itself.
    static func shared(output: URL, display: String) throws -> OutputLock {
        try registryLock.withLock {
            if let lock = registry[output.path]?.lock { return lock }
            let lock = try OutputLock(output: output, display: display)
            registry[output.path] = Held(lock)
            return lock
        }
    }
}
