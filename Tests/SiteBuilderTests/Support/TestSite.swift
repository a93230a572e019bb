import Diagnostics
import Foundation
import SiteBuilder

/// A site built into a temporary folder: a fixture copied (or files written) into `root`, built with
/// the repository's default theme into `root/public`.
struct TestSite {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The repository's theme folder (the same files as the built-in theme, which builds use by default).
    static let theme = repository.appendingPathComponent("themes/default")
    /// The real seed reports beside the repository (`../shared/seeds`, or `AUDIT_SITE_SEEDS`), if present.
    static let seeds: URL? = {
        let folder = ProcessInfo.processInfo.environment["AUDIT_SITE_SEEDS"].map { URL(fileURLWithPath: $0) }
            ?? repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var output: URL { root.appendingPathComponent("public") }
    var config: URL { root.appendingPathComponent("site.yaml") }

    /// A fresh temporary site, optionally a copy of a fixture folder.
    init(fixture: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("audit-site-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let fixture {
            for entry in try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent(fixture).path) {
                try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(fixture).appendingPathComponent(entry),
                                                 to: root.appendingPathComponent(entry))
            }
        } else {
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        }
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func options(strict: Bool = false, output: URL? = nil, theme: URL? = nil, baseURL: String? = nil) -> BuildOptions {
        BuildOptions(contentDirectory: content, outputDirectory: output ?? self.output, themeDirectory: theme,
                     configFile: config, baseURL: baseURL, strict: strict, projectRoot: root)
    }

    @discardableResult
    func build(strict: Bool = false, baseURL: String? = nil) throws -> BuildReport {
        try SiteBuilder(options: options(strict: strict, baseURL: baseURL)).build()
    }

    func check() throws -> BuildReport {
        try SiteBuilder(options: options()).check()
    }

    /// A file of the built site as text ("" when missing, so assertions show what was expected).
    func page(_ relative: String) -> String {
        (try? String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)) ?? ""
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(relative).path)
    }

    func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: output.appendingPathComponent(relative))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Every file under the output, relative path → bytes.
    func snapshot(of folder: URL? = nil) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let root = (folder ?? output).path
        let base = root + "/"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [:] }
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + path, isDirectory: &isDir), !isDir.boolValue {
                result[path] = try Data(contentsOf: URL(fileURLWithPath: base + path))
            }
        }
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

extension BuildReport {
    func has(_ code: DiagnosticCode, file: String? = nil, line: Int? = nil) -> Bool {
        diagnostics.contains { $0.code == code && (file == nil || $0.file?.hasSuffix(file!) == true) && (line == nil || $0.line == line) }
    }

    func messages(_ code: DiagnosticCode) -> [String] {
        diagnostics.filter { $0.code == code }.map(\.formatted)
    }
}

extension String {
    func count(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
