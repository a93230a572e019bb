import Foundation
import Testing
@testable import Preview

@Suite("FileWatcher")
struct FileWatcherTests {
    private func makeTree() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/content/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/content/out", withIntermediateDirectories: true)
        try "a".write(toFile: root + "/content/a.md", atomically: true, encoding: .utf8)
        try "b".write(toFile: root + "/content/sub/b.md", atomically: true, encoding: .utf8)
        try "c".write(toFile: root + "/config.yaml", atomically: true, encoding: .utf8)
        return root
    }

    @Test("snapshots cover files and folders, skipping hidden files and the output folder")
    func snapshot() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "x".write(toFile: root + "/content/.a.md.swp", atomically: true, encoding: .utf8)
        try "x".write(toFile: root + "/content/out/page.html", atomically: true, encoding: .utf8)
        let watcher = FileWatcher(paths: [root + "/content", root + "/config.yaml", root + "/missing"], ignoring: root + "/content/out")
        #expect(watcher.snapshot().keys.sorted() == [root + "/config.yaml", root + "/content/a.md", root + "/content/sub/b.md"])
    }

    @Test("added, removed and modified files are reported")
    func diff() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = FileWatcher(paths: [root + "/content"])
        let before = watcher.snapshot()
        try "changed, longer".write(toFile: root + "/content/a.md", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/content/sub/b.md")
        try "new".write(toFile: root + "/content/sub/new.md", atomically: true, encoding: .utf8)
        #expect(FileWatcher.changedPaths(from: before, to: watcher.snapshot()) == [
            root + "/content/a.md", root + "/content/sub/b.md", root + "/content/sub/new.md",
        ])
        #expect(FileWatcher.changedPaths(from: before, to: before).isEmpty)
    }

    @Test("looking again at the touched paths only gives what a full walk gives")
    func refreshedAtTouchedPaths() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = FileWatcher(paths: [root + "/content", root + "/config.yaml"], ignoring: root + "/content/out")
        let before = watcher.snapshot()
        // A file edited, a folder removed with its file, a folder created with a file, the config
        // replaced, the output written, a hidden file: what inotify would name.
        try "edited".write(toFile: root + "/content/a.md", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/content/sub")
        try FileManager.default.createDirectory(atPath: root + "/content/new", withIntermediateDirectories: true)
        try "n".write(toFile: root + "/content/new/n.md", atomically: true, encoding: .utf8)
        try "config, longer".write(toFile: root + "/config.yaml", atomically: true, encoding: .utf8)
        try "p".write(toFile: root + "/content/out/page.html", atomically: true, encoding: .utf8)
        try "s".write(toFile: root + "/content/.a.md.swp", atomically: true, encoding: .utf8)
        let touched: Set<String> = [root + "/content/a.md", root + "/content/sub", root + "/content/new", root + "/config.yaml",
                                    root + "/content/out/page.html", root + "/content/.a.md.swp", root + "/elsewhere.txt"]
        let refreshed = watcher.refreshed(before, at: touched)
        #expect(refreshed == watcher.snapshot())
        #expect(FileWatcher.changedPaths(from: before, to: refreshed) == [
            root + "/config.yaml", root + "/content/a.md", root + "/content/new/n.md", root + "/content/sub/b.md",
        ])
    }

    @Test("a burst of edits is reported once, with absolute paths")
    func debounce() async throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = FileWatcher(paths: [root + "/content"], interval: .milliseconds(30))
        let calls = Calls()
        let task = Task { await watcher.run(from: watcher.snapshot()) { await calls.append($0) } }
        try await Task.sleep(for: .milliseconds(50))
        try "1".write(toFile: root + "/content/a.md", atomically: false, encoding: .utf8)
        try "22".write(toFile: root + "/content/sub/b.md", atomically: false, encoding: .utf8)
        let deadline = ContinuousClock.now + .seconds(5)
        while await calls.all.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await task.value
        let all = await calls.all
        // Under load the watcher may see a file half-written, then written: the same path twice, in
        // at most two reports.
        #expect(Set(all.flatMap { $0 }) == [root + "/content/a.md", root + "/content/sub/b.md"])
        #expect(all.count <= 2)
    }

    private actor Calls {
        var all: [[String]] = []
        func append(_ paths: [String]) { all.append(paths) }
    }
}
