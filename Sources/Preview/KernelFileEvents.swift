import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's file events (Linux inotify) over the watched folders: the watcher sleeps until
/// something is written instead of polling, so an edit is seen within milliseconds. Only a wake-up
/// signal: which files changed is still decided by comparing stamps, which also covers events that
/// were missed or merged. Elsewhere (or when inotify is unavailable) `make` returns nil and the
/// watcher polls.
final class KernelFileEvents: @unchecked Sendable {
    #if canImport(Glibc)
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "audit-site.file-events")
    private static let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    static func make(watching paths: [String], ignoring ignored: String?) -> KernelFileEvents? {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let events = KernelFileEvents(descriptor: descriptor)
        events.watch(paths, ignoring: ignored)
        return events
    }

    /// Adds a watch on every folder below the paths (again after each wake-up: new folders get one;
    /// the kernel keeps one watch per folder however often it is asked).
    func watch(_ paths: [String], ignoring ignored: String?) {
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A missing file (site.yaml not written yet): watch its folder for its creation.
                _ = inotify_add_watch(descriptor, (path as NSString).deletingLastPathComponent, Self.mask)
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                addWatches(below: path, ignoring: ignored)
            } else {
                _ = inotify_add_watch(descriptor, path, Self.mask)
                _ = inotify_add_watch(descriptor, (path as NSString).deletingLastPathComponent, Self.mask)
            }
        }
    }

    private func addWatches(below folder: String, ignoring ignored: String?) {
        if let ignored, folder == ignored || folder.hasPrefix(ignored + "/") { return }
        _ = inotify_add_watch(descriptor, folder, Self.mask)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            var info = stat()
            let path = folder + "/" + name
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { addWatches(below: path, ignoring: ignored) }
        }
    }

    /// Waits until an event arrives or `milliseconds` pass; true when something happened. Pending
    /// events are drained (their details do not matter).
    func wait(milliseconds: Int32) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { [descriptor] in
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&request, 1, milliseconds) > 0
                if ready {
                    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
                    while read(descriptor, &buffer, buffer.count) > 0 {}
                }
                continuation.resume(returning: ready)
            }
        }
    }

    deinit {
        close(descriptor)
    }
    #else
    static func make(watching paths: [String], ignoring ignored: String?) -> KernelFileEvents? { nil }
    func watch(_ paths: [String], ignoring ignored: String?) {}
    func wait(milliseconds: Int32) async -> Bool { false }
    #endif
}
