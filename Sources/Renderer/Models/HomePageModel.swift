import Templates

/// The language home: every project with its latest audit.
struct HomePageModel: TemplateModel {
    struct Latest: TemplateModel {
        let title: String
        let href: String
        let date: String
        let isoDate: String
        let score: ScoreView?
        let titleLang: String

        func describe(to fields: inout TemplateFields) {
            fields.text("title", title)
            fields.text("href", href)
            fields.text("date", date)
            fields.text("isoDate", isoDate)
            fields.object("score", score)
            fields.text("titleLang", titleLang)
        }
    }

    struct Project: TemplateModel {
        let name: String
        let href: String
        let auditCount: String
        let description: String?
        let latest: Latest?
        let openGaps: String

        func describe(to fields: inout TemplateFields) {
            fields.text("name", name)
            fields.text("href", href)
            fields.text("auditCount", auditCount)
            fields.text("description", description)
            fields.object("latest", latest)
            fields.text("openGaps", openGaps)
        }
    }

    let layout: LayoutModel
    let projects: [Project]
    let auditTotal: Int

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.list("projects", projects)
        fields.flag("hasProjects", !projects.isEmpty)
        fields.number("auditTotal", auditTotal)
    }
}
