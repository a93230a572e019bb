import Extraction
import Portal

/// A project across dates: latest verdict and score with its change, domain scores over time (table
/// and charts), the GAP burn-down, the audits newest first, and every GAP of the project.
struct ProjectPage {
    let project: ProjectTimeline
    let page: PageContext

    func fill(_ context: inout [String: Any]) {
        let name = project.info.name(in: page.language)
        context["pageTitle"] = name
        context["name"] = name
        context["description"] = project.info.descriptions[page.language] ?? project.info.descriptions.sorted { $0.key < $1.key }.first?.value
        if let latest = project.latest {
            let previous = project.previous(of: latest.id)
            let delta = latest.facts.score.flatMap { now in previous?.facts.score.map { now.value - $0.value } }
            context["latest"] = [
                "title": latest.title(in: page.language), "href": page.link(audit: latest.id), "date": page.date(latest.date),
                "verdict": latest.facts.verdict as Any, "verdictLang": latest.sourceLanguage == page.language ? "" : latest.sourceLanguage,
                "score": page.score(latest.facts.score) as Any, "delta": page.delta(delta) as Any,
                "previousDate": previous.map { page.date($0.date) } as Any,
            ] as [String: Any]
        }
        context["audits"] = project.audits.reversed().map { audit -> [String: Any] in
            [
                "title": audit.title(in: page.language), "href": page.link(audit: audit.id), "date": page.date(audit.date),
                "isoDate": audit.date?.description ?? "", "score": page.score(audit.facts.score) as Any,
                "titleLang": audit.languages.contains(page.language) ? "" : audit.sourceLanguage,
                "languages": audit.languages.map { $0.uppercased() }.joined(separator: " · "),
            ]
        }
        fillTrends(&context)
        fillBurndown(&context)
        context["gaps"] = project.gaps.map { gap -> [String: Any] in
            [
                "id": gap.id, "title": gap.title, "href": page.link(gap: gap.id, project: project.slug),
                "severity": page.severityLabel(gap.severity), "severityKey": gap.severity?.rawValue ?? "none",
                "status": page.statusLabel(gap.status), "statusKey": gap.status.rawValue,
                "firstSeen": page.date(gap.firstSeen), "lastSeen": page.date(gap.lastSeen),
                "age": gap.ageDays.map { page.t("age.days", ["n": String($0)]) } ?? "—",
                "stale": gap.notReassessedSince.map { page.t("gap.notReassessed", ["date": page.date($0)]) } as Any,
                "reopened": gap.reopened,
            ]
        }
        context["hasGaps"] = !project.gaps.isEmpty
        context["tracked"] = project.trackedItems.prefix(200).map { item -> [String: Any] in
            [
                "kind": page.kindLabel(item.kind), "title": item.title,
                "entries": item.entries.map { e in
                    ["date": page.date(e.date), "status": page.statusLabel(e.status), "statusKey": e.status.rawValue,
                     "href": page.link(audit: e.auditID) + "#L\(e.line)"] as [String: Any]
                },
            ]
        }
        context["hasTracked"] = !project.trackedItems.isEmpty
    }

    private func fillTrends(_ context: inout [String: Any]) {
        let trends = project.trends
        guard trends.hasData else { return }
        let labels = trends.dates.map { page.format.shortDate($0) }
        let days = trends.dates.map(\.dayNumber)
        if trends.global.contains(where: { $0 != nil }) {
            context["globalChart"] = LineChart(title: page.t("trend.globalTitle", ["name": project.info.name(in: page.language)]),
                                               days: days, xLabels: labels,
                                               series: [.init(name: page.t("trend.global"), values: trends.global)]).svg(id: "chart-global")
        }
        let series = trends.domains.map { LineChart.Series(name: page.domainLabel(key: $0.key, fallback: $0.label), values: $0.values) }
        if !series.isEmpty {
            context["domainChart"] = LineChart(title: page.t("trend.domainsTitle"), days: days, xLabels: labels, series: series)
                .svg(id: "chart-domains")
            context["legend"] = series.enumerated().map { ["name": $0.element.name, "index": $0.offset % 8] as [String: Any] }
        }
        // The data table is the accessible form of the charts and the cross-date comparison.
        context["trendDates"] = trends.dates.enumerated().map { i, d in
            ["date": page.format.date(d), "href": page.link(audit: trends.auditIDs[i])] as [String: Any]
        }
        var rows: [[String: Any]] = []
        if trends.global.contains(where: { $0 != nil }) {
            rows.append(["label": page.t("trend.global"), "isGlobal": true, "cells": cells(trends.global)])
        }
        for domain in trends.domains {
            rows.append(["label": page.domainLabel(key: domain.key, fallback: domain.label), "key": domain.key, "cells": cells(domain.values)])
        }
        context["trendRows"] = rows
        context["hasTrends"] = true
    }

    /// One cell per audit: the score and its change since the previous audit that scored this domain.
    private func cells(_ values: [Double?]) -> [[String: Any]] {
        var previous: Double?
        return values.map { value in
            defer { if value != nil { previous = value } }
            guard let value else { return ["empty": true, "text": "—", "label": page.t("trend.missing")] }
            var cell: [String: Any] = ["text": page.format.percent(value), "level": PageContext.level(value)]
            if let previous { cell["delta"] = page.delta(value - previous) as Any }
            return cell
        }
    }

    private func fillBurndown(_ context: inout [String: Any]) {
        let points = project.burndown.points
        guard !points.isEmpty, !project.gaps.isEmpty else { return }
        let order: [Severity?] = Severity.allCases.map { Optional($0) } + [nil]
        let layers = order.map { (name: page.severityLabel($0), cssClass: "sev-\($0?.rawValue ?? "none")") }
        let bars = points.map { p in StackedBarChart.Bar(label: page.format.shortDate(p.date), counts: order.map { p.counts[$0] ?? 0 }) }
        context["burndownChart"] = StackedBarChart(title: page.t("burndown.title"), layers: layers, bars: bars).svg(id: "chart-burndown")
        context["burndownRows"] = points.map { p -> [String: Any] in
            ["date": page.format.date(p.date), "href": page.link(audit: p.auditID), "total": p.total,
             "counts": order.map { ["count": p.counts[$0] ?? 0] }]
        }
        context["burndownHeaders"] = order.map { ["label": page.severityLabel($0), "key": $0?.rawValue ?? "none"] }
    }
}
