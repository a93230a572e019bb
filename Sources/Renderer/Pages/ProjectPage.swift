import Templates
import Extraction
import Portal

/// A project across dates: latest verdict and score with its change, domain scores over time (table
/// and charts), the GAP burn-down, the audits newest first, and every GAP of the project.
struct ProjectPage {
    let project: ProjectTimeline
    let portal: Portal
    let page: PageContext

    func model(layout: LayoutModel) -> ProjectPageModel {
        let name = project.info.name(in: page.language)
        var model = ProjectPageModel(layout: layout)
        model.layout.pageTitle = name
        model.name = name
        model.description = project.info.descriptions[page.language] ?? project.info.descriptions.sorted { $0.key < $1.key }.first?.value
        if let latest = project.latest {
            let previous = project.previous(of: latest.id)
            let delta = latest.facts.score.flatMap { now in previous?.facts.score.map { now.value - $0.value } }
            model.latest = ProjectPageModel.Latest(
                title: latest.title(in: page.language), href: page.link(audit: latest.id), date: page.date(latest.date),
                verdict: page.verdict(latest.factsByLanguage[page.language]?.verdict ?? latest.facts.verdict,
                                      textLanguage: latest.languages.contains(page.language) ? page.language : latest.sourceLanguage),
                score: page.score(latest.facts.score), delta: page.delta(delta), previousDate: previous.map { page.date($0.date) })
        }
        var audits = HTMLFragment(capacity: project.audits.count * 300)
        for audit in project.audits.reversed() {
            audits.raw("<li><time datetime=\"\(audit.date?.description ?? "")\">")
            audits.text(page.date(audit.date))
            audits.raw("</time> ")
            audits.link(page.link(audit: audit.id), audit.title(in: page.language),
                        lang: audit.languages.contains(page.language) ? nil : audit.sourceLanguage)
            audits.raw(" ")
            audits.score(page.score(audit.facts.score))
            audits.raw(" <span class=\"muted\">")
            audits.text(audit.languages.map { $0.uppercased() }.joined(separator: " · "))
            audits.raw("</span></li>\n")
        }
        model.auditsHTML = audits.bytes
        model.trends = trends()
        model.ratings = ratings()
        model.burndown = burndown()
        model.gapRowsHTML = GapRowsFragment(page: page, portal: portal).projectRows(project.gaps)
        model.hasGaps = !project.gaps.isEmpty
        var tracked = HTMLFragment(capacity: 4096)
        for item in project.trackedItems.prefix(500) {
            tracked.raw("<li><span class=\"label\">")
            tracked.text(page.kindLabel(item.kind))
            tracked.raw("</span> ")
            tracked.text(item.title)
            tracked.raw(" — ")
            for e in item.entries {
                let href = portal.audit(e.auditID).map { page.link(audit: $0, line: e.line) } ?? page.link(audit: e.auditID)
                tracked.raw("<a href=\"\(HTMLEscape.escape(href))\" class=\"badge st-\(e.status.rawValue)\" title=\"")
                tracked.text(page.statusLabel(e.status))
                tracked.raw("\">")
                tracked.text(page.date(e.date))
                tracked.raw("</a> ")
            }
            tracked.raw("</li>\n")
        }
        model.trackedHTML = tracked.bytes
        return model
    }

    /// Qualitative ratings across audits, on each report's own scale: the grade as written, with an
    /// arrow where it moved up or down the same scale since the previous rating of that domain.
    private func ratings() -> ProjectPageModel.Ratings? {
        let rated = project.audits.filter { !$0.facts.ratings.isEmpty }
        guard !rated.isEmpty else { return nil }
        var domains: [(key: String, label: String)] = []
        for audit in rated {
            for r in audit.facts.ratings where !domains.contains(where: { $0.key == r.domain }) { domains.append((r.domain, r.label)) }
        }
        var result = ProjectPageModel.Ratings()
        result.dates = rated.map { ProjectPageModel.DatedLink(date: page.date($0.date), href: page.link(audit: $0.id)) }
        var rows = HTMLFragment(capacity: domains.count * rated.count * 100)
        for domain in domains {
            rows.raw("<tr><th scope=\"row\">")
            rows.text(page.domainLabel(key: domain.key, fallback: domain.label))
            rows.raw("</th>")
            var previous: Rating?
            for audit in rated {
                guard let rating = audit.facts.ratings.first(where: { $0.domain == domain.key })?.rating else {
                    rows.raw("<td class=\"num muted\">—</td>")
                    continue
                }
                rows.raw("<td class=\"num\">")
                rows.text(rating.text)
                if let previous, previous.scale == rating.scale, previous.rank != rating.rank {
                    let up = rating.rank > previous.rank
                    rows.raw(" <span class=\"delta \(up ? "up" : "down")\" title=\"")
                    rows.text(page.t(up ? "project.ratingUp" : "project.ratingDown"))
                    rows.raw("\">\(up ? "↑" : "↓")</span>")
                }
                rows.raw("</td>")
                previous = rating
            }
            rows.raw("</tr>\n")
        }
        result.rowsHTML = rows.bytes
        return result
    }

