import Foundation
import Testing
@testable import SiteBuilder

/// Listing and removing output trees without FileManager.
@Suite struct FileTreeTests {
    @Test func aTreeIsRemovedWithoutFollowingItsLinks() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("audit-site-filetree-\(UUID().uuidString)")
        let tree = root.appendingPathComponent("old")
        let outside = root.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("kept.txt"))
        for folder in 0..<3 {
            let dir = tree.appendingPathComponent("en/projects/p\(folder)/gaps")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            for file in 0..<700 { try Data("x".utf8).write(to: dir.appendingPathComponent("f\(file).html")) }
        }
        try fm.createSymbolicLink(at: tree.appendingPathComponent("link"), withDestinationURL: outside)
        defer { try? fm.removeItem(at: root) }

        let entries = try #require(FileTree.entries(of: tree.path))
        #expect(Set(entries.map(\.name)) == ["en", "link"])
        #expect(entries.first { $0.name == "link" }?.kind == .symlink)
        #expect(entries.first { $0.name == "en" }?.kind == .directory)
        #expect(FileTree.entries(of: root.appendingPathComponent("missing").path) == nil)

        FileTree.remove(tree.path)
        #expect(!fm.fileExists(atPath: tree.path))
        #expect(fm.fileExists(atPath: outside.appendingPathComponent("kept.txt").path), "a link is removed, never followed")
    }

    @Test func aPageFolderIsThePartBeforeTheLastSlash() {
        #expect(PageFiles.parent(of: "en/projects/acme/index.html") == "en/projects/acme")
        #expect(PageFiles.parent(of: "index.html") == "")
        for path in ["fr/gaps/GAP-1/index.html", "a/b", "données/été.json"] {
            #expect(PageFiles.parent(of: path) == (path as NSString).deletingLastPathComponent)
        }
    }
}
