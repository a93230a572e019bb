import Markdown

/// A re-check that closes everything in one sentence: `All findings from the March 2025 report have
/// been remediated and verified.`, `L'ensemble des constats de l'audit précédent a été corrigé.`
/// It defines no item; the portal closes the project's earlier findings this audit does not restate.
/// A sentence that asks for it (`All findings must be fixed`) or denies it (`not all`, `aucun`) is no
/// such statement.
struct ClosureStatementRule: ItemRule {
    static let quantifiers: Set<Substring> = ["all", "every", "each", "tous", "toutes", "ensemble", "chacun", "chacune", "totalite"]
    static let nouns: Set<Substring> = [
        "finding", "findings", "issue", "issues", "vulnerability", "vulnerabilities", "gap", "gaps", "observation", "observations",
        "constat", "constats", "ecart", "ecarts", "point", "points", "recommandation", "recommandations", "recommendation",
        "recommendations", "anomalie", "anomalies", "non", "vulnerabilites", "vulnerabilite", "nonconformities", "remarques",
    ]
    static let doneWords: Set<Substring> = [
        "fixed", "resolved", "remediated", "addressed", "corrected", "closed", "mitigated", "corrige", "corriges", "corrigees",
        "corrigee", "resolu", "resolus", "resolues", "traite", "traites", "traitees", "leve", "leves", "levees", "clos", "closes",
        "fermes", "fermees", "remedie", "remedies", "implemented", "implementes", "implementees",
    ]
    static let completedMarkers: Set<Substring> = [
        "been", "were", "are", "now", "ete", "sont", "est", "a", "ont", "is", "has", "have", "desormais",
    ]
    static let negations: Set<Substring> = [
        "not", "no", "none", "pas", "aucun", "aucune", "ne", "n'ont", "n'a", "n'est", "must", "should", "doivent", "devront",
        "doit", "devra", "need", "needs", "will", "shall", "remain", "remaining", "restent", "reste", "except", "sauf", "hormis",
        "if", "si", "once", "lorsque", "quand", "until", "jusqu'a",
    ]

    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        guard state.allEarlierResolvedLine == nil, Self.closesEverything(line.text) else { return false }
        state.allEarlierResolvedLine = line.line
        return false
    }

    static func closesEverything(_ text: String) -> Bool {
        let words = TextNormalizer.key(text).split(separator: " ")
        guard words.count >= 4, words.count <= 60,
              let q = words.firstIndex(where: { quantifiers.contains($0) }) else { return false }
        let after = words[q...]
        guard let noun = after.prefix(8).firstIndex(where: { nouns.contains($0) }),
              let done = words[noun...].prefix(14).firstIndex(where: { doneWords.contains($0) }) else { return false }
        guard words[noun..<done].contains(where: { completedMarkers.contains($0) }) || words[done...].prefix(3).contains("verified")
                || words[noun..<done].contains("sont") || done > noun else { return false }
        return !words.contains { negations.contains($0) }
    }
}
