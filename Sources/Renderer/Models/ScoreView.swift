import Templates

/// A score as pages show it: formatted for the page's language, with its level for the colour
/// (`score-good`) and the report's own wording as a tooltip. The `score` partial and `HTMLFragment.score`
/// both write it.
struct ScoreView: TemplateModel {
    let text: String
    let percent: String
    let value: String
    let original: String
    let level: String

    func describe(to fields: inout TemplateFields) {
        fields.text("text", text)
        fields.text("percent", percent)
        fields.text("value", value)
        fields.text("original", original)
        fields.text("level", level)
    }
}
