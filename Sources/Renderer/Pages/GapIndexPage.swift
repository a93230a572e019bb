import Extraction
import Portal

/// Every GAP of every project, grouped by severity then age, with counts. A plain table that reads
/// without JavaScript; the theme's script adds sorting and filters on the `data-*` attributes.
struct GapIndexPage {
    let portal: Portal
    let page: PageContext
    let cache: ExportCache?

    func fill(_ context: inout [String: Any]) {
        context["pageTitle"] = page.t("gaps.title")
        let gaps = portal.allGaps
        var bySeverity: [Severity?: [GapHistory]] = [:]
        for gap in gaps { bySeverity[gap.severity, default: []].append(gap) }
        let order: [Severity?] = Severity.allCases.map { Optional($0) } + [nil]
        context["groups"] = order.compactMap { severity -> [String: Any]? in
            guard let list = bySeverity[severity], !list.isEmpty else { return nil }
            let sorted = list.sorted { a, b in
                if (a.ageDays ?? -1) != (b.ageDays ?? -1) { return (a.ageDays ?? -1) > (b.ageDays ?? -1) }
                if a.project != b.project { return a.project < b.project }
                return GapOrder.less(a.id, b.id)
            }
            return ["label": page.severityLabel(severity), "key": severity?.rawValue ?? "none", "count": list.count,
                    "rowsHTML": GapRowsFragment(page: page, portal: portal, cache: cache).indexRows(sorted)]
        }
        context["severityCounts"] = order.map { s in
            ["label": page.severityLabel(s), "key": s?.rawValue ?? "none", "count": bySeverity[s]?.count ?? 0] as [String: Any]
        }
        context["statusCounts"] = Status.allCases.map { s in
            ["label": page.statusLabel(s), "key": s.rawValue, "count": gaps.filter { $0.status == s }.count] as [String: Any]
        }
        context["projects"] = portal.projects.filter { !$0.gaps.isEmpty }.map { ["slug": $0.slug, "name": $0.info.name(in: page.language)] }
        context["severityOptions"] = order.map { ["key": $0?.rawValue ?? "none", "label": page.severityLabel($0)] }
        context["statusOptions"] = Status.allCases.map { ["key": $0.rawValue, "label": page.statusLabel($0)] }
        context["total"] = gaps.count
        context["hasGaps"] = !gaps.isEmpty
    }
}
