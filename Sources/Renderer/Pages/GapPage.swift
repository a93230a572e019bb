import Extraction
import Portal

/// One GAP: where it stands, and its history as a timeline whose every entry links to the exact
/// row of the audit that states it; then every other place in the audits that mentions it.
struct GapPage {
    let gap: GapHistory
    let project: ProjectTimeline
    let portal: Portal
    let page: PageContext

    func fill(_ context: inout [String: Any]) {
        context["pageTitle"] = "\(gap.id) — \(gap.title)"
        context["id"] = gap.id
        context["title"] = gap.title
        let titleSource = gap.entries.last.flatMap { portal.audit($0.auditID) }
        context["titleLang"] = titleSource.map { $0.sourceLanguage == page.language ? "" : $0.sourceLanguage } ?? ""
        context["projectName"] = project.info.name(in: page.language)
        context["projectHref"] = page.link(project: project.slug)
        context["severity"] = page.severityLabel(gap.severity)
        context["severityKey"] = gap.severity?.rawValue ?? "none"
        context["status"] = page.statusLabel(gap.status)
        context["statusKey"] = gap.status.rawValue
        context["firstSeen"] = page.date(gap.firstSeen)
        context["lastSeen"] = page.date(gap.lastSeen)
        context["closedOn"] = gap.closedOn.map(page.date)
        context["reopened"] = gap.reopened
        context["age"] = gap.ageDays.map { page.t("age.days", ["n": String($0)]) }
        context["stale"] = gap.notReassessedSince.map { page.t("gap.notReassessed", ["date": page.date($0)]) }
        let changes = gap.severityChanges
        if changes.count > 1 {
            context["severityChanges"] = changes.map { page.severityLabel($0) }.joined(separator: " → ")
        }
        context["entries"] = gap.entries.map { entry -> [String: Any] in
            let audit = portal.audit(entry.auditID)
            return [
                "date": page.date(entry.date), "isoDate": entry.date?.description ?? "",
                "auditTitle": audit?.title(in: page.language) ?? entry.auditID,
                "href": page.link(audit: entry.auditID) + "#L\(entry.line)",
                "status": page.statusLabel(entry.status), "statusKey": entry.status.rawValue,
                "severity": page.severityLabel(entry.severity), "severityKey": entry.severity?.rawValue ?? "none",
                "event": page.t("event.\(entry.event.rawValue)"), "eventKey": entry.event.rawValue,
                "title": entry.title,
            ]
        }
        let definitionLines = Set(gap.entries.map { "\($0.auditID)#\($0.line)" })
        context["references"] = gap.references.filter { !definitionLines.contains("\($0.auditID)#\($0.line)") }.map { ref -> [String: Any] in
            let audit = portal.audit(ref.auditID)
            return [
                "auditTitle": audit?.title(in: page.language) ?? ref.auditID,
                "date": page.date(audit?.date),
                "href": page.link(audit: ref.auditID) + "#L\(ref.line)",
                "section": ref.sectionTitle ?? page.t("gap.noSection"),
                "sectionHref": ref.sectionAnchor.map { page.link(audit: ref.auditID) + "#" + $0 } as Any,
            ]
        }
    }
}
