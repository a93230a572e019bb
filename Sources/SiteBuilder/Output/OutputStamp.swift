import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the output folder held when a build with `--cache` left it: the recorded site it is
/// (`SiteRecord`'s key), what that build reported, and the identity of each of its files and folders.
///
/// The next build of the same inputs into the same folder finds every identity unchanged and has
/// nothing to write: a CI runner that keeps its workspace, `build` run twice. Copying the site back
/// from the cache would write every file again and remove the old ones, which costs more than the
/// rest of such a build. Anything touched since — a file edited, removed or added (adding or removing
/// a file changes its folder's times) — and the site is copied back from the cache as before.
///
/// An identity is the device and inode, the size and the modification and change times. The change
/// time cannot be set back by a user: `touch -d` and `cp -p` move the modification time only. Times
/// come from a clock that may move only every few milliseconds (kernels before 6.13), so an edit
/// right after the stamp was taken could leave every time as it was: as git does with its index, an
/// entry changed no earlier than the stamp file itself was written is taken as changed ("racy"), and
/// the stamp is written again until it is later than every entry (`PageCache.store(_:)`). The stamp
/// is kept in the cache folder, which is ours; nothing is added to the output.
struct OutputStamp: Equatable, Sendable {
    struct Identity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modified: Int64
        let changed: Int64
    }

    struct Entry: Equatable, Sendable {
        /// Relative to the output; `.` is the output folder itself.
        let path: String
        let identity: Identity
    }

    /// The `SiteRecord` key of the site the output holds.
    let recordKey: String
    /// The output folder, symbolic links resolved.
    let output: String
    let audits: Int
    let projects: Int
    let pages: Int
    /// Everything the build reported, with the files it kept in the output; not the symbolic links it
    /// removed from it (a build that finds the output untouched removes nothing).
    let diagnostics: [Diagnostic]
    let entries: [Entry]

    /// The stamp of `output` as a build just left it, having written `files` (relative paths): those
    /// files, their folders up to the output itself, and the output's manifest. Nil when one of them
    /// cannot be read (the next build then copies the site back).
    static func take(of output: URL, files: [String], recordKey: String, report: BuildReport) -> OutputStamp? {
        take(of: output, files: files.map { ($0, nil) }, recordKey: recordKey, report: report)
    }

    /// The same, where the identities of files just written may be known already (read from the
    /// open file as it was written: `PageCache.copyTaking`). Moving the folder that holds a file into
    /// place changes none of the file's times, so those identities stay true.
    static func take(of output: URL, files: [(path: String, identity: Identity?)], recordKey: String,
                     report: BuildReport) -> OutputStamp? {
        var folders: Set<String> = ["."]
        for file in files {
            var parent = PageFiles.parent(of: file.path)
            while !parent.isEmpty, folders.insert(parent).inserted { parent = PageFiles.parent(of: parent) }
        }
        let sorted = files.sorted { $0.path < $1.path }
        let root = OutputFolder.resolved(output)
        // Read here: the folders, the files whose identity is not known, the manifest (in that order).
        let toRead = folders.sorted() + sorted.filter { $0.identity == nil }.map(\.path) + [OutputFolder.manifestName]
        let read = Self.identities(of: toRead, in: root)
        guard !read.contains(nil) else { return nil }
        var next = read.makeIterator()
        var entries: [Entry] = []
        entries.reserveCapacity(folders.count + sorted.count + 1)
        for folder in toRead.prefix(folders.count) { entries.append(Entry(path: folder, identity: next.next()!!)) }
        for file in sorted { entries.append(Entry(path: file.path, identity: file.identity ?? next.next()!!)) }
        entries.append(Entry(path: OutputFolder.manifestName, identity: next.next()!!))
        return OutputStamp(recordKey: recordKey, output: root, audits: report.auditCount, projects: report.projectCount,
                           pages: report.pagesWritten + report.pagesUnchanged,
                           diagnostics: report.diagnostics.filter { $0.code != "output.symlink" },
                           entries: entries)
    }

    /// The latest change time of an entry: the stamp must be written after it.
    var newestChange: Int64 { entries.map(\.identity.changed).max() ?? 0 }

    /// True when `output` is the folder stamped and nothing in it changed since.
    /// - Parameter writtenAt: the stamp file's modification time; an entry changed no earlier is racy.
    func isCurrent(for output: URL, writtenAt: Int64) -> Bool {
        let root = OutputFolder.resolved(output)
        guard root == self.output, newestChange < writtenAt else { return false }
        // The output folder itself first (entries start with it): a folder made anew, as in a clean
        // checkout, is told at once, without looking up every file it no longer has.
        if let first = entries.first, first.path == ".", Identity(of: root) != first.identity { return false }
        let now = Self.identities(of: entries.map(\.path), in: root)
        return zip(entries, now).allSatisfy { $0.identity == $1 }
    }

    /// Identities read from both cores (tens of thousands of `lstat`s for a large portal).
    private static func identities(of paths: [String], in root: String) -> [Identity?] {
        let size = 2_048
        let chunks = stride(from: 0, to: paths.count, by: size).map { Array(paths[$0..<min(paths.count, $0 + size)]) }
        return Parallel.map(chunks) { chunk in
            chunk.map { Identity(of: $0 == "." ? root : root + "/" + $0) }
        }.flatMap { $0 }
    }

    // MARK: Encoding

    private static let header = "audit-site output stamp 1"

    /// Lines: a header, the record key, the output, the counts (audits, projects, pages, entries),
    /// the diagnostics as one line of JSON, then one entry a line (`device inode size modified changed
    /// path`).
    func encoded() -> [UInt8] {
        let json = (try? JSONEncoder().encode(diagnostics)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        var bytes = Array("\(Self.header)\n\(recordKey)\n\(output)\n\(audits) \(projects) \(pages) \(entries.count)\n\(json)\n".utf8)
        // Bytes appended field by field rather than a string interpolated per line: a stamp has an
        // entry per file and folder (over 100,000 for a large portal).
        bytes.reserveCapacity(bytes.count + entries.count * 80)
        for entry in entries {
            let id = entry.identity
            bytes.append(contentsOf: String(id.device).utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: String(id.inode).utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: String(id.size).utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: String(id.modified).utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: String(id.changed).utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: entry.path.utf8)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Whether a stamp may describe `output` as it is now for `recordKey`, read from its first lines
    /// only: its record key, its folder, and the identity of the folder itself (its first entry). A
    /// build into a new folder (a clean checkout) is told so without decoding the whole stamp.
    static func mayDescribe(_ bytes: [UInt8], recordKey: String, output: URL) -> Bool {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
            if lines.count == 6 { break }
        }
        guard lines.count == 6, text(lines[0]) == header, text(lines[1]) == recordKey else { return false }
        let root = OutputFolder.resolved(output)
        guard text(lines[2]) == root, let now = Identity(of: root) else { return false }
        guard let first = entry(lines[5]), first.path == "." else { return false }
        return first.identity == now
    }

    /// One entry line (`device inode size modified changed path`); nil when it is not one.
    static func entry(_ line: ArraySlice<UInt8>) -> Entry? {
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, let device = UInt64(text(fields[0])), let inode = UInt64(text(fields[1])),
              let size = Int64(text(fields[2])), let modified = Int64(text(fields[3])),
              let changed = Int64(text(fields[4])), !fields[5].isEmpty
        else { return nil }
        return Entry(path: text(fields[5]), identity: Identity(device: device, inode: inode, size: size, modified: modified, changed: changed))
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// Initialisers outside the type body keep its memberwise ones.
extension OutputStamp {
    /// Nil for anything but a whole stamp: a damaged one costs a copy of the site, never a wrong one.
    init?(decoding bytes: [UInt8]) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 6, lines.last?.isEmpty == true,
              String(decoding: lines[0], as: UTF8.self) == Self.header else { return nil }
        let counts = lines[3].split(separator: UInt8(ascii: " ")).compactMap { Int(String(decoding: $0, as: UTF8.self)) }
        // The count of entries is stated: a stamp cut at a line's end is refused too.
        guard counts.count == 4, counts[3] == lines.count - 6,
              let diagnostics = try? JSONDecoder().decode([Diagnostic].self, from: Data(lines[4])) else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(lines.count - 6)
        for line in lines[5..<(lines.count - 1)] {
            guard let entry = Self.entry(line) else { return nil }
            entries.append(entry)
        }
        guard !entries.isEmpty else { return nil }
        recordKey = Self.text(lines[1])
        output = Self.text(lines[2])
        audits = counts[0]
        projects = counts[1]
        pages = counts[2]
        self.diagnostics = diagnostics
        self.entries = entries
    }
}

extension OutputStamp.Identity {
    /// The identity of `path` now (a link is not followed); nil when it cannot be read.
    init?(of path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The identity an `lstat` or `fstat` gave.
    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}
