import Templates

/// Projects side by side: latest score and its change, the trend, open GAPs by severity.
struct PortfolioPageModel: TemplateModel {
    struct Row: TemplateModel {
        let name: String
        let href: String
        let latestDate: String
        let latestHref: String?
        let score: ScoreView?
        let delta: DeltaView?
        let sparkline: String
        let open: [LabelledKey]
        let openTotal: Int

        func describe(to fields: inout TemplateFields) {
            fields.text("name", name)
            fields.text("href", href)
            fields.text("latestDate", latestDate)
            fields.text("latestHref", latestHref)
            fields.object("score", score)
            fields.object("delta", delta)
            fields.text("sparkline", sparkline)
            fields.list("open", open)
            fields.number("openTotal", openTotal)
        }
    }

    let layout: LayoutModel
    let severities: [LabelledKey]
    let rows: [Row]

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.list("severities", severities)
        fields.list("rows", rows)
    }
}
