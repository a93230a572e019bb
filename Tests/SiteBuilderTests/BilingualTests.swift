import Foundation
import SiteBuilder
import Testing

/// French and English everywhere, honest about what is not translated.
@Suite struct BilingualTests {
    let site: TestSite
    let report: BuildReport

    static let frOnly = """
    # Audit de sécurité

    **Date** : 5 février 2026
    **Statut** : ✅ APPROUVÉ AVEC RÉSERVES

    **Note globale : 15,5/20**

    | Domaine | Score |
    |---------|-------|
    | Sécurité | 89% |

    | ID | Constat | Sévérité | Statut |
    |----|---------|----------|--------|
    | GAP-7 | Secrets en clair | 🔴 Critique | ❌ Non traité |
    """

    static let enOnly = """
    # External review

    Audit performed on March 3, 2025

    **Overall score: 72.5%**

    | Area | Rating |
    |------|--------|
    | Reliability | 3.5/5 |

    - [x] Backups tested
    """

    init() throws {
        site = try TestSite()
        try site.write("content/alpha/2026-02-05-securite.fr.md", Self.frOnly)
        try site.write("content/alpha/2025-03-03-review.en.md", Self.enOnly)
        try site.write("content/alpha/2025-06-01-pair.fr.md", "---\ndate: 2025-06-01\n---\n# Audit apparié\n\n**Score global : 70 %**\n\n| ID | Constat | Sévérité |\n|---|---|---|\n| GAP-8 | Pas de logs | P2 |\n")
        try site.write("content/alpha/2025-06-01-pair.en.md", "---\ndate: 2025-06-02\n---\n# Paired audit\n\n**Overall score: 75%**\n\n| ID | Finding | Severity |\n|---|---|---|\n| GAP-9 | No logs | P2 |\n")
        report = try site.build()
    }

    @Test func interfaceStringsAndVocabularyFollowThePageLanguage() {
        let fr = site.page("fr/projects/alpha/2026-02-05-securite/index.html")
        let en = site.page("en/projects/alpha/2026-02-05-securite/index.html")
        #expect(fr.contains(">Index des GAP</a>"))
        #expect(en.contains(">GAP index</a>"))
        #expect(fr.contains(">Critique</span>") && fr.contains(">Ouvert</span>"))
        #expect(en.contains(">Critical</span>") && en.contains(">Open</span>"))
        #expect(fr.contains("<span class=\"bar-label\">Sécurité</span>"))
        #expect(en.contains("<span class=\"bar-label\">Security</span>"), "domain names go through the glossary")
        #expect(en.contains("title=\"✅ APPROUVÉ AVEC RÉSERVES\">Approved with reservations</span>"), "known verdict words are translated")
        #expect(fr.contains("✅ APPROUVÉ AVEC RÉSERVES</span>"))
    }

    @Test func datesAndNumbersInThePageLocale() {
        let fr = site.page("fr/projects/alpha/2026-02-05-securite/index.html")
        let en = site.page("en/projects/alpha/2026-02-05-securite/index.html")
        #expect(fr.contains("5 février 2026"))
        #expect(en.contains("5 February 2026"))
        #expect(fr.contains(">15,5/20</span>"))
        #expect(en.contains(">15.5/20</span>"))
        #expect(fr.contains(">89 %</span>"))
        #expect(en.contains(">89%</span>"))
        let enReview = site.page("fr/projects/alpha/2025-03-03-review/index.html")
        #expect(enReview.contains("3 mars 2025"))
        #expect(enReview.contains(">3,5/5</span>"))
    }

