/// The site-wide settings the pages need (from `site.yaml` and the command line).
public struct SiteSettings: Sendable {
    /// Site title per language.
    public let titles: [String: String]
    /// Languages in display order; the first is not necessarily the default.
    public let languages: [String]
    public let defaultLanguage: String
    /// Absolute base URL for canonical and `hreflang` links (`https://audits.intra/portal/`); nil keeps them relative.
    public let baseURL: String?

    public init(titles: [String: String], languages: [String], defaultLanguage: String, baseURL: String?) {
        self.titles = titles
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        if let baseURL, !baseURL.isEmpty {
            self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        } else {
            self.baseURL = nil
        }
    }

    public func title(in language: String) -> String {
        titles[language] ?? titles[defaultLanguage] ?? titles.values.sorted().first ?? "Audits"
    }
}
