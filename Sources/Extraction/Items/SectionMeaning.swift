import Markdown

/// What a heading announces for the blocks below it, read from its words.
struct SectionMeaning {
    let heading: Heading
    /// Severity that a heading announces in parentheses or as a P-level (`Backup & Data (P1)`).
    var severityHint: Severity?
    /// Set when the heading opens a priority list (`Priorité 1 (Critique)`), with its level.
    var priority: Severity?
    /// Set when the heading announces a list of findings or recommendations (`## Constats`).
    var listKind: Item.Kind?
    /// Set when the heading is a severity section whose sub-headings or list items are findings of
    /// that level (`## Medium Risk`, `### 3.2 High`, `### Major Gaps (4)`, `## Critical issues`).
    var findingSeverity: Severity?
    /// The level word as the heading writes it (`High`, `Élevé`, `Gas`), for local references (`High 1`).
    var levelWord: String?
    /// True for a part of a finding (`Description`, `Impact`, `Recommendation`, `Status`…).
    var isFindingPart = false
    /// True for a heading that defined a finding.
    var definesFinding = false
    /// True for a section that defines levels (`Severity levels`, `Légende`): its lines are no findings.
    /// Decided once per heading: every line below asks.
    let definesLevels: Bool

    var level: Int { heading.level }

    init(heading: Heading, title: TitleText) {
        self.heading = heading
        definesLevels = SeverityLineRule.definesLevels(key: title.key)
    }

    static func of(_ heading: Heading, title: TitleText, state: ItemWalkState) -> SectionMeaning {
        var meaning = SectionMeaning(heading: heading, title: title)
        let text = heading.text
        meaning.isFindingPart = FindingParts.isPart(title)
        // Sub-headings of a priority section are its recommendations, not sections of their own.
        guard state.currentPriority == nil else { return meaning }
        if state.vocabulary.isPriorityHeading(key: title.key) {
            meaning.priority = PriorityScale.level(in: text, startsAtZero: state.priorityScaleStartsAtZero)
                ?? state.vocabulary.severityWord(in: text)
        }
        meaning.severityHint = parenthesizedSeverity(text, state: state)
        if meaning.priority == nil {
            meaning.listKind = listKind(title, vocabulary: state.vocabulary)
            if !meaning.isFindingPart, let (severity, word) = severitySection(cleaned: title.cleaned, key: title.cleanedKey, vocabulary: state.vocabulary) {
                meaning.findingSeverity = severity
                meaning.levelWord = word
            }
        }
        return meaning
    }

    /// `## Constats`, `### Recommandations générales`, `## Findings`: headings that announce a list of
    /// findings or recommendations (the first word decides, so `Points forts` announces nothing).
    static func listKind(_ title: TitleText, vocabulary: Vocabulary) -> Item.Kind? {
        // "Constat principal : Fragmentation…" states one finding; it does not announce a list.
        guard !title.text.containsByte(0x3A) else { return nil }
        guard title.cleanedKey.wordCount <= 4 else { return nil }
        switch vocabulary.kind(atStartOfKey: title.cleanedKey) {
        case .gap: return .gap
        case .recommendation: return .recommendation
        default: return nil
        }
    }

    /// Words that may surround a level in a severity section's heading (`High Risk`, `Major Gaps (4)`,
    /// `Constats critiques`, `Low severity findings`).
    static let sectionFiller: WordSet = [
        "risk", "risks", "severity", "severite", "issue", "issues", "finding", "findings", "vulnerability", "vulnerabilities",
        "vulnerabilite", "vulnerabilites", "gap", "gaps", "ecart", "ecarts", "constat", "constats", "point", "points",
        "probleme", "problemes", "non", "conformite", "conformites", "nonconformities", "nonconformity", "level", "niveau",
        "de", "des", "du", "la", "le", "les", "a", "of", "risque", "risques", "criticite", "anomalie", "anomalies",
        "optimizations", "optimisations", "optimization", "optimisation", "observations", "defauts", "defaut", "weaknesses",
        "faiblesses", "items", "saving", "savings", "severity:", "rated", "classees", "classes", "notes", "remarques",
        "nc", "ncs", "non-conformite", "non-conformites", "nonconformite", "nonconformites", "type",
    ]

    /// The level a whole heading names, numbering and counts aside: `## Medium Risk` medium,
    /// `### 3.2 High` high, `### Major Gaps (4)` high, `## ⛔ POINTS BLOQUANTS` critical.
    static func severitySection(_ text: String, vocabulary: Vocabulary) -> (Severity, String)? {
        let cleaned = TextNormalizer.cleanTitle(text)
        return severitySection(cleaned: cleaned, key: TextNormalizer.key(cleaned), vocabulary: vocabulary)
    }

