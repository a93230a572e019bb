import Diagnostics
import Extraction
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Renderer

/// What reading a report produced, kept in a folder between builds (`build --cache DIR`), so that a
/// build in CI reads again only the reports that changed since the last one.
///
/// An entry is found by a key over everything reading depends on: the report's bytes, its place in
/// the content folder (project, name, language suffix, the path diagnostics show), the configuration
/// text (vocabulary, ID pattern, languages, limits) and the `audit-site` binary itself (a new build
/// of the tool may read reports differently). So an entry is never stale: it is found or it is not.
/// Entries no build used are deleted at the end of a build; an entry that cannot be decoded is
/// ignored and written again. The folder is safe to delete at any time.
///
/// One file per report: an 8-byte header (the length of the reading's part), the reading in the
/// cache's own binary form (`EntryWriter`), then the body's HTML as is.
public struct SourceCache: Sendable {
    /// What a cached reading holds: everything `SourceReader.ParsedSource` holds but the stamp.
    struct Entry: Equatable {
        let language: String
        let frontMatter: FrontMatter
        let facts: AuditFacts
        let diagnostics: [Diagnostic]
        let toc: [RenderedBody.TOCEntry]
    }

    public let folder: URL
    /// Hash of the configuration and of the tool, shared by every key of one build.
    let fingerprint: UInt64
    /// Held while a build uses the folder: bodies are read from its entries when pages are written,
    /// so another build must not prune them meanwhile.
    private let lock: OutputLock

    init(folder: URL, configuration: String, display: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        lock = try OutputLock.shared(output: folder, display: display)
        var hash = CacheHash()
        hash.add("audit-site source cache 2\u{0}")
        hash.add(configuration)
        hash.add("\u{0}")
        hash.add(Self.toolIdentity())
        fingerprint = hash.value
    }

    /// The running binary's size and modification time: a rebuilt tool starts a fresh cache. A binary
    /// that cannot be found (no `/proc`, run through `PATH`) gets an identity of its own for this run,
    /// so it never reuses what another version of the tool wrote.
    static func toolIdentity() -> String {
        var info = stat()
        for path in ["/proc/self/exe", Bundle.main.executablePath, CommandLine.arguments.first].compactMap({ $0 })
        where stat(path, &info) == 0 {
            return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return "unidentified-" + UUID().uuidString
    }

    /// The key of a report's reading.
    func key(for file: ContentScanner.SourceFile, bytes: Data) -> String {
        var hash = CacheHash(seed: fingerprint)
        for part in [file.display, file.project, file.slug, file.suffixLanguage ?? ""] {
            hash.add(part)
            hash.add("\u{0}")
        }
        bytes.withUnsafeBytes { hash.add($0) }
        return String(hash.value, radix: 16) + "-\(bytes.count).entry"
    }

    /// The key of a report as it is on disk now, read before reading proper (`SiteBuilder.restore`).
    func currentKey(for file: ContentScanner.SourceFile, maximumFileSize: Int) -> String {
        guard file.stamp.size <= maximumFileSize else { return "too-large-\(file.stamp.size)" }
        guard let data = FileManager.default.contents(atPath: file.path) else { return "unreadable" }
        return key(for: file, bytes: data)
    }

    /// Where a cached body is: its entry file, and the range of its bytes there.
    struct BodyPlace {
        let path: String
        let offset: Int
        let length: Int
    }

    /// The reading of an entry; its body is left in the file, where the pages that show it read it
    /// (with a page cache, most never do).
    func load(_ key: String) -> (Entry, BodyPlace)? {
        let path = folder.appendingPathComponent(key).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= 8 else { return nil }
        var header = [UInt8](repeating: 0, count: 8)
        guard pread(descriptor, &header, 8, 0) == 8 else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length >= 0, length <= Int(info.st_size) - 8 else { return nil }
        var facts = [UInt8](repeating: 0, count: length)
        let read = facts.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, 8) }
        guard read == length, let entry = try? EntryReader.entry(facts) else { return nil }
        return (entry, BodyPlace(path: path, offset: 8 + length, length: Int(info.st_size) - 8 - length))
    }

    /// Writes an entry through a temporary file and a rename: a killed build leaves no half entry.
    func store(_ entry: Entry, body: RenderedBody, key: String) {
        let facts = EntryWriter.bytes(of: entry)
        var data = [UInt8]()
        data.reserveCapacity(8 + facts.count + body.html.count)
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: facts.count >> shift)) }
        data.append(contentsOf: facts)
        data.append(contentsOf: body.html)
        CacheFiles.store(data, as: key, in: folder.path)
    }

    /// Deletes every entry (and leftover temporary file) whose key is not in `used`.
    func prune(keeping used: Set<String>) {
        CacheFiles.prune(folder.path, suffix: ".entry", keeping: used)
    }
}
