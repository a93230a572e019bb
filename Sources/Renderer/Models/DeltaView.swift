import Templates

/// A change between two scores: arrow, signed value, and a sentence for screen readers.
struct DeltaView: TemplateModel {
    let text: String
    let direction: String
    let arrow: String
    let label: String

    func describe(to fields: inout TemplateFields) {
        fields.text("text", text)
        fields.text("direction", direction)
        fields.text("arrow", arrow)
        fields.text("label", label)
    }
}