    /// The same over a title already cleaned and folded. One pass over the words, nothing joined
    /// unless a level may be named: every heading of every report is asked.
    static func severitySection(cleaned: String, key: String, vocabulary: Vocabulary) -> (Severity, String)? {
        // Numbers aside, at most five words, of which one or two are not filler (`High Risk`, `Critical & High`).
        var wordCount = 0
        var firstWords: (Substring, Substring) = ("", "")
        var levelWords: (Substring, Substring) = ("", "")
        var levelCount = 0
        for word in key.split(separator: " ") where !word.isAllNumbers {
            wordCount += 1
            guard wordCount <= 5 else { return nil }
            if wordCount == 1 { firstWords.0 = word } else if wordCount == 2 { firstWords.1 = word }
            if sectionFiller.contains(word) { continue }
            levelCount += 1
            guard levelCount <= 2 else { return nil }
            if levelCount == 1 { levelWords.0 = word } else { levelWords.1 = word }
        }
        guard levelCount > 0 else { return nil }
        // The whole remainder must be a level (`Critical & High` names two; `High availability` is a topic).
        let remainder = levelCount == 1 ? String(levelWords.0) : levelWords.0 + " " + levelWords.1
        guard let severity = vocabulary.severity(wholeText: remainder) else { return nil }
        // `Points faibles` are weaknesses (findings of every level), `Points forts` strengths: not levels.
        if wordCount == 2, ["points faibles", "point faible", "points forts", "point fort"].contains(firstWords.0 + " " + firstWords.1) { return nil }
        // `## Information(s)` introduces facts about the audit, not informational findings.
        if remainder == "information" { return nil }
        // P-levels are priorities, not severity sections.
        if levelCount == 1, levelWords.0.count == 2, levelWords.0.first == "p" || levelWords.0.first == "s" { return nil }
        return (severity, writtenWord(levelCount == 1 ? levelWords.0 : levelWords.1, in: cleaned))
    }

    /// A word of a key as the text writes it, first letter capitalised (`élevé` in `Risque élevé` → `Élevé`).
    static func writtenWord(_ key: Substring, in text: String) -> String {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "(" || $0 == ")" || $0 == ":" }) {
            if TextNormalizer.key(String(word)) == key { return word.prefix(1).uppercased() + word.dropFirst() }
        }
        return key.prefix(1).uppercased() + key.dropFirst()
    }

    /// Severity a heading announces in parentheses, as a level or a P-level (`Backup & Data (P1)`,
    /// `Rollback (High)`); ranges such as `(P1-P2)` announce none.
    static func parenthesizedSeverity(_ text: String, state: ItemWalkState) -> Severity? {
        guard text.containsByte(0x28) else { return nil } // no `(`: nothing to walk character by character
        var found: Set<Severity> = []
        var depth = 0
        var segment = ""
        for ch in text {
            if ch == "(" { depth += 1; segment = ""; continue }
            if ch == ")" {
                depth -= 1
                for word in TextNormalizer.key(segment).split(separator: " ") {
                    if let s = PriorityScale.level(in: String(word), startsAtZero: state.priorityScaleStartsAtZero)
                        ?? state.vocabulary.severityWord(in: String(word)) { found.insert(s) }
                }
                continue
            }
            if depth > 0 { segment.append(ch) }
        }
        return found.count == 1 ? found.first : nil
    }
}

/// Sub-headings and labels that are parts of one finding, never findings themselves.
enum FindingParts {
    static let parts: [String] = [
        "description", "impact", "recommendation", "recommendations", "recommandation", "recommandations", "status", "statut",
        "etat", "client response", "team response", "response", "reponse", "resolution", "proof of concept", "poc", "details",
        "detail", "remediation", "correction", "corrections", "fix", "likelihood", "probabilite", "context", "contexte",
        "references", "reference", "exploit scenario", "scenario", "attack scenario", "mitigation", "preuve", "preuves",
        "evidence", "affected", "affected components", "composants concernes", "code", "location", "localisation", "risk",
        "risque", "severity", "severite", "steps to reproduce", "etapes de reproduction", "observation", "constat",
        "analyse", "analysis", "justification", "note", "notes", "retest", "verification", "suivi", "cause", "causes",
        "root cause", "cause racine", "technical details", "details techniques", "summary", "resume", "files", "fichiers",
        "developer response", "reponse du client", "reponse de l'equipe", "fix status", "remediation status", "status update",
        "vulnerability details", "proposed fix", "correctif", "correctif propose", "action", "actions", "recommended fix",
    ]
    static let statusParts: Set<String> = [
        "status", "statut", "etat", "client response", "team response", "response", "reponse", "resolution", "fix status",
        "remediation status", "developer response", "reponse du client", "reponse de l'equipe", "retest", "retest status",
        "verification", "suivi", "status update", "remediation",
    ]
    private static let partSet = Set(parts)

    static func isPart(_ text: String) -> Bool {
        partSet.contains(TextNormalizer.key(TextNormalizer.cleanTitle(text)))
    }

    static func isPart(_ title: TitleText) -> Bool {
        partSet.contains(title.cleanedKey)
    }

    /// `Reviewer`, `Retest`, `Fix review`, `Vérification`: the auditor's verdict on a fix, which wins over
    /// what the client said of it.
    static func isVerdictLabel(_ text: String) -> Bool {
        ["reviewer", "auditor", "auditeur", "retest", "retest status", "fix review", "verification", "verified", "contre audit",
         "reviewer comment", "avis de l'auditeur", "auditor comment"].contains(TextNormalizer.key(TextNormalizer.cleanTitle(text)))
    }

    /// `Status`, `Client response`, `Statut`: a sub-heading or label whose content is the finding's status.
    static func isStatusLabel(_ text: String) -> Bool {
        let key = TextNormalizer.key(TextNormalizer.cleanTitle(text))
        if statusParts.contains(key) { return true }
        // `Vendor response`, `Management response`, `Current status`, `Statut actuel`.
        let words = key.split(separator: " ")
        guard let first = words.first else { return false }
        // `Status at final report`, `Statut au 18 avril`.
        if words.count <= 5, ["status", "statut", "etat"].contains(first) { return true }
        guard words.count <= 3, let last = words.last else { return false }
        return ["response", "responses", "status"].contains(last) || ["reponse", "statut", "etat"].contains(first)
            || isVerdictLabel(key)
    }
}