    private func trends() -> ProjectPageModel.Trends? {
        let trends = project.trends
        guard trends.hasData else { return nil }
        var result = ProjectPageModel.Trends()
        let labels = trends.dates.map { page.format.shortDate($0) }
        let days = trends.dates.map(\.dayNumber)
        if trends.global.contains(where: { $0 != nil }) {
            result.globalChart = LineChart(title: page.t("trend.globalTitle", ["name": project.info.name(in: page.language)]),
                                               days: days, xLabels: labels,
                                               series: [.init(name: page.t("trend.global"), values: trends.global)]).svg(id: "chart-global")
        }
        let series = trends.domains.map { LineChart.Series(name: page.domainLabel(key: $0.key, fallback: $0.label), values: $0.values) }
        if !series.isEmpty {
            result.domainChart = LineChart(title: page.t("trend.domainsTitle"), days: days, xLabels: labels, series: series)
                .svg(id: "chart-domains")
            result.legend = series.enumerated().map { ProjectPageModel.LegendEntry(name: $0.element.name, index: $0.offset % 8) }
        }
        // The data table is the accessible form of the charts and the cross-date comparison.
        result.dates = trends.dates.enumerated().map { i, d in
            ProjectPageModel.DatedLink(date: page.format.date(d), href: page.link(audit: trends.auditIDs[i]))
        }
        var rows = HTMLFragment(capacity: (trends.domains.count + 1) * trends.dates.count * 120)
        if trends.global.contains(where: { $0 != nil }) {
            row(page.t("trend.global"), trends.global, cssClass: "global", into: &rows)
        }
        for domain in trends.domains {
            row(page.domainLabel(key: domain.key, fallback: domain.label), domain.values, cssClass: nil, into: &rows)
        }
        result.rowsHTML = rows.bytes
        return result
    }

    /// One row of the trend table: a cell per audit with the score and its change since the previous
    /// audit that scored this domain; a dash where the audit did not score it.
    private func row(_ label: String, _ values: [Double?], cssClass: String?, into html: inout HTMLFragment) {
        if let cssClass { html.raw("<tr class=\"\(cssClass)\">") } else { html.raw("<tr>") }
        html.raw("<th scope=\"row\">")
        html.text(label)
        html.raw("</th>")
        var previous: Double?
        for value in values {
            guard let value else {
                html.raw("<td class=\"num\"><span class=\"missing\" title=\"")
                html.text(page.t("trend.missing"))
                html.raw("\">—</span></td>")
                continue
            }
            html.raw("<td class=\"num\"><span class=\"score score-\(PageContext.level(value))\">")
            html.text(page.format.percent(value))
            html.raw("</span>")
            if let previous {
                html.raw(" ")
                html.delta(page.delta(value - previous))
            }
            html.raw("</td>")
            previous = value
        }
        html.raw("</tr>\n")
    }

    private func burndown() -> ProjectPageModel.Burndown? {
        let points = project.burndown.points
        guard !points.isEmpty, !project.gaps.isEmpty else { return nil }
        var result = ProjectPageModel.Burndown()
        let order: [Severity?] = Severity.allCases.map { Optional($0) } + [nil]
        let layers = order.map { (name: page.severityLabel($0), cssClass: "sev-\($0?.rawValue ?? "none")") }
        let bars = points.map { p in StackedBarChart.Bar(label: page.format.shortDate(p.date), counts: order.map { p.counts[$0] ?? 0 }) }
        result.chart = StackedBarChart(title: page.t("burndown.title"), layers: layers, bars: bars).svg(id: "chart-burndown")
        var rows = HTMLFragment(capacity: points.count * 200)
        for p in points {
            rows.raw("<tr><th scope=\"row\">")
            rows.link(page.link(audit: p.auditID), page.format.date(p.date))
            rows.raw("</th>")
            for severity in order { rows.raw("<td class=\"num\">\(p.counts[severity] ?? 0)</td>") }
            rows.raw("<td class=\"num\">\(p.total)</td></tr>\n")
        }
        result.rowsHTML = rows.bytes
        result.headers = order.map { LabelledKey(label: page.severityLabel($0), key: $0?.rawValue ?? "none") }
        return result
    }
}
