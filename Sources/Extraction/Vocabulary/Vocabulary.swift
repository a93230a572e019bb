import Foundation
import Yams

/// Every word the extractor understands, loaded from `vocabulary.yaml` (shipped with the module) and
/// optionally extended by `site.yaml`. Keeping the words in one data file means a team adds the
/// dialect of its reports without touching code.
public struct Vocabulary: Sendable {
    public enum ColumnRole: String, Sendable, CaseIterable {
        case id, score, label, status, severity, title
    }

    /// A glossary entry: stable key and its label per language.
    public struct Domain: Sendable, Equatable {
        public let key: String
        public let labels: [String: String]
    }

    var statuses = PhraseMatcher<Status>()
    var statusEmojis: [(String, Status)] = []
    var severities = PhraseMatcher<Severity>()
    var severityEmojis: [(String, Severity)] = []
    var columns = PhraseMatcher<ColumnRole>()
    var kinds = PhraseMatcher<Item.Kind>()
    var globalScoreLabels = PhraseMatcher<Bool>()
    var priorityHeadings = PhraseMatcher<Bool>()
    var metadataLabels = PhraseMatcher<String>()
    var months = PhraseMatcher<Int>()
    var verdicts = PhraseMatcher<String>()
    var columnPreference = PhraseMatcher<Int>()
    var domainAliases: [String: String] = [:]
    public private(set) var domains: [String: Domain] = [:]

    /// The built-in vocabulary, compiled into the binary from `Resources/vocabulary.yaml` by the
    /// EmbedFilesPlugin (so an installed or copied binary needs no resource folder). Loaded once.
    public static let builtIn: Vocabulary = {
        guard let base64 = EmbeddedVocabularyFiles.base64Files.first(where: { $0.path == "vocabulary.yaml" })?.base64,
              let data = Data(base64Encoded: base64),
              let vocabulary = try? Vocabulary(yaml: String(decoding: data, as: UTF8.self)) else {
            fatalError("the embedded vocabulary.yaml is missing or broken")
        }
        return vocabulary
    }()

