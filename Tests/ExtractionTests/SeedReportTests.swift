import Extraction
import Foundation
import Testing

/// The clean real reports (003, 004), copied without dates in their names as the issue asks.
/// The broken ones (000–002) are checked after repair in SeedRepairExtractionTests.
@Suite(.enabled(if: seedsFolder != nil, seedsMissing)) struct SeedReportTests {
    func seed(_ prefix: String) throws -> String {
        let folder = try #require(seedsFolder, "shared/seeds is not beside the repository")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(prefix) })
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func devopsAuditWithNineteenGaps() throws {
        let result = try extract(try seed("003"))
        let facts = result.value
        #expect(facts.date?.description == "2024-12-28")
        let gaps = facts.items(.gap)
        #expect(gaps.count == 19, "\(gaps.map { "\($0.id ?? "-") \($0.title) @\($0.line)" })")
        #expect(Set(gaps.compactMap(\.id)) == Set((1401...1419).map { "GAP-\($0)" }))
        var severities: [String: Severity] = [:]
        for gap in gaps { if let id = gap.id { severities[id] = gap.severity } }
        for n in [1401, 1411, 1412, 1413, 1416] { #expect(severities["GAP-\(n)"] == .critical, "GAP-\(n)") }
        for n in [1402, 1403, 1404, 1405, 1406, 1414, 1415, 1418] { #expect(severities["GAP-\(n)"] == .high, "GAP-\(n)") }
        for n in [1407, 1408, 1409, 1410, 1417, 1419] { #expect(severities["GAP-\(n)"] == .medium, "GAP-\(n)") }
        #expect(gaps.allSatisfy { $0.status == .open })
        // GAP-1401 is defined in its section table and again in the consolidated table: one item, two places.
        #expect(gaps.first { $0.id == "GAP-1401" }?.otherLines.isEmpty == false)
        #expect(facts.mentions.contains { $0.id == "GAP-905" })
        #expect(!result.diagnostics.contains { $0.code == "gap.conflicting-severity" })
    }

    @Test func maturityAuditOnTenPointScale() throws {
        let facts = try extract(try seed("004")).value
        #expect(facts.date?.description == "2026-02-10")
        #expect(facts.score?.value == 75)
        #expect(facts.score?.text == "7.5 / 10")
        #expect(facts.title == "Audit de maturité production — ATLAS Platform")
        let recommendations = facts.items(.recommendation)
        #expect(recommendations.count == 9)
        #expect(recommendations.filter { $0.severity == .high }.count == 3)
        #expect(recommendations.filter { $0.severity == .low }.count == 3)
        let tasks = facts.items(.task)
        #expect(tasks.count == 7)
        #expect(tasks.allSatisfy { $0.status == .done })
    }
}
