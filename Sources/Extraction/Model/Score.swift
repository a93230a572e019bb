/// A score as the report wrote it and normalised to 0–100, so `13/20`, `7.5 / 10` and `65%` compare.
public struct Score: Sendable, Equatable, Codable {
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
public struct DomainScore: Sendable, Equatable, Codable {
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

/// A qualitative rating on the report's own ordinal scale (`Good` on poor–fair–good–excellent, `B`
/// on F–A, `Niveau 3/5`, 🟡 on 🔴🟠🟡🟢): kept as a rank, never turned into an invented percentage,
/// so ratings compare across audits that use the same scale.
public struct Rating: Sendable, Equatable, Codable {
    /// As written (`Satisfaisant`, `B+`, `Niveau 3/5`, `🟡`).
    public let text: String
    /// 1 is the worst grade of the scale.
    public let rank: Int
    /// Number of grades of the scale.
    public let of: Int
    /// The scale's name from the vocabulary (`quality`, `letters`, `level`, `lights`…).
    public let scale: String

    public init(text: String, rank: Int, of: Int, scale: String) {
        self.text = text
        self.rank = rank
        self.of = of
        self.scale = scale
    }
}

/// A rating for one domain of the audit.
public struct DomainRating: Sendable, Equatable, Codable {
    public let domain: String
    public let label: String
    public let rating: Rating
    public let line: Int

    public init(domain: String, label: String, rating: Rating, line: Int) {
        self.domain = domain
        self.label = label
        self.rating = rating
        self.line = line
    }
}
