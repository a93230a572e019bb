import Extraction
import Markdown
@testable import Renderer
import Testing

/// Our HTML renderer owns what cmark's safe mode did: escaping, raw HTML dropped, URL schemes refused.
@Suite struct BodyRendererTests {
    func html(_ markdown: String) throws -> String {
        let doc = MarkdownParser.parse(markdown)
        let ids = try IDMatcher()
        return String(decoding: BodyRenderer(document: doc, anchoredLines: [], ids: ids, skipHeadingLine: nil) { _ in nil }.render(doc).html, as: UTF8.self)
    }

    @Test(arguments: ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&#58;alert(1)", "&#106;avascript:alert(1)",
                      "java%0ascript:x", "vbscript:msgbox(1)", "file:///etc/passwd", "data:text/html;base64,PHNjcmlwdD4=",
                      " javascript:alert(1)", "javascript&colon;alert(1)"])
    func dangerousLinksAreRefused(url: String) throws {
        let out = try html("[clic](\(url))")
        #expect(!out.lowercased().contains("href=\"javascript"))
        #expect(!out.lowercased().contains("href=\"vbscript"))
        #expect(!out.lowercased().contains("href=\"file:"))
        #expect(!out.lowercased().contains("href=\"data:"))
        #expect(out.contains("clic"))
    }

    @Test func safeLinksImagesAndEscaping() throws {
        let out = try html("[a](https://x.org/?a=1&b=\"2\") [b](../rel.html) [c](#Résumé) <b>x</b> `<i>`\n\n![remote](http://cdn.example/x.png) ![local](img/x.png)\n\n<div>bloc</div>\n")
        #expect(out.contains("href=\"https://x.org/?a=1&amp;b=%222%22\"") || out.contains("href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\""))
        #expect(out.contains("href=\"../rel.html\""))
        #expect(out.contains("<!-- raw HTML omitted -->"))
        #expect(out.contains("<code>&lt;i&gt;</code>"))
        #expect(!out.contains("<img src=\"http://cdn.example"))
        #expect(out.contains("<img src=\"img/x.png\""))
        #expect(!out.contains("<div>"))
    }

    @Test func knownIDsAreLinkedAndLinesAnchored() throws {
        let doc = MarkdownParser.parse("| ID | T |\n|---|---|\n| GAP-1 | x |\n\nVoir GAP-1 et GAP-2.\n")
        let ids = try IDMatcher()
        let body = BodyRenderer(document: doc, anchoredLines: [3, 5], ids: ids, skipHeadingLine: nil) { $0 == "GAP-1" ? "../gaps/GAP-1/index.html" : nil }
            .render(doc)
        let out = String(decoding: body.html(linking: Set<String>(["GAP-1"]).contains), as: UTF8.self)
        #expect(out.contains("<tr id=\"L3\">"))
        #expect(out.contains("<p id=\"L5\">Voir <a class=\"gap-ref\" href=\"../gaps/GAP-1/index.html\">GAP-1</a> et GAP-2.</p>"))
        // A project without that GAP: the mention stays text, with nothing left of its mark.
        let plain = String(decoding: body.html(linking: { _ in false }), as: UTF8.self)
        #expect(plain.contains("<p id=\"L5\">Voir GAP-1 et GAP-2.</p>"))
        #expect(!plain.unicodeScalars.contains { $0.value == 0xE002 || $0.value == 0xE003 })
    }

    /// A megabyte-long line naming 50,000 IDs is one pass (each ID was once looked for from the
    /// start of what was left, which made a 20 MB line run for many minutes).
    @Test func aLongLineFullOfIDsIsRenderedInOnePass() throws {
        let text = (0..<50_000).map { "GAP-\($0) ok," }.joined(separator: " ") + "\n"
        let doc = MarkdownParser.parse(text)
        let ids = try IDMatcher()
        let body = BodyRenderer(document: doc, anchoredLines: [], ids: ids, skipHeadingLine: nil) { _ in "x" }.render(doc)
        let html = String(decoding: body.html(linking: Set<String>(["GAP-49999"]).contains), as: UTF8.self)
        #expect(html.contains("<a class=\"gap-ref\" href=\"../gaps/GAP-49999/index.html\">GAP-49999</a> ok,"))
        #expect(html.contains(" GAP-0 ok,") || html.contains(">GAP-0 ok,"))
        #expect(String(decoding: body.html, as: UTF8.self).unicodeScalars.filter { $0.value == 0xE002 }.count == 50_000)
    }

    /// The characters that mark mentions, written in a report, are text: they cannot forge a link.
    @Test func mentionMarksInReportTextAreNeutralised() throws {
        let doc = MarkdownParser.parse("Texte \u{E002}<img src=x onerror=alert(1)>\u{E003} et GAP-1.\n")
        let ids = try IDMatcher()
        let out = String(decoding: BodyRenderer(document: doc, anchoredLines: [], ids: ids, skipHeadingLine: nil) { _ in "../gaps/x/index.html" }
            .render(doc).html(linking: Set<String>(["<img src=x onerror=alert(1)>", "GAP-1"]).contains), as: UTF8.self)
        #expect(out.contains("&#xE002;"))
        #expect(out.contains("&#xE003;"))
        #expect(!out.contains("<img"))
        #expect(out.contains("<a class=\"gap-ref\" href=\"../gaps/GAP-1/index.html\">GAP-1</a>"))
    }
}

