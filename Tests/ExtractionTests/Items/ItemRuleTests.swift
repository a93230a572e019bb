import Diagnostics
@testable import Extraction
import Testing

/// The rules one by one, on the smallest reports that show each shape (the fixtures under
/// `Fixtures/shapes` show them in whole reports).
@Suite struct ItemRuleTests {
    func items(_ text: String) throws -> [Item] { try extract(text).value.items }

    @Test func findingShapedIDs() {
        for id in ["C-01", "H-02", "SEC-12", "API-02a", "R-6", "MAJ-ISO-003", "CVE-2023-1234", "F-2024-07", "CC6-01", "B-3"] {
            #expect(FindingID.isFindingShaped(id), "\(id)")
        }
        for token in ["ISO-27001", "SHA-256", "TLS-1", "P-1", "UTF-8", "h-2", "RFC-7231", "CVE-12", "COVID-19", "X-1"] {
            #expect(!FindingID.isFindingShaped(token), "\(token)")
        }
    }

    @Test func prefixesNameLevelsOnlyInALetterScheme() {
        #expect(FindingID.prefixSeverity("CRIT-01", lettersInUse: false) == .critical)
        #expect(FindingID.prefixSeverity("MIN-03", lettersInUse: false) == .low)
        #expect(FindingID.prefixSeverity("OFI-01", lettersInUse: false) == .info)
        #expect(FindingID.prefixSeverity("M-03", lettersInUse: false) == nil)
        #expect(FindingID.prefixSeverity("M-03", lettersInUse: true) == .medium)
        #expect(FindingID.usesLetterLevels(["C-01", "H-01", "L-02"]))
        #expect(!FindingID.usesLetterLevels(["B-1", "B-2", "C-3"]))
        #expect(FindingID.parent(of: "API-02a") == "API-02")
        #expect(FindingID.parent(of: "API-02") == nil)
    }

    @Test func registerWithAnyIDShapeAndPrefixLevels() throws {
        let found = try items("""
        # Review

        | Ref | Finding | Resolution |
        |-----|---------|------------|
        | C-01 | Share price inflation | Fixed in PR #41 |
        | H-01 | Slippage bound trusted | Acknowledged |
        | L-01 | Missing event | Partially fixed |
        | L-01a | Same on the router | Fixed |
        """)
        #expect(found.map(\.id) == ["C-01", "H-01", "L-01"])
        #expect(found.map(\.severity) == [.critical, .high, .low])
        #expect(found.map(\.status) == [.done, .accepted, .partial])
        #expect(found.allSatisfy { $0.kind == .gap })
    }

    @Test func headingPerFindingUnderSeveritySectionsKeepsLocalNumbers() throws {
        let found = try items("""
        # Review

        ## Methodology

        ### 1. Threat model

        ## High Risk

        ### 1. Fees can be claimed twice

        #### Description

        Text.

        #### Developer Response

        Fixed in PR #12.

        ## Medium Risk

        None.

        ## Low Risk

        ### 1. Lock end not rounded

        **Status:** Acknowledged
        """)
        #expect(found.map(\.ref) == ["High 1", "Low 1"])
        #expect(found.map(\.severity) == [.high, .low])
        #expect(found.map(\.status) == [.done, .accepted])
    }

    @Test func inlineSeverityLinesWithTheirOutcome() throws {
        let found = try items("""
        # Pentest

        CVE-2023-1234 – HIGH – Heap overflow in the parser
        Fixed in version 2.3.1.

        LOW – Verbose error page

        ## Severity levels

        - **High**: exploitable remotely
        - **Low**: hardening
        """)
        #expect(found.map(\.id) == ["CVE-2023-1234", nil])
        #expect(found.map(\.severity) == [.high, .low])
        #expect(found.map(\.status) == [.done, .open])
    }

    @Test func headingsWithIDAndBadgesAndStatusBullets() throws {
        let found = try items("""
        # Audit

        ### R-6 — Sauvegardes non testées 🟠 Élevé

        - **Statut :** ⏳ En cours — restauration planifiée

        #### 🔴 SEC-01 : Jetons en clair (Critique)

        - **Status:** ❌ Not implemented
        """)
        #expect(found.map(\.id) == ["R-6", "SEC-01"])
        #expect(found.map(\.severity) == [.high, .critical])
        #expect(found.map(\.status) == [.partial, .open])
    }

