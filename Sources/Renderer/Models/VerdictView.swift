import Templates

/// A verdict: translated for the page (the original kept as a tooltip), or as written with its language.
struct VerdictView: TemplateModel {
    let text: String
    var original: String?
    var lang: String?

    func describe(to fields: inout TemplateFields) {
        fields.text("text", text)
        fields.text("original", original)
        fields.text("lang", lang)
    }
}
