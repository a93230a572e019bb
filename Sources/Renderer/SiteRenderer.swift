import Extraction
import Markdown
import Portal
import Templates

/// Turns the merged portal into pages: it plans the page set, then renders any one page on
/// demand, so the builder can render pages in parallel and the preview can render only the pages a
/// change touches. Every lookup goes through the portal's indexes: no page scans all audits.
public struct SiteRenderer: Sendable {
    /// The rendered body of an audit's text in one language.
    public typealias BodyProvider = @Sendable (_ auditID: AuditID, _ language: String) -> RenderedBody?

    let portal: Portal
    let theme: Theme
    let settings: SiteSettings
    let vocabulary: Vocabulary
    let ids: IDMatcher
    let body: BodyProvider
    /// Pieces of pages reused between preview rebuilds (GAP index rows); nil renders everything.
    let cache: ExportCache?
    /// Per language, made once: how it writes dates and numbers, and its names of levels and statuses.
    private let formatters: [String: LocaleFormatter]
    private let labels: [String: InterfaceLabels]
    /// Each project's audits as its GAP pages name them, made on first use (see `AuditMentions`).
    private let mentions = AuditMentions()

    public init(portal: Portal, theme: Theme, settings: SiteSettings, vocabulary: Vocabulary, ids: IDMatcher,
                cache: ExportCache? = nil, body: @escaping BodyProvider) {
        self.cache = cache
        self.portal = portal
        self.theme = theme
        self.settings = settings
        self.vocabulary = vocabulary
        self.ids = ids
        self.body = body
        let languages = Set(settings.languages + [settings.defaultLanguage])
        formatters = Dictionary(uniqueKeysWithValues: languages.map { ($0, LocaleFormatter(language: $0, strings: theme.strings(for: $0))) })
        labels = Dictionary(uniqueKeysWithValues: languages.map { ($0, InterfaceLabels(strings: theme.strings(for: $0))) })
    }

    /// Every page of the site, in a stable order.
    public func plan() -> [PagePlan] {
        var pages: [PagePlan] = [PagePlan(kind: .root), PagePlan(kind: .notFound)]
        for language in settings.languages {
            pages.append(PagePlan(kind: .home(language: language)))
            pages.append(PagePlan(kind: .portfolio(language: language)))
            pages.append(PagePlan(kind: .gapIndex(language: language)))
            pages.append(PagePlan(kind: .search(language: language)))
            for project in portal.projects {
                pages.append(PagePlan(kind: .project(language: language, project: project.slug)))
                for audit in project.audits { pages.append(PagePlan(kind: .audit(language: language, audit: audit.id))) }
                for gap in project.gaps { pages.append(PagePlan(kind: .gap(language: language, project: project.slug, id: gap.id))) }
            }
        }
        return pages
    }

