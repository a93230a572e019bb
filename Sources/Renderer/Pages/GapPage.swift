import Extraction
import Portal

/// One GAP: where it stands, and its history as a timeline whose every entry links to the exact
/// row of the audit that states it; then every other place in the audits that mentions it.
struct GapPage {
    let gap: GapHistory
    let project: ProjectTimeline
    let portal: Portal
    let page: PageContext

    func model(layout: LayoutModel) -> GapPageModel {
        var layout = layout
        layout.pageTitle = "\(gap.id) — \(gap.title)"
        let titleSource = gap.entries.last.flatMap { portal.audit($0.auditID) }
        let changes = gap.severityChanges
        var history = HTMLFragment(capacity: gap.entries.count * 400)
        for entry in gap.entries {
            let audit = portal.audit(entry.auditID)
            history.raw("<li class=\"event-\(entry.event.rawValue)\"><time datetime=\"\(entry.date?.description ?? "")\">")
            history.text(page.date(entry.date))
            history.raw("</time> <span class=\"event\">")
            history.text(page.t("event.\(entry.event.rawValue)"))
            history.raw("</span> ")
            history.badge("st-\(entry.status.rawValue)", page.statusLabel(entry.status))
            history.raw(" ")
            history.badge("sev-\(entry.severity?.rawValue ?? "none")", page.severityLabel(entry.severity))
            history.raw(" ")
            history.link(audit.map { page.link(audit: $0, line: entry.line) } ?? page.link(audit: entry.auditID), audit?.title(in: page.language) ?? entry.auditID.description,
                         lang: audit.flatMap { $0.languages.contains(page.language) ? nil : $0.sourceLanguage })
            history.raw("</li>\n")
        }
        let definitionLines = Set(gap.entries.map { Place(audit: $0.auditID, line: $0.line) })
        let references = gap.references.filter { !definitionLines.contains(Place(audit: $0.auditID, line: $0.line)) }
        var refs = HTMLFragment(capacity: references.count * 300)
        for ref in references {
            let audit = portal.audit(ref.auditID)
            let auditLink = page.link(audit: ref.auditID)
            refs.raw("<li>")
            refs.link(audit.map { page.link(audit: $0, line: ref.line) } ?? auditLink, audit?.title(in: page.language) ?? ref.auditID.description,
                      lang: audit.flatMap { $0.languages.contains(page.language) ? nil : $0.sourceLanguage })
            refs.raw(" · ")
            refs.text(page.date(audit?.date))
            refs.raw(" · ")
            if let anchor = ref.sectionAnchor, let audit {
                let lineLink = page.link(audit: audit, line: 0)
                let path = lineLink.utf8.firstIndex(of: UInt8(ascii: "#")).map { lineLink[..<$0] } ?? lineLink[...]
                let sectionPage = path.isEmpty ? lineLink.split(separator: "#").first.map(String.init) ?? auditLink : String(path)
                refs.link(sectionPage + "#" + anchor, ref.sectionTitle ?? page.t("gap.noSection"))
            } else {
                refs.text(page.t("gap.noSection"))
            }
            refs.raw("</li>\n")
        }
        return GapPageModel(
            layout: layout, id: gap.id, title: gap.title,
            titleLang: titleSource.map { $0.sourceLanguage == page.language ? "" : $0.sourceLanguage },
            projectName: project.info.name(in: page.language), projectHref: page.link(project: project.slug),
            severity: page.severityLabel(gap.severity), severityKey: gap.severity?.rawValue ?? "none",
            status: page.statusLabel(gap.status), statusKey: gap.status.rawValue,
            firstSeen: page.date(gap.firstSeen), lastSeen: page.date(gap.lastSeen), closedOn: gap.closedOn.map(page.date),
            reopened: gap.reopened, age: gap.ageDays.map { page.t("age.days", ["n": String($0)]) },
            stale: gap.notReassessedSince.map { page.t("gap.notReassessed", ["date": page.date($0)]) },
            severityChanges: changes.count > 1 ? changes.map { page.severityLabel($0) }.joined(separator: " → ") : nil,
            historyHTML: history.bytes, referencesHTML: refs.bytes)
    }

    /// A line of an audit: where the GAP is defined, or mentioned.
    private struct Place: Hashable {
        let audit: AuditID
        let line: Int
    }
}
