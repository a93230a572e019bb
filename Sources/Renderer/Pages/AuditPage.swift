import Extraction
import Markdown
import Portal

/// One audit: its text, with the extracted facts beside it, and what changed since the previous
/// audit of the project. Where the audit has no text in the page's language, the original is shown
/// under a notice, marked with its own `lang`, and the facts are still translated.
struct AuditPage {
    let audit: AuditRecord
    let project: ProjectTimeline
    let portal: Portal
    let page: PageContext
    let ids: IDMatcher
    let body: SiteRenderer.BodyProvider

    func model(layout: LayoutModel) throws -> AuditPageModel {
        let hasOwnText = audit.languages.contains(page.language)
        let textLanguage = hasOwnText ? page.language : audit.sourceLanguage
        let facts = audit.factsByLanguage[textLanguage] ?? audit.facts
        let title = audit.title(in: page.language)
        var model = AuditPageModel(layout: layout)
        model.layout.pageTitle = title
        model.title = title
        model.titleLang = hasOwnText ? nil : textLanguage
        model.textLang = textLanguage
        model.foreignLang = hasOwnText ? nil : textLanguage
        model.projectName = project.info.name(in: page.language)
        model.projectHref = page.link(project: project.slug)
        model.date = page.date(audit.date)
        model.isoDate = audit.date?.description ?? ""
        model.author = facts.author
        model.verdict = page.verdict(facts.verdict, textLanguage: textLanguage)
        if !hasOwnText {
            let languageName = page.t("language.\(textLanguage)")
            model.notice = page.t("audit.untranslated", ["language": languageName])
        }
        model.otherLanguages = audit.languages.filter { $0 != page.language }.map { l in
            AuditPageModel.OtherLanguage(lang: l, name: page.t("language.\(l)"),
                                         href: page.root + SitePaths.file(for: .audit(language: l, audit: audit.id)))
        }

        // Facts of the text shown: a translation lists its items in its own words, with its own lines.
        let sourceFacts = facts
        model.score = page.score(sourceFacts.score)
        var bars = HTMLFragment(capacity: sourceFacts.domainScores.count * 300)
        for d in sourceFacts.domainScores {
            bars.raw("<li><a href=\"#L\(d.score.line)\" title=\"")
            bars.text(page.t("audit.original") + " : " + d.label)
            bars.raw("\"><span class=\"bar-label\">")
            bars.text(page.domainLabel(key: d.domain, fallback: d.label))
            bars.raw("</span><span class=\"bar score-\(PageContext.level(d.score.value))\" style=\"--v:\(fmt(d.score.value))\"></span><span class=\"bar-value\">")
            bars.text(page.format.score(d.score))
            bars.raw("</span></a></li>\n")
        }
        model.domainsHTML = bars.bytes
        // Ratings stay on the report's own scale: the grade as written, its rank shown as a bar.
        var ratings = HTMLFragment(capacity: sourceFacts.ratings.count * 300)
        for r in sourceFacts.ratings {
            let share = Double(r.rating.rank) / Double(max(1, r.rating.of)) * 100
            ratings.raw("<li><a href=\"#L\(r.line)\" title=\"")
            ratings.text(page.t("audit.original") + " : " + r.label)
            ratings.raw("\"><span class=\"bar-label\">")
            ratings.text(page.domainLabel(key: r.domain, fallback: r.label))
            ratings.raw("</span><span class=\"bar score-\(PageContext.level(share))\" style=\"--v:\(fmt(share))\"></span><span class=\"bar-value\">")
            ratings.text("\(r.rating.text) (\(r.rating.rank)/\(r.rating.of))")
            ratings.raw("</span></a></li>\n")
        }
        model.ratingsHTML = ratings.bytes
        let sourceLabel = page.t("audit.source")
        // Each kind's items are found by index in one pass, then counted and listed from the facts:
        // an item is copied once, to be listed, not once per kind asked of it (each copy retains
        // every string of the item, on each of the 50,000 audit pages of a large portal).
        let statuses = Status.allCases
        let kinds = Item.Kind.allCases
        let items = sourceFacts.items
        var indicesByKind = [[Int]](repeating: [], count: kinds.count)
        for index in items.indices {
            if let kind = kinds.firstIndex(of: items[index].kind) { indicesByKind[kind].append(index) }
        }
        model.itemGroups = zip(kinds, indicesByKind).compactMap { kind, indices -> AuditPageModel.ItemGroup? in
            let total = indices.count
            guard total > 0 else { return nil }
            var byStatus = [Int](repeating: 0, count: statuses.count)
            for index in indices {
                if let status = statuses.firstIndex(of: items[index].status) { byStatus[status] += 1 }
            }
            var counts: [String] = []
            for (index, status) in statuses.enumerated() where byStatus[index] > 0 {
                counts.append("\(byStatus[index]) \(page.statusLabel(status).lowercased())")
            }
            let foreign = textLanguage == page.language ? nil : textLanguage
            var list = HTMLFragment(capacity: total * 300)
            for index in indices {
                let item = items[index]
                list.raw("<li class=\"item st-\(item.status.rawValue)\"><a class=\"item-link\" href=\"#L\(item.line)\" title=\"")
                list.text(sourceLabel)
                list.raw("\">")
                if let name = item.id ?? item.ref {
                    list.raw("<span class=\"item-id\">")
                    list.text(name)
                    list.raw("</span> ")
                }
                if let foreign { list.raw("<span lang=\"\(foreign)\">") } else { list.raw("<span>") }
                // A re-check that only names the ID: the finding's title from the audits that stated it.
                let title = item.title == item.id ? item.id.flatMap { id in portal.gap(project: project.slug, id: id)?.title } ?? item.title : item.title
                list.text(title)
                list.raw("</span></a>\n<span class=\"item-tags\">")
                if let severity = item.severity {
                    list.badge("sev-\(severity.rawValue)", page.severityLabel(severity))
                    list.raw(" ")
                }
                list.badge("st-\(item.status.rawValue)", page.statusLabel(item.status))
                if let id = item.id, project.hasGap(id) {
                    list.raw(" ")
                    list.link(page.link(gap: id, project: project.slug), "→ \(id)", cssClass: "gap-page")
                }
                list.raw("</span></li>\n")
            }
            return AuditPageModel.ItemGroup(kind: page.kindLabel(kind, plural: total > 1), key: kind.rawValue, count: total,
                                            summary: counts.joined(separator: " · "), itemsHTML: list.bytes)
        }
        model.changes = changes()

        // The text, rendered once when it was read, with anchors on every line a fact or a GAP page links to.
        // Every text the audit has was read: a body that cannot be had is a failure, not an empty page.
        guard let output = body(audit.id, textLanguage) else { throw RenderError.unavailableText(audit.id.description, textLanguage) }
        do {
            model.body = output.html(linking: project.hasGap)
            var toc = HTMLFragment(capacity: output.toc.count * 80)
            for entry in output.toc {
                if entry.level == 3 { toc.raw("<li class=\"sub\">") } else { toc.raw("<li>") }
                toc.link("#" + entry.anchor, entry.text)
                toc.raw("</li>")
            }
            model.tocHTML = toc.bytes
            model.hasToc = output.toc.count >= 3
        }
        return model
    }

