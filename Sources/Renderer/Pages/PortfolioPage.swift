import Extraction
import Portal

/// Projects side by side: latest score and its change, a sparkline of the trend, open GAPs by severity.
struct PortfolioPage {
    let portal: Portal
    let page: PageContext

    func fill(_ context: inout [String: Any]) {
        context["pageTitle"] = page.t("portfolio.title")
        context["severities"] = Severity.allCases.map { ["label": page.severityLabel($0), "key": $0.rawValue] }
        context["rows"] = portal.projects.map { project -> [String: Any] in
            let latest = project.latest
            let previousScore = latest.flatMap { project.previous(of: $0.id) }?.facts.score?.value
            let delta = latest?.facts.score.flatMap { now in previousScore.map { now.value - $0 } }
            let open = project.openGapsBySeverity
            return [
                "name": project.info.name(in: page.language),
                "href": page.link(project: project.slug),
                "latestDate": page.date(latest?.date),
                "latestHref": latest.map { page.link(audit: $0.id) } ?? "",
                "score": page.score(latest?.facts.score) as Any,
                "delta": page.delta(delta) as Any,
                "sparkline": Sparkline(values: project.trends.global,
                                       label: page.t("portfolio.trend", ["name": project.info.name(in: page.language)])).svg(),
                "open": Severity.allCases.map { ["count": open[$0] ?? 0, "key": $0.rawValue, "label": page.severityLabel($0)] as [String: Any] },
                "openTotal": open.values.reduce(0, +),
            ]
        }
    }
}
