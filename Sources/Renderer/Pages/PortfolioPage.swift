import Extraction
import Portal

/// Projects side by side: latest score and its change, a sparkline of the trend, open GAPs by severity.
struct PortfolioPage {
    let portal: Portal
    let page: PageContext

    func model(layout: LayoutModel) -> PortfolioPageModel {
        var layout = layout
        layout.pageTitle = page.t("portfolio.title")
        return PortfolioPageModel(layout: layout, severities: Severity.allCases.map { LabelledKey(label: page.severityLabel($0), key: $0.rawValue) },
                                  rows: portal.projects.map { project in
            let latest = project.latest
            let previousScore = latest.flatMap { project.previous(of: $0.id) }?.facts.score?.value
            let delta = latest?.facts.score.flatMap { now in previousScore.map { now.value - $0 } }
            let open = project.openGapsBySeverity
            return PortfolioPageModel.Row(
                name: project.info.name(in: page.language), href: page.link(project: project.slug), latestDate: page.date(latest?.date),
                latestHref: latest.map { page.link(audit: $0.id) }, score: page.score(latest?.facts.score), delta: page.delta(delta),
                sparkline: Sparkline(values: project.trends.global,
                                     label: page.t("portfolio.trend", ["name": project.info.name(in: page.language)])).svg(),
                open: Severity.allCases.map { LabelledKey(label: page.severityLabel($0), key: $0.rawValue, count: open[$0] ?? 0) },
                openTotal: open.values.reduce(0, +))
        })
    }
}
