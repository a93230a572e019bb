import Extraction
import Portal
import Templates

/// Atom feeds of audits (one per language, one per project and language) and `sitemap.xml`. Dates
/// come from the audits, never from the clock, so the files are the same for the same content.
public struct Feeds: Sendable {
    let portal: Portal
    let settings: SiteSettings

    public init(portal: Portal, settings: SiteSettings) {
        self.portal = portal
        self.settings = settings
    }

    /// Feed paths relative to the site root: `fr/feed.xml`, `fr/projects/<p>/feed.xml`.
    public static func path(language: String, project: String? = nil) -> String {
        project.map { "\(language)/projects/\($0)/feed.xml" } ?? "\(language)/feed.xml"
    }

    /// The newest audits (50 at most) as an Atom feed in one language. Links are relative to the
    /// feed (readers resolve them), or absolute with a base URL.
    public func atom(language: String, project slug: String? = nil, strings: [String: String]) -> String {
        let projects = slug.flatMap { portal.project($0) }.map { [$0] } ?? portal.projects
        // Newest first; undated audits last, in ID order.
        let audits = projects.flatMap(\.audits).sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: x > y
            case (_?, nil): true
            case (nil, _?): false
            default: a.id < b.id
            }
        }.prefix(50)
        let feedPath = Self.path(language: language, project: slug)
        let base = settings.baseURL ?? SitePaths.root(from: feedPath)
        let siteTitle = settings.title(in: language)
        let title = slug.flatMap { portal.project($0)?.info.name(in: language) }.map { "\($0) · \(siteTitle)" } ?? siteTitle
        let updated = audits.compactMap(\.date).max().map { "\($0)T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language)\">\n"
        xml += "  <title>\(escape(title))</title>\n"
        xml += "  <id>urn:audit-site:\(escape(feedPath))</id>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <link rel=\"self\" href=\"\(escape(settings.baseURL.map { $0 + feedPath } ?? "feed.xml"))\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(base + SitePaths.directory(for: slug.map { .project(language: language, project: $0) } ?? .home(language: language))))\"/>\n"
        for audit in audits {
            let href = base + SitePaths.directory(for: .audit(language: language, audit: audit.id))
            let day = audit.date.map { "\($0)T00:00:00Z" } ?? updated
            var summary: [String] = []
            if let score = audit.facts.score { summary.append("\(strings["audit.score"] ?? "Score"): \(score.text)") }
            let open = audit.facts.items.filter { ($0.kind == .gap || $0.kind == .risk) && $0.status.isOpen }.count
            if open > 0 { summary.append("\(strings["kind.gaps"] ?? "GAPs"): \(open)") }
            xml += "  <entry>\n"
            xml += "    <title>\(escape(audit.title(in: language)))</title>\n"
            xml += "    <id>urn:audit-site:\(escape(audit.id.description))</id>\n"
            xml += "    <updated>\(day)</updated>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(href))\"/>\n"
            if let author = audit.facts.author { xml += "    <author><name>\(escape(author))</name></author>\n" }
            xml += "    <summary>\(escape(summary.joined(separator: " · ")))</summary>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Every page with its translations as `hreflang` alternates. A sitemap needs absolute URLs: it is
    /// written only when the base URL is known (`--base-url` or `baseURL:` in `site.yaml`).
    public func sitemap(pages: [PagePlan]) -> String? {
        guard let base = settings.baseURL else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for plan in pages where plan.language != nil {
            xml += "  <url>\n    <loc>\(escape(base + SitePaths.directory(for: plan.kind)))</loc>\n"
            for language in settings.languages {
                let href = base + SitePaths.directory(for: SitePaths.translated(plan.kind, to: language))
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(language)\" href=\"\(escape(href))\"/>\n"
            }
            xml += "  </url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func escape(_ text: String) -> String { HTMLEscape.escape(text) }
}
