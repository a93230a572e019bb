import Foundation
import SiteBuilder
import Testing

/// Reports of our own that went through the wrong code page, as real files do (fixture `mojibake`:
/// UTF-8 read as Mac Roman, as Windows-1254 and as Windows-1252 with the undefined bytes lost). They
/// are repaired before parsing, say so with an info diagnostic, and no marker reaches a page.
@Suite struct MojibakeSiteTests {
    @Test func brokenEncodingsAreRepairedAndUnderstood() throws {
        let site = try TestSite(fixture: "mojibake")
        defer { site.remove() }
        let report = try site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.formatted))")
        for name in ["2024-03-14-architecture.fr.md", "2025-02-03-production.fr.md", "2025-06-20-suivi.fr.md"] {
            #expect(report.has("content.mojibake-repaired", file: name), "\(name) is repaired with an info diagnostic")
        }
        for language in ["fr", "en"] {
            for slug in ["2024-03-14-architecture", "2025-02-03-production", "2025-06-20-suivi"] {
                let page = site.page("\(language)/projects/legacy/\(slug)/index.html")
                #expect(page.contains("Héron"), "\(slug) in \(language) shows the repaired name")
                for marker in ["Ã©", "â€", "ðŸ", "ï¸", "√©", "‚Äî", "\u{F8FF}"] {
                    #expect(!page.contains(marker), "\(marker) in \(language) \(slug)")
                }
            }
        }
        let audits = try #require(try site.json("data/audits.json")["audits"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: audits.map { ($0["id"] as! String, $0) })
        #expect(byID["legacy/2024-03-14-architecture"]?["date"] as? String == "2024-03-14")
        #expect(byID["legacy/2024-03-14-architecture"]?["score"] as? Int == 81)
        #expect(byID["legacy/2025-02-03-production"]?["score"] as? Int == 80)
        let checks = (byID["legacy/2024-03-14-architecture"]?["items"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "check" }
        #expect(checks.map { $0["status"] as? String } == ["done", "done", "open", "open"])
        let gaps = try #require(try site.json("data/gaps.json")["gaps"] as? [[String: Any]])
        let states = gaps.map { "\($0["id"]!) \($0["severity"]!) \($0["status"]!)" }
        #expect(states == ["GAP-201 critical open", "GAP-202 high partial", "GAP-203 medium done"])
        let tasks = (byID["legacy/2025-06-20-suivi"]?["items"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "task" }
        #expect(tasks.map { $0["status"] as? String } == ["done", "partial", "open"])
    }
}
