import Extraction
import Portal

/// Every GAP of every project, grouped by severity then age, with counts. A plain table that reads
/// without JavaScript; the theme's script adds sorting and filters on the `data-*` attributes.
struct GapIndexPage {
    let portal: Portal
    let page: PageContext
    let cache: ExportCache?

    func model(layout: LayoutModel) -> GapIndexPageModel {
        var layout = layout
        layout.pageTitle = page.t("gaps.title")
        let gaps = portal.allGaps
        var bySeverity: [Severity?: [GapHistory]] = [:]
        var byStatus: [Status: Int] = [:]
        for gap in gaps {
            bySeverity[gap.severity, default: []].append(gap)
            byStatus[gap.status, default: 0] += 1
        }
        let order: [Severity?] = Severity.allCases.map { Optional($0) } + [nil]
        let groups = order.compactMap { severity -> GapIndexPageModel.Group? in
            guard let list = bySeverity[severity], !list.isEmpty else { return nil }
            let sorted = list.sorted { a, b in
                if (a.ageDays ?? -1) != (b.ageDays ?? -1) { return (a.ageDays ?? -1) > (b.ageDays ?? -1) }
                if a.project != b.project { return a.project < b.project }
                return GapOrder.less(a.id, b.id)
            }
            return GapIndexPageModel.Group(label: page.severityLabel(severity), key: severity?.rawValue ?? "none", count: list.count,
                                           rowsHTML: GapRowsFragment(page: page, portal: portal, cache: cache).indexRows(sorted))
        }
        return GapIndexPageModel(
            layout: layout, groups: groups,
            severityCounts: order.map { LabelledKey(label: page.severityLabel($0), key: $0?.rawValue ?? "none", count: bySeverity[$0]?.count ?? 0) },
            statusCounts: Status.allCases.map { s in
                LabelledKey(label: page.statusLabel(s), key: s.rawValue, count: byStatus[s, default: 0])
            },
            projects: portal.projects.filter { !$0.gaps.isEmpty }.map {
                GapIndexPageModel.ProjectOption(slug: $0.slug, name: $0.info.name(in: page.language))
            },
            severityOptions: order.map { LabelledKey(label: page.severityLabel($0), key: $0?.rawValue ?? "none") },
            statusOptions: Status.allCases.map { LabelledKey(label: page.statusLabel($0), key: $0.rawValue) },
            total: gaps.count)
    }
}