    /// Renders one page to HTML bytes: its page kind builds its model, the theme's template writes it.
    public func render(_ plan: PagePlan) throws -> [UInt8] {
        let language = plan.language ?? settings.defaultLanguage
        let strings = theme.strings(for: language)
        let page = PageContext(plan: plan, language: language, strings: strings,
                               format: formatters[language] ?? LocaleFormatter(language: language, strings: strings),
                               labels: labels[language] ?? InterfaceLabels(strings: strings), settings: settings, vocabulary: vocabulary)
        var layout = layout(page)
        switch plan.kind {
        case .root:
            let model = RootPageModel(layout: layout, languages: settings.languages.map { l in
                RootPageModel.Choice(lang: l, name: theme.strings(for: l)["language.name"] ?? l, href: SitePaths.file(for: .home(language: l)),
                                     welcome: theme.strings(for: l)["root.choose"] ?? "")
            }, defaultHref: SitePaths.file(for: .home(language: settings.defaultLanguage)), languageCodes: settings.languages.joined(separator: ","))
            return try theme.page("root", model: model)
        case .notFound:
            // The 404 page is served from any depth: its links must be absolute from the base URL or root.
            layout.root = settings.baseURL ?? "/"
            let model = NotFoundPageModel(layout: layout, languages: settings.languages.map { l in
                NotFoundPageModel.Message(lang: l, message: theme.strings(for: l)["notfound.message"] ?? "",
                                          href: SitePaths.file(for: .home(language: l)), home: theme.strings(for: l)["nav.home"] ?? "")
            })
            return try theme.page("404", model: model)
        case .home:
            return try theme.page("home", model: HomePage(portal: portal, page: page).model(layout: layout))
        case .portfolio:
            return try theme.page("portfolio", model: PortfolioPage(portal: portal, page: page).model(layout: layout))
        case .gapIndex:
            return try theme.page("gaps", model: GapIndexPage(portal: portal, page: page, cache: cache).model(layout: layout))
        case .search:
            layout.pageTitle = page.t("search.title")
            return try theme.page("search", model: layout)
        case .project(_, let slug):
            guard let project = portal.project(slug) else { throw RenderError.unknown(plan.path) }
            return try theme.page("project", model: ProjectPage(project: project, portal: portal, page: page).model(layout: layout))
        case .audit(_, let id):
            guard let audit = portal.audit(id), let project = portal.project(audit.project) else { throw RenderError.unknown(plan.path) }
            return try theme.page("audit", model: try AuditPage(audit: audit, project: project, portal: portal, page: page, ids: ids, body: body).model(layout: layout))
        case .gap(_, let slug, let id):
            guard let gap = portal.gap(project: slug, id: id), let project = portal.project(slug) else { throw RenderError.unknown(plan.path) }
            return try theme.page("gap", model: GapPage(gap: gap, project: project, portal: portal, page: page, mentions: mentions).model(layout: layout))
        }
    }

    /// What every page's layout shows: language, navigation, switcher, alternates.
    func layout(_ page: PageContext) -> LayoutModel {
        let kind = page.plan.kind
        let nav: [(String, PagePlan.Kind)] = [
            ("nav.home", .home(language: page.language)), ("nav.portfolio", .portfolio(language: page.language)),
            ("nav.gaps", .gapIndex(language: page.language)), ("nav.search", .search(language: page.language)),
        ]
        var layout = LayoutModel(
            lang: page.language, root: page.root, strings: theme.templateStrings(for: page.language),
            siteTitle: settings.title(in: page.language), pageTitle: settings.title(in: page.language),
            homeHref: page.link(.home(language: page.language)), stylesheet: page.root + "assets/style.css",
            script: page.root + "assets/site.js", feedHref: page.root + Feeds.path(language: page.language),
            nav: nav.map { key, target in
                LayoutModel.NavLink(label: page.t(key), href: page.link(target),
                                    current: SitePaths.directory(for: target) == SitePaths.directory(for: kind))
            })
        if page.plan.language != nil {
            layout.switcher = settings.languages.map { l in
                LayoutModel.LanguageLink(lang: l, name: theme.strings(for: l)["language.name"] ?? l,
                                         href: page.link(SitePaths.translated(kind, to: l)), current: l == page.language)
            }
            layout.alternates = settings.languages.map { l in
                LayoutModel.Alternate(hreflang: l, href: absolute(SitePaths.directory(for: SitePaths.translated(kind, to: l)), page: page))
            } + [LayoutModel.Alternate(hreflang: "x-default",
                                       href: absolute(SitePaths.directory(for: SitePaths.translated(kind, to: settings.defaultLanguage)), page: page))]
            layout.canonical = absolute(SitePaths.directory(for: kind), page: page)
        }
        return layout
    }

    /// With a base URL, an absolute URL (search engines want them for `hreflang`); else relative.
    func absolute(_ directory: String, page: PageContext) -> String {
        if let base = settings.baseURL { return base + directory }
        return page.root + directory + "index.html"
    }
}

public enum RenderError: Error, CustomStringConvertible {
    case unknown(String)
    /// The audit's text in that language could not be read back (a spool or cache file gone).
    case unavailableText(String, String)

    public var description: String {
        switch self {
        case .unknown(let path): "nothing to render for \(path)"
        case .unavailableText(let audit, let language): "the \(language) text of \(audit) could not be read back"
        }
    }
}
