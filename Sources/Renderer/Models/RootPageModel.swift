import Templates

/// The site root: a language choice (and a redirect to the reader's language).
struct RootPageModel: TemplateModel {
    struct Choice: TemplateModel {
        let lang: String
        let name: String
        let href: String
        let welcome: String

        func describe(to fields: inout TemplateFields) {
            fields.text("lang", lang)
            fields.text("name", name)
            fields.text("href", href)
            fields.text("welcome", welcome)
        }
    }

    let layout: LayoutModel
    let languages: [Choice]
    let defaultHref: String
    let languageCodes: String

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.list("languages", languages)
        fields.text("defaultHref", defaultHref)
        fields.text("languageCodes", languageCodes)
    }
}