@Suite struct LocaleFormatterTests {
    let fr = LocaleFormatter(language: "fr", strings: ["number.decimal": ",", "number.percent": "{n} %", "months.2": "février", "date.first": "1er"])
    let en = LocaleFormatter(language: "en", strings: ["number.decimal": ".", "number.percent": "{n}%", "months.2": "February"])

    @Test func numbersDatesAndScores() throws {
        let date = try #require(AuditDate(iso: "2026-02-05"))
        #expect(fr.date(date) == "5 février 2026")
        #expect(en.date(date) == "5 February 2026")
        #expect(fr.date(try #require(AuditDate(iso: "2026-02-01"))) == "1er février 2026")
        // Written into one string of its size, inline or not.
        let long = LocaleFormatter(language: "x", strings: ["months.2": "mois-de-février-très-long", "date.first": "premier"])
        #expect(long.date(try #require(AuditDate(iso: "2026-02-01"))) == "premier mois-de-février-très-long 2026")
        #expect(LocaleFormatter.joined("", "b", "") == " b ")
        #expect(fr.percent(89) == "89 %")
        #expect(en.percent(89) == "89%")
        let grade = Score(value: 77.5, scale: 20, raw: 15.5, text: "15,5/20", line: 1)
        #expect(fr.score(grade) == "15,5/20")
        #expect(en.score(grade) == "15.5/20")
        #expect(fr.delta(-2.5) == "−2,5")
        #expect(en.delta(3) == "+3")
    }

    /// Placeholders are filled on bytes: names found, unknown ones and a brace left open kept as
    /// written (once), text around them in any script untouched.
    @Test func placeholdersAreFilled() throws {
        #expect(LocaleFormatter.fill("{n} jours", ["n": "12"]) == "12 jours")
        #expect(LocaleFormatter.fill("Révisé le {date} — {n} écarts", ["date": "5 février", "n": "3"]) == "Révisé le 5 février — 3 écarts")
        #expect(LocaleFormatter.fill("{other} et {n}", ["n": "1"]) == "{other} et 1")
        #expect(LocaleFormatter.fill("début {n", ["n": "1"]) == "début {n")
        #expect(LocaleFormatter.fill("a {n} b {", ["n": "é"]) == "a é b {")
        #expect(LocaleFormatter.fill("sans accolade", ["n": "1"]) == "sans accolade")
        let date = try #require(AuditDate(iso: "2026-02-05"))
        let ordered = LocaleFormatter(language: "en", strings: ["months.2": "February", "date.format": "{month} {day}, {year}"])
        #expect(ordered.date(date) == "February 5, 2026")
    }
}
