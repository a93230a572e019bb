import Diagnostics
import Foundation
import SiteBuilder
import Testing

/// The pipeline end to end on small sites written by each test: page set, translations, switcher,
/// anchors, escaping, bad input, atomic output and reproducibility.
@Suite struct PipelineTests {
    static let frAudit = """
    ---
    title: Audit sécurité
    date: 2025-03-10
    ---
    # Audit sécurité

    **Score global : 80 %**

    ## 📊 Résumé exécutif

    | Domaine | Score |
    |---------|-------|
    | Sécurité | 80% |

    ## 📊 Résumé exécutif

    Deux titres identiques reçoivent deux ancres différentes.
    """

    static let enAudit = """
    ---
    title: Security audit
    date: 2025-03-10
    ---
    # Security audit

    **Overall score: 80%**

    ## Summary

    | Domain | Score |
    |--------|-------|
    | Security | 80% |
    """

    @Test func pageSetPerLanguageWithTranslationsPaired() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-03-10-securite.fr.md", Self.frAudit)
        try site.write("content/alpha/2025-03-10-securite.en.md", Self.enAudit)
        try site.write("content/alpha/2025-04-01-suivi.md", "# Suivi\n\n**Date:** 2025-04-01\n")
        try site.write("content/beta-projet/2024-12-01-review.en.md", "---\nlang: en\n---\n# Review\n\nDate: 2024-12-01\n")
        let report = try site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.formatted))")
        for language in ["fr", "en"] {
            for page in ["index.html", "portfolio/index.html", "gaps/index.html", "search/index.html",
                         "projects/alpha/index.html", "projects/alpha/2025-03-10-securite/index.html",
                         "projects/alpha/2025-04-01-suivi/index.html", "projects/beta-projet/index.html",
                         "projects/beta-projet/2024-12-01-review/index.html"] {
                #expect(site.exists("\(language)/\(page)"), "\(language)/\(page)")
            }
        }
        #expect(site.exists("index.html"))
        #expect(site.exists("404.html"))
        #expect(site.exists("assets/style.css"))
        // Each language page shows its own text.
        #expect(site.page("fr/projects/alpha/2025-03-10-securite/index.html").contains("<h1>Audit sécurité</h1>"))
        #expect(site.page("en/projects/alpha/2025-03-10-securite/index.html").contains("<h1>Security audit</h1>"))
        // audits.json pairs them as one audit.
        let audits = try #require(try site.json("data/audits.json")["audits"] as? [[String: Any]])
        #expect(audits.map { $0["id"] as? String } == ["alpha/2025-03-10-securite", "alpha/2025-04-01-suivi", "beta-projet/2024-12-01-review"])
        #expect(audits[0]["translations"] as? [String] == ["fr", "en"])
        #expect(audits[0]["lang"] as? String == "fr")
        #expect(audits[2]["lang"] as? String == "en")
        #expect(audits[0]["score"] as? Int == 80)
        #expect(audits[1]["score"] is NSNull)
        #expect((audits[0]["url"] as? [String: String])?["en"] == "en/projects/alpha/2025-03-10-securite/")
    }

    @Test func switcherLeadsToTheSamePageInTheOtherLanguage() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-03-10-securite.fr.md", Self.frAudit)
        try site.build()
        let fr = site.page("fr/projects/alpha/2025-03-10-securite/index.html")
        #expect(fr.contains("<html lang=\"fr\">"))
        #expect(fr.contains("<a href=\"../../../../en/projects/alpha/2025-03-10-securite/index.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(fr.contains("<link rel=\"alternate\" hreflang=\"en\""))
        #expect(fr.contains("<link rel=\"alternate\" hreflang=\"x-default\""))
        let en = site.page("en/projects/alpha/index.html")
        #expect(en.contains("<a href=\"../../../fr/projects/alpha/index.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        let root = site.page("index.html")
        #expect(root.contains("<meta http-equiv=\"refresh\" content=\"0; url=fr/index.html\">"), "works without JavaScript")
        #expect(root.contains("href=\"en/index.html\""))
    }

    @Test func headingAnchorsAreStableAndUnique() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-03-10-securite.fr.md", Self.frAudit)
        try site.build()
        let page = site.page("fr/projects/alpha/2025-03-10-securite/index.html")
        #expect(page.contains("<h2 id=\"resume-executif\">"))
        #expect(page.contains("<h2 id=\"resume-executif-1\">"))
        #expect(page.contains("href=\"#resume-executif\""))
    }

    @Test func hostileHTMLInMarkdownAndFrontMatterIsEscaped() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-x.fr.md", """
        ---
        title: "<script>alert('t')</script> Titre"
        auditor: "<img src=x onerror=alert(1)>"
        ---
        # Ignored

        <script>alert("block")</script>

        Texte <b onclick="x()">gras</b> [lien](javascript:alert(1)) [l2](JAVASCRIPT&#58;alert(2)) [l3](java\tscript:alert(3))
        [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) [f](file:///etc/passwd) [ok](https://example.org/a?b=1&c=2)

        ![img](https://tracker.example/p.png) ![local](diagramme.png) ![png](data:image/png;base64,iVBORw0KGgo=)

        | <i>cell</i> | "quote" |
        |---|---|
        | a & b | <style>body{}</style> |
        """)
        let report = try site.build()
        #expect(report.errorCount == 0)
        let page = site.page("fr/projects/alpha/2025-01-01-x/index.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Titre"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("onclick"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "front matter text is shown escaped")
        #expect(!page.lowercased().contains("href=\"javascript"))
        #expect(!page.contains("href=\"java"), "no link survives with a script scheme, whatever its spelling")
        #expect(!page.contains("href=\"data:text/html"))
        #expect(!page.contains("vbscript:"))
        #expect(!page.contains("href=\"file:"))
        #expect(page.contains("href=\"https://example.org/a?b=1&amp;c=2\""))
        #expect(!page.contains("<img src=\"https://tracker.example"), "nothing is loaded from outside the site")
        #expect(page.contains("<img src=\"diagramme.png\""))
        #expect(page.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\""))
        #expect(page.contains("<!-- raw HTML omitted -->"))
        #expect(!page.contains("<style>body"))
        #expect(page.contains("a &amp; b"))
        // Exports escape too (JSON), and the index page lists the escaped title.
        #expect(site.page("fr/index.html").contains("&lt;script&gt;"))
    }

    @Test func badInputIsReportedWithFileAndLineWhileTheRestIsBuilt() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-ok.fr.md", "# Bon\n\n**Date:** 2025-01-01\n")
        var invalid = Data("# Mauvais\n\nligne deux\nici \u{FF}".utf8)
        invalid.append(contentsOf: [0xFF, 0xFE, 0x0A])
        try site.write("content/alpha/2025-01-02-binaire.fr.md", invalid)
        try site.write("content/alpha/2025-01-03-yaml.fr.md", "---\ntitle: [non fermé\ndate: 2025-01-03\n---\n# YAML cassé\n\nLe texte reste.\n")
        try site.write("content/alpha/2025-01-04-crlf.fr.md", "\u{FEFF}# CRLF\r\n\r\n**Date:** 2025-01-04\r\n")
        let report = try site.build()
        let utf8 = report.diagnostics.first { $0.code == "content.invalid-utf8" }
        #expect(utf8?.file == "content/alpha/2025-01-02-binaire.fr.md")
        #expect(utf8?.line == 4)
        #expect(utf8?.message.contains("byte") == true)
        let yaml = report.diagnostics.first { $0.code == "frontmatter.invalid" }
        #expect(yaml?.file == "content/alpha/2025-01-03-yaml.fr.md")
        #expect(yaml?.line == 3, "\(yaml?.formatted ?? "")")
        #expect(site.exists("fr/projects/alpha/2025-01-01-ok/index.html"))
        #expect(site.page("fr/projects/alpha/2025-01-03-yaml/index.html").contains("Le texte reste."))
        #expect(!site.exists("fr/projects/alpha/2025-01-02-binaire/index.html"))
        #expect(site.page("fr/projects/alpha/2025-01-04-crlf/index.html").contains("<h1>CRLF</h1>"))
        #expect(utf8?.formatted.hasPrefix("content/alpha/2025-01-02-binaire.fr.md:4: error:") == true)
    }

    @Test func failedBuildKeepsThePreviousOutput() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-ok.fr.md", "# Bon\n\n**Date:** 2025-01-01\n")
        try site.build()
        let before = try site.snapshot()
        #expect(!before.isEmpty)
        // A strict build with an error diagnostic fails…
        try site.write("content/alpha/2025-01-02-bad.fr.md", "---\ntitle: [\n---\n# x\n")
        #expect(throws: BuildFailure.self) { try site.build(strict: true) }
        #expect(try site.snapshot() == before)
        // …and so does a build whose theme is broken: nothing is touched.
        let theme = site.root.appendingPathComponent("broken-theme")
        try FileManager.default.copyItem(at: TestSite.theme, to: theme)
        try "{{#unclosed}}".write(to: theme.appendingPathComponent("layouts/home.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: BuildError.self) { try SiteBuilder(options: site.options(theme: theme)).build() }
        #expect(try site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let site = try TestSite(fixture: "timeline")
        defer { site.remove() }
        try site.build()
        let first = try site.snapshot()
        try site.build()
        #expect(try site.snapshot() == first)
        let other = try TestSite(fixture: "timeline")
        defer { other.remove() }
        try other.build()
        #expect(try other.snapshot() == first, "same input in another folder gives the same bytes")
    }

    @Test func missingInterfaceStringFailsTheBuildWithTheKey() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-ok.fr.md", "# Bon\n")
        let theme = site.root.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: TestSite.theme, to: theme)
        let en = theme.appendingPathComponent("i18n/en.yaml")
        let text = try String(contentsOf: en, encoding: .utf8).replacingOccurrences(of: "  portfolio: Portfolio\n", with: "")
        try text.write(to: en, atomically: true, encoding: .utf8)
        do {
            try SiteBuilder(options: site.options(theme: theme)).build()
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains("nav.portfolio"))
            #expect("\(error)".contains("en.yaml"))
        }
    }

    @Test func brokenSiteConfigurationIsFatalWithLine() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/alpha/2025-01-01-ok.fr.md", "# Bon\n")
        try site.write("site.yaml", "title: ok\nlanguages: [fr, en\n")
        #expect(throws: (any Error).self) { try site.build() }
        do { try site.build() } catch { #expect("\(error)".contains("site.yaml:")) }
        // A theme named by a wrong type, or a folder that does not exist: fatal, with the reason.
        try site.write("site.yaml", "title: ok\ntheme: [a, b]\n")
        do { try site.build(); Issue.record("a list as theme built") } catch { #expect("\(error)".contains("site.yaml:2")) }
        try site.write("site.yaml", "theme: themes/nowhere\n")
        do { try site.build(); Issue.record("a missing theme built") } catch { #expect("\(error)".contains("theme folder not found")) }
        // A vocabulary word filed under a level the tool does not have: fatal, naming the key and its line.
        try site.write("site.yaml", "title: ok\nvocabulary: {severities: {extreme: [apocalyptique]}}\n")
        do { try site.build(); Issue.record("an unknown level built") } catch {
            #expect("\(error)".contains("site.yaml:2"))
            #expect("\(error)".contains("severities.extreme"))
        }
    }
}
