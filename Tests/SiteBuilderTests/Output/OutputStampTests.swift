import Diagnostics
import Foundation
@testable import SiteBuilder
import Testing

/// The stamp of an output folder: read back as written, refused when damaged, and current only while
/// nothing in the folder changed.
@Suite struct OutputStampTests {
    /// An output as a build leaves it: two pages in two folders, and the manifest.
    private func writtenOutput() throws -> (TestSite, URL) {
        let site = try TestSite(fixture: "timeline")
        try site.write("out/fr/index.html", "<p>accueil</p>\n")
        try site.write("out/data/audits.json", "[]\n")
        try site.write("out/" + OutputFolder.manifestName, "data/audits.json\nfr/index.html\n")
        return (site, site.root.appendingPathComponent("out"))
    }

    @Test func aStampReadsBackAsWritten() throws {
        let (site, output) = try writtenOutput()
        defer { site.remove() }
        var report = BuildReport()
        report.auditCount = 3
        report.pagesWritten = 1
        report.diagnostics = [.warning("content/a.md", line: 4, code: "items.count", "a \"quoted\" message\nover two lines")]
        let stamp = try #require(OutputStamp.take(of: output, files: ["fr/index.html", "data/audits.json"], recordKey: "k.page", report: report))
        // The output, its two folders, two files and the manifest.
        #expect(stamp.entries.map(\.path) == [".", "data", "fr", "data/audits.json", "fr/index.html", OutputFolder.manifestName])
        #expect(OutputStamp(decoding: stamp.encoded()) == stamp)
        #expect(stamp.isCurrent(for: output, writtenAt: .max))
        #expect(!stamp.isCurrent(for: site.root.appendingPathComponent("elsewhere"), writtenAt: .max))
        // An entry changed no earlier than the stamp was written may have changed unseen: racy.
        #expect(!stamp.isCurrent(for: output, writtenAt: stamp.newestChange))
        // The warning about a removed link is not said again by a build that removes nothing.
        report.diagnostics.append(.warning("out/link", code: "output.symlink", "symbolic link in the output removed (not followed)"))
        let again = try #require(OutputStamp.take(of: output, files: ["fr/index.html", "data/audits.json"], recordKey: "k.page", report: report))
        #expect(again.diagnostics == stamp.diagnostics)
        try site.write("out/fr/other.html", "<p>autre</p>\n")
        #expect(!stamp.isCurrent(for: output, writtenAt: .max))
    }

    /// The first lines alone tell a stamp of another site, of another folder, or of a folder made
    /// anew at the same place (a clean checkout): the rest is then not decoded.
    @Test func theFirstLinesTellAStampThatCannotDescribeTheOutput() throws {
        let (site, output) = try writtenOutput()
        defer { site.remove() }
        let stamp = try #require(OutputStamp.take(of: output, files: ["fr/index.html", "data/audits.json"], recordKey: "k.page", report: BuildReport()))
        let bytes = stamp.encoded()
        #expect(OutputStamp.mayDescribe(bytes, recordKey: "k.page", output: output))
        #expect(!OutputStamp.mayDescribe(bytes, recordKey: "other.page", output: output))
        #expect(!OutputStamp.mayDescribe(bytes, recordKey: "k.page", output: site.root.appendingPathComponent("content")))
        #expect(!OutputStamp.mayDescribe(Array(bytes.prefix(40)), recordKey: "k.page", output: output))
        // (The old folder is kept aside, so the new one cannot be given its inode.)
        try FileManager.default.moveItem(at: output, to: site.root.appendingPathComponent("out-old"))
        try site.write("out/fr/index.html", "<p>accueil</p>\n")
        #expect(!OutputStamp.mayDescribe(bytes, recordKey: "k.page", output: output))
    }

    @Test func aDamagedStampIsRefused() throws {
        let stamp = OutputStamp(recordKey: "k.page", output: "/srv/site", audits: 1, projects: 1, pages: 1, diagnostics: [],
                                entries: [.init(path: ".", identity: .init(device: 9, inode: 1, size: 2, modified: 3, changed: 4)),
                                          .init(path: "a.html", identity: .init(device: 9, inode: 5, size: 6, modified: 7, changed: 8))])
        let bytes = stamp.encoded()
        #expect(OutputStamp(decoding: bytes) == stamp)
        for cut in [0, 10, bytes.count / 2, bytes.count - 1] {
            #expect(OutputStamp(decoding: Array(bytes.prefix(cut))) == nil)
        }
        var wrongHeader = bytes
        wrongHeader[0] = UInt8(ascii: "b")
        #expect(OutputStamp(decoding: wrongHeader) == nil)
        #expect(OutputStamp(decoding: Array("audit-site output stamp 1\nk\n/\n1 1 1 1\n[]\n9 x 2 3 4 .\n".utf8)) == nil)
        // Cut at the end of a line: the stated count of entries tells.
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(OutputStamp(decoding: Array(lines.dropLast(2).joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]) == nil)
    }

    /// Identities known from the copy (read from the open file) stand for the file; the others,
    /// folders and the manifest are read. Given the true identities, the stamp is the one `lstat` makes.
    @Test func knownIdentitiesStandForTheirFiles() throws {
        let (site, output) = try writtenOutput()
        defer { site.remove() }
        let files = ["fr/index.html", "data/audits.json"]
        let read = try #require(OutputStamp.take(of: output, files: files, recordKey: "k.page", report: BuildReport()))
        let index = try #require(OutputStamp.Identity(of: output.path + "/fr/index.html"))
        let given = try #require(OutputStamp.take(of: output, files: [("fr/index.html", index), ("data/audits.json", nil)],
                                                  recordKey: "k.page", report: BuildReport()))
        #expect(given == read)
        // A wrong identity given is recorded as given: the stamp is then not current, and the next
        // build copies the site back (slower, never wrong).
        let wrong = OutputStamp.Identity(device: index.device, inode: index.inode + 1, size: index.size, modified: index.modified,
                                         changed: index.changed)
        let stale = try #require(OutputStamp.take(of: output, files: [("fr/index.html", wrong), ("data/audits.json", nil)],
                                                  recordKey: "k.page", report: BuildReport()))
        #expect(stale.entries.first { $0.path == "fr/index.html" }?.identity == wrong)
        #expect(!stale.isCurrent(for: output, writtenAt: .max))
        #expect(read.isCurrent(for: output, writtenAt: .max))
    }

    /// The output folder removed and made again with the same files (a clean checkout): not current.
    @Test func aFolderMadeAnewIsNotCurrent() throws {
        let (site, output) = try writtenOutput()
        defer { site.remove() }
        let stamp = try #require(OutputStamp.take(of: output, files: ["fr/index.html", "data/audits.json"], recordKey: "k.page",
                                                  report: BuildReport()))
        #expect(stamp.isCurrent(for: output, writtenAt: .max))
        try FileManager.default.removeItem(at: output)
        usleep(20_000) // past a coarse clock's tick: the new folder's times differ
        try site.write("out/fr/index.html", "<p>accueil</p>\n")
        try site.write("out/data/audits.json", "[]\n")
        try site.write("out/" + OutputFolder.manifestName, "data/audits.json\nfr/index.html\n")
        #expect(!stamp.isCurrent(for: output, writtenAt: .max))
    }
}
