/// A score as the report wrote it and normalised to 0–100, so `13/20`, `7.5 / 10` and `65%` compare.
public struct Score: Sendable, Equatable {
    /// 0–100.
    public let value: Double
    /// The scale the report used (100 for percentages).
    public let scale: Double
    /// The value on its own scale (13 for `13/20`).
    public let raw: Double
    /// The original text, e.g. `15,5/20`.
    public let text: String
    public let line: Int

    public init(value: Double, scale: Double, raw: Double, text: String, line: Int) {
        self.value = value
        self.scale = scale
        self.raw = raw
        self.text = text
        self.line = line
    }
}

/// A score for one domain of the audit (security, cost…), keyed through the glossary.
public struct DomainScore: Sendable, Equatable {
    /// Stable key from the glossary (`security`), or the slug of an unknown label.
    public let domain: String
    /// The label as written in the report.
    public let label: String
    public let score: Score

    public init(domain: String, label: String, score: Score) {
        self.domain = domain
        self.label = label
        self.score = score
    }
}
