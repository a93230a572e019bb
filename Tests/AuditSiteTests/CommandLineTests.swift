import Foundation
import Testing

/// The `audit-site` binary run as a process from folders of its own, as a user or CI runs it: what
/// it prints, how it exits, and that it needs nothing of the repository (theme and vocabulary are
/// compiled in).
@Suite struct CommandLineTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built next to this test bundle (`.build/<config>/audit-site`).
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = beside.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("audit-site")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/audit-site")
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary in `folder`, killing it after `timeout` seconds.
    func run(_ arguments: [String], in folder: URL, timeout: Double = 60, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        // Read while it runs, so a full pipe never blocks it.
        let outData = Locked(Data()), errData = Locked(Data())
        let readers = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            DispatchQueue.global().async(group: readers) { sink.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        readers.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
                   stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    final class Locked<T>: @unchecked Sendable {
        private var value: T
        private let lock = NSLock()
        init(_ value: T) { self.value = value }
        func set(_ newValue: T) { lock.withLock { value = newValue } }
        func get() -> T { lock.withLock { value } }
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("audit-site-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file below a folder, relative path → bytes.
    func tree(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
            if let data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                if !isDirectory.boolValue { files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = data }
            }
        }
        return files
    }

    @Test func printsItsVersion() throws {
        let result = try run(["--version"], in: try temporaryFolder())
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("audit-site "))
    }

    @Test func buildsTheDemoFromAFolderOfItsOwnAsTheRepositoryThemeDoes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("content"), to: folder.appendingPathComponent("content"))
        let own = try run(["build", "--quiet"], in: folder)
        #expect(own.status == 0, "\(own.stderr)")
        // The same content with the repository's theme folder: the built-in theme is that folder, byte for byte.
        let reference = folder.appendingPathComponent("reference")
        let withFolder = try run(["build", "--quiet", "--theme", Self.repository.appendingPathComponent("themes/default").path,
                                  "--output", reference.path], in: folder)
        #expect(withFolder.status == 0, "\(withFolder.stderr)")
        let built = tree(folder.appendingPathComponent("public"))
        #expect(built.count > 100)
        #expect(built == tree(reference))
    }

    @Test func initThenBuildInAnEmptyFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try run(["init", "my-portal"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let portal = folder.appendingPathComponent("my-portal")
        #expect(FileManager.default.fileExists(atPath: portal.appendingPathComponent("themes/default/layouts/base.mustache").path))
        let built = try run(["build"], in: portal)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "no diagnostics for the skeleton: \(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: portal.appendingPathComponent("public/fr/index.html").path))
    }

    @Test func aThemeFolderOverridesSingleFilesOfTheBuiltInTheme() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("content"), to: folder.appendingPathComponent("content"))
        let css = folder.appendingPathComponent("mine/static/style.css")
        try FileManager.default.createDirectory(at: css.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "body { color: #123456 }\n".write(to: css, atomically: true, encoding: .utf8)
        try "theme: mine\n".write(to: folder.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["build", "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent("public/assets/style.css"), encoding: .utf8)
        #expect(written == "body { color: #123456 }\n")
        // Everything else still comes from the built-in theme.
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("public/fr/gaps/index.html").path))
    }

    @Test func aStrictBuildPrintsEachErrorWithFileAndLineBeforeFailing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("content/acme/2025-01-10-audit.md")
        try FileManager.default.createDirectory(at: report.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\ntitle: [unclosed\n---\n# Audit\n\n**Score global : 70 %**\n".write(to: report, atomically: true, encoding: .utf8)
        let result = try run(["build", "--strict"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("content/acme/2025-01-10-audit.md:3: error: "), "\(result.stderr)")
        #expect(result.stderr.contains("strict"))
        // Without --strict the same build succeeds and still reports the error.
        let lenient = try run(["build"], in: folder)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("content/acme/2025-01-10-audit.md:3: error: "))
    }

    @Test func diagnosticsOfAFolderOutsideTheCurrentOneHaveAbsolutePaths() throws {
        let folder = try temporaryFolder()
        let elsewhere = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let report = elsewhere.appendingPathComponent("c/acme/2025-01-10-audit.md")
        try FileManager.default.createDirectory(at: report.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\ntitle: [unclosed\n---\n# Audit\n".write(to: report, atomically: true, encoding: .utf8)
        let result = try run(["check", "--content", elsewhere.appendingPathComponent("c").path], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains(report.standardizedFileURL.path + ":3: error: "), "\(result.stderr)")
    }

    @Test func serveExitsAtOnceWhenThereIsNothingToServe() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        let noTheme = try run(["serve", "--port", "0", "--theme", "missing-theme"], in: folder, timeout: 10)
        #expect(noTheme.status != 0)
        #expect(noTheme.stderr.contains("theme folder not found"), "\(noTheme.stderr)")
        try "title: [broken\n".write(to: folder.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        let brokenConfig = try run(["serve", "--port", "0"], in: folder, timeout: 10)
        #expect(brokenConfig.status != 0)
        #expect(brokenConfig.stderr.contains("site.yaml"), "\(brokenConfig.stderr)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("site.yaml"))
        let noContent = try run(["serve", "--port", "0", "--content", "nowhere"], in: folder, timeout: 10)
        #expect(noContent.status != 0)
        #expect(!noContent.stderr.isEmpty)
    }

    @Test func explainShowsEachFactWithItsLineAndWhatWasNotUnderstood() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("review.md")
        try """
        # Vault review

        **Date:** 2025-03-21

        | Severity | Count |
        |----------|-------|
        | High | 2 |

        | Ref | Finding | Risk | Resolution |
        |-----|---------|------|------------|
        | H-01 | Slippage bound trusted | High | Fixed in PR #44 |

        | Contract | Lines |
        |----------|-------|
        | Vault.sol | 412 |
        """.write(to: report, atomically: true, encoding: .utf8)
        let text = try run(["explain", "review.md"], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("2025-03-21"))
        #expect(text.stdout.contains("line 11: H-01 · high · done · Slippage bound trusted"), "\(text.stdout)")
        #expect(text.stdout.contains("line 13: table | Contract | Lines |"), "\(text.stdout)")
        #expect(text.stdout.contains("states 2 high findings, but 1 were understood"), "\(text.stdout)")
        let json = try run(["explain", "review.md", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.first?["id"] as? String == "H-01")
        #expect(items.first?["line"] as? Int == 11)
        #expect((object["statedCounts"] as? [[String: Any]])?.first?["count"] as? Int == 2)
        let missing = try run(["explain", "nowhere.md"], in: folder)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nowhere.md"))
    }

    /// `kill -9` at several moments of a build: the published site is always complete (the old one or
    /// the new one, never none and never a mix), and the next build removes what a killed one left.
    @Test func aKilledBuildNeverLosesThePublishedSite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = Process()
        corpus.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        corpus.arguments = ["python3", Self.repository.appendingPathComponent("scripts/make-corpus.py").path,
                            "--out", folder.appendingPathComponent("content").path, "--audits", "150", "--projects", "5"]
        corpus.standardOutput = FileHandle.nullDevice
        try corpus.run()
        corpus.waitUntilExit()
        try #require(corpus.terminationStatus == 0)
        #expect(try run(["build", "--quiet"], in: folder).status == 0)
        let output = folder.appendingPathComponent("public")

        func expectComplete(_ moment: String) throws {
            let manifest = try String(contentsOf: output.appendingPathComponent(".audit-site-manifest"), encoding: .utf8)
            let listed = manifest.split(separator: "\n").map(String.init)
            #expect(listed.count > 500, "\(moment): manifest lists \(listed.count) files")
            let missing = listed.filter { !FileManager.default.fileExists(atPath: output.appendingPathComponent($0).path) }
            #expect(missing.isEmpty, "\(moment): \(missing.count) listed files missing, first \(missing.prefix(3))")
        }
        try expectComplete("first build")
        for delay in [0.05, 0.2, 0.4, 0.7, 1.0, 1.5] {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["build", "--quiet"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try expectComplete("killed after \(delay) s")
        }
        #expect(try run(["build", "--quiet"], in: folder).status == 0)
        try expectComplete("after the next build")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!siblings.contains { $0.hasPrefix(".public.staging-") || $0.hasPrefix(".public.old-") }, "\(siblings)")
    }

    /// A disk that fills up during a build (here a file size limit, `ulimit -f`, which fails writes
    /// the same way without needing a small file system): the build fails with the reason, and the
    /// published site is the previous one, whole, with nothing left beside it.
    @Test func aFullDiskFailsTheBuildAndKeepsThePublishedSite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("content"), to: folder.appendingPathComponent("content"))
        #expect(try run(["build", "--quiet"], in: folder).status == 0)
        let output = folder.appendingPathComponent("public")
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for case let path as String in FileManager.default.enumerator(atPath: output.path)! {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: output.path + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = try Data(contentsOf: output.appendingPathComponent(path))
                }
            }
            return files
        }
        let before = try snapshot()
        // Add a report so that the failed build would have changed the site.
        try Data("# Nouvel audit\n\nTexte.\n".utf8).write(to: folder.appendingPathComponent("content/orion-payments/2026-06-01-nouveau.md"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 48; exec \"$0\" build --quiet", Self.binary.path]
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("File too large") || message.contains("No space left"), "\(message)")
        #expect(try snapshot() == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!siblings.contains { $0.hasPrefix(".public.staging-") || $0.hasPrefix(".public.old-") }, "\(siblings)")
        // With room again, the next build publishes the new report.
        #expect(try run(["build", "--quiet"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("fr/projects/orion-payments/2026-06-01-nouveau/index.html").path))
    }

    /// The same content built in other folders, time zones and locales, with its files created in
    /// another order, gives the same bytes.
    @Test func outputIsTheSameWhateverTheFolderTimeZoneLocaleAndFileOrder() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let demo = Self.repository.appendingPathComponent("content")
        try FileManager.default.copyItem(at: demo, to: first.appendingPathComponent("content"))
        // The second copy is written file by file in reverse order (directory order differs on most file systems).
        let files = FileManager.default.enumerator(atPath: demo.path)!.compactMap { $0 as? String }.sorted().reversed()
        for relative in files {
            let source = demo.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory)
            let target = second.appendingPathComponent("nested/folder/content").appendingPathComponent(relative)
            if isDirectory.boolValue { continue }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
        }
        let a = try run(["build", "--quiet"], in: first, environment: ["TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"])
        let b = try run(["build", "--quiet", "--content", "nested/folder/content", "--output", "elsewhere/site"], in: second,
                        environment: ["TZ": "America/Adak", "LANG": "C", "LC_ALL": "C"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        let left = tree(first.appendingPathComponent("public")), right = tree(second.appendingPathComponent("elsewhere/site"))
        #expect(left.count > 100)
        let differing = Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}
