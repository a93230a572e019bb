import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SiteBuilder
import Templates
import Testing

/// Nothing outside the content folder or the theme is read, nothing outside the output is written,
/// and input too large to be a report is refused with a message, while the rest of the site is built.
@Suite struct PathSafetyTests {
    @Test func symbolicLinksInContentAreSkippedNamingTheirTarget() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/acme/2025-01-01-audit.md", "# Audit\n")
        try FileManager.default.createSymbolicLink(atPath: site.content.path + "/acme/2025-02-01-passwd.md", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: site.content.path + "/acme/_project.yaml", withDestinationPath: "/etc/hostname")
        try FileManager.default.createSymbolicLink(atPath: site.content.path + "/etc", withDestinationPath: "/etc")
        let report = try site.build()
        let messages = report.messages("content.symlink")
        #expect(messages.count == 3)
        #expect(messages.contains { $0.contains("2025-02-01-passwd.md") && $0.contains("/etc/passwd") })
        #expect(messages.contains { $0.contains("_project.yaml") && $0.contains("/etc/hostname") })
        #expect(messages.contains { $0.contains("content/etc") && $0.contains("to /etc ") })
        #expect(site.exists("fr/projects/acme/2025-01-01-audit/index.html"))
        #expect(!site.exists("fr/projects/acme/2025-02-01-passwd/index.html"))
        #expect(!site.exists("fr/projects/etc/index.html"))
        let everything = try site.snapshot().values.map { String(decoding: $0, as: UTF8.self) }
        #expect(!everything.contains { $0.contains("root:x:0:0") })
    }

    @Test func aSymbolicLinkInTheThemeStopsTheBuildWithBothNames() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/acme/2025-01-01-audit.md", "# Audit\n")
        try site.write("theme/static/extra.css", "body {}\n")
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/theme/static/style.css", withDestinationPath: "/etc/passwd")
        #expect {
            try SiteBuilder(options: site.options(theme: site.root.appendingPathComponent("theme"))).build()
        } throws: { error in
            let text = "\(error)"
            return text.contains("theme/static/style.css") && text.contains("/etc/passwd")
        }
        #expect(!site.exists("assets/style.css"))
    }

    /// `slug:` and `project:` in front matter name things; they never choose where a page is written.
    @Test func frontMatterCannotMoveAPageOutOfItsFolder() throws {
        let site = try TestSite()
        defer { site.remove() }
        // Names no other file has, so that finding one anywhere means this build wrote it.
        let escape = "evasion-\(UUID().uuidString)"
        try site.write("content/acme/2025-01-01-audit.md",
                       "---\nslug: ../../../\(escape)-slug\nproject: ../../../\(escape)-project\ntitle: Evasion\n---\n# Audit\n")
        try site.build()
        #expect(site.exists("fr/projects/acme/2025-01-01-audit/index.html"))
        let written = try site.snapshot().keys
        #expect(!written.contains { $0.contains("..") || $0.contains(escape) })
        var folder = site.root
        for _ in 0..<4 {
            for suffix in ["-slug", "-project"] {
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(escape + suffix).path))
            }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// A folder of 100,000 files is refused whole, before a report of it is read; the rest is built.
    @Test func aProjectOfAHundredThousandFilesIsRefused() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/small/2025-01-01-audit.md", "# Audit\n")
        let folder = site.content.appendingPathComponent("dump").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for n in 0..<100_000 {
            let fd = open(folder + "/r\(n).md", O_WRONLY | O_CREAT | O_EXCL, 0o644)
            try #require(fd >= 0)
            close(fd)
        }
        let report = try site.build()
        #expect(report.has("content.too-many-files", file: "content/dump"))
        #expect(report.messages("content.too-many-files").first?.contains("100000 reports, over the limit of 20000") == true)
        #expect(site.exists("fr/projects/small/2025-01-01-audit/index.html"))
        #expect(!site.exists("fr/projects/dump/index.html"))
        #expect(report.auditCount == 1)
    }

    @Test func aHundredMegabyteReportIsRefusedBeforeItIsRead() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/p/2025-01-01-normal.md", "# Normal\n")
        let path = site.content.path + "/p/2025-01-02-huge.md"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        try #require(fd >= 0)
        #expect(ftruncate(fd, 100 * 1024 * 1024) == 0)
        close(fd)
        let report = try site.build()
        #expect(report.messages("content.too-large").first?.contains("100 MiB, over the 64 MiB limit") == true)
        #expect(site.exists("fr/projects/p/2025-01-01-normal/index.html"))
    }

    /// One audit that lists 10,000 GAPs: every one has its page and its entry in `gaps.json`.
    @Test func anAuditOfTenThousandGAPsIsBuiltWhole() throws {
        let site = try TestSite()
        defer { site.remove() }
        var text = "# Audit massif\n\n## Constats\n\n| ID | Constat | Sévérité | Statut |\n|---|---|---|---|\n"
        for n in 1...10_000 { text += "| GAP-\(n) | Constat numéro \(n) | \(["Haute", "Moyenne", "Basse"][n % 3]) | Ouvert |\n" }
        try site.write("content/big/2025-01-01-audit.md", text)
        let report = try site.build()
        #expect(report.errorCount == 0)
        let gaps = try #require(try site.json("data/gaps.json")["gaps"] as? [[String: Any]])
        #expect(gaps.count == 10_000)
        #expect(site.exists("fr/projects/big/gaps/GAP-10000/index.html"))
        #expect(site.exists("en/projects/big/gaps/GAP-1/index.html"))
    }
}
