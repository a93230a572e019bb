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

    /// The tables, behind one immutable reference. Walkers keep the vocabulary in their state and
    /// copy it often (a closure that reads it, a state passed along); as a struct of a dozen matchers
    /// a copy was some thirty reference counts on objects both cores share. Now it is one.
    private var box: Box

    /// Everything the vocabulary knows, as a value: `merge` and `learnStatus` change a copy and
    /// put it in a new box (the box itself never changes, so reading it needs no exclusivity check).
    struct Tables {
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
        /// Ordinal rating scales by name: for each grade (worst first), its words as keys (emojis as written).
        var ratingScales: [(name: String, grades: [Set<String>])] = []
        var domains: [String: Domain] = [:]
    }

    private final class Box: Sendable {
        let tables: Tables
        init(_ tables: Tables) { self.tables = tables }
    }

    var statuses: PhraseMatcher<Status> { box.tables.statuses }
    var statusEmojis: [(String, Status)] { box.tables.statusEmojis }
    var severities: PhraseMatcher<Severity> { box.tables.severities }
    var severityEmojis: [(String, Severity)] { box.tables.severityEmojis }
    var columns: PhraseMatcher<ColumnRole> { box.tables.columns }
    var kinds: PhraseMatcher<Item.Kind> { box.tables.kinds }
    var globalScoreLabels: PhraseMatcher<Bool> { box.tables.globalScoreLabels }
    var priorityHeadings: PhraseMatcher<Bool> { box.tables.priorityHeadings }
    var metadataLabels: PhraseMatcher<String> { box.tables.metadataLabels }
    var months: PhraseMatcher<Int> { box.tables.months }
    var verdicts: PhraseMatcher<String> { box.tables.verdicts }
    var columnPreference: PhraseMatcher<Int> { box.tables.columnPreference }
    var domainAliases: [String: String] { box.tables.domainAliases }
    var ratingScales: [(name: String, grades: [Set<String>])] { box.tables.ratingScales }
    public var domains: [String: Domain] { box.tables.domains }

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
        box = Box(Tables())
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { return }
        try merge(root)
    }

    /// Adds (or overrides) entries from a dictionary in the same shape as `vocabulary.yaml`. Nothing
    /// changes when the dictionary holds an unknown key.
    public mutating func merge(_ root: [String: Any]) throws {
        var tables = box.tables
        try tables.merge(root)
        box = Box(tables)
    }

    // MARK: Lookups

    /// Status stated in a cell or line: words first (leftmost), then badge emojis.
    public func status(in text: String) -> Status? {
        if let m = statuses.firstMatch(inKey: TextNormalizer.key(text)) { return m.value }
        return firstEmoji(in: text, statusEmojis)
    }

    /// Status that a line opens with (`Fixed in PR #12`, `✅ Corrigé`, `Acknowledged.`), not one named
    /// somewhere inside it: lines below a finding say its status first.
    public func status(atStartOf text: String) -> Status? {
        if let m = statuses.matchAtStart(ofKey: TextNormalizer.key(text)) { return m.value }
        let trimmed = text.drop { $0 == " " || $0 == "*" || $0 == "_" || $0 == ">" }
        for (emoji, status) in statusEmojis where trimmed.hasPrefix(emoji) { return status }
        return nil
    }

    /// The status when the whole text is one status phrase, badges aside (`✅ Corrigé`, `Partially
    /// fixed`, `Non (accepté)`), or a badge alone (`❌`).
    /// Words of the longest status phrase (`en cours de correction`).
    var longestStatusPhrase: Int { statuses.longestPhrase }

    public func status(wholeText text: String) -> Status? {
        status(wholeText: text, key: TextNormalizer.key(text))
    }

    /// The same, given the text's key (`TextNormalizer.key(text)`) already folded.
    func status(wholeText text: String, key: String) -> Status? {
        if key.isEmpty { return firstEmoji(in: text, statusEmojis) }
        return statuses.matchesWhole(key)
    }

    /// Severity word that a text opens with (`HIGH – Heap overflow`, `Medium - Rounding…`).
    public func severity(atStartOf text: String) -> Severity? {
        severities.matchAtStart(ofKey: TextNormalizer.key(text))?.value
    }

    /// The level when the whole text is one severity phrase (`High`, `Très élevé`, `Bloquants`).
    public func severity(wholeText text: String) -> Severity? {
        severities.matchesWhole(TextNormalizer.key(text))
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
        let words = key.split(separator: " ").filter { !$0.isAllNumbers }
        if words.count > 1, let last = words.last, let role = columns.matchesWhole(String(last)) { return role }
        if let first = words.first, let role = columns.matchesWhole(String(first)) { return role }
        return nil
    }

    public func kind(forHeader header: String) -> Item.Kind? {
        kinds.firstMatch(inKey: TextNormalizer.key(header))?.value
    }

    /// The kind a heading announces with its first words (`Actions correctives prioritaires`).
    public func kind(atStartOf text: String) -> Item.Kind? {
        kind(atStartOfKey: TextNormalizer.key(text))
    }

    /// The same over a folded text.
    func kind(atStartOfKey key: String) -> Item.Kind? {
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
        globalScorePhrase(inKey: TextNormalizer.key(text))
    }

    /// The same, for text already turned into a key.
    public func globalScorePhrase(inKey key: String) -> String? {
        globalScoreLabels.firstMatch(inKey: key)?.phrase
    }

    /// True when the whole label names the global score (a `GLOBAL` row), not a domain that contains the word.
    public func isGlobalScoreRowLabel(_ text: String) -> Bool {
        globalScoreLabels.matchesWhole(TextNormalizer.key(text)) != nil
    }

    /// `Priorité 1`, `Priority high`, `Quick wins`, or a heading that starts with a P-level (`🔴 P1 — Critique`).
    public func isPriorityHeading(_ text: String) -> Bool {
        isPriorityHeading(key: TextNormalizer.key(text))
    }

    /// The same over a folded text.
    func isPriorityHeading(key: String) -> Bool {
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

    /// A status word as one report defines it in its legend (`Mitigated: … the team accepts the
    /// residual risk` → accepted), for that report only.
    public mutating func learnStatus(_ word: String, _ status: Status) {
        var tables = box.tables
        tables.statuses.replace(word, status)
        box = Box(tables)
    }

    /// The status a legend's definition gives its word: `Fixed in code; verified` done, `… accepts the
    /// residual risk` accepted, `covers part of the accounts` partial, `Nothing changed` open.
    public func statusDefined(by definition: String) -> Status? {
        let key = " " + TextNormalizer.key(definition) + " "
        func says(_ stems: [String]) -> Bool { stems.contains(where: key.contains) }
        let accepted = says([" accept", " assum", " won't", " will not", " does not plan", " not plan", " ne prevoit pas",
                             " choisi de ne pas", " decided not", " no change planned", " derogation", " tolere"])
        let partial = says([" partial", " partiel", " en partie", " une partie", " part of", " in progress", " en cours"])
        let open = says([" no fix", " not fixed", " unchanged", " rien n'a change", " aucune correction", " not yet", " pas encore",
                         " still", " toujours", " remain", " reste ", " restent "])
        let done = says([" fixed", " resolved", " corrig", " resolu", " verified", " verifie", " removed", " supprime", " closed",
                         " remediated", " implemented", " mis en place", " leve", " addressed", " no longer"])
        if accepted { return .accepted }
        // `The reported instance is fixed, but variants remain`: fixed in part.
        if partial || (done && open) { return .partial }
        if open { return .open }
        return done ? .done : nil
    }

    /// Reads a set of rating values on one scale: the smallest scale of `ratingScales` that holds
    /// every value, else letters (A–F) or levels (`Niveau 3/5`). Returns a rating per value, or nil
    /// when the values are not ratings on one scale.
    public func ratings(_ values: [String]) -> [Rating]? {
        guard !values.isEmpty else { return nil }
        let keys = values.map { value -> String in
            let key = TextNormalizer.key(value)
            return key.isEmpty ? value.filter { !$0.isWhitespace } : key
        }
        for scale in ratingScales {
            let ranks = keys.map { key in scale.grades.firstIndex { $0.contains(key) } }
            if ranks.allSatisfy({ $0 != nil }) {
                return zip(values, ranks).map { Rating(text: $0.0, rank: $0.1! + 1, of: scale.grades.count, scale: scale.name) }
            }
        }
        // Letter grades, best first in the alphabet: A (6) … F (1); `B+` and `A-` keep their letter.
        let letters = values.map { value -> Int? in
            let trimmed = value.trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "+-*_ "))
            guard trimmed.count == 1, let c = trimmed.uppercased().first, let index = "FEDCBA".firstIndex(of: c) else { return nil }
            return "FEDCBA".distance(from: "FEDCBA".startIndex, to: index) + 1
        }
        if letters.allSatisfy({ $0 != nil }) {
            return zip(values, letters).map { Rating(text: $0.0.trimmingWhitespace(), rank: $0.1!, of: 6, scale: "letters") }
        }
        // Levels: `Niveau 3/5`, `Level 2 of 5`, `Maturité 4/5`, `L3`.
        let levels = values.map(Self.level)
        if levels.allSatisfy({ $0 != nil }) {
            let top = levels.map { $0!.of }.max() ?? 5
            return zip(values, levels).map { Rating(text: $0.0.trimmingWhitespace(), rank: $0.1!.rank, of: top, scale: "level") }
        }
        return nil
    }

    /// `Niveau 3/5`, `Level 2 of 5`, `Maturity level 4`, `L3`: a maturity level and its scale (5 when unsaid).
    static func level(_ text: String) -> (rank: Int, of: Int)? {
        let words = TextNormalizer.key(text).split(separator: " ")
        guard let first = words.first else { return nil }
        if words.count == 1, first.count == 2, first.first == "l", let n = Int(first.dropFirst()), (0...5).contains(n) { return (n, 5) }
        guard ["niveau", "level", "maturite", "maturity", "cmmi", "lvl"].contains(first) else { return nil }
        let numbers = words.compactMap { Int($0) }
        guard let rank = numbers.first, (0...10).contains(rank) else { return nil }
        let of = numbers.count > 1 ? numbers[1] : 5
        return rank <= of ? (rank, of) : nil
    }

    // MARK: Helpers

    private func firstEmoji<V>(in text: String, _ table: [(String, V)]) -> V? {
        var best: (String.Index, Int, V)?
        for (emoji, value) in table {
            // Foundation's search costs tens of microseconds a line: an emoji that opens with a
            // symbol nothing decomposes into or from is only where its bytes are (most lines have none).
            if let first = emoji.unicodeScalars.first, Self.isPlainSymbol(first), !text.contains(String(first)) { continue }
            if let range = text.range(of: emoji) {
                let length = emoji.unicodeScalars.count
                if best == nil || range.lowerBound < best!.0 || (range.lowerBound == best!.0 && length > best!.1) {
                    best = (range.lowerBound, length, value)
                }
            }
        }
        return best?.2
    }

    /// Symbols (technical, shapes, dingbats, arrows beyond the mathematical ones, emoji, `‼` `⁉` `ℹ`) with no
    /// canonical decomposition, which no composition yields: found by their bytes alone.
    static func isPlainSymbol(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return ((0x2300...0x2BFF).contains(v) && v != 0x2329 && v != 0x232A) || (0x1F000...0x1FAFF).contains(v)
            || v == 0x203C || v == 0x2049 || v == 0x2139
    }

    fileprivate static func strings(_ value: Any) -> [String] {
        if let list = value as? [Any] { return list.map { "\($0)" } }
        if let s = value as? String { return [s] }
        return []
    }

    fileprivate static func wordsAndEmojis(_ value: Any) -> (words: [String], emojis: [String]) {
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

extension Vocabulary.Tables {
    /// `statuses:` or `severities:`: per value (`done`, `high`), its words and badge emojis.
    private static func mergeLevels<Level: RawRepresentable<String>>(_ root: [String: Any], _ section: String,
                                                                   into matcher: inout PhraseMatcher<Level>,
                                                                   emojis: inout [(String, Level)]) throws {
        guard let entries = root[section] as? [String: Any] else { return }
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
            guard let level = Level(rawValue: name) else { throw VocabularyError.unknownKey("\(section).\(name)") }
            let (words, badges) = Vocabulary.wordsAndEmojis(value)
            for w in words { matcher.add(w, level) }
            for e in badges { emojis.append((e, level)) }
        }
    }

    mutating func merge(_ root: [String: Any]) throws {
        try Self.mergeLevels(root, "statuses", into: &statuses, emojis: &statusEmojis)
        try Self.mergeLevels(root, "severities", into: &severities, emojis: &severityEmojis)
        if let columns = root["columns"] as? [String: Any] {
            for (name, value) in columns.sorted(by: { $0.key < $1.key }) {
                guard let role = Vocabulary.ColumnRole(rawValue: name) else { throw VocabularyError.unknownKey("columns.\(name)") }
                for w in Vocabulary.strings(value) { self.columns.add(w, role) }
            }
        }
        if let kinds = root["kinds"] as? [String: Any] {
            for (name, value) in kinds.sorted(by: { $0.key < $1.key }) {
                guard let kind = Item.Kind(rawValue: name) else { throw VocabularyError.unknownKey("kinds.\(name)") }
                for w in Vocabulary.strings(value) { self.kinds.add(w, kind) }
            }
        }
        for w in Vocabulary.strings(root["globalScore"] as Any) { globalScoreLabels.add(w, true) }
        for w in Vocabulary.strings(root["priorityHeadings"] as Any) { priorityHeadings.add(w, true) }
        if let metadata = root["metadata"] as? [String: Any] {
            for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
                for w in Vocabulary.strings(value) { metadataLabels.add(w, name) }
            }
        }
        if let preference = root["columnPreference"] as? [String: Any] {
            for w in Vocabulary.strings(preference["prefer"] as Any) { columnPreference.add(w, 1) }
            for w in Vocabulary.strings(preference["avoid"] as Any) { columnPreference.add(w, -1) }
        }
        if let verdicts = root["verdicts"] as? [String: Any] {
            for (key, value) in verdicts.sorted(by: { $0.key < $1.key }) {
                for w in Vocabulary.strings(value) { self.verdicts.add(w, key) }
            }
        }
        if let scales = root["ratingScales"] as? [String: Any] {
            for (name, value) in scales.sorted(by: { $0.key < $1.key }) {
                guard let grades = value as? [Any] else { throw VocabularyError.unknownKey("ratingScales.\(name)") }
                let sets = grades.map { grade in
                    Set(Vocabulary.strings(grade).map { TextNormalizer.key($0).isEmpty ? $0 : TextNormalizer.key($0) })
                }
                ratingScales.removeAll { $0.name == name }
                ratingScales.append((name, sets))
            }
            // Smaller scales first: `Bon / Moyen / Faible` is read on a three-grade scale, not a four-grade one.
            ratingScales.sort { $0.grades.count != $1.grades.count ? $0.grades.count < $1.grades.count : $0.name < $1.name }
        }
        if let months = root["months"] as? [AnyHashable: Any] {
            for (key, value) in months {
                guard let month = Int("\(key)"), (1...12).contains(month) else { continue }
                for w in Vocabulary.strings(value) { self.months.add(w, month) }
            }
        }
        if let domains = root["domains"] as? [String: Any] {
            for (key, value) in domains.sorted(by: { $0.key < $1.key }) {
                guard let entry = value as? [String: Any] else { continue }
                var labels = self.domains[key]?.labels ?? [:]
                for (lang, label) in entry where lang != "aliases" {
                    if let label = label as? String { labels[lang] = label }
                }
                self.domains[key] = Vocabulary.Domain(key: key, labels: labels)
                domainAliases[TextNormalizer.key(key.replacingOccurrences(of: "-", with: " "))] = key
                for label in labels.values { domainAliases[TextNormalizer.key(label)] = key }
                for alias in Vocabulary.strings(entry["aliases"] as Any) { domainAliases[TextNormalizer.key(alias)] = key }
            }
        }
    }
}
