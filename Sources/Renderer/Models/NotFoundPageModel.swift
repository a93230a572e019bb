import Templates

/// The 404 page, in every language at once.
struct NotFoundPageModel: TemplateModel {
    struct Message: TemplateModel {
        let lang: String
        let message: String
        let href: String
        let home: String

        func describe(to fields: inout TemplateFields) {
            fields.text("lang", lang)
            fields.text("message", message)
            fields.text("href", href)
            fields.text("home", home)
        }
    }

    let layout: LayoutModel
    let languages: [Message]

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.list("languages", languages)
    }
}
