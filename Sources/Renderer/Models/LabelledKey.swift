import Templates

/// A label with its key and an optional count: severities and statuses in legends, filters and
/// counters (`{{label}}`, `sev-{{key}}`, `{{count}}`).
struct LabelledKey: TemplateModel {
    let label: String
    let key: String
    var count: Int?

    func describe(to fields: inout TemplateFields) {
        fields.text("label", label)
        fields.text("key", key)
        fields.number("count", count)
    }
}
