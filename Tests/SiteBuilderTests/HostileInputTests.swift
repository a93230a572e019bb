import Foundation
import SiteBuilder
import Testing

/// Hostile, huge and broken input never crashes the build nor stops the other pages.
@Suite struct HostileInputTests {
    @Test func degenerateReportsAreBuiltOrReportedWithoutCrashing() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/h/deep-quote.md", String(repeating: "> ", count: 20000) + "fond\n")
        try site.write("content/h/nested-list.md", (0..<400).map { String(repeating: "  ", count: $0) + "- x\n" }.joined())
        try site.write("content/h/long-line.md", String(repeating: "*", count: 200_000) + "\n" + String(repeating: "_a", count: 50_000) + "\n")
        try site.write("content/h/links.md", String(repeating: "[", count: 20000) + "x" + String(repeating: "]()", count: 20000) + "\n")
        let header: String = (0..<500).map { "c\($0)" }.joined(separator: "|")
        let rule: String = Array(repeating: "---", count: 500).joined(separator: "|")
        let row: String = Array(repeating: "GAP-1", count: 500).joined(separator: "|")
        try site.write("content/h/wide-table.md", "|\(header)|\n|\(rule)|\n|\(row)|\n")
        try site.write("content/h/nul.md", Data("# t\u{0}itre\n\nTexte\u{0}nul <script>\n".utf8))
        // YAML aliases that expand to hundreds of thousands of values.
        try site.write("content/h/yaml-bomb.md", """
        ---
        a: &a ["x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        ---
        # Bombe
        """)
        try site.write("content/h/2025-01-01-normal.md", "# Normal\n\n| ID | Constat | Sévérité |\n|---|---|---|\n| GAP-2 | ok | P1 |\n")
        let report = try site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        for slug in ["deep-quote", "nested-list", "long-line", "links", "wide-table", "nul", "yaml-bomb", "2025-01-01-normal"] {
            #expect(site.exists("fr/projects/h/\(slug)/index.html"), "\(slug)")
        }
        let nul = site.page("fr/projects/h/nul/index.html")
        #expect(!nul.contains("\u{0}"))
        #expect(!nul.contains("<script>"))
        #expect(site.exists("fr/projects/h/gaps/GAP-2/index.html"))
    }

    /// Nine levels of nine aliases (about 387 million values): refused with its file and line in front
    /// matter, `_project.yaml` and `site.yaml`, within bounded time and memory; everything else is built.
    @Test func yamlAliasBombsAreRefusedWhereverTheyAre() throws {
        var bomb = "a0: &a0 [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        for level in 1..<9 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n" }
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/p/2025-01-01-bomb.md", "---\n" + bomb + "---\n# Bombe\n\n**Score global : 70 %**\n")
        try site.write("content/p/2025-02-01-normal.md", "# Normal\n\n| ID | Constat | Sévérité |\n|---|---|---|\n| GAP-2 | ok | P1 |\n")
        try site.write("content/q/_project.yaml", bomb)
        try site.write("content/q/2025-01-01-audit.md", "# Audit Q\n")
        let report = try site.build()
        #expect(report.has("frontmatter.invalid", file: "2025-01-01-bomb.md"))
        #expect(report.messages("frontmatter.invalid").first?.contains("more than 100000 values") == true)
        #expect(report.has("project.invalid", file: "_project.yaml"))
        #expect(site.exists("fr/projects/p/2025-01-01-bomb/index.html"), "the report itself is still built")
        #expect(site.page("fr/projects/p/2025-01-01-bomb/index.html").contains("70"))
        #expect(site.exists("fr/projects/p/gaps/GAP-2/index.html"))
        #expect(site.exists("fr/projects/q/index.html"))

        try site.write("site.yaml", bomb)
        #expect(throws: ConfigError.self) { try site.build() }
        do { try site.build() } catch let error as ConfigError {
            #expect(error.description.contains("site.yaml"))
            #expect(error.description.contains("more than 100000 values"))
        }
    }

    /// Limits a team sets in `site.yaml`: a file over `fileSizeMiB` and front matter over `yamlValues`
    /// are refused with "too large" and their file; the rest of the site is built. A wrong limit is fatal.
    @Test func limitsAreConfigurable() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("site.yaml", "limits: {fileSizeMiB: 1, yamlValues: 50}\n")
        try site.write("content/p/2025-01-01-huge.md", "# Huge\n\n" + String(repeating: "Une ligne de texte.\n", count: 70_000))
        try site.write("content/p/2025-01-02-yaml.md", "---\ntags: [" + (0..<80).map { "t\($0)" }.joined(separator: ", ") + "]\n---\n# Tags\n")
        try site.write("content/p/2025-01-03-normal.md", "# Normal\n")
        let report = try site.build()
        #expect(report.has("content.too-large", file: "2025-01-01-huge.md"))
        #expect(report.messages("content.too-large").first?.contains("too large") == true)
        #expect(report.has("frontmatter.invalid", file: "2025-01-02-yaml.md"))
        #expect(site.exists("fr/projects/p/2025-01-03-normal/index.html"))
        #expect(site.exists("fr/projects/p/2025-01-02-yaml/index.html"))
        try site.write("site.yaml", "limits: {fileSizeMiB: lots}\n")
        #expect(throws: ConfigError.self) { try site.build() }
    }
}
