import Diagnostics
import Foundation
import SiteBuilder
import Testing

/// `audit-site check`: every kind of content problem gets a diagnostic with file and line.
@Suite struct CheckTests {
    @Test func contentProblemsAreReportedWithFileAndLine() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/sans-date.fr.md", "# Rapport sans date\n\nRien ici.\n")
        try site.write("content/alpha/2025-01-01-echelle.fr.md", """
        # Échelle

        **Score global : 120 %**

        | Domaine | Note |
        |---------|------|
        | Sécurité | 12/10 |
        | Coût | 8/10 |
        """)
        try site.write("content/alpha/2025-02-01-gaps.fr.md", """
        # GAPs

        | ID | Constat | Sévérité | Statut |
        |----|---------|----------|--------|
        | GAP-1 | Pas de sauvegarde | P1 | Bof |
        | GAP-2 | Pas de TLS | Sévère++ | ✅ Fait |

        | ID | Description | Sévérité |
        |----|-------------|----------|
        | GAP-1 | Pas de sauvegarde | P3 |

        Voir aussi GAP-905, jamais défini.
        """)
        let report = try site.check()
        let file = "content/alpha/"
        #expect(report.has("date.missing", file: file + "sans-date.fr.md", line: 1))
        #expect(report.has("score.out-of-scale", file: file + "2025-01-01-echelle.fr.md", line: 3))
        #expect(report.has("score.out-of-scale", file: file + "2025-01-01-echelle.fr.md", line: 7))
        #expect(report.has("gap.conflicting-severity", file: file + "2025-02-01-gaps.fr.md", line: 10))
        #expect(report.has("vocabulary.unknown-status", file: file + "2025-02-01-gaps.fr.md", line: 5))
        #expect(report.messages("vocabulary.unknown-status").first?.contains("'Bof'") == true)
        #expect(report.has("vocabulary.unknown-severity", file: file + "2025-02-01-gaps.fr.md", line: 6))
        #expect(report.has("gap.undefined", file: file + "2025-02-01-gaps.fr.md", line: 12))
        #expect(report.messages("gap.undefined").first?.contains("GAP-905") == true)
        // Formats: text is file:line: level: message; JSON and GitHub annotations carry the same.
        let text = DiagnosticFormatter.format(report.diagnostics, as: .text)
        #expect(text.contains("content/alpha/2025-02-01-gaps.fr.md:12: warning: GAP-905 is mentioned"))
        let github = DiagnosticFormatter.format(report.diagnostics, as: .github)
        #expect(github.contains("::warning file=content/alpha/2025-02-01-gaps.fr.md,line=12,title=gap.undefined::GAP-905"))
        let json = try JSONSerialization.jsonObject(with: Data(DiagnosticFormatter.format(report.diagnostics, as: .json).utf8)) as? [String: Any]
        #expect((json?["diagnostics"] as? [[String: Any]])?.contains { $0["code"] as? String == "gap.undefined" && $0["line"] as? Int == 12 } == true)
    }

    @Test(.enabled(if: TestSite.seeds != nil, "shared/seeds is not beside the repository (set AUDIT_SITE_SEEDS to its path)"))
    func seedReportsRepairedAndRenderedWithoutMojibake() throws {
        let seeds = try #require(TestSite.seeds)
        let names = try #require(try? FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted(), "shared/seeds is missing")
        let site = try TestSite()
        defer { site.remove() }
        for name in names where name.hasSuffix(".txt") {
            // As the issue asks: copied into a content folder without dates in their file names.
            try site.write("content/seeds/seed-\(name.prefix(3)).md", try Data(contentsOf: seeds.appendingPathComponent(name)))
        }
        let report = try site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        for prefix in ["000", "001", "002"] {
            #expect(report.has("content.mojibake-repaired", file: "seed-\(prefix).md"), "seed \(prefix) is repaired with an info diagnostic")
        }
        #expect(!report.has("content.mojibake-repaired", file: "seed-003.md"))
        #expect(!report.has("content.mojibake-repaired", file: "seed-004.md"))
        for language in ["fr", "en"] {
            for prefix in ["000", "001", "002"] {
                let page = site.page("\(language)/projects/seeds/seed-\(prefix)/index.html")
                #expect(page.count > 1000)
                for marker in ["Ã©", "â€", "ðŸ", "ğŸ", "ï¸", "√©", "‚úÖ", "\u{F8FF}"] {
                    #expect(!page.contains(marker), "\(marker) in \(language) seed \(prefix)")
                }
            }
        }
        let audits = try #require(try site.json("data/audits.json")["audits"] as? [[String: Any]])
        let dates = Dictionary(uniqueKeysWithValues: audits.map { ($0["id"] as! String, $0["date"] as? String ?? "none") })
        #expect(dates == ["seeds/seed-000": "2024-01-15", "seeds/seed-001": "2025-11-08", "seeds/seed-002": "2026-02-05",
                          "seeds/seed-003": "2024-12-28", "seeds/seed-004": "2026-02-10"])
        // GAP-905 is mentioned in 003 and defined nowhere: left as text, reported.
        #expect(report.has("gap.undefined", file: "seed-003.md"))
        #expect(!site.page("fr/projects/seeds/seed-003/index.html").contains(">GAP-905</a>"))
        #expect(site.page("fr/projects/seeds/seed-003/index.html").contains(">GAP-1401</a>"))
    }
}
