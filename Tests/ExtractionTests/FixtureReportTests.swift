import Extraction
import Foundation
import Testing
import Yams

/// Reports in shapes the seeds do not show, each with what a careful reader finds in it
/// (`NAME.expected.yaml`). Extraction must get these from meaning, not from one template.
@Suite struct FixtureReportTests {
    static let names: [String] = {
        let folder = fixturesFolder.appendingPathComponent("reports")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test func fixturesArePresent() {
        #expect(Self.names.count >= 8)
    }

    @Test(arguments: names)
    func matchesExpectations(name: String) throws {
        let folder = fixturesFolder.appendingPathComponent("reports")
        let text = try String(contentsOf: folder.appendingPathComponent(name + ".md"), encoding: .utf8)
        let expectedText = try String(contentsOf: folder.appendingPathComponent(name + ".expected.yaml"), encoding: .utf8)
        let expected = try #require(try Yams.load(yaml: expectedText, Resolver.default.removing(.timestamp)) as? [String: Any])
        let pattern = expected["idPattern"] as? String ?? IDMatcher.defaultPattern
        let facts = try extract(text, pattern: pattern, file: name + ".md").value

        #expect(facts.date?.description == expected["date"] as? String, "date of \(name)")
        if let score = expected["score"] as? Double {
            #expect(facts.score?.value == score, "score of \(name)")
        } else if let score = expected["score"] as? Int {
            #expect(facts.score?.value == Double(score), "score of \(name)")
        } else {
            #expect(facts.score == nil, "\(name) states no global score")
        }
        if let text = expected["scoreText"] as? String {
            #expect(facts.score?.text == text, "score text of \(name)")
        }
        let domains = expected["domains"] as? [String: Any] ?? [:]
        var expectedDomains: [String: Double] = [:]
        for (key, value) in domains { expectedDomains[key] = (value as? Double) ?? Double(value as? Int ?? -1) }
        var actualDomains: [String: Double] = [:]
        for d in facts.domainScores { actualDomains[d.domain] = d.score.value }
        #expect(actualDomains == expectedDomains, "domains of \(name)")

        let items = expected["items"] as? [String: Any] ?? [:]
        for kind in Item.Kind.allCases {
            let counts = items[kind.rawValue] as? [String: Int] ?? [:]
            #expect(facts.items(kind).count == counts["total"] ?? 0, "\(kind) total of \(name)")
            for status in Status.allCases {
                #expect(facts.count(kind, status) == counts[status.rawValue] ?? 0, "\(kind) \(status) of \(name)")
            }
        }
        let gaps = expected["gaps"] as? [String: String] ?? [:]
        var actualGaps: [String: String] = [:]
        for item in facts.items where item.id != nil { actualGaps[item.id!] = item.severity?.rawValue ?? "none" }
        #expect(actualGaps == gaps, "GAP severities of \(name)")
    }
}
