import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices edits under the watched paths by comparing file stamps, woken by the kernel's file events
/// where there are (Linux inotify: an edit is seen within milliseconds), else every ~150 ms. Hidden
/// files (editor swap files, `.git`) are ignored, and so is the output folder, in case it sits
/// inside a watched folder: writing the site must not trigger another build.
struct FileWatcher: Sendable {
    /// What a change to a file looks like from outside: any difference means "changed".
    struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    typealias Snapshot = [String: Stamp]

    /// Absolute, standardised paths.
    let paths: [String]
    let ignored: String?
    let interval: Duration
    /// Polls to wait for a burst of writes (save, format-on-save, git checkout) to settle.
    let maxSettlePolls: Int
    /// Wake on the kernel's file events where available (tests may turn them off to test polling).
    var useKernelEvents = true

    init(paths: [String], ignoring ignored: String? = nil, interval: Duration = .milliseconds(150), maxSettlePolls: Int = 10) {
        self.paths = paths.map(Self.absolute)
        self.ignored = ignored.map(Self.absolute)
        self.interval = interval
        self.maxSettlePolls = maxSettlePolls
    }

    /// Polls until the task is cancelled. `onChange` is awaited, so changes made during a build
    /// are collected by the next poll and reported together afterwards (builds never overlap).
    func run(from baseline: Snapshot, onChange: @Sendable ([String]) async -> Void) async {
        var last = baseline
        let events = useKernelEvents ? KernelFileEvents.make(watching: paths, ignoring: ignored) : nil
        if events != nil {
            // Edits made between the baseline and the watches (during the first build) raised no event:
            // look at everything once, now that nothing can be missed any more.
            let current = snapshot()
            let changed = Self.changedPaths(from: last, to: current)
            last = current
            if !changed.isEmpty, !Task.isCancelled { await onChange(changed) }
        }
        let intervalMilliseconds = Int32(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        while !Task.isCancelled {
            if let events {
                // Sleep until the kernel reports a write, then until the burst is over (10 ms without
                // any event, two seconds at most); then look again at the paths touched only.
                guard var touched = await events.wait(milliseconds: max(intervalMilliseconds, 1)) else { continue }
                var rounds = 0
                while rounds < 200, let more = await events.wait(milliseconds: 10) {
                    touched = Self.merging(touched, more)
                    rounds += 1
                }
                let current: Snapshot
                switch touched {
                case .everything:
                    // Events were lost, folder creations among them: watch every folder again.
                    events.rewatch()
                    current = snapshot()
                case .paths(let paths): current = refreshed(last, at: paths)
                }
                let changed = Self.changedPaths(from: last, to: current)
                last = current
                if changed.isEmpty || Task.isCancelled { continue }
                await onChange(changed)
                continue
            }
            try? await Task.sleep(for: interval)
            var current = snapshot()
            var changed = Set(Self.changedPaths(from: last, to: current))
            guard !changed.isEmpty else { continue }
            for _ in 0..<maxSettlePolls where !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let next = snapshot()
                let more = Self.changedPaths(from: current, to: next)
                current = next
                if more.isEmpty { break }
                changed.formUnion(more)
            }
            last = current
            if Task.isCancelled { return }
            await onChange(changed.sorted())
        }
    }

    /// `last` with the touched paths looked at again: a file's stamp, or a folder's files (a folder
    /// created, moved or removed), the rest as it was.
    func refreshed(_ last: Snapshot, at touched: Set<String>) -> Snapshot {
        var current = last
        for path in touched.sorted() {
            guard let name = path.split(separator: "/").last, !name.hasPrefix(".") else { continue }
            guard paths.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { continue }
            if current[path] == nil {
                // Perhaps a folder that went away: everything below it did too.
                let prefix = path + "/"
                for key in current.keys where key.hasPrefix(prefix) { current[key] = nil }
            }
            current[path] = nil
            collect(path, into: &current)
        }
        return current
    }

    static func merging(_ a: KernelFileEvents.Touched, _ b: KernelFileEvents.Touched) -> KernelFileEvents.Touched {
        switch (a, b) {
        case (.paths(let x), .paths(let y)): .paths(x.union(y))
        default: .everything
        }
    }

    /// Stamps of every regular file under the watched paths (missing paths are simply absent,
    /// so creating them later counts as a change).
    func snapshot() -> Snapshot {
        var result: Snapshot = [:]
        for path in paths { collect(path, into: &result) }
        return result
    }

    /// Added, removed and modified files, sorted.
    static func changedPaths(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new where old[path] != stamp { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    private func collect(_ path: String, into result: inout Snapshot) {
        if let ignored, path == ignored || path.hasPrefix(ignored + "/") { return }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            result[path] = Self.stamp(info)
        case S_IFDIR:
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names where !name.hasPrefix(".") {
                collect(path + "/" + name, into: &result)
            }
        default:
            return
        }
    }

    private static func stamp(_ info: stat) -> Stamp {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
