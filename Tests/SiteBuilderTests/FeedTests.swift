import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SiteBuilder
import Testing

/// Atom feeds per language and per project, `sitemap.xml` with `hreflang` alternates (only with a base
/// URL: a sitemap needs absolute URLs), and a favicon: well-formed, newest audit first, stable.
@Suite struct FeedTests {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String: [String]] = [:]
        private var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(name)
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            texts[name, default: []].append(current)
            current = ""
        }
    }

    func parse(_ text: String) throws -> Collector {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "well-formed XML: \(String(describing: parser.parserError))")
        return collector
    }

    @Test func feedsSitemapAndFavicon() throws {
        let site = try TestSite(fixture: "timeline")
        defer { site.remove() }
        try site.build(baseURL: "https://intranet.example/audits/")
        let feed = try parse(site.page("fr/feed.xml"))
        let updates = feed.texts["updated"] ?? []
        #expect(updates.count >= 4, "feed updated + one per entry")
        let entries = Array(updates.dropFirst())
        #expect(entries == entries.sorted(by: >), "newest audit first")
        #expect(updates.first == entries.first, "the feed is as new as its newest audit")
        #expect(site.page("fr/feed.xml").contains("https://intranet.example/audits/fr/projects/acme/"))
        #expect(site.exists("en/projects/acme/feed.xml"))
        #expect(try parse(site.page("en/projects/acme/feed.xml")).elements.contains("entry"))

        let sitemap = try parse(site.page("sitemap.xml"))
        let locations = sitemap.texts["loc"] ?? []
        #expect(locations.contains("https://intranet.example/audits/fr/projects/acme/gaps/GAP-1/"))
        #expect(locations.contains("https://intranet.example/audits/en/"))
        #expect(site.page("sitemap.xml").contains("hreflang=\"en\" href=\"https://intranet.example/audits/en/projects/acme/\""))
        #expect(site.exists("assets/favicon.svg"))
        #expect(site.page("fr/index.html").contains("rel=\"icon\""))
        #expect(site.page("fr/index.html").contains("application/atom+xml"))

        // Without a base URL there is no sitemap (it needs absolute URLs); feeds link relatively.
        try site.build()
        #expect(!site.exists("sitemap.xml"))
        #expect(site.page("fr/feed.xml").contains("href=\"../fr/projects/acme/"))
    }
}
