import Diagnostics
import CFileSystem
import Foundation

/// The output folder, written safely.
///
/// - A build writes into a staging folder beside the output and swaps it in only when it succeeded,
///   so a failed build leaves the previous site intact and a web server never serves half a site.
/// - It refuses to write where a mistake would destroy the user's work: the content folder, the
///   theme, the project root, an ancestor of any of them, the home folder, or `/`.
/// - It owns only what it wrote: a manifest lists the files of the previous build; anything else
///   already in the output (CNAME, .git, .htaccess, dotfiles) is carried over untouched, and said so.
/// - Symbolic links found in the output are removed, never followed.
struct OutputFolder {
    static let manifestName = ".audit-site-manifest"

    let url: URL
    let display: String

    /// Throws when writing to `url` could destroy something that is not ours.
    static func checkSafe(_ options: BuildOptions) throws {
        let output = resolved(options.outputDirectory)
        var protected: [(String, URL)] = [
            ("the content folder", options.contentDirectory),
            ("the project root", options.projectRoot),
        ]
        if let theme = options.themeDirectory { protected.append(("the theme folder", theme)) }
        if let config = options.configFile { protected.append(("the configuration file's folder", config.deletingLastPathComponent())) }
        let home = URL(fileURLWithPath: NSHomeDirectory())
        if output == "/" || output == resolved(home) {
            throw BuildError.fatal("refusing to write the site to \(output): choose a dedicated output folder such as public/")
        }
        for (name, url) in protected {
            let path = resolved(url)
            if output == path || path.hasPrefix(output == "/" ? "/" : output + "/") {
                throw BuildError.fatal("refusing to write the site to \(options.display(options.outputDirectory)): it is \(output == path ? "" : "an ancestor of ")\(name) (\(options.display(url)))")
            }
        }
    }

    /// Absolute path with symlinks resolved as far as the path exists.
    static func resolved(_ url: URL) -> String {
        var path = url.standardizedFileURL.path
        var suffix: [String] = []
        while !path.isEmpty, path != "/" {
            if let real = realpath(path, nil) {
                defer { free(real) }
                var result = String(cString: real)
                for part in suffix.reversed() { result += (result.hasSuffix("/") ? "" : "/") + part }
                return result
            }
            suffix.append((path as NSString).lastPathComponent)
            path = (path as NSString).deletingLastPathComponent
        }
        return url.standardizedFileURL.path
    }

    /// A fresh staging folder next to the output (same file system, so the swap is a rename). Staging
    /// and old folders that a killed build left behind are removed first: the caller holds the output's
    /// lock, so no other build is using them.
    func makeStaging() throws -> URL {
        let parent = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        removeLeftovers()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).staging-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return staging
    }

    /// `.public.staging-<pid>` and `.public.old-<pid>` beside the output, from builds that were killed.
    func removeLeftovers() {
        let parent = url.deletingLastPathComponent()
        let prefixes = [".\(url.lastPathComponent).staging-", ".\(url.lastPathComponent).old-"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where prefixes.contains(where: name.hasPrefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Files the previous build wrote (relative paths), from its manifest.
    func previousManifest() -> Set<String> {
        guard let text = try? String(contentsOf: url.appendingPathComponent(Self.manifestName), encoding: .utf8) else { return [] }
        return Set(text.utf8.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) })
    }

    /// Moves the staging folder into place, carrying over whatever the previous build did not write.
    func swap(in staging: URL, written: [String]) throws -> [Diagnostic] {
        let fm = FileManager.default
        var diagnostics: [Diagnostic] = []
        try (written.sorted().joined(separator: "\n") + "\n").write(to: staging.appendingPathComponent(Self.manifestName),
                                                                    atomically: false, encoding: .utf8)
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw BuildError.fatal("\(display) exists and is not a folder") }
            let ours = previousManifest()
            let writtenSet = Set(written)
            var kept: [String] = []
            try carryOver(from: url.path, to: staging.path, relative: "", ours: ours, written: writtenSet, kept: &kept, diagnostics: &diagnostics)
            if !kept.isEmpty {
                diagnostics.append(.info(display, code: "output.kept",
                    "kept \(kept.count) file\(kept.count == 1 ? "" : "s") this tool did not write: \(kept.prefix(5).joined(separator: ", "))\(kept.count > 5 ? ", …" : "")"))
            }
            // One atomic exchange: readers and a kill at any moment see the old site or the new one,
            // never none. Where the file system cannot exchange, two renames.
            if audit_site_exchange(staging.path, url.path) == 0 {
                FileTree.remove(staging.path)
            } else {
                let trash = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).old-\(getpid())")
                FileTree.remove(trash.path)
                try fm.moveItem(at: url, to: trash)
                try fm.moveItem(at: staging, to: url)
                FileTree.remove(trash.path)
            }
        } else {
            try fm.moveItem(at: staging, to: url)
        }
        return diagnostics
    }

    /// Walks the old output: files we did not write (and that the new build does not write) move to
    /// the new output; symlinks are dropped without being followed. Entries are visited in name order,
    /// so the files said to be kept are listed the same way from run to run.
    private func carryOver(from old: String, to new: String, relative: String, ours: Set<String>, written: Set<String>,
                           kept: inout [String], diagnostics: inout [Diagnostic]) throws {
        let fm = FileManager.default
        guard let entries = FileTree.entries(of: old) else {
            // Unreadable: let FileManager say why.
            _ = try fm.contentsOfDirectory(atPath: old)
            return
        }
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            let name = entry.name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if rel == Self.manifestName { continue }
            let source = old + "/" + name
            let target = new + "/" + name
            switch entry.kind {
            case .symlink:
                diagnostics.append(.warning("\(display)/\(rel)", code: "output.symlink", "symbolic link in the output removed (not followed)"))
            case .directory:
                if FileTree.isDirectory(target) {
                    try carryOver(from: source, to: target, relative: rel, ours: ours, written: written, kept: &kept, diagnostics: &diagnostics)
                } else if !fm.fileExists(atPath: target), !containsOnly(URL(fileURLWithPath: source), relative: rel, ours: ours) {
                    try fm.moveItem(atPath: source, toPath: target)
                    kept.append(rel + "/")
                }
            case .file:
                if ours.contains(rel) || written.contains(rel) { continue }
                if !fm.fileExists(atPath: target) {
                    try fm.moveItem(atPath: source, toPath: target)
                    kept.append(rel)
                }
            }
        }
    }

    /// True when a folder holds only files of the previous build (so it is ours and may go).
    private func containsOnly(_ folder: URL, relative: String, ours: Set<String>) -> Bool {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return true }
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir)
            if exists, !isDir.boolValue, !ours.contains(relative + "/" + path) { return false }
        }
        return true
    }
}
