import Templates

/// A project across dates: latest verdict and score, trends, ratings, burn-down, audits and GAPs.
struct ProjectPageModel: TemplateModel {
    struct Latest: TemplateModel {
        let title: String
        let href: String
        let date: String
        let verdict: VerdictView?
        let score: ScoreView?
        let delta: DeltaView?
        let previousDate: String?

        func describe(to fields: inout TemplateFields) {
            fields.text("title", title)
            fields.text("href", href)
            fields.text("date", date)
            fields.object("verdict", verdict)
            fields.object("score", score)
            fields.object("delta", delta)
            fields.text("previousDate", previousDate)
        }
    }

    /// A column of a table over dates: the date, linking to its audit.
    struct DatedLink: TemplateModel {
        let date: String
        let href: String

        func describe(to fields: inout TemplateFields) {
            fields.text("date", date)
            fields.text("href", href)
        }
    }

    struct LegendEntry: TemplateModel {
        let name: String
        let index: Int

        func describe(to fields: inout TemplateFields) {
            fields.text("name", name)
            fields.number("index", index)
        }
    }

    /// Domain scores over time: charts and the table that is their accessible form.
    struct Trends {
        var globalChart: String?
        var domainChart: String?
        var legend: [LegendEntry] = []
        var dates: [DatedLink] = []
        var rowsHTML: [UInt8] = []
    }

    struct Ratings {
        var dates: [DatedLink] = []
        var rowsHTML: [UInt8] = []
    }

    struct Burndown {
        var chart = ""
        var rowsHTML: [UInt8] = []
        var headers: [LabelledKey] = []
    }

    var layout: LayoutModel
    var name = ""
    var description: String?
    var latest: Latest?
    var auditsHTML: [UInt8] = []
    var trends: Trends?
    var ratings: Ratings?
    var burndown: Burndown?
    var gapRowsHTML: [UInt8] = []
    var hasGaps = false
    var trackedHTML: [UInt8] = []

    func describe(to fields: inout TemplateFields) {
        layout.describe(to: &fields)
        fields.text("name", name)
        fields.text("description", description)
        fields.object("latest", latest)
        fields.bytes("auditsHTML", auditsHTML)
        fields.text("globalChart", trends?.globalChart)
        fields.text("domainChart", trends?.domainChart)
        fields.list("legend", trends?.legend ?? [])
        fields.list("trendDates", trends?.dates ?? [])
        fields.bytes("trendRowsHTML", trends?.rowsHTML)
        fields.flag("hasTrends", trends != nil)
        fields.list("ratingDates", ratings?.dates ?? [])
        fields.bytes("ratingRowsHTML", ratings?.rowsHTML)
        fields.flag("hasRatings", ratings != nil)
        fields.text("burndownChart", burndown?.chart)
        fields.bytes("burndownRowsHTML", burndown?.rowsHTML)
        fields.list("burndownHeaders", burndown?.headers ?? [])
        fields.bytes("gapRowsHTML", gapRowsHTML)
        fields.flag("hasGaps", hasGaps)
        fields.bytes("trackedHTML", trackedHTML)
        fields.flag("hasTracked", !trackedHTML.isEmpty)
    }
}
