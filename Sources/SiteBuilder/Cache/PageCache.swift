import CFileSystem
import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Renderer
import Templates

/// Rendered pages kept in the cache folder between builds (`build --cache DIR`, in `pages/`), so a
/// build in CI renders again only the pages whose inputs changed and copies the others.
///
/// A page's key is a digest of everything it can show, by scope (`Scope`): an audit, GAP or project
/// page shows only its own project (`PagePlan.Kind.parts(in:)` names parts of that project alone,
/// which `PagePlanPartsTests` checks), so its digest is the project's readings (their `SourceCache`
/// keys: the reports' bytes and places, the configuration and the tool binary) and its
/// `_project.yaml`; home, portfolio and GAP index show every project; root, search and 404 only the
/// settings. Every digest also covers the theme's files and the base URL. A page is found or it is
/// not; entries no build used are deleted at its end; the folder is safe to delete at any time.
struct PageCache: Sendable {
    /// What a page's content depends on, as one digest per scope.
    struct Digests: Sendable {
        /// Configuration, tool, theme, base URL.
        let settings: UInt64
        /// Per project slug: the settings and the project's inputs. Absent when a reading of the
        /// project has no cache key (its pages are then rendered).
        let projects: [String: UInt64]
        /// Every project's digest, in order: what site-wide pages show.
        let site: UInt64
    }

    let folder: URL
    /// The source cache's fingerprint (configuration and tool) with the theme and the base URL.
    let settings: UInt64

    init(sourceCache: SourceCache, theme: ThemeSource, baseURL: String?) throws {
        folder = sourceCache.folder.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var hash = CacheHash(seed: sourceCache.fingerprint)
        hash.add("pages 1\u{0}\(baseURL ?? "")\u{0}")
        for path in theme.files.keys.sorted() {
            hash.add(path)
            hash.add("\u{0}")
            theme.files[path]!.data.withUnsafeBytes { hash.add($0) }
        }
        settings = hash.value
    }

    /// The digests of this build's inputs.
    func digests(readings: [SourceReader.ParsedSource], projectFiles: [String: ContentScanner.ProjectFile]) -> Digests {
        let byProject = Dictionary(grouping: readings, by: \.file.project)
        var projects: [String: UInt64] = [:]
        var site = CacheHash(seed: settings)
        for slug in byProject.keys.sorted() {
            let group = byProject[slug]!.sorted { $0.file.path < $1.file.path }
            guard group.allSatisfy({ $0.cacheKey != nil }) else { continue }
            var hash = CacheHash(seed: settings)
            hash.add("\(slug)\u{0}\(projectFiles[slug]?.text ?? "")\u{0}")
            for reading in group { hash.add("\(reading.file.path)\u{0}\(reading.cacheKey!)\u{0}") }
            projects[slug] = hash.value
            site.add("\(slug)\u{0}\(String(hash.value, radix: 16))\u{0}")
        }
        // A project that cannot be digested makes every site-wide page uncacheable.
        let complete = projects.count == byProject.count
        return Digests(settings: settings, projects: projects, site: complete ? site.value : 0)
    }

    /// The entry name of a page, nil when its inputs have no digest.
    func key(for plan: PagePlan, _ digests: Digests) -> String? {
        let scope: UInt64?
        switch plan.kind {
        case .root, .notFound, .search: scope = digests.settings
        case .home, .portfolio, .gapIndex: scope = digests.site == 0 ? nil : digests.site
        case .project(_, let project), .gap(_, let project, _): scope = digests.projects[project]
        case .audit(_, let id): scope = digests.projects[id.project]
        }
        guard let scope else { return nil }
        var hash = CacheHash(seed: scope)
        hash.add(plan.path)
        return String(hash.value, radix: 16) + ".page"
    }

    /// The entry listing the files besides pages (exports, feeds, sitemap, search index, assets):
    /// they show the whole portal, so they share the site's digest.
    func exportsKey(_ digests: Digests) -> String? {
        guard digests.site != 0 else { return nil }
        var hash = CacheHash(seed: digests.site)
        hash.add("\u{0}exports")
        return String(hash.value, radix: 16) + ".page"
    }

    func exportKey(_ path: String, _ digests: Digests) -> String {
        var hash = CacheHash(seed: digests.site)
        hash.add("\u{0}export\u{0}" + path)
        return String(hash.value, radix: 16) + ".page"
    }

    /// Copies the files besides pages into `folder`; their paths, or nil when one is missing.
    func copyExports(_ digests: Digests, into folder: URL) -> [String]? {
        guard let key = exportsKey(digests), let list = FileManager.default.contents(atPath: self.folder.path + "/" + key) else { return nil }
        let paths = list.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        var made: Set<String> = []
        for path in paths {
            let parent = PageFiles.parent(of: path)
            if !parent.isEmpty, made.insert(parent).inserted {
                try? FileManager.default.createDirectory(at: folder.appendingPathComponent(parent), withIntermediateDirectories: true)
            }
            guard copy(exportKey(path, digests), to: folder.path + "/" + path) else { return nil }
        }
        return paths
    }

