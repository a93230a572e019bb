import Templates
import Extraction
import Portal

/// Table rows for lists of GAPs: the project page's table and the site-wide GAP index (with the
/// `data-*` attributes the theme's script filters and sorts on).
struct GapRowsFragment {
    let page: PageContext
    let portal: Portal
    /// Rows of unchanged projects are reused between preview rebuilds.
    var cache: ExportCache?

    /// Rows of the project page's GAP table.
    func projectRows(_ gaps: [GapHistory]) -> [UInt8] {
        var html = HTMLFragment(capacity: gaps.count * 400)
        for gap in gaps {
            html.raw("<tr><th scope=\"row\">")
            html.link(page.link(gap: gap.id, project: gap.project), gap.id)
            html.raw("</th><td>")
            html.text(gap.title)
            stale(gap, &html)
            html.raw("</td><td>")
            html.badge("sev-\(gap.severity?.rawValue ?? "none")", page.severityLabel(gap.severity))
            html.raw("</td><td>")
            status(gap, &html)
            html.raw("</td><td>")
            html.text(page.date(gap.firstSeen))
            html.raw("</td><td class=\"num\">")
            html.text(age(gap))
            html.raw("</td></tr>\n")
        }
        return html.bytes
    }

    /// Rows of the GAP index, for one severity group (megabytes at 10,000 audits).
    func indexRows(_ gaps: [GapHistory]) -> [UInt8] {
        var html = HTMLFragment(capacity: gaps.count * 700)
        for gap in gaps {
            guard let cache else {
                indexRow(gap, into: &html)
                continue
            }
            html.raw(html: cache.row(.indexRow(language: page.language, gap: gap.id), project: gap.project) {
                var row = HTMLFragment(capacity: 700)
                indexRow(gap, into: &row)
                return row.html
            })
        }
        return html.bytes
    }

    private func indexRow(_ gap: GapHistory, into html: inout HTMLFragment) {
        let projectName = portal.info(of: gap.project)?.name(in: page.language) ?? gap.project
        html.raw("<tr data-project=\"\(HTMLEscape.escape(gap.project))\" data-severity=\"\(gap.severity?.rawValue ?? "none")\" data-status=\"\(gap.status.rawValue)\" data-age=\"\(gap.ageDays ?? 0)\">\n<th scope=\"row\" data-value=\"\(HTMLEscape.escape(gap.id))\">")
        html.link(page.link(gap: gap.id, project: gap.project), gap.id)
        html.raw("</th><td>")
        html.text(gap.title)
        stale(gap, &html)
        html.raw("</td><td data-value=\"\(HTMLEscape.escape(projectName))\">")
        html.link(page.link(project: gap.project), projectName)
        html.raw("</td><td data-value=\"\(gap.severity?.rank ?? 9)\">")
        html.badge("sev-\(gap.severity?.rawValue ?? "none")", page.severityLabel(gap.severity))
        html.raw("</td><td data-value=\"\(gap.status.rawValue)\">")
        status(gap, &html)
        html.raw("</td><td data-value=\"\(gap.firstSeen?.description ?? "")\">")
        html.text(page.date(gap.firstSeen))
        html.raw("</td><td class=\"num\" data-value=\"\(gap.ageDays ?? 0)\">")
        html.text(age(gap))
        html.raw("</td></tr>\n")
    }

    /// "not re-assessed since": worth saying in lists only while the GAP is not known to be done.
    private func stale(_ gap: GapHistory, _ html: inout HTMLFragment) {
        guard let since = gap.notReassessedSince, gap.status != .done else { return }
        html.raw(" <span class=\"stale\">(")
        html.text(page.t("gap.notReassessed", ["date": page.date(since)]))
        html.raw(")</span>")
    }

    private func status(_ gap: GapHistory, _ html: inout HTMLFragment) {
        html.badge("st-\(gap.status.rawValue)", page.statusLabel(gap.status))
        if gap.reopened {
            html.raw(" <span class=\"badge reopened\" title=\"")
            html.text(page.t("gap.reopened"))
            html.raw("\">↺</span>")
        }
    }

    private func age(_ gap: GapHistory) -> String {
        gap.ageDays.map { page.t("age.days", ["n": String($0)]) } ?? "—"
    }
}
