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

    /// What a rebuild compares: a status flipped in the first audit changes that audit, the GAP, the
    /// next audit's comparison, the project and the portfolio; nothing else. Equal portals differ in nothing.
    @Test func partsThatDifferBetweenTwoPortals() throws {
        let ids = try IDMatcher()
        let later = [audit("b", "2024-05-01", gaps: [("GAP-1", .open, .high)]), audit("c", "2024-09-01", gaps: [("GAP-2", .open, .low)])]
        let before = Portal(audits: [audit("a", "2024-01-01", gaps: [("GAP-1", .open, .high), ("GAP-2", .open, .low)])] + later,
                            projects: [], ids: ids)
        let after = Portal(audits: [audit("a", "2024-01-01", gaps: [("GAP-1", .open, .high), ("GAP-2", .done, .low)])] + later,
                           projects: [], ids: ids)
        let changed = after.parts(changedFrom: before, candidates: ["p"])
        let a = AuditID(project: "p", slug: "a"), b = AuditID(project: "p", slug: "b"), c = AuditID(project: "p", slug: "c")
        #expect(changed.contains(.audit(a)) && !changed.contains(.audit(b)) && !changed.contains(.audit(c)))
        #expect(changed.contains(.gap(GapKey(project: "p", id: "GAP-2"))) && !changed.contains(.gap(GapKey(project: "p", id: "GAP-1"))))
        // GAP-2 was not re-assessed in b (closed before), then restated open in c: both comparisons change.
        #expect(changed.contains(.changes(b)) && changed.contains(.changes(c)))
        #expect(changed.isSuperset(of: [.project("p"), .portfolio]))
        #expect(!changed.contains(.gapSet(project: "p")) && !changed.contains(.projectInfo(project: "p")))
        #expect(after.parts(changedFrom: after, candidates: ["p"]).isEmpty)
        // A project that appears changes the portfolio, its own parts and nothing of the others.
        let grown = Portal(audits: before.allAudits + [AuditRecord(project: "q", slug: "x", sourceLanguage: "fr", languages: ["fr"],
                                                                   factsByLanguage: ["fr": AuditFacts()], files: [:])],
                           projects: [], ids: ids)
        let added = grown.parts(changedFrom: before, candidates: [])
        #expect(added.contains(.portfolio) && added.contains(.project("q")) && !added.contains(.project("p")))
    }
}

