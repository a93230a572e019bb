import Extraction
import Foundation
import SiteBuilder
import Testing

/// The output folder is ours only where we wrote: refused places, manifest cleaning, foreign files,
/// symlinks; and the scaffolding commands produce content that builds cleanly.
@Suite struct OutputSafetyTests {
    @Test(arguments: ["content", "theme", "root", "parent", "content-child-parent", "home"])
    func refusesDangerousOutputFolders(case name: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-a.fr.md", "# A\n")
        let theme = site.root.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: TestSite.theme, to: theme)
        let output: URL = switch name {
        case "content": site.content
        case "theme": theme
        case "root": site.root
        case "parent": site.root.deletingLastPathComponent()
        case "content-child-parent": site.content.appendingPathComponent("..")
        default: URL(fileURLWithPath: NSHomeDirectory())
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: site.content.path)
        #expect(throws: BuildError.self) { try SiteBuilder(options: site.options(output: output, theme: theme)).build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.content.path) == before)
    }

    @Test func cleansOnlyWhatItWroteAndKeepsForeignFiles() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-a.fr.md", "# A\n")
        try site.write("content/alpha/2025-02-01-b.fr.md", "# B\n")
        try site.build()
        #expect(site.exists("fr/projects/alpha/2025-02-01-b/index.html"))
        // Foreign files a publisher adds next to the site.
        try site.write("public/CNAME", "audits.example\n")
        try site.write("public/.htaccess", "Options -Indexes\n")
        try site.write("public/.git/HEAD", "ref: refs/heads/main\n")
        try site.write("public/extra/notes.txt", "mine\n")
        try FileManager.default.createSymbolicLink(atPath: site.output.appendingPathComponent("escape").path, withDestinationPath: "/etc")
        // The next build no longer has audit b.
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("alpha/2025-02-01-b.fr.md"))
        let report = try site.build()
        #expect(!site.exists("fr/projects/alpha/2025-02-01-b/index.html"), "pages of the previous build are cleaned")
        #expect(site.page("CNAME") == "audits.example\n")
        #expect(site.page(".htaccess") == "Options -Indexes\n")
        #expect(site.page(".git/HEAD") == "ref: refs/heads/main\n")
        #expect(site.page("extra/notes.txt") == "mine\n")
        #expect(report.has("output.kept"))
        #expect(report.has("output.symlink"))
        var info = stat()
        #expect(lstat(site.output.appendingPathComponent("escape").path, &info) != 0, "the symlink is gone")
        #expect(FileManager.default.fileExists(atPath: "/etc/hostname") || FileManager.default.fileExists(atPath: "/etc/passwd"),
                "and what it pointed to is untouched")
    }

    @Test func dangerousNamesNeverLeaveTheOutputFolder() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/..%2F..%2Fevil.fr.md", "# Hidden\n")
        try site.write("content/alpha/x..%2F..%2Fevil.fr.md", "# Evil\n")
        try site.write("content/alpha/gaps.fr.md", "# Nom réservé\n")
        try site.write("content/alpha/Rapport Final (v2).md", "# Espaces\n")
        try site.write("content/loose.md", "# Hors projet\n")
        try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("alpha/link.fr.md").path,
                                                   withDestinationPath: "/etc/passwd")
        let report = try site.build()
        #expect(report.has("content.symlink"))
        #expect(report.has("content.reserved-name"))
        #expect(report.has("content.no-project"))
        #expect(site.exists("fr/projects/alpha/x-2f-2fevil/index.html"), "encoded separators become part of a plain slug")
        #expect(!site.page("fr/projects/alpha/index.html").contains("Hidden"), "dotfiles are not content")
        #expect(site.exists("fr/projects/alpha/gaps-audit/index.html"))
        #expect(site.exists("fr/projects/alpha/rapport-final-v2/index.html"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("evil").path))
        #expect(!site.page("fr/index.html").contains("root:x:0:0"))
    }

    @Test func newAndInitProduceContentThatBuildsCleanly() throws {
        let site = try TestSite()
        defer { site.remove() }
        let date = try #require(AuditDate(iso: "2025-05-05"))
        for language in ["fr", "en"] {
            let file = try Scaffold.newAudit(content: site.content, project: "Nouveau Projet", title: "Audit de départ",
                                             language: language, date: date)
            #expect(file.lastPathComponent == "2025-05-05-audit-de-depart.\(language).md")
        }
        #expect(throws: BuildError.self) {
            try Scaffold.newAudit(content: site.content, project: "Nouveau Projet", title: "Audit de départ", language: "fr", date: date)
        }
        let report = try site.check()
        #expect(report.diagnostics.filter { $0.severity != .info }.isEmpty, "\(report.diagnostics.map(\.formatted))")
        try site.build()
        #expect(site.page("fr/projects/nouveau-projet/2025-05-05-audit-de-depart/index.html").contains("GAP-001"))

        let portal = site.root.appendingPathComponent("portal")
        let created = try Scaffold.initPortal(at: portal, theme: TestSite.theme, today: date)
        #expect(created.count == 3)
        let options = BuildOptions(contentDirectory: portal.appendingPathComponent("content"), outputDirectory: portal.appendingPathComponent("public"),
                                   themeDirectory: portal.appendingPathComponent("themes/default"),
                                   configFile: portal.appendingPathComponent("site.yaml"), projectRoot: portal)
        let initReport = try SiteBuilder(options: options).check()
        #expect(initReport.diagnostics.filter { $0.severity != .info }.isEmpty, "\(initReport.diagnostics.map(\.formatted))")
        #expect(try SiteBuilder(options: options).build().pagesWritten > 10)
        #expect(throws: BuildError.self) { try Scaffold.initPortal(at: portal, theme: TestSite.theme, today: date) }
    }

    @Test func checkGatesFailOnScoreDropOpenCriticalAndSLA() throws {
        let site = try TestSite(fixture: "timeline")
        defer { site.remove() }
        try site.write("content/acme/2025-09-01-drop.fr.md", """
        # Chute

        **Date:** 2025-09-01

        **Score global : 50 %**

        | ID | Constat | Sévérité |
        |----|---------|----------|
        | GAP-1 | Sauvegardes à nouveau absentes | P1 |
        """)
        let gates = try SiteBuilder(options: site.options()).check(gates: [.scoreDrop, .openCritical, .sla])
        #expect(gates.has("gate.score-drop", file: "2025-09-01-drop.fr.md"))
        #expect(gates.has("gate.open-critical", file: "2025-09-01-drop.fr.md", line: 9))
        #expect(gates.has("gate.sla"), "GAP-3 (medium) has no limit, GAP-1 (critical, 30 days) does")
        #expect(gates.errorCount >= 3)
        let plain = try SiteBuilder(options: site.options()).check()
        #expect(!plain.has("gate.score-drop"))
    }

    /// A killed build leaves staging and old folders beside the output: the next build removes them.
    /// Two builders never write one output at once: the second stops with a message naming the first.
    @Test func leftoversAreRemovedAndConcurrentBuildsRefused() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-a.fr.md", "# A\n")
        for leftover in [".public.staging-99999/fr/index.html", ".public.old-4242/x.html"] {
            try site.write(leftover, "stale")
        }
        try site.build()
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
        #expect(!siblings.contains { $0.hasPrefix(".public.staging-") || $0.hasPrefix(".public.old-") }, "\(siblings)")

        // A long-lived builder (serve) keeps the output's lock.
        let serving = SiteBuilder(options: site.options())
        serving.keepsCaches = true
        try serving.build()
        do {
            try SiteBuilder(options: site.options()).build()
            Issue.record("a second build into the same output ran")
        } catch let error as BuildError {
            #expect(error.description.contains("is writing to public"), "\(error)")
        }
        #expect(site.exists("fr/index.html"), "the site is intact")
        _ = serving // released when the serving builder goes away
    }

    /// `Report.md` beside `report.md`, `sécurité.md` in NFC beside its NFD spelling: one URL each,
    /// so the second is refused with both names, never published as a second audit.
    @Test func namesThatDifferOnlyByCaseOrNormalFormCollide() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-sécurité.fr.md", "# Sécurité NFC\n")
        try site.write("content/alpha/2025-01-01-se\u{301}curite\u{301}.fr.md", "# Sécurité NFD\n")
        try site.write("content/alpha/Report.md", "# Upper\n")
        try site.write("content/alpha/report.md", "# Lower\n")
        let report = try site.build()
        let duplicates = report.diagnostics.filter { $0.code == "content.duplicate-slug" }
        #expect(duplicates.count == 2, "\(report.diagnostics.map(\.formatted))")
        #expect(duplicates.contains { $0.message.contains("2025-01-01-securite") })
        #expect(site.exists("fr/projects/alpha/2025-01-01-securite/index.html"))
        #expect(!site.exists("fr/projects/alpha/2025-01-01-se-curite/index.html"))
        #expect(site.exists("fr/projects/alpha/report/index.html"))
    }
}
