import Extraction
import Portal
import Testing

/// Merging audits across dates, on hand-made facts.
@Suite struct PortalTests {
    func audit(_ slug: String, _ date: String, score: Double? = nil, gaps: [(String, Status, Severity?)] = [],
               tasks: [(String, Status)] = []) -> AuditRecord {
        var facts = AuditFacts(date: AuditDate(iso: date))
        facts.score = score.map { Score(value: $0, scale: 100, raw: $0, text: "\($0)%", line: 1) }
        facts.items = gaps.enumerated().map { Item(kind: .gap, id: $1.0, title: $1.0, severity: $1.2, status: $1.1, line: 10 + $0) }
            + tasks.map { Item(kind: .task, id: nil, title: $0.0, severity: nil, status: $0.1, line: 50) }
        return AuditRecord(project: "p", slug: slug, sourceLanguage: "fr", languages: ["fr"], factsByLanguage: ["fr": facts], files: ["fr": "\(slug).md"])
    }

    @Test func lifecycleEventsAndBurndown() throws {
        let ids = try IDMatcher()
        let portal = Portal(audits: [
            audit("c", "2024-09-01", gaps: [("GAP-1", .open, .high)], tasks: [("Rotation des secrets", .done)]),
            audit("a", "2024-01-01", gaps: [("GAP-1", .open, .critical), ("GAP-2", .partial, nil)], tasks: [("Rotation des secrets", .open)]),
            audit("b", "2024-05-01", gaps: [("GAP-1", .done, .critical)]),
        ], projects: [], ids: ids)
        let project = try #require(portal.project("p"))
        #expect(project.audits.map(\.slug) == ["a", "b", "c"])
        let gap1 = try #require(portal.gap(project: "p", id: "GAP-1"))
        #expect(gap1.entries.map(\.event) == [.opened, .closed, .reopened])
        #expect(gap1.reopened)
        #expect(gap1.closedOn == nil)
        #expect(gap1.severityChanges == [.critical, .high])
        let gap2 = try #require(portal.gap(project: "p", id: "GAP-2"))
        #expect(gap2.notReassessedSince?.description == "2024-01-01")
        #expect(gap2.status == .partial)
        #expect(project.burndown.points.map(\.total) == [2, 1, 2])
        #expect(project.changes[AuditID(project: "p", slug: "c")]?.reopenedGaps == ["GAP-1"])
        #expect(project.changes[AuditID(project: "p", slug: "b")]?.notReassessedGaps == ["GAP-2"])
        #expect(project.trackedItems.first?.entries.map(\.status) == [.open, .done])
    }

    @Test func undatedAuditsComeFirstAndSameDayKeepsSlugOrder() throws {
        let portal = Portal(audits: [audit("z", "2024-01-01"), audit("y", "2024-01-01"),
                                     AuditRecord(project: "p", slug: "x", sourceLanguage: "fr", languages: ["fr"], factsByLanguage: ["fr": AuditFacts()], files: [:])],
                            projects: [], ids: try IDMatcher())
        #expect(portal.project("p")?.audits.map(\.slug) == ["x", "y", "z"])
    }

    @Test func mentionedButUndefinedIDIsReported() throws {
        var facts = AuditFacts(date: AuditDate(iso: "2024-01-01"))
        facts.mentions = [Mention(id: "GAP-905", line: 7)]
        let record = AuditRecord(project: "p", slug: "a", sourceLanguage: "fr", languages: ["fr"], factsByLanguage: ["fr": facts], files: ["fr": "content/p/a.md"])
        let portal = Portal(audits: [record], projects: [], ids: try IDMatcher())
        #expect(portal.diagnostics.contains { $0.code == "gap.undefined" && $0.line == 7 && $0.file == "content/p/a.md" })
    }
}