    private func changes() -> AuditPageModel.Changes? {
        guard let changes = project.changes[audit.id], let previousID = changes.previousAuditID,
              let previous = project.audit(previousID) else { return nil }
        var domains = HTMLFragment(capacity: 1024)
        for d in changes.domains {
            guard let delta = d.delta, delta != 0 else { continue }
            domains.raw("<li>")
            domains.text(page.domainLabel(key: d.key, fallback: d.label))
            domains.raw(" ")
            domains.text(d.before.map(page.format.percent) ?? "—")
            domains.raw(" → ")
            domains.text(d.after.map(page.format.percent) ?? "—")
            domains.raw(" ")
            domains.delta(page.delta(delta))
            domains.raw("</li>")
        }

        var groups = HTMLFragment(capacity: 1024)
        for (list, key) in [(changes.newGaps, "changes.new"), (changes.closedGaps, "changes.closed"),
                            (changes.reopenedGaps, "changes.reopened"), (changes.carriedGaps, "changes.carried"),
                            (changes.notReassessedGaps, "changes.notReassessed")] where !list.isEmpty {
            groups.raw("<p class=\"gap-group gap-\(key.dropFirst("changes.".count))\"><span class=\"label\">")
            groups.text(page.t(key))
            groups.raw("</span> ")
            for id in list {
                groups.link(page.link(gap: id, project: project.slug), id, cssClass: "gap-ref")
                groups.raw(" ")
            }
            groups.raw("</p>\n")
        }
        return AuditPageModel.Changes(previousTitle: previous.title(in: page.language), previousHref: page.link(audit: previousID),
                                      previousDate: page.date(previous.date), scoreDelta: page.delta(changes.scoreDelta),
                                      deltasHTML: domains.bytes, gapGroupsHTML: groups.bytes)
    }
}
