import Extraction
import Portal

/// The language home: every project with its latest audit.
struct HomePage {
    let portal: Portal
    let page: PageContext

    func fill(_ context: inout [String: Any]) {
        context["projects"] = portal.projects.map { project -> [String: Any] in
            var row: [String: Any] = [
                "name": project.info.name(in: page.language),
                "href": page.link(project: project.slug),
                "auditCount": page.t(project.audits.count == 1 ? "count.audit" : "count.audits", ["n": String(project.audits.count)]),
            ]
            if let description = project.info.descriptions[page.language] ?? project.info.descriptions.sorted(by: { $0.key < $1.key }).first?.value {
                row["description"] = description
            }
            if let latest = project.latest {
                row["latest"] = [
                    "title": latest.title(in: page.language),
                    "href": page.link(audit: latest.id),
                    "date": page.date(latest.date),
                    "isoDate": latest.date?.description ?? "",
                    "score": page.score(latest.facts.score) as Any,
                    "titleLang": latest.languages.contains(page.language) ? "" : latest.sourceLanguage,
                ] as [String: Any]
            }
            let open = project.gaps.filter { $0.status.isOpen }.count
            row["openGaps"] = page.t(open == 1 ? "count.openGap" : "count.openGaps", ["n": String(open)])
            return row
        }
        context["hasProjects"] = !portal.projects.isEmpty
        context["auditTotal"] = portal.projects.reduce(0) { $0 + $1.audits.count }
    }
}
