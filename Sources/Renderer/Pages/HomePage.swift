import Extraction
import Portal

/// The language home: every project with its latest audit.
struct HomePage {
    let portal: Portal
    let page: PageContext

    func model(layout: LayoutModel) -> HomePageModel {
        HomePageModel(layout: layout, projects: portal.projects.map { project in
            let open = project.gaps.filter { $0.status.isOpen }.count
            return HomePageModel.Project(
                name: project.info.name(in: page.language), href: page.link(project: project.slug),
                auditCount: page.t(project.audits.count == 1 ? "count.audit" : "count.audits", ["n": String(project.audits.count)]),
                description: project.info.descriptions[page.language] ?? project.info.descriptions.sorted(by: { $0.key < $1.key }).first?.value,
                latest: project.latest.map { latest in
                    HomePageModel.Latest(title: latest.title(in: page.language), href: page.link(audit: latest.id), date: page.date(latest.date),
                                         isoDate: latest.date?.description ?? "", score: page.score(latest.facts.score),
                                         titleLang: latest.languages.contains(page.language) ? "" : latest.sourceLanguage)
                },
                openGaps: page.t(open == 1 ? "count.openGap" : "count.openGaps", ["n": String(open)]))
        }, auditTotal: portal.projects.reduce(0) { $0 + $1.audits.count })
    }
}
