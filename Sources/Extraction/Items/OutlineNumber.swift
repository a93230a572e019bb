/// The number a heading or line gives an item: `3.` → `3`, `6.2.1` → `6.2.1`, `11.1 Titre` → `11.1`.
/// Findings without IDs keep it as their reference (`High 1`, `6.2.1`, RGAA criterion `11.1`).
enum OutlineNumber {
    static func of(_ text: String) -> String? {
        let trimmed = text.drop { $0 == " " || $0 == "#" || $0 == "*" || $0 == "_" || $0 == "[" || $0 == "(" }
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let first = digits.first, first.isNumber else { return nil }
        let rest = trimmed.dropFirst(digits.count)
        // `3 sites`, `2024 review`: a number followed by a word without separator is not an outline number.
        guard digits.hasSuffix(".") || rest.first.map({ $0 == " " || $0 == ")" || $0 == "-" || $0 == "–" || $0 == "—" || $0 == ":" }) ?? true
        else { return nil }
        let number = digits.hasSuffix(".") ? String(digits.dropLast()) : String(digits)
        guard !number.isEmpty, number.count <= 8, !number.hasPrefix(".") else { return nil }
        return number
    }
}
