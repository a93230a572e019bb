import Templates

/// One GAP: where it stands, its history, and the other places that mention it.
struct GapPageModel: TemplateModel {
    let layout: LayoutModel
    let id: String
    let title: String
    let titleLang: String?
    let projectName: String
    let projectHref: String
    let severity: String
    let severityKey: String
    let status: String
    let statusKey: String
    let firstSeen: String
    let lastSeen: String
    let closedOn: String?
    let reopened: Bool
    let age: String?
    let stale: String?
    let severityChanges: String?
    let historyHTML: [UInt8]
    let referencesHTML: [UInt8]

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.text("id", id)
        fields.text("title", title)
        fields.text("titleLang", titleLang)
        fields.text("projectName", projectName)
        fields.text("projectHref", projectHref)
        fields.text("severity", severity)
        fields.text("severityKey", severityKey)
        fields.text("status", status)
        fields.text("statusKey", statusKey)
        fields.text("firstSeen", firstSeen)
        fields.text("lastSeen", lastSeen)
        fields.text("closedOn", closedOn)
        fields.flag("reopened", reopened)
        fields.text("age", age)
        fields.text("stale", stale)
        fields.text("severityChanges", severityChanges)
        fields.bytes("historyHTML", historyHTML)
        fields.bytes("referencesHTML", referencesHTML)
        fields.flag("hasReferences", !referencesHTML.isEmpty)
    }
}
