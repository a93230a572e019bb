import Portal
@testable import Renderer
import Testing

/// Every page kind has one place, written the same from any page: folders with an `index.html`,
/// links relative to the site root, a line's anchor after it.
@Suite struct SitePathsTests {
    static let audit = AuditID(project: "acme", slug: "2025-01-10-audit")
    static let places: [(PagePlan.Kind, String)] = [
        (.root, "index.html"),
        (.notFound, "404.html"),
        (.home(language: "fr"), "fr/index.html"),
        (.portfolio(language: "en"), "en/portfolio/index.html"),
        (.gapIndex(language: "fr"), "fr/gaps/index.html"),
        (.search(language: "en"), "en/search/index.html"),
        (.project(language: "fr", project: "acme"), "fr/projects/acme/index.html"),
        (.audit(language: "en", audit: audit), "en/projects/acme/2025-01-10-audit/index.html"),
        (.gap(language: "fr", project: "acme", id: "GAP-7"), "fr/projects/acme/gaps/GAP-7/index.html"),
    ]

    @Test func eachKindHasItsPlace() {
        for (kind, file) in Self.places {
            #expect(SitePaths.file(for: kind) == file)
            if case .notFound = kind {} else { #expect(SitePaths.directory(for: kind) + "index.html" == file) }
            #expect(SitePaths.file(for: kind, from: "../../") == "../../" + file)
            #expect(SitePaths.file(for: kind, from: "../", line: 12) == "../" + file + "#L12")
        }
        #expect(SitePaths.root(from: "fr/projects/acme/index.html") == "../../../")
        #expect(SitePaths.root(from: "index.html") == "")
        // Empty components count for nothing, as the path's folders are counted.
        #expect(SitePaths.root(from: "en//gaps/") == "../")
    }
}
