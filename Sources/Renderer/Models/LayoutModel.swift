import Templates

/// What every page's layout (`base`) shows: language, navigation, language switcher, alternates.
struct LayoutModel: TemplateModel {
    struct NavLink: TemplateModel {
        let label: String
        let href: String
        let current: Bool

        func describe(to fields: inout TemplateFields) {
            fields.text("label", label)
            fields.text("href", href)
            fields.flag("current", current)
        }
    }

    struct LanguageLink: TemplateModel {
        let lang: String
        let name: String
        let href: String
        let current: Bool

        func describe(to fields: inout TemplateFields) {
            fields.text("lang", lang)
            fields.text("name", name)
            fields.text("href", href)
            fields.flag("current", current)
        }
    }

    struct Alternate: TemplateModel {
        let hreflang: String
        let href: String

        func describe(to fields: inout TemplateFields) {
            fields.text("hreflang", hreflang)
            fields.text("href", href)
        }
    }

    let lang: String
    var root: String
    let strings: TemplateStrings
    let siteTitle: String
    var pageTitle: String
    let homeHref: String
    let stylesheet: String
    let script: String
    let feedHref: String
    let nav: [NavLink]
    var switcher: [LanguageLink] = []
    var alternates: [Alternate] = []
    var canonical: String?

    func describe(to fields: inout TemplateFields) {
        fields.text("lang", lang)
        fields.text("root", root)
        fields.strings("t", strings)
        fields.text("siteTitle", siteTitle)
        fields.text("pageTitle", pageTitle)
        fields.text("homeHref", homeHref)
        fields.text("stylesheet", stylesheet)
        fields.text("script", script)
        fields.text("feedHref", feedHref)
        fields.list("nav", nav)
        fields.list("switcher", switcher)
        fields.list("alternates", alternates)
        fields.text("canonical", canonical)
    }
}