    @Test func priorityScalesStartingAtZeroOrOne() throws {
        let zero = try items("""
        # Audit

        ## Constats

        | N° | Constat | Priorité | Statut |
        |----|---------|----------|--------|
        | 1 | Sauvegarde absente | P0 | À faire |
        | 2 | Clé exposée | P1 | Fait |
        """)
        #expect(zero.map(\.severity) == [.critical, .high])
        #expect(zero.map(\.ref) == ["1", "2"])
        let one = try items("""
        # Audit

        | ID | Constat | Priorité |
        |----|---------|----------|
        | GAP-1 | Sauvegarde absente | P1 |
        | GAP-2 | Clé exposée | P2 |
        """)
        #expect(one.map(\.severity) == [.critical, .high])
    }

    @Test func cvssBandsAndAStatedLevelWins() {
        #expect(StatedLevel.cvss(in: "CVSS 9.8") == .critical)
        #expect(StatedLevel.cvss(in: "**CVSS v3.1:** 5.9 — `CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N`") == .medium)
        #expect(StatedLevel.cvss(in: "Score CVSS : 3,1") == .low)
        #expect(StatedLevel.cvss(in: "CVSS 0.0") == .info)
        #expect(StatedLevel.cvss(in: "no score here") == nil)
    }

    @Test func legendsAndCountsAreNotFindingsButAreCompared() throws {
        let result = try extract("""
        # Review

        | Severity | Description |
        |----------|-------------|
        | High | Loss of funds |
        | Low | Hygiene |

        | Severity | Count |
        |----------|-------|
        | High | 1 |
        | Low | 2 |
        | **Total** | **3** |

        | ID | Finding | Severity |
        |----|---------|----------|
        | F-1 | Funds can be drained | High |
        | F-2 | Missing event | Low |
        """)
        #expect(result.value.items.count == 2)
        #expect(result.value.statedCounts.map(\.count) == [1, 2])
        #expect(result.diagnostics.contains { $0.code == "findings.count-matches" && $0.severity == .info })
        let mismatch = result.diagnostics.first { $0.code == "findings.count-mismatch" }
        #expect(mismatch?.severity == .warning)
        #expect(mismatch?.message.contains("states 2 low findings, but 1 were understood") == true)
        #expect(mismatch?.line == 11)
    }

    @Test func aReportLegendRedefinesAWordForThatReport() throws {
        let found = try items("""
        # Review

        | Status | Description |
        |--------|-------------|
        | Mitigated | The code is unchanged and the team accepts the residual risk |

        | ID | Finding | Severity | Status |
        |----|---------|----------|--------|
        | KB-01 | Key in environment | High | Mitigated |
        """)
        #expect(found.first?.status == .accepted)
        // Without the legend, mitigated means fixed by other means.
        #expect(try items("| ID | Finding | Status |\n|---|---|---|\n| KB-01 | Key | Mitigated |\n").first?.status == .done)
    }

    @Test func closingSentencesWithExceptions() {
        let ids = try! IDMatcher()
        let closure = ClosureStatement.read("All gaps identified in the November 2024 analysis are now remediated, with the exception of F-2024-09, which remains under a formal risk acceptance.",
                                            line: 3, ids: ids, vocabulary: .builtIn)
        #expect(closure?.exceptions == ["F-2024-09"])
        #expect(closure?.exceptionStatus == .accepted)
        #expect(ClosureStatement.read("L'ensemble des constats de l'audit précédent a été corrigé.", line: 1, ids: ids, vocabulary: .builtIn) != nil)
        for sentence in ["All findings must be fixed before the release.", "Not all findings have been fixed.",
                         "All findings will be fixed in Q3.", "Aucun des constats n'a été corrigé."] {
            #expect(ClosureStatement.read(sentence, line: 1, ids: ids, vocabulary: .builtIn) == nil, "\(sentence)")
        }
    }

    @Test func frontMatterStatesAndCorrectsFindings() throws {
        let result = try extract("""
        ---
        findings:
          SEC-01: done
          SEC-09: {severity: high, status: accepted, title: Stated only here}
          SEC-10: bof
        ---
        # Audit

        | ID | Finding | Severity | Status |
        |----|---------|----------|--------|
        | SEC-01 | Tokens in clear | Critical | Open |
        """)
        let items = result.value.items
        #expect(items.first { $0.id == "SEC-01" }?.status == .done)
        #expect(items.first { $0.id == "SEC-01" }?.severity == .critical)
        let stated = try #require(items.first { $0.id == "SEC-09" })
        #expect(stated.severity == .high)
        #expect(stated.status == .accepted)
        #expect(stated.title == "Stated only here")
        #expect(result.diagnostics.filter { $0.code == "frontmatter.stated-finding" && $0.severity == .info }.count == 3)
        let unknown = result.diagnostics.first { $0.code == "frontmatter.unknown-word" }
        #expect(unknown?.severity == .warning && unknown?.line == 1)
        #expect(unknown?.message.contains("'bof' of SEC-10") == true)
    }

