import Templates

/// One audit: its text with the extracted facts beside it, and what changed since the previous one.
struct AuditPageModel: TemplateModel {
    struct OtherLanguage: TemplateModel {
        let lang: String
        let name: String
        let href: String

        func describe(to fields: inout TemplateFields) {
            fields.text("lang", lang)
            fields.text("name", name)
            fields.text("href", href)
        }
    }

    /// The items of one kind (GAPs, tasks, checks…), their list rendered as a fragment.
    struct ItemGroup: TemplateModel {
        let kind: String
        let key: String
        let count: Int
        let summary: String
        let itemsHTML: [UInt8]

        func describe(to fields: inout TemplateFields) {
            fields.text("kind", kind)
            fields.text("key", key)
            fields.number("count", count)
            fields.text("summary", summary)
            fields.bytes("itemsHTML", itemsHTML)
        }
    }

    /// Since the previous audit of the project.
    struct Changes: TemplateModel {
        let previousTitle: String
        let previousHref: String
        let previousDate: String
        let scoreDelta: DeltaView?
        let deltasHTML: [UInt8]
        let gapGroupsHTML: [UInt8]

        func describe(to fields: inout TemplateFields) {
            fields.text("previousTitle", previousTitle)
            fields.text("previousHref", previousHref)
            fields.text("previousDate", previousDate)
            fields.object("scoreDelta", scoreDelta)
            fields.bytes("deltasHTML", deltasHTML)
            fields.bytes("gapGroupsHTML", gapGroupsHTML)
        }
    }

    var layout: LayoutModel
    var title = ""
    var titleLang: String?
    var textLang = ""
    var foreignLang: String?
    var projectName = ""
    var projectHref = ""
    var date = ""
    var isoDate = ""
    var author: String?
    var verdict: VerdictView?
    var notice: String?
    var otherLanguages: [OtherLanguage] = []
    var score: ScoreView?
    var domainsHTML: [UInt8] = []
    var ratingsHTML: [UInt8] = []
    var itemGroups: [ItemGroup] = []
    var changes: Changes?
    /// The report's text as HTML (UTF-8 bytes, see `RenderedBody`).
    var body: [UInt8]?
    var tocHTML: [UInt8]?
    var hasToc = false

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.text("title", title)
        fields.text("titleLang", titleLang)
        fields.text("textLang", textLang)
        fields.text("foreignLang", foreignLang)
        fields.text("projectName", projectName)
        fields.text("projectHref", projectHref)
        fields.text("date", date)
        fields.text("isoDate", isoDate)
        fields.text("author", author)
        fields.object("verdict", verdict)
        fields.text("notice", notice)
        fields.list("otherLanguages", otherLanguages)
        fields.object("score", score)
        fields.bytes("domainsHTML", domainsHTML)
        fields.flag("hasDomains", !domainsHTML.isEmpty)
        fields.bytes("ratingsHTML", ratingsHTML)
        fields.flag("hasRatings", !ratingsHTML.isEmpty)
        fields.list("itemGroups", itemGroups)
        fields.object("changes", changes)
        fields.bytes("body", body)
        fields.bytes("tocHTML", tocHTML)
        fields.flag("hasToc", hasToc)
    }
}