    /// Keeps the files besides pages, and their list (written last: a list is complete or absent).
    func storeExports(_ files: [(String, Data)], _ digests: Digests) {
        guard let key = exportsKey(digests) else { return }
        for (path, data) in files { store(Array(data), key: exportKey(path, digests)) }
        store(Array(files.map(\.0).joined(separator: "\n").utf8), key: key)
    }

    /// Every entry the files besides pages use.
    func exportKeys(_ paths: [String], _ digests: Digests) -> [String] {
        guard let key = exportsKey(digests) else { return [] }
        return [key] + paths.map { exportKey($0, digests) }
    }

    /// The entry of the site record for these inputs: every source file's reading key (its bytes,
    /// place, configuration and tool), the projects' files, what the scan said, theme and settings.
    func recordKey(files: [(path: String, key: String)], projectFiles: [String: ContentScanner.ProjectFile],
                   scanDiagnostics: [Diagnostic]) -> String {
        var hash = CacheHash(seed: settings)
        hash.add("site record 2\u{0}")
        for file in files.sorted(by: { $0.path < $1.path }) { hash.add("\(file.path)\u{0}\(file.key)\u{0}") }
        for slug in projectFiles.keys.sorted() { hash.add("\(slug)\u{0}\(projectFiles[slug]!.text ?? "\u{1}")\u{0}") }
        for diagnostic in scanDiagnostics { hash.add(diagnostic.formatted + "\u{0}") }
        return String(hash.value, radix: 16) + ".page"
    }

    func record(_ key: String) -> SiteRecord? {
        guard let data = FileManager.default.contents(atPath: folder.path + "/" + key) else { return nil }
        return try? EntryReader.record(Array(data))
    }

    func store(_ record: SiteRecord, key: String) {
        store(EntryWriter.bytes(of: record), key: key)
    }

    /// The stamp of the output the last site recorded here was written to (see `OutputStamp`), with
    /// the time the stamp was written; nil when it cannot describe `output` as it is now for
    /// `recordKey` (told from its first lines, before the rest is decoded).
    func outputStamp(recordKey: String, output: URL) -> (stamp: OutputStamp, writtenAt: Int64)? {
        let path = folder.path + "/" + Self.stampName
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = Array(data)
        guard OutputStamp.mayDescribe(bytes, recordKey: recordKey, output: output), let stamp = OutputStamp(decoding: bytes),
              let written = OutputStamp.Identity(of: path) else { return nil }
        return (stamp, written.modified)
    }

    /// Writes the stamp, again until the file's time is later than every entry's change (a coarse
    /// clock may give both the same time: see `OutputStamp`); gives up after about 100 ms.
    func store(_ stamp: OutputStamp) {
        let path = folder.path + "/" + Self.stampName
        let bytes = stamp.encoded()
        for _ in 0..<50 {
            CacheFiles.store(bytes, as: Self.stampName, in: folder.path)
            guard let written = OutputStamp.Identity(of: path) else { return }
            if written.modified > stamp.newestChange { return }
            usleep(2_000)
        }
        forgetStamp()
    }

    /// Before an output is replaced: whatever stamp there was describes it no more.
    func forgetStamp() {
        unlink(folder.path + "/" + Self.stampName)
    }

    /// Not an entry (`prune` keeps it): one stamp, for the output last written.
    static let stampName = "output.stamp"

    /// Copies a cached page to `path`; false when there is none (or it cannot be copied).
    func copy(_ key: String, to path: String) -> Bool {
        copyTaking(key, to: path) != nil
    }

    /// The same, with the identity of the file written (`OutputStamp`), read from the open file: a
    /// restored site of 60,000 files is stamped without looking each one up by path again.
    func copyTaking(_ key: String, to path: String) -> OutputStamp.Identity? {
        let source = folder.path + "/" + key
        if let identity = Self.copyInKernel(source, to: path) { return identity }
        guard let data = FileManager.default.contents(atPath: source), (try? PageFiles.writeFile(data, to: path)) != nil else { return nil }
        return OutputStamp.Identity(of: path)
    }

    /// `copy_file_range`: no copy through user space. Nil where the kernel cannot (another file
    /// system on an old kernel) or the entry is missing.
    private static func copyInKernel(_ source: String, to path: String) -> OutputStamp.Identity? {
        let from = open(source, O_RDONLY | O_CLOEXEC)
        guard from >= 0 else { return nil }
        defer { close(from) }
        var info = stat()
        guard fstat(from, &info) == 0 else { return nil }
        let to = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard to >= 0 else { return nil }
        defer { close(to) }
        var left = Int(info.st_size)
        while left > 0 {
            let copied = audit_site_copy_range(from, to, UInt(left))
            if copied > 0 { left -= copied } else if copied < 0, errno == EINTR { continue } else { return nil }
        }
        var written = stat()
        guard fstat(to, &written) == 0 else { return nil }
        return OutputStamp.Identity(written)
    }

    /// Keeps a rendered page (see `CacheFiles`).
    func store(_ bytes: [UInt8], key: String) {
        CacheFiles.store(bytes, as: key, in: folder.path)
    }

    /// Deletes every page (and leftover temporary file) this build did not use.
    func prune(keeping used: Set<String>) {
        CacheFiles.prune(folder.path, suffix: ".page", keeping: used)
    }
}
