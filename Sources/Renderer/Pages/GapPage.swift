import Extraction
import Portal

/// One GAP: where it stands, and its history as a timeline whose every entry links to the exact
/// row of the audit that states it; then every other place in the audits that mentions it.
struct GapPage {
    let gap: GapHistory
    let project: ProjectTimeline
    let portal: Portal
    let page: PageContext
    /// The project's audits as named from this page, shared by the project's GAP pages.
    let mentions: AuditMentions

    func model(layout: LayoutModel) -> GapPageModel {
        var layout = layout
        layout.pageTitle = "\(gap.id) — \(gap.title)"
        let titleSource = gap.entries.last.flatMap { portal.audit($0.auditID) }
        let changes = gap.severityChanges
        // A GAP is stated and mentioned many times by the same audits: what the page shows of each
        // audit (its title, date, language, page) is looked up and formatted once per build.
        let audits = mentions.table(of: project, portal: portal, page: page)
        func mention(_ id: AuditID) -> AuditMentions.Mention {
            audits[id] ?? AuditMentions.Mention(id: id, portal: portal, page: page)
        }
        var history = HTMLFragment(capacity: gap.entries.count * 400)
        for entry in gap.entries {
            let audit = mention(entry.auditID)
            history.raw("<li class=\"event-\(entry.event.rawValue)\"><time datetime=\"\(entry.date?.description ?? "")\">")
            history.text(page.date(entry.date))
            history.raw("</time> <span class=\"event\">")
            history.text(page.eventLabel(entry.event))
            history.raw("</span> ")
            history.badge("st-\(entry.status.rawValue)", page.statusLabel(entry.status))
            history.raw(" ")
            history.badge("sev-\(entry.severity?.rawValue ?? "none")", page.severityLabel(entry.severity))
            history.raw(" ")
            history.link(audit.link(line: entry.line), audit.title, lang: audit.lang)
            history.raw("</li>\n")
        }
        let definitionLines = Set(gap.entries.map { Place(audit: $0.auditID, line: $0.line) })
        var refs = HTMLFragment(capacity: gap.references.count * 300)
        for ref in gap.references where !definitionLines.contains(Place(audit: ref.auditID, line: ref.line)) {
            let audit = mention(ref.auditID)
            refs.raw("<li>")
            refs.link(audit.link(line: ref.line), audit.title, lang: audit.lang)
            refs.raw(" · ")
            refs.text(audit.date)
            refs.raw(" · ")
            if let anchor = ref.sectionAnchor, let sourcePage = audit.sourcePage {
                refs.link(sourcePage + "#" + anchor, ref.sectionTitle ?? page.t("gap.noSection"))
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
