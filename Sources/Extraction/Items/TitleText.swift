/// A heading's text cleaned and folded once. What a section means is read from its heading through
/// half a dozen questions (is it a part of a finding, a priority, a list of findings, a severity
/// section, a legend?), each of which cleaned and folded the same text again.
struct TitleText {
    /// As written.
    let text: String
    /// Numbering, badges and emphasis marks taken off (`TextNormalizer.cleanTitle`).
    let cleaned: String
    /// The text as written, folded (`TextNormalizer.key`).
    let key: String
    /// The cleaned text, folded.
    let cleanedKey: String

    init(_ text: String) {
        self.text = text
        cleaned = TextNormalizer.cleanTitle(text)
        key = TextNormalizer.key(text)
        cleanedKey = TextNormalizer.key(cleaned)
    }
}
