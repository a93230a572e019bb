import Foundation
import SiteBuilder
import Testing

/// Hostile content wherever it flows — report text and raw HTML, link schemes in every disguise,
/// titles, project names, GAP titles and IDs, code-fence languages — reaches no output file as
/// something a browser would run: every file written is parsed for script elements, event-handler
/// attributes and URL schemes.
@Suite struct HostileOutputTests {
    static let payloads = """
    ---
    title: "\\"><script>alert('title')</script>"
    ---
    # <svg onload=alert(1)>Heading</svg>

    [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:alert(1)) [d](&#106;avascript:alert(1))
    [e](vbscript:msgbox(1)) [f](data:text/html;base64,PHNjcmlwdD4=) [g]( javascript:alert(1)) [h](&#x6A;avascript&colon;alert(1))
    ![img](javascript:alert(1)) <a href="javascript:alert(1)" onclick="alert(2)">raw</a> <img src=x onerror=alert(1)>

    <iframe src="https://evil.example"></iframe>
    <script>alert('block')</script>
    <style>body{display:none}</style>
    <textarea><script>alert(3)</script></textarea>

    ```"><script>alert('fence')</script>
    code
    ```

    | ID | Constat | Sévérité | Statut |
    |----|---------|----------|--------|
    | GAP-1 | "onmouseover="alert(1)" <script>alert('gap')</script> | Critique | Ouvert |
    | SEC-1"><svg/onload=alert(1)> | x | Haute | Ouvert |

    **Score global : 70 %**
    """

    @Test func noOutputFileCarriesSomethingABrowserWouldRun() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/evil/2025-01-01-payloads.fr.md", Self.payloads)
        try site.write("content/evil/_project.yaml", "title: \"<img src=x onerror=alert('project')>\"\ndescription: \"</script><script>alert(4)</script>\"\n")
        try site.build(baseURL: "https://intranet.example/audits/")
        #expect(site.exists("fr/projects/evil/2025-01-01-payloads/index.html"))

        var checked = 0
        let enumerator = FileManager.default.enumerator(at: site.output, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where ["html", "xml", "svg", "json", "js"].contains(url.pathExtension) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let name = url.path.replacingOccurrences(of: site.output.path + "/", with: "")
            checked += 1
            if url.pathExtension == "json" || (url.pathExtension == "js" && name.hasPrefix("data/")) {
                // Data: strings only, read by the theme's script with textContent, never as HTML.
                #expect(!text.contains("</script"), "\(name) could close a script element if inlined")
                continue
            }
            if url.pathExtension == "js" { continue } // the theme's own script
            for problem in Self.problems(in: text) { Issue.record("\(name): \(problem)") }
        }
        #expect(checked > 20)
    }

    /// Names of the attributes of every start tag, quotes respected (text inside a quoted value is not
    /// an attribute).
    static func attributeNames(in html: String) -> [String] {
        var names: [String] = []
        let chars = Array(html.unicodeScalars)
        var i = 0
        while i < chars.count {
            guard chars[i] == "<", i + 1 < chars.count, chars[i + 1].properties.isAlphabetic else { i += 1; continue }
            i += 1
            while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != ">", chars[i] != "/" { i += 1 } // tag name
            while i < chars.count, chars[i] != ">" {
                while i < chars.count, chars[i].properties.isWhitespace || chars[i] == "/" { i += 1 }
                var name = ""
                while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != "=", chars[i] != ">", chars[i] != "/" {
                    name.unicodeScalars.append(chars[i]); i += 1
                }
                if !name.isEmpty { names.append(name) }
                while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
                if i < chars.count, chars[i] == "=" {
                    i += 1
                    while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
                    if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                        let quote = chars[i]; i += 1
                        while i < chars.count, chars[i] != quote { i += 1 }
                        i += 1
                    } else {
                        while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != ">" { i += 1 }
                    }
                } else if name.isEmpty, i < chars.count, chars[i] != ">" {
                    i += 1
                }
            }
        }
        return names
    }

    /// Script elements other than the theme's, event-handler attributes, and dangerous URL schemes.
    static func problems(in html: String) -> [String] {
        var found: [String] = []
        let own = try! NSRegularExpression(pattern: #"<script src="[^"]*(assets/site\.js|data/search/[a-z]+/index\.js)"( defer)?></script>"#)
        var rest = own.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "")
        // The root page's language redirect is the theme's only inline script.
        if let range = rest.range(of: #"<script>\s*\(function"#, options: .regularExpression), let end = rest.range(of: "</script>", range: range.upperBound..<rest.endIndex) {
            rest.removeSubrange(range.lowerBound..<end.upperBound)
        }
        if rest.range(of: "<script", options: .caseInsensitive) != nil { found.append("a script element") }
        for name in attributeNames(in: rest) where name.lowercased().hasPrefix("on") {
            found.append("an event handler attribute \(name)")
        }
        let attribute = try! NSRegularExpression(pattern: #"(?i)(href|src|action|formaction|xlink:href)\s*=\s*"([^"]*)""#)
        for match in attribute.matches(in: rest, range: NSRange(rest.startIndex..., in: rest)) {
            var value = String(rest[Range(match.range(at: 2), in: rest)!]).lowercased()
            value = value.replacingOccurrences(of: "&#x6a;", with: "j").replacingOccurrences(of: "&#106;", with: "j")
                .replacingOccurrences(of: "&colon;", with: ":").replacingOccurrences(of: "&#58;", with: ":")
            value.removeAll { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }
            if value.hasPrefix("javascript:") || value.hasPrefix("vbscript:") || value.hasPrefix("data:text/html") {
                found.append("a \(value.prefix(20)) URL")
            }
        }
        for element in ["<iframe", "<style>", "<textarea", "<svg onload", "<img src=x"] where rest.localizedCaseInsensitiveContains(element) {
            found.append("raw \(element)")
        }
        return found
    }
}
