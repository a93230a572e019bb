import Templates
import Foundation

/// A report's body as HTML, rendered once per source text and kept (instead of the Markdown) until
/// its pages are written: both language pages of an untranslated audit share it.
public struct RenderedBody: Sendable {
    public struct TOCEntry: Sendable, Codable {
        public let level: Int
        public let text: String
        public let anchor: String
    }

    public let html: String
    /// Level 2 and 3 headings, for the table of contents.
    public let toc: [TOCEntry]

    public init(html: String, toc: [TOCEntry]) {
        self.html = html
        self.toc = toc
    }

    /// Link from an audit page to a GAP page of the same project and language.
    static func gapHref(_ id: String) -> String { "../gaps/\(id)/index.html" }

    /// The same body with links to the given IDs turned back into plain text (IDs mentioned but
    /// defined in no audit of the project have no page).
    func unlinking(_ ids: [String]) -> String {
        var html = self.html
        for id in ids {
            let escaped = HTMLEscape.escape(id)
            let link = "<a class=\"gap-ref\" href=\"\(HTMLEscape.escape(Self.gapHref(id)))\">\(escaped)</a>"
            html = html.replacingOccurrences(of: link, with: escaped)
        }
        return html
    }
}
