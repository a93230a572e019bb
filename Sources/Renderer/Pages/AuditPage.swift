import Extraction
import Markdown
import Portal

/// One audit: its text, with the extracted facts beside it, and what changed since the previous
/// audit of the project. Where the audit has no text in the page's language, the original is shown
/// under a notice, marked with its own `lang`, and the facts are still translated.
struct AuditPage {
    let audit: AuditRecord
    let project: ProjectTimeline
    let page: PageContext
    let ids: IDMatcher
    let body: SiteRenderer.BodyProvider

    func fill(_ context: inout [String: Any]) {
        let hasOwnText = audit.languages.contains(page.language)
        let textLanguage = hasOwnText ? page.language : audit.sourceLanguage
        let facts = audit.factsByLanguage[textLanguage] ?? audit.facts
        let title = audit.title(in: page.language)
        context["pageTitle"] = title
        context["title"] = title
        context["titleLang"] = hasOwnText ? "" : textLanguage
        context["textLang"] = textLanguage
        context["foreignLang"] = hasOwnText ? nil : textLanguage
        context["projectName"] = project.info.name(in: page.language)
        context["projectHref"] = page.link(project: project.slug)
        context["date"] = page.date(audit.date)
        context["isoDate"] = audit.date?.description ?? ""
        context["author"] = facts.author
        context["verdict"] = facts.verdict
        context["verdictLang"] = textLanguage == page.language ? "" : textLanguage
        if !hasOwnText {
            let languageName = page.t("language.\(textLanguage)")
            context["notice"] = page.t("audit.untranslated", ["language": languageName])
        }
        context["otherLanguages"] = audit.languages.filter { $0 != page.language }.map { l in
            ["lang": l, "name": page.t("language.\(l)"),
             "href": page.root + SitePaths.file(for: .audit(language: l, audit: audit.id))] as [String: Any]
        }

        // Facts of the text shown: a translation lists its items in its own words, with its own lines.
        let sourceFacts = facts
        context["score"] = page.score(sourceFacts.score)
        context["domains"] = sourceFacts.domainScores.map { d -> [String: Any] in
            ["label": page.domainLabel(key: d.domain, fallback: d.label), "original": d.label, "key": d.domain,
             "text": page.format.score(d.score.scale == 100 ? d.score : d.score), "value": fmt(d.score.value),
             "percent": page.format.percent(d.score.value), "level": PageContext.level(d.score.value), "href": "#L\(d.score.line)"]
        }
        let knownGaps = Set(project.gaps.map(\.id))
        context["itemGroups"] = Item.Kind.allCases.compactMap { kind -> [String: Any]? in
            let items = sourceFacts.items.filter { $0.kind == kind }
            guard !items.isEmpty else { return nil }
            var counts: [String] = []
            for status in Status.allCases {
                let n = items.filter { $0.status == status }.count
                if n > 0 { counts.append("\(n) \(page.statusLabel(status).lowercased())") }
            }
            return [
                "kind": page.kindLabel(kind, plural: items.count > 1), "key": kind.rawValue, "count": items.count,
                "summary": counts.joined(separator: " · "),
                "items": items.map { item -> [String: Any] in
                    var row: [String: Any] = [
                        "title": item.title, "href": "#L\(item.line)",
                        "status": page.statusLabel(item.status), "statusKey": item.status.rawValue,
                        "severity": item.severity.map { page.severityLabel($0) } as Any, "severityKey": item.severity?.rawValue ?? "none",
                    ]
                    if let id = item.id {
                        row["id"] = id
                        if knownGaps.contains(id) { row["gapHref"] = page.link(gap: id, project: project.slug) }
                    }
                    return row
                },
            ]
        }
        fillChanges(&context)

        // The text, with anchors on every line a fact or a GAP page links to.
        if let document = body(audit.id, textLanguage) {
            var anchored = Set(facts.items.flatMap { [$0.line] + $0.otherLines })
            for d in facts.domainScores { anchored.insert(d.score.line) }
            for m in facts.mentions { anchored.insert(m.line) }
            let titleLine = facts.headings.first { $0.level == 1 }.flatMap { $0.text == facts.title ? $0.line : nil }
            let renderer = BodyRenderer(document: document, anchoredLines: anchored, ids: ids, skipHeadingLine: titleLine) { id in
                knownGaps.contains(id) ? page.link(gap: id, project: project.slug) : nil
            }
            let output = renderer.render(document)
            context["body"] = output.html
            context["toc"] = output.toc.map { ["text": $0.text, "anchor": $0.anchor, "sub": $0.level == 3] as [String: Any] }
            context["hasToc"] = output.toc.count >= 3
        }
    }

    private func fillChanges(_ context: inout [String: Any]) {
        guard let changes = project.changes[audit.id], let previousID = changes.previousAuditID,
              let previous = project.audits.first(where: { $0.id == previousID }) else { return }
        var result: [String: Any] = [
            "previousTitle": previous.title(in: page.language), "previousHref": page.link(audit: previousID),
            "previousDate": page.date(previous.date), "scoreDelta": page.delta(changes.scoreDelta) as Any,
        ]
        result["domains"] = changes.domains.compactMap { d -> [String: Any]? in
            guard let delta = d.delta, delta != 0 else { return nil }
            return ["label": page.domainLabel(key: d.key, fallback: d.label), "delta": page.delta(delta) as Any,
                    "before": d.before.map(page.format.percent) as Any, "after": d.after.map(page.format.percent) as Any]
        }
        func gaps(_ list: [String], _ key: String) -> [String: Any]? {
            guard !list.isEmpty else { return nil }
            return ["label": page.t(key), "key": key,
                    "gaps": list.map { ["id": $0, "href": page.link(gap: $0, project: project.slug)] }]
        }
        result["gapGroups"] = [gaps(changes.newGaps, "changes.new"), gaps(changes.closedGaps, "changes.closed"),
                               gaps(changes.reopenedGaps, "changes.reopened"), gaps(changes.carriedGaps, "changes.carried"),
                               gaps(changes.notReassessedGaps, "changes.notReassessed")].compactMap { $0 }
        context["changes"] = result
    }
}
