import Templates

/// Every GAP of every project, grouped by severity, with counters and filters.
struct GapIndexPageModel: TemplateModel {
    struct Group: TemplateModel {
        let label: String
        let key: String
        let count: Int
        let rowsHTML: [UInt8]

        func describe(to fields: inout TemplateFields) {
            fields.text("label", label)
            fields.text("key", key)
            fields.number("count", count)
            fields.bytes("rowsHTML", rowsHTML)
        }
    }

    struct ProjectOption: TemplateModel {
        let slug: String
        let name: String

        func describe(to fields: inout TemplateFields) {
            fields.text("slug", slug)
            fields.text("name", name)
        }
    }

    let layout: LayoutModel
    let groups: [Group]
    let severityCounts: [LabelledKey]
    let statusCounts: [LabelledKey]
    let projects: [ProjectOption]
    let severityOptions: [LabelledKey]
    let statusOptions: [LabelledKey]
    let total: Int

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.list("groups", groups)
        fields.list("severityCounts", severityCounts)
        fields.list("statusCounts", statusCounts)
        fields.list("projects", projects)
        fields.list("severityOptions", severityOptions)
        fields.list("statusOptions", statusOptions)
        fields.number("total", total)
        fields.flag("hasGaps", total > 0)
    }
}
