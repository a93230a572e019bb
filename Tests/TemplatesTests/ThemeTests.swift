import Foundation
import Templates
import Testing

/// Loading themes (errors with file and line), interface strings, and the skeleton cache giving
/// exactly what mustache gives.
@Suite struct ThemeTests {
    static let defaultTheme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes/default")

    func makeTheme(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func defaultThemeLoadsInBothLanguages() throws {
        let theme = try Theme(directory: Self.defaultTheme, languages: ["fr", "en"])
        #expect(theme.strings(for: "fr")["nav.home"] == "Accueil")
        #expect(theme.strings(for: "en")["nav.home"] == "Home")
        #expect(theme.strings(for: "fr")["months.2"] == "février")
        #expect(theme.assets.contains("style.css"))
        for name in ["base", "home", "portfolio", "project", "audit", "gap", "gaps", "search", "root", "404"] {
            #expect(theme.hasTemplate(name), "\(name)")
        }
    }

    @Test func templateSyntaxErrorNamesFileAndLine() throws {
        let root = try makeTheme(["layouts/page.mustache": "ok\nline two {{#open}}\n", "i18n/fr.yaml": "a: b\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try Theme(directory: root, languages: ["fr"])
            Issue.record("expected an error")
        } catch let error as ThemeError {
            #expect(error.description.contains("page.mustache:"))
        }
    }

    @Test func missingStringInOneLanguageIsAnError() throws {
        let root = try makeTheme(["layouts/page.mustache": "x", "i18n/fr.yaml": "a: b\nc: d\n", "i18n/en.yaml": "a: b\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: ThemeError.self) { try Theme(directory: root, languages: ["fr", "en"]) }
        do { _ = try Theme(directory: root, languages: ["fr", "en"]) } catch {
            #expect("\(error)".contains("'c'"))
            #expect("\(error)".contains("en.yaml"))
        }
    }

    /// A model for the test template: every kind of field a page model uses.
    struct PageModel: TemplateModel {
        struct Item: TemplateModel {
            let key: String
            let label: String
            let html: String
            func describe(to fields: inout TemplateFields) {
                fields.text("key", key)
                fields.text("label", label)
                fields.text("html", html)
            }
        }

        let strings: TemplateStrings
        var title: String
        var note: String?
        var items: [Item] = []
        var names: [String] = []
        var flag = false
        var count: Int?

        func describe(to fields: inout TemplateFields) {
            fields.strings("t", strings)
            fields.text("title", title)
            fields.text("note", note)
            fields.list("items", items)
            fields.texts("names", names)
            fields.flag("flag", flag)
            fields.number("count", count)
        }
    }

    @Test func skeletonsGiveExactlyWhatMustacheGives() throws {
        let root = try makeTheme([
            "layouts/page.mustache": """
            <h1 title="{{title}}">{{title}}</h1>{{#note}}<p>{{note}}</p>{{/note}}{{^note}}<p>none</p>{{/note}}
            {{#items}}<li class="{{key}}">{{label}} {{{html}}} {{title}}</li>{{/items}}{{#flag}}F{{/flag}} {{count}} {{t.x.y}}
            {{#names}}<b>{{.}}</b>{{/names}}
            """,
            "i18n/fr.yaml": "x:\n  y: \"<é>\"\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try Theme(directory: root, languages: ["fr"])
        let strings = theme.templateStrings(for: "fr")
        let models: [PageModel] = [
            PageModel(strings: strings, title: "A & <b>\"q\"</b> 'x'", note: "n", items: [.init(key: "k", label: "<l>", html: "<em>ok</em>")],
                      names: ["a", "", "<c>"], flag: true, count: 3),
            PageModel(strings: strings, title: "Second", items: [.init(key: "k2", label: "l2", html: "<i>2</i>")], flag: true, count: 4),
            PageModel(strings: strings, title: "", note: nil, flag: false, count: 0),
            PageModel(strings: strings, title: "\u{E000}<0>\u{E001} looks like a placeholder",
                      items: [.init(key: "a", label: "b", html: "\u{E000}&lt;1&gt;\u{E001}"), .init(key: "", label: "", html: "")]),
        ]
        for model in models {
            let cached = try theme.render("page", model: model, skeletons: true)
            let direct = try theme.render("page", model: model, skeletons: false)
            #expect(cached == direct)
        }
        // Same shape, different texts: rendered by mustache once.
        let before = theme.renderedShapes
        for title in ["un", "deux", "trois & <quatre>"] {
            _ = try theme.render("page", model: PageModel(strings: strings, title: title, note: "n"))
        }
        #expect(theme.renderedShapes == before + 1)
        let escaped = try theme.render("page", model: PageModel(strings: strings, title: "<script>"))
        #expect(escaped.contains("&lt;script&gt;"))
        #expect(!escaped.contains("<script>"))
    }

    /// A template's own text holding a delimiter left open (the text after it was written twice).
    @Test func skeletonsKeepTheTemplatesOwnText() throws {
        let root = try makeTheme([
            "layouts/page.mustache": "<p>{{title}} ({{count}}) \u{E000} fin</p>\n",
            "i18n/fr.yaml": "x:\n  y: \"z\"\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try Theme(directory: root, languages: ["fr"])
        let strings = theme.templateStrings(for: "fr")
        for title in ["e", "Sécurité & co"] {
            let model = PageModel(strings: strings, title: title, count: 2)
            let cached = try theme.render("page", model: model, skeletons: true)
            #expect(cached == (try theme.render("page", model: model, skeletons: false)))
            #expect(cached.contains("\u{E000} fin"))
        }
    }
}
