import Extraction
import Foundation
import Testing
import TextRepair

/// The three real reports that reached us with broken encodings, repaired then extracted, as the
/// build does. Copied "without dates in their file names": nothing comes from the file name here.
@Suite(.enabled(if: seedsFolder != nil, seedsMissing)) struct SeedRepairExtractionTests {
    func repairedSeed(_ prefix: String) throws -> String {
        let folder = try #require(seedsFolder, "shared/seeds is not beside the repository")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(prefix) })
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let text = try #require(SourceDecoder.decode(data).text)
        return MojibakeRepair.repair(text).text
    }

    @Test func macRomanArchitectureAudit() throws {
        let facts = try extract(try repairedSeed("000")).value
        #expect(facts.date?.description == "2024-01-15")
        #expect(facts.score?.value == 94)
        let expected: [String: Double] = ["architecture": 95, "code-quality": 92, "security": 89, "devops": 96,
                                          "monitoring": 94, "documentation": 91, "performance": 93, "scalability": 95]
        var actual: [String: Double] = [:]
        for d in facts.domainScores { actual[d.domain] = d.score.value }
        #expect(actual == expected)
        #expect(facts.items(.check).count == 39)
        #expect(facts.count(.check, .done) == 26)
        #expect(facts.author == "Expert Qualifié Avancé")
        #expect(facts.verdict?.contains("APPROUVÉ") == true)
        // Priority sections: three critical, three high, four medium recommendations.
        let recommendations = facts.items(.recommendation)
        #expect(recommendations.filter { $0.severity == .critical }.count == 3)
        #expect(recommendations.filter { $0.severity == .high }.count == 3)
        #expect(recommendations.filter { $0.severity == .medium }.count == 4)
    }

    @Test func windows1254ProductionAudit() throws {
        let facts = try extract(try repairedSeed("001")).value
        #expect(facts.date?.description == "2025-11-08")
        #expect(facts.score?.value == 92)
        #expect(facts.domainScores.count == 10)
        var actual: [String: Double] = [:]
        for d in facts.domainScores { actual[d.domain] = d.score.value }
        #expect(actual["security"] == 89)
        #expect(actual["cost"] == 82)
        #expect(actual["compliance"] == 87)
        #expect(actual["scalability"] == 95)
        #expect(actual["architecture"] == 94)
        // The risk register: seven risks, severities from "🔴 HAUTE" (words win over emojis).
        let risks = facts.items(.risk)
        #expect(risks.count == 7)
        #expect(risks.filter { $0.severity == .high }.count == 3)
        #expect(facts.items(.check).count == 18)
    }

    @Test func windows1254TruthAuditTasks() throws {
        let facts = try extract(try repairedSeed("002")).value
        #expect(facts.date?.description == "2026-02-05")
        let tasks = facts.items(.task)
        #expect(tasks.count == 35)
        #expect(facts.count(.task, .done) == 14)
        #expect(facts.count(.task, .partial) == 16)
        #expect(facts.count(.task, .open) == 5)
        // The ☐ lines sit in code blocks: never mined.
        #expect(facts.items(.check).isEmpty)
    }
}
