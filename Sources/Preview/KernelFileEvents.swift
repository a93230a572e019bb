import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's file events (Linux inotify) over the watched folders: the watcher sleeps until
/// something is written instead of polling, and learns which paths were touched, so an edit is seen
/// within milliseconds without walking the content folder. Whether a touched file changed is still
/// decided by comparing stamps. When the kernel's queue overflows, the events say so and the watcher
/// walks everything. Elsewhere (or when inotify is unavailable) `make` returns nil and the watcher
/// polls.
final class KernelFileEvents: @unchecked Sendable {
    /// What a wake-up reports.
    enum Touched: Equatable {
        /// These absolute paths (files, or folders created, moved or removed).
        case paths(Set<String>)
        /// Events were lost: anything may have changed.
        case everything
    }

    #if canImport(Glibc)
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "audit-site.file-events")
    /// The folder of each watch, by watch descriptor (touched only on `queue`).
    private var folders: [Int32: String] = [:]
    private let ignored: String?
    /// What `make` was asked to watch, for `rewatch`.
    private let paths: [String]
    private static let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private init(descriptor: Int32, paths: [String], ignored: String?) {
        self.descriptor = descriptor
        self.paths = paths
        self.ignored = ignored
    }

    static func make(watching paths: [String], ignoring ignored: String?) -> KernelFileEvents? {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let events = KernelFileEvents(descriptor: descriptor, paths: paths, ignored: ignored)
        events.queue.sync { events.watch(paths) }
        return events
    }

    /// Adds a watch on every folder below the paths; a watched file is watched with its folder
    /// (editors replace files by renaming), a missing one through its folder, for its creation.
    private func watch(_ paths: [String]) {
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                add((path as NSString).deletingLastPathComponent)
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                addWatches(below: path)
            } else {
                add(path)
                add((path as NSString).deletingLastPathComponent)
            }
        }
    }

    /// Watches every folder again (after lost events, some of which may have been folders created).
    func rewatch() {
        queue.sync { watch(paths) }
    }

    private func add(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { folders[watch] = path }
    }

    private func addWatches(below folder: String) {
        if let ignored, folder == ignored || folder.hasPrefix(ignored + "/") { return }
        add(folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            var info = stat()
            let path = folder + "/" + name
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { addWatches(below: path) }
        }
    }

    /// Waits until events arrive or `milliseconds` pass; nil when nothing happened.
    func wait(milliseconds: Int32) async -> Touched? {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&request, 1, milliseconds) > 0 else { return continuation.resume(returning: nil) }
                continuation.resume(returning: drain())
            }
        }
    }

    /// Reads every pending event: the paths they name. A new folder gets its watches at once.
    private func drain() -> Touched {
        var touched: Set<String> = []
        var overflow = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { overflow = true; continue }
                guard let folder = folders[event.wd] else { continue }
                if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil }
                guard event.len > 0 else { touched.insert(folder); continue }
                let name = String(cString: nameStart.assumingMemoryBound(to: CChar.self))
                let path = folder + "/" + name
                touched.insert(path)
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.hasPrefix(".") {
                    addWatches(below: path)
                }
            }
        }
        return overflow ? .everything : .paths(touched)
    }

    deinit {
        close(descriptor)
    }
    #else
    static func make(watching paths: [String], ignoring ignored: String?) -> KernelFileEvents? { nil }
    func wait(milliseconds: Int32) async -> Touched? { nil }
    func rewatch() {}
    #endif
}
