import Extraction

/// One audit of a project: one or more source texts (one per language) that share a file name.
///
/// The facts shown everywhere come from the source text in `sourceLanguage` (the site's default
/// language when it exists, else the first configured language that has one); translations are only
/// compared with it.
///
/// A class, though a value in every other respect (every property is a constant): pages, feeds and
/// the search index pass records around by the hundred thousand at 10,000 audits, and a copy of the
/// struct retained every array and string of its facts, where a reference is retained once.
public final class AuditRecord: Sendable, Equatable {
    /// Stable, used in URLs, JSON and cross-links.
    public let id: AuditID
    public let project: String
    public let slug: String
    public let sourceLanguage: String
    /// Languages that have a source text, in the site's language order.
    public let languages: [String]
    public let facts: AuditFacts
    /// Facts and titles per language (the source language included).
    public let factsByLanguage: [String: AuditFacts]
    /// Content-relative path of each language's file, for diagnostics and "edit" links.
    public let files: [String: String]
    /// Extra front matter values of the source text (keys sorted when shown).
    public let extra: [String: String]

    public init(project: String, slug: String, sourceLanguage: String, languages: [String], factsByLanguage: [String: AuditFacts],
                files: [String: String], extra: [String: String] = [:]) {
        self.id = AuditID(project: project, slug: slug)
        self.project = project
        self.slug = slug
        self.sourceLanguage = sourceLanguage
        self.languages = languages
        self.facts = factsByLanguage[sourceLanguage] ?? AuditFacts()
        self.factsByLanguage = factsByLanguage
        self.files = files
        self.extra = extra
    }

    public var date: AuditDate? { facts.date }

    public static func == (a: AuditRecord, b: AuditRecord) -> Bool {
        a === b || (a.id == b.id && a.project == b.project && a.slug == b.slug && a.sourceLanguage == b.sourceLanguage
            && a.languages == b.languages && a.facts == b.facts && a.factsByLanguage == b.factsByLanguage && a.files == b.files
            && a.extra == b.extra)
    }

    /// Title in a language: the text's own title when that language has a source, else the original's.
    public func title(in language: String) -> String {
        factsByLanguage[language]?.title ?? facts.title ?? slug
    }

    /// Chronological order; several audits on one day keep the order of their slugs; undated first.
    public static func chronological(_ a: AuditRecord, _ b: AuditRecord) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return a.slug < b.slug
        }
    }
}

/// What the portal knows of a project beyond its audits (`_project.yaml` or `site.yaml`).
public struct ProjectInfo: Sendable, Equatable {
    public let slug: String
    /// Display name per language; the folder name stands in when none is given.
    public let names: [String: String]
    public let descriptions: [String: String]

    public init(slug: String, names: [String: String] = [:], descriptions: [String: String] = [:]) {
        self.slug = slug
        self.names = names
        self.descriptions = descriptions
    }

    public func name(in language: String) -> String {
        names[language] ?? names["en"] ?? names.sorted { $0.key < $1.key }.first?.value ?? Self.displayName(fromSlug: slug)
    }

    /// `orion-payments` → `Orion Payments`.
    public static func displayName(fromSlug slug: String) -> String {
        slug.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