    @Test func nothingFromNothing() throws {
        let result = try extract("""
        # Design review

        We looked at the service with the team over two days.

        - The queue is well sized for today's load.
        - Logging is verbose; the team may want to trim it.
        - The high write volume of the nightly job is expected.
        """)
        #expect(result.value.items.isEmpty)
        #expect(result.value.score == nil)
        #expect(result.value.ratings.isEmpty)
    }

    /// A tally in a sentence, read the same on an ASCII key's bytes and on a key with words outside
    /// ASCII (cut as characters): counts in digits and in words, a linking word between, a P-level
    /// and a lone count left out.
    @Test func aTallyInProseIsReadInEveryScript() throws {
        let texts = [
            ("We identified seven gaps: 2 high, three rated medium and 0002 low, against P1 remediation.", [2, 3, 2]),
            ("Nous avons relevé 12 vulnérabilités dont 2 critiques et 4 élevées.", [2, 4]),
            ("Η ανάλυση: 12 vulnérabilités dont deux critiques et 4 élevées.", [2, 4]),
            ("We identified 7 gaps, of which 2 high.", []),
            ("We found 6 issues: 2 P1, 3 high and 1 low.", [3, 1]),
        ]
        for (text, expected) in texts {
            let result = try extract("# Report\n\n\(text)\n")
            #expect(result.value.statedCounts.map(\.count) == expected, "\(text)")
        }
    }

    /// A level of several words counts as one word does (`2 opportunities for improvement`), in ASCII
    /// keys and in keys outside it; a phrase that only opens like a level (`3 points de contrôle`) does not.
    @Test func aTallyNamesLevelsOfSeveralWords() throws {
        let texts: [(String, [Severity: Int])] = [
            ("The audit raised 5 findings: 2 major nonconformities, 1 minor and 2 opportunities for improvement.",
             [.high: 2, .low: 1, .info: 2]),
            ("Nous relevons 6 écarts : 1 très élevée, 2 majeurs et 3 points sensibles.", [.critical: 1, .high: 2, .info: 3]),
            ("Η ανάλυση: 6 écarts dont 1 very high, 2 majeurs et 3 points sensibles.", [.critical: 1, .high: 2, .info: 3]),
            ("We reviewed 3 points de contrôle and found 2 high issues.", [:]),
        ]
        for (text, expected) in texts {
            let counts = try extract("# Report\n\n\(text)\n").value.statedCounts
            #expect(Dictionary(counts.map { ($0.severity, $0.count) }, uniquingKeysWith: +) == expected, "\(text)")
        }
    }

    /// `Sans objet` in a progress column means nothing is left to follow; beside a cell that says the
    /// risk is accepted, the finding is accepted, else it keeps the vocabulary's meaning (done).
    @Test func notApplicableIsReadWithItsRow() throws {
        let items = try items("""
            # Plan d'actions

            | Réf. | Constat | Action | Avancement |
            |------|---------|--------|------------|
            | PA-01 | Sauvegardes non testées | Aucune action : risque accepté par la direction | Sans objet |
            | PA-02 | Ancien serveur de fichiers | Serveur retiré du parc | Sans objet |
            | PA-03 | Comptes partagés | Comptes nominatifs | 50 % |
            """)
        #expect(items.map(\.id) == ["PA-01", "PA-02", "PA-03"])
        #expect(items.map(\.status) == [.accepted, .done, .partial])
    }

    /// Of a requirement column and a finding column, the finding is the row's title.
    @Test func theFindingColumnTitlesARowBesideTheRequirement() throws {
        let items = try items("""
            # Gap assessment

            | ID | Requirement | Finding | Status |
            |----|-------------|---------|--------|
            | G-01 | 8.3.6 Password length | Passwords of eight characters accepted | Open |
            | G-02 | 10.2.1 Audit logs | Logs kept thirty days only | Done |
            """)
        #expect(items.map(\.title) == ["Passwords of eight characters accepted", "Logs kept thirty days only"])
    }

    /// An approved exception is a formal acceptance; `with the exception of` is not.
    @Test func anApprovedExceptionIsAnAcceptance() {
        let vocabulary = Vocabulary.builtIn
        #expect(vocabulary.status(in: "Exception validée par le RSSI") == .accepted)
        #expect(vocabulary.status(in: "Risk exception granted until Q3") == .accepted)
        #expect(vocabulary.status(in: "Fixed, with the exception of the legacy host") == .done)
    }
}
