import Extraction
import Portal
import Renderer
import Testing

/// What each page kind says it shows: the rebuild renders a page again exactly when one of these
/// parts changed, and passes over the pages of projects nothing changed in.
@Suite struct PagePlanPartsTests {
    func portal() throws -> Portal {
        func record(_ project: String, _ slug: String, _ date: String, _ items: [Item]) -> AuditRecord {
            var facts = AuditFacts(date: AuditDate(iso: date))
            facts.items = items
            return AuditRecord(project: project, slug: slug, sourceLanguage: "fr", languages: ["fr"], factsByLanguage: ["fr": facts], files: [:])
        }
        let gap = { (id: String, title: String, status: Status) in Item(kind: .gap, id: id, title: title, severity: .high, status: status, line: 3) }
        return Portal(audits: [
            record("p", "a", "2024-01-01", [gap("GAP-1", "Sauvegardes", .open)]),
            // A re-check naming only the ID: its page shows the title from the GAP's history.
            record("p", "b", "2024-06-01", [gap("GAP-1", "GAP-1", .done)]),
            record("q", "x", "2024-02-01", [gap("GAP-1", "Autre projet", .open)]),
        ], projects: [], ids: try IDMatcher())
    }

    @Test func everyPartOfAProjectsPageBelongsToThatProject() throws {
        let portal = try portal()
        for project in portal.projects {
            var kinds: [PagePlan.Kind] = [.project(language: "fr", project: project.slug)]
            kinds += project.audits.map { .audit(language: "en", audit: $0.id) }
            kinds += project.gaps.map { .gap(language: "fr", project: project.slug, id: $0.id) }
            for kind in kinds {
                let parts = kind.parts(in: portal)
                #expect(!parts.isEmpty)
                #expect(parts.allSatisfy { $0.project == project.slug }, "\(kind): \(parts)")
            }
        }
    }

    @Test func pagesNameWhatTheyShow() throws {
        let portal = try portal()
        let a = AuditID(project: "p", slug: "a"), b = AuditID(project: "p", slug: "b")
        let recheck = Set(PagePlan.Kind.audit(language: "fr", audit: b).parts(in: portal))
        // Its text, its record, its comparison with `a` (named by title), and GAP-1's title.
        #expect(recheck.isSuperset(of: [.audit(b), .text(b), .changes(b), .audit(a), .gap(GapKey(project: "p", id: "GAP-1")),
                                        .gapSet(project: "p"), .projectInfo(project: "p")]))
        let gapPage = Set(PagePlan.Kind.gap(language: "fr", project: "p", id: "GAP-1").parts(in: portal))
        #expect(gapPage.isSuperset(of: [.gap(GapKey(project: "p", id: "GAP-1")), .audit(a), .audit(b)]))
        #expect(!gapPage.contains(.text(a)), "a GAP page does not show the audits' texts")
        #expect(PagePlan.Kind.home(language: "fr").parts(in: portal) == [.portfolio])
        #expect(PagePlan.Kind.search(language: "fr").parts(in: portal).isEmpty)
    }
}
