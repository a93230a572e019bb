import Extraction
import Foundation
import Testing
import Yams

/// Reports in the shapes published audits use (finding registers, severity sections, inline
/// severity lines, ID headings, priority scales, legends, ratings, prose scores, critical lists,
/// dates, CVSS, prose-only reviews), each with what a careful reader finds in it
/// (`Fixtures/shapes/NAME.expected.yaml`; schema in `Fixtures/shapes/README.md`).
@Suite struct ShapeFixtureTests {
    static let folder = fixturesFolder.appendingPathComponent("shapes")
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test func fixturesCoverTheShapes() throws {
        #expect(Self.names.count >= 51)
        var shapes: Set<String> = []
        for name in Self.names { shapes.insert(String(name.split(separator: "-")[0])) }
        #expect(shapes.count >= 12, "\(shapes.sorted())")
    }

    @Test(arguments: names)
    func matchesWhatAReaderFinds(name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".md"), encoding: .utf8)
        let expectedText = try String(contentsOf: Self.folder.appendingPathComponent(name + ".expected.yaml"), encoding: .utf8)
        let expected = try #require(try Yams.load(yaml: expectedText, Resolver.default.removing(.timestamp)) as? [String: Any])
        let facts = try extract(text, file: name + ".md", fileNameDate: nil).value

        #expect(facts.date?.description == expected["date"] as? String, "date")
        if let title = expected["title"] as? String { #expect(facts.title == title, "title") }
        #expect(facts.score.map { Int($0.value.rounded()) } == Self.number(expected["score"]).map { Int($0.rounded()) }, "score")
        let domains = (expected["domains"] as? [String: Any] ?? [:]).compactMapValues { Self.number($0).map { Int($0.rounded()) } }
        #expect(facts.domainScores.map { Int($0.score.value.rounded()) }.sorted() == domains.values.sorted(), "domain scores")
        let ratings = (expected["ratings"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        #expect(facts.ratings.map(\.rating.text).sorted() == ratings.values.sorted(), "ratings")

        let findings = expected["findings"] as? [[String: Any]] ?? []
        let items = facts.items.filter { $0.kind == .gap || $0.kind == .risk }
        #expect(items.count == findings.count, "number of findings: \(items.map { $0.id ?? $0.ref ?? $0.title })")
        var unnamed = items.filter { $0.id == nil && $0.ref == nil }[...]
        for finding in findings {
            let severity = finding["severity"] as? String
            let status = finding["status"] as? String
            let item: Item?
            let name: String
            if let id = finding["id"] as? String {
                item = items.first { $0.id == id }
                name = id
            } else if let ref = finding["ref"].map({ "\($0)" }) {
                item = items.first { $0.ref == ref && $0.id == nil }
                name = ref
            } else {
                item = unnamed.popFirst()
                name = finding["title"] as? String ?? "?"
            }
            guard let item else {
                Issue.record("\(name) not found")
                continue
            }
            #expect(item.severity?.rawValue == severity, "severity of \(name)")
            #expect(item.status.rawValue == status, "status of \(name)")
        }
        let stated = (expected["statedCounts"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
        var counts: [String: Int] = [:]
        for count in facts.statedCounts where counts[count.severity.rawValue] == nil { counts[count.severity.rawValue] = count.count }
        #expect(counts == stated, "stated counts")
    }

    static func number(_ value: Any?) -> Double? {
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }
}