    @Test func untranslatedTextIsShownWithANoticeAndItsLanguage() {
        let en = site.page("en/projects/alpha/2026-02-05-securite/index.html")
        #expect(en.contains("This report exists in French only"))
        #expect(en.contains("<article class=\"report\" lang=\"fr\""))
        #expect(en.contains("<h1 lang=\"fr\">Audit de sécurité</h1>"))
        let fr = site.page("fr/projects/alpha/2025-03-03-review/index.html")
        #expect(fr.contains("Ce rapport n’existe qu’en anglais"))
        #expect(fr.contains("<article class=\"report\" lang=\"en\""))
        // Where both texts exist, each page shows its own, with no notice.
        let pairFR = site.page("fr/projects/alpha/2025-06-01-pair/index.html")
        let pairEN = site.page("en/projects/alpha/2025-06-01-pair/index.html")
        #expect(pairFR.contains("<h1>Audit apparié</h1>") && !pairFR.contains("class=\"notice\""))
        #expect(pairEN.contains("<h1>Paired audit</h1>") && !pairEN.contains("class=\"notice\""))
        #expect(site.page("en/projects/alpha/index.html").contains("lang=\"fr\">Audit de sécurité</a>"))
    }

    @Test func switcherAndAlternatesPointAtTheSamePage() {
        let en = site.page("en/projects/alpha/2026-02-05-securite/index.html")
        #expect(en.contains("href=\"../../../../fr/projects/alpha/2026-02-05-securite/index.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"../../../../fr/projects/alpha/2026-02-05-securite/index.html\">"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"../../../../fr/projects/alpha/2026-02-05-securite/index.html\">"))
        #expect(en.contains("<html lang=\"en\">"))
    }

    @Test func absoluteAlternatesWithABaseURL() throws {
        try site.build(baseURL: "https://intra.example/audits")
        let fr = site.page("fr/gaps/index.html")
        #expect(fr.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://intra.example/audits/en/gaps/\">"))
        #expect(fr.contains("<link rel=\"canonical\" href=\"https://intra.example/audits/fr/gaps/\">"))
    }

    @Test func checkReportsTranslationProblems() throws {
        let check = try site.check()
        #expect(check.has("translation.missing", file: "2026-02-05-securite.fr.md"))
        #expect(check.has("translation.missing", file: "2025-03-03-review.en.md"))
        #expect(check.has("translation.date", file: "2025-06-01-pair.en.md"))
        #expect(check.has("translation.score", file: "2025-06-01-pair.en.md"))
        #expect(check.has("translation.gaps", file: "2025-06-01-pair.en.md"))
        #expect(check.messages("translation.gaps").first?.contains("GAP-9") == true)
    }

    @Test func aThirdLanguageWorksWithItsStringsAndEnglishGlossaryFallback() throws {
        let theme = site.root.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: TestSite.theme, to: theme)
        let english = try String(contentsOf: theme.appendingPathComponent("i18n/en.yaml"), encoding: .utf8)
        let german = english.replacingOccurrences(of: "  name: English", with: "  name: Deutsch")
            .replacingOccurrences(of: "  home: Home", with: "  home: Startseite")
            .replacingOccurrences(of: "language:\n", with: "language:\n  de: Deutsch\n")
        try german.write(to: theme.appendingPathComponent("i18n/de.yaml"), atomically: true, encoding: .utf8)
        // Every file must define every key: add `language.de` to the others too.
        for code in ["fr", "en"] {
            let url = theme.appendingPathComponent("i18n/\(code).yaml")
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "language:\n", with: "language:\n  de: \(code == "fr" ? "allemand" : "German")\n")
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try site.write("site.yaml", "languages: [fr, en, de]\nglossary:\n  security: {de: Sicherheit}\n")
        let report = try SiteBuilder(options: site.options(theme: theme)).build()
        #expect(report.errorCount == 0)
        let de = site.page("de/projects/alpha/2026-02-05-securite/index.html")
        #expect(de.contains("<html lang=\"de\">"))
        #expect(de.contains(">Startseite</a>"))
        #expect(de.contains("<span class=\"bar-label\">Sicherheit</span>"))
        #expect(site.page("de/projects/alpha/2025-03-03-review/index.html").contains("<span class=\"bar-label\">Reliability</span>"),
                "no German label: English is the fallback")
        #expect(site.page("fr/index.html").contains("hreflang=\"de\""))
    }
}
