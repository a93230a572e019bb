import Foundation
import SiteBuilder
import Testing

/// A project audited four times: trends, GAP lifecycle (opened, carried, closed, reopened, not
/// re-assessed), burn-down, cross-links and `gaps.json`, checked on the built output.
@Suite struct TimelineSiteTests {
    let site: TestSite
    let report: BuildReport

    init() throws {
        site = try TestSite(fixture: "timeline")
        report = try site.build()
    }

    func gap(_ id: String, project: String = "acme") throws -> [String: Any] {
        let gaps = try #require(try site.json("data/gaps.json")["gaps"] as? [[String: Any]])
        return try #require(gaps.first { $0["id"] as? String == id && $0["project"] as? String == project })
    }

    @Test func buildsWithoutWarnings() {
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(report.warningCount == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(report.auditCount == 5)
    }

    @Test func gapOpenedClosedReopenedAndClosedAgain() throws {
        let g = try gap("GAP-1")
        #expect(g["firstSeen"] as? String == "2024-01-10")
        #expect(g["lastSeen"] as? String == "2025-06-10")
        #expect(g["closedOn"] as? String == "2025-06-10")
        #expect(g["reopened"] as? Bool == true)
        #expect(g["status"] as? String == "done")
        #expect(g["severity"] as? String == "high")
        let history = try #require(g["history"] as? [[String: Any]])
        #expect(history.map { $0["status"] as? String } == ["open", "done", "open", "done"])
        #expect(history.map { $0["event"] as? String } == ["opened", "closed", "reopened", "closed"])
        #expect(history.map { $0["severity"] as? String } == ["critical", "critical", "critical", "high"])
        #expect(history.map { $0["audit"] as? String } == ["acme/2024-01-10-audit", "acme/2024-06-10-suivi", "acme/2025-01-10-audit", "acme/2025-06-10-review"])
        let url = try #require(g["url"] as? [String: String])
        #expect(url == ["fr": "fr/projects/acme/gaps/GAP-1/", "en": "en/projects/acme/gaps/GAP-1/"])
    }

    @Test func gapCarriedThenClosedThenNotReassessed() throws {
        let g = try gap("GAP-2")
        #expect((g["history"] as? [[String: Any]])?.map { $0["event"] as? String } == ["opened", "carried", "closed"])
        #expect(g["closedOn"] as? String == "2025-01-10")
        #expect(g["notReassessedSince"] as? String == "2025-01-10")
    }

    @Test func gapNeverMentionedAgainKeepsItsStatus() throws {
        let g = try gap("GAP-3")
        #expect(g["status"] as? String == "open")
        #expect(g["closedOn"] is NSNull)
        #expect(g["notReassessedSince"] as? String == "2024-01-10")
        #expect(g["ageDays"] as? Int == 517) // 2024-01-10 → 2025-06-10, the project's latest audit
        let page = site.page("fr/projects/acme/gaps/GAP-3/index.html")
        #expect(page.contains("non réévalué depuis le 10 janvier 2024"))
        #expect(site.page("en/projects/acme/gaps/GAP-3/index.html").contains("not re-assessed since 10 January 2024"))
    }

    @Test func sameIDInAnotherProjectIsAnotherGap() throws {
        let g = try gap("GAP-1", project: "beta")
        #expect(g["severity"] as? String == "low")
        #expect(site.exists("fr/projects/beta/gaps/GAP-1/index.html"))
    }

    @Test func burndownCountsOpenGapsPerAudit() {
        let page = site.page("fr/projects/acme/index.html")
        // Rows: date, critical, high, medium, low, info, unrated, total.
        let rows = page.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().filter { $0.contains("<td class=\"num\">") && $0.contains("2024") || $0.contains("2025") }
        func totals(_ date: String) -> [String] {
            guard let row = page.components(separatedBy: "<tr><th scope=\"row\"><a href=\"").first(where: { $0.contains(">\(date)</a></th><td class=\"num\">") }) else { return [] }
            let cells = row.components(separatedBy: "<td class=\"num\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
            return Array(cells.prefix(7))
        }
        #expect(totals("10 janvier 2024") == ["1", "1", "1", "0", "0", "0", "3"])
        #expect(totals("10 juin 2024") == ["0", "2", "1", "0", "0", "0", "3"])
        #expect(totals("10 janvier 2025") == ["1", "1", "1", "0", "0", "0", "3"])
        #expect(totals("10 juin 2025") == ["0", "0", "1", "0", "0", "0", "1"])
        #expect(!rows.isEmpty)
        #expect(page.contains("<svg class=\"chart bar-chart\""))
    }

    @Test func trendTableHasValuesDeltasAndHoles() {
        let page = site.page("fr/projects/acme/index.html")
        guard let security = page.components(separatedBy: "<tr><th scope=\"row\">Sécurité</th>").dropFirst().first?.components(separatedBy: "</tr>").first,
              let cost = page.components(separatedBy: "<tr><th scope=\"row\">Coût</th>").dropFirst().first?.components(separatedBy: "</tr>").first else {
            Issue.record("domain rows missing from the trend table")
            return
        }
        for value in ["50 %", "60 %", "75 %", "80 %"] { #expect(security.contains(value), "\(value) in \(security)") }
        #expect(security.contains("+15"))
        #expect(cost.contains("−5"))
        #expect(cost.contains("class=\"missing\""), "cost has no score in the 2025-01-10 audit: a hole, not a zero")
        // Security / Sécurité from FR and EN reports is one series.
        #expect(page.count(of: "<tr><th scope=\"row\">Sécurité</th>") == 1)
        #expect(page.contains("<svg class=\"chart line-chart\""))
        #expect(page.contains("<title id=\"chart-global-title\">"))
    }

    @Test func projectPageShowsLatestScoreAndChange() {
        let page = site.page("en/projects/acme/index.html")
        #expect(page.contains("<h1>Acme Platform</h1>"))
        #expect(page.contains("85%"))
        #expect(page.contains("+5"), "85 after 80: up 5 points")
        #expect(site.page("fr/projects/acme/index.html").contains("<h1>Acme Plateforme</h1>"))
    }

    @Test func auditPageSaysWhatChanged() {
        let page = site.page("fr/projects/acme/2025-01-10-audit/index.html")
        guard let changes = page.components(separatedBy: "id=\"changes-title\"").dropFirst().first?.components(separatedBy: "</section>").first else {
            Issue.record("no changes section")
            return
        }
        #expect(changes.contains("GAP rouverts"))
        #expect(changes.contains(">GAP-1</a>"))
        #expect(changes.contains("GAP fermés"))
        #expect(changes.contains(">GAP-2</a>"))
        #expect(changes.contains("GAP non réévalués"))
        #expect(changes.contains(">GAP-3</a>"))
        #expect(changes.contains("+10"), "score 70 → 80")
    }

    @Test func mentionsLinkToGapPagesAndBack() {
        let audit = site.page("fr/projects/acme/2024-01-10-audit/index.html")
        // In the prose: "Le GAP-1 est le plus urgent, voir aussi GAP-2."
        #expect(audit.contains("<p id=\"L24\">Le <a class=\"gap-ref\" href=\"../gaps/GAP-1/index.html\">GAP-1</a> est le plus urgent"))
        #expect(audit.contains("id=\"L24\""), "the prose line is anchored for the GAP page to link to")
        let gapPage = site.page("fr/projects/acme/gaps/GAP-1/index.html")
        #expect(gapPage.contains("href=\"../../../../../fr/projects/acme/2024-01-10-audit/index.html#L20\""), "history links to the defining row")
        #expect(gapPage.contains("href=\"../../../../../fr/projects/acme/2024-01-10-audit/index.html#L24\""), "mentions link to the sentence")
        #expect(gapPage.contains("href=\"../../../../../fr/projects/acme/2024-01-10-audit/index.html#ecarts\""), "mentions name their section")
        #expect(audit.contains("<tr id=\"L20\">"))
    }

    @Test func gapIndexGroupsBySeverityWithCounts() {
        let page = site.page("fr/gaps/index.html")
        #expect(page.contains("data-project=\"acme\" data-severity=\"medium\" data-status=\"open\""))
        #expect(page.contains("<strong>5</strong>"), "4 GAPs in acme and 1 in beta")
        let critical = page.range(of: "sev-group-critical"), medium = page.range(of: "sev-group-medium")
        #expect(critical == nil || medium == nil || critical!.lowerBound < medium!.lowerBound)
        #expect(site.page("en/gaps/index.html").contains("GAP index"))
    }

    @Test func portfolioComparesProjects() {
        let page = site.page("en/portfolio/index.html")
        #expect(page.contains("Acme Platform"))
        #expect(page.contains("<svg class=\"sparkline\""))
        #expect(page.contains("91%"))
    }
}
