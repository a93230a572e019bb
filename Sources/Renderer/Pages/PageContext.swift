import Extraction
import Portal

/// Everything a page builder needs to know about the page it builds: its language, strings,
/// formatter, and how to link to any other page relatively.
struct PageContext {
    let plan: PagePlan
    let language: String
    let strings: [String: String]
    let format: LocaleFormatter
    let labels: InterfaceLabels
    let settings: SiteSettings
    let vocabulary: Vocabulary
    let root: String

    init(plan: PagePlan, language: String, strings: [String: String], format: LocaleFormatter, labels: InterfaceLabels,
         settings: SiteSettings, vocabulary: Vocabulary) {
        self.plan = plan
        self.language = language
        self.strings = strings
        self.format = format
        self.labels = labels
        self.settings = settings
        self.vocabulary = vocabulary
        root = SitePaths.root(from: plan.path)
    }

    func t(_ key: String) -> String { strings[key] ?? key }

    /// `{name}`-style placeholders filled in an interface string.
    func t(_ key: String, _ values: [String: String]) -> String {
        LocaleFormatter.fill(t(key), values)
    }

    /// Relative link from this page to another page.
    func link(_ kind: PagePlan.Kind) -> String { SitePaths.file(for: kind, from: root) }

    func link(audit id: AuditID) -> String { link(.audit(language: language, audit: id)) }

    /// Link to a line of an audit's source text: where this language has a translation of its own
    /// (other lines), the line is on the original's page.
    func link(audit: AuditRecord, line: Int) -> String {
        SitePaths.file(for: .audit(language: textLanguage(of: audit), audit: audit.id), from: root, line: line)
    }

    /// The page of an audit that holds its source lines (see `link(audit:line:)`), without a line.
    func sourcePage(of audit: AuditRecord) -> String {
        SitePaths.file(for: .audit(language: textLanguage(of: audit), audit: audit.id), from: root)
    }

    private func textLanguage(of audit: AuditRecord) -> String {
        audit.languages.contains(language) && audit.sourceLanguage != language ? audit.sourceLanguage : language
    }
    func link(project slug: String) -> String { link(.project(language: language, project: slug)) }
    func link(gap id: String, project: String) -> String { link(.gap(language: language, project: project, id: id)) }

    func severityLabel(_ severity: Severity?) -> String { labels.severity(severity) }

    func statusLabel(_ status: Status) -> String { labels.status(status) }

    func eventLabel(_ event: GapHistory.Event) -> String { labels.event(event) }

    func kindLabel(_ kind: Item.Kind, plural: Bool = false) -> String { labels.kind(kind, plural: plural) }

    /// Domain name in this page's language through the glossary; the report's own label otherwise.
    func domainLabel(key: String, fallback: String) -> String {
        vocabulary.domainLabel(key, language: language) ?? fallback
    }

    /// A verdict for this page: translated when its words are known and the text is in another
    /// language (the original kept as a tooltip), else as written with its language.
    func verdict(_ text: String?, textLanguage: String) -> VerdictView? {
        guard let text, !text.isEmpty else { return nil }
        if textLanguage != language, let key = vocabulary.verdictKey(in: text), let label = strings["verdict.\(key)"] {
            return VerdictView(text: label, original: text)
        }
        return VerdictView(text: text, lang: textLanguage == language ? nil : textLanguage)
    }

    func date(_ date: AuditDate?) -> String { date.map(format.date) ?? labels.unknownDate }

    /// A score formatted for this language.
    func score(_ score: Score?) -> ScoreView? {
        guard let score else { return nil }
        return ScoreView(text: format.score(score), percent: format.percent(score.value), value: fmt(score.value),
                         original: score.text, level: Self.level(score.value))
    }

    /// CSS level for a score: good ≥ 85, fair ≥ 70, weak below.
    static func level(_ value: Double) -> String { value >= 85 ? "good" : value >= 70 ? "fair" : "weak" }

    func delta(_ value: Double?) -> DeltaView? {
        guard let value else { return nil }
        let direction = value > 0 ? "up" : value < 0 ? "down" : "same"
        let arrow = value > 0 ? "▲" : value < 0 ? "▼" : "="
        return DeltaView(text: format.delta(value), direction: direction, arrow: arrow,
                         label: t("delta.\(direction)", ["n": format.number(abs(value))]))
    }
}
