import Foundation
import SiteBuilder
import Testing
import Yams

/// Follow-up series (`Fixtures/series/<name>`): a first audit that defines findings with IDs of any
/// shape, then re-checks that restate them — verification tables (`Traité ? Oui / Non (accepté)`),
/// bold-line registers, fix-review tables and headings, a sentence closing everything but named
/// exceptions, partial re-checks, reopened findings, translations. Each series is built as a site and
/// its `gaps.json` compared with the lifecycle a careful reader derives (`expected.yaml`).
@Suite struct SeriesFixtureTests {
    static let names: [String] = {
        let folder = TestSite.fixtures.appendingPathComponent("series")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.filter { !$0.hasSuffix(".md") }.sorted()
    }()

    @Test func seriesArePresent() {
        #expect(Self.names.count >= 6)
    }

    @Test(arguments: names)
    func lifecycleMatchesTheReports(name: String) throws {
        let site = try TestSite(fixture: "series/\(name)")
        defer { site.remove() }
        let expectedText = try String(contentsOf: site.root.appendingPathComponent("expected.yaml"), encoding: .utf8)
        let expected = try #require(try Yams.load(yaml: expectedText, Resolver.default.removing(.timestamp)) as? [String: Any])
        let report = try site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.formatted))")

        let gaps = try #require(try site.json("data/gaps.json")["gaps"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: gaps.map { ($0["id"] as! String, $0) })
        let expectedGaps = try #require(expected["gaps"] as? [String: [String: Any]])
        #expect(Set(byID.keys) == Set(expectedGaps.keys), "the findings of \(name)")
        for (id, want) in expectedGaps {
            guard let got = byID[id] else { continue }
            #expect(got["status"] as? String == want["status"] as? String, "\(id) status")
            #expect(got["severity"] as? String == want["severity"] as? String, "\(id) severity")
            #expect(got["closedOn"] as? String == want["closedOn"] as? String, "\(id) closed on")
            #expect(got["notReassessedSince"] as? String == want["notReassessedSince"] as? String, "\(id) not re-assessed since")
            let events = (got["history"] as? [[String: Any]] ?? []).map { $0["event"] as? String ?? "" }
            #expect(events == want["events"] as? [String] ?? [], "\(id) events")
        }
        // What each audit states, ID by ID.
        for audit in expected["audits"] as? [[String: Any]] ?? [] {
            let file = try #require(audit["file"] as? String)
            let slug = String(file.split(separator: ".")[0])
            for (id, value) in audit["findings"] as? [String: [String: Any]] ?? [:] {
                let history = byID[id]?["history"] as? [[String: Any]] ?? []
                let entry = history.first { ($0["audit"] as? String)?.hasSuffix("/" + slug) == true }
                #expect(entry?["status"] as? String == value["status"] as? String, "\(id) in \(file)")
            }
        }
    }
}