    public init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { return }
        try merge(root)
    }

    /// Adds (or overrides) entries from a dictionary in the same shape as `vocabulary.yaml`.
    public mutating func merge(_ root: [String: Any]) throws {
        if let statuses = root["statuses"] as? [String: Any] {
            for (name, value) in statuses.sorted(by: { $0.key < $1.key }) {
                guard let status = Status(rawValue: name) else { throw VocabularyError.unknownKey("statuses.\(name)") }
                let (words, emojis) = Self.wordsAndEmojis(value)
                for w in words { self.statuses.add(w, status) }
                for e in emojis { statusEmojis.append((e, status)) }
            }
        }
        if let severities = root["severities"] as? [String: Any] {
            for (name, value) in severities.sorted(by: { $0.key < $1.key }) {
                guard let severity = Severity(rawValue: name) else { throw VocabularyError.unknownKey("severities.\(name)") }
                let (words, emojis) = Self.wordsAndEmojis(value)
                for w in words { self.severities.add(w, severity) }
                for e in emojis { severityEmojis.append((e, severity)) }
            }
        }
        if let columns = root["columns"] as? [String: Any] {
            for (name, value) in columns.sorted(by: { $0.key < $1.key }) {
                guard let role = ColumnRole(rawValue: name) else { throw VocabularyError.unknownKey("columns.\(name)") }
                for w in Self.strings(value) { self.columns.add(w, role) }
            }
        }
        if let kinds = root["kinds"] as? [String: Any] {
            for (name, value) in kinds.sorted(by: { $0.key < $1.key }) {
                guard let kind = Item.Kind(rawValue: name) else { throw VocabularyError.unknownKey("kinds.\(name)") }
                for w in Self.strings(value) { self.kinds.add(w, kind) }
            }
        }
        for w in Self.strings(root["globalScore"] as Any) { globalScoreLabels.add(w, true) }
        for w in Self.strings(root["priorityHeadings"] as Any) { priorityHeadings.add(w, true) }
        if let metadata = root["metadata"] as? [String: Any] {
            for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
                for w in Self.strings(value) { metadataLabels.add(w, name) }
            }
        }
        if let preference = root["columnPreference"] as? [String: Any] {
            for w in Self.strings(preference["prefer"] as Any) { columnPreference.add(w, 1) }
            for w in Self.strings(preference["avoid"] as Any) { columnPreference.add(w, -1) }
        }
        if let verdicts = root["verdicts"] as? [String: Any] {
            for (key, value) in verdicts.sorted(by: { $0.key < $1.key }) {
                for w in Self.strings(value) { self.verdicts.add(w, key) }
            }
        }
        if let months = root["months"] as? [AnyHashable: Any] {
            for (key, value) in months {
                guard let month = Int("\(key)"), (1...12).contains(month) else { continue }
                for w in Self.strings(value) { self.months.add(w, month) }
            }
        }
        if let domains = root["domains"] as? [String: Any] {
            for (key, value) in domains.sorted(by: { $0.key < $1.key }) {
                guard let entry = value as? [String: Any] else { continue }
                var labels = self.domains[key]?.labels ?? [:]
                for (lang, label) in entry where lang != "aliases" {
                    if let label = label as? String { labels[lang] = label }
                }
                self.domains[key] = Domain(key: key, labels: labels)
                domainAliases[TextNormalizer.key(key.replacingOccurrences(of: "-", with: " "))] = key
                for label in labels.values { domainAliases[TextNormalizer.key(label)] = key }
                for alias in Self.strings(entry["aliases"] as Any) { domainAliases[TextNormalizer.key(alias)] = key }
            }
        }
    }

    // MARK: Lookups

    /// Status stated in a cell or line: words first (leftmost), then badge emojis.
    public func status(in text: String) -> Status? {
        if let m = statuses.firstMatch(inKey: TextNormalizer.key(text)) { return m.value }
        return firstEmoji(in: text, statusEmojis)
    }

    public func severity(in text: String) -> Severity? {
        if let m = severities.firstMatch(inKey: TextNormalizer.key(text)) { return m.value }
        return firstEmoji(in: text, severityEmojis)
    }

    /// Severity words only (no emojis): headings and titles use 🔴 as decoration too often.
    public func severityWord(in text: String) -> Severity? {
        severities.firstMatch(inKey: TextNormalizer.key(text))?.value
    }

    public func columnRole(forHeader header: String) -> ColumnRole? {
        let key = TextNormalizer.key(header)
        if key.isEmpty { return header.contains("#") ? .id : nil }
        if let role = columns.matchesWhole(key) { return role }
        // "Current score", "Baseline score": the noun at the end decides; "Score (/20)", "Sévérité
        // estimée", "Status now": else the first word.
        let words = key.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }
        if words.count > 1, let last = words.last, let role = columns.matchesWhole(String(last)) { return role }
        if let first = words.first, let role = columns.matchesWhole(String(first)) { return role }
        return nil
    }

    public func kind(forHeader header: String) -> Item.Kind? {
        kinds.firstMatch(inKey: TextNormalizer.key(header))?.value
    }

    /// The kind a heading announces with its first words (`Actions correctives prioritaires`).
    public func kind(atStartOf text: String) -> Item.Kind? {
        let key = TextNormalizer.key(text)
        guard let match = kinds.firstMatch(inKey: key), key == match.phrase || key.hasPrefix(match.phrase + " ") else { return nil }
        return match.value
    }

    /// +1 for a header that says "current", -1 for "baseline"/"target", 0 otherwise.
    public func columnPreference(forHeader header: String) -> Int {
        columnPreference.firstMatch(inKey: TextNormalizer.key(header))?.value ?? 0
    }

    public func isGlobalScoreLabel(_ text: String) -> Bool {
        globalScoreLabels.firstMatch(inKey: TextNormalizer.key(text)) != nil
    }

    /// The global-score phrase in a line (`note globale`, `overall score`, or a bare `Overall`), if any.
    public func globalScorePhrase(in text: String) -> String? {
        globalScoreLabels.firstMatch(inKey: TextNormalizer.key(text))?.phrase
    }

    /// True when the whole label names the global score (a `GLOBAL` row), not a domain that contains the word.
    public func isGlobalScoreRowLabel(_ text: String) -> Bool {
        globalScoreLabels.matchesWhole(TextNormalizer.key(text)) != nil
    }

    /// `Priorité 1`, `Priority high`, `Quick wins`, or a heading that starts with a P-level (`🔴 P1 — Critique`).
    public func isPriorityHeading(_ text: String) -> Bool {
        let key = TextNormalizer.key(text)
        if priorityHeadings.firstMatch(inKey: key) != nil { return true }
        guard let first = key.split(separator: " ").first, first.count == 2, first.first == "p", let n = Int(first.dropFirst()) else { return false }
        return (0...4).contains(n)
    }

    /// Which metadata field (`date`, `author`, `verdict`) a label such as `Date d'audit` names.
    public func metadataField(forLabel label: String) -> String? {
        metadataLabels.matchesWhole(TextNormalizer.key(label))
    }

    /// The verdict a text states (`APPROUVÉ AVEC RECOMMANDATIONS` → `approved-with-reservations`).
    public func verdictKey(in text: String) -> String? {
        verdicts.firstMatch(inKey: TextNormalizer.key(text))?.value
    }

    public func month(named word: String) -> Int? {
        months.matchesWhole(TextNormalizer.key(word))
    }

    /// Glossary key for a domain label; unknown labels get their slug.
    public func domainKey(forLabel label: String) -> (key: String, known: Bool) {
        let cleaned = TextNormalizer.cleanTitle(label)
        let key = TextNormalizer.key(cleaned)
        if let known = domainAliases[key] { return (known, true) }
        // "Monitoring & Observabilité", "Sécurité applicative", "Qualité des données": the longest
        // known phrase inside the label decides, the leftmost on a tie.
        let words = key.split(separator: " ")
        if words.count <= 8 {
            for length in stride(from: words.count - 1, through: 1, by: -1) {
                for start in 0...(words.count - length) {
                    if let known = domainAliases[words[start..<(start + length)].joined(separator: " ")] { return (known, true) }
                }
            }
        }
        let slug = TextNormalizer.slug(cleaned)
        return (slug.isEmpty ? "domain" : slug, false)
    }

    /// The label of a domain in a language, falling back to English, then to the report's own label.
    public func domainLabel(_ key: String, language: String) -> String? {
        guard let domain = domains[key] else { return nil }
        return domain.labels[language] ?? domain.labels["en"]
    }

    // MARK: Helpers

    private func firstEmoji<V>(in text: String, _ table: [(String, V)]) -> V? {
        var best: (String.Index, Int, V)?
        for (emoji, value) in table {
            if let range = text.range(of: emoji) {
                let length = emoji.unicodeScalars.count
                if best == nil || range.lowerBound < best!.0 || (range.lowerBound == best!.0 && length > best!.1) {
                    best = (range.lowerBound, length, value)
                }
            }
        }
        return best?.2
    }

    private static func strings(_ value: Any) -> [String] {
        if let list = value as? [Any] { return list.map { "\($0)" } }
        if let s = value as? String { return [s] }
        return []
    }

    private static func wordsAndEmojis(_ value: Any) -> (words: [String], emojis: [String]) {
        if let dict = value as? [String: Any] {
            return (strings(dict["words"] as Any), strings(dict["emojis"] as Any))
        }
        return (strings(value), [])
    }
}

public enum VocabularyError: Error, CustomStringConvertible {
    case unknownKey(String)

    public var description: String {
        switch self {
        case .unknownKey(let key): "unknown vocabulary key '\(key)'"
        }
    }
}
