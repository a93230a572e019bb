import Templates
import Extraction
import Markdown

/// Renders a report's Markdown tree to HTML, in place of cmark's own renderer, because the portal
/// adds what cmark cannot: stable heading ids, `L<line>` anchors on the rows and lines that facts
/// link to, links from every known GAP ID to its page, and in-report `#fragment` links resolved to
/// those ids. It keeps cmark's safe mode: text and attributes escaped, raw HTML dropped, dangerous
/// URLs refused, and nothing loaded from outside the site.
public struct BodyRenderer {
    public typealias Output = RenderedBody

    /// Heading id by source line (from `HeadingAnchors`, so extraction and rendering agree).
    let headingAnchors: [Int: String]
    /// Lines that get an `id="L<line>"` anchor because something links to them.
    let anchoredLines: Set<Int>
    /// Whether an ID may be linked (`GAP-1401`); others stay text. Which ones become links is decided
    /// per page, by the GAPs the project has (`RenderedBody.html(linking:)`).
    let idLink: (String) -> String?
    let ids: IDMatcher
    /// Line of the H1 used as the page title, left out of the body.
    let skipHeadingLine: Int?
    let anchorBySlug: [String: String]

    /// Renders a report's body as the build does, once, right after extraction: anchors on every line
    /// a fact or mention links to, the H1 that became the title left out, every ID of the pattern
    /// marked as a mention; the audit page links the mentions of GAPs its project has and leaves the
    /// others as text (`RenderedBody.html(linking:)`).
    public static func render(_ document: MarkdownDocument, facts: AuditFacts, ids: IDMatcher) -> RenderedBody {
        var anchored = Set(facts.items.flatMap { [$0.line] + $0.otherLines })
        for d in facts.domainScores { anchored.insert(d.score.line) }
        for r in facts.ratings { anchored.insert(r.line) }
        for m in facts.mentions { anchored.insert(m.line) }
        let titleLine = facts.headings.first { $0.level == 1 }.flatMap { $0.text == facts.title ? $0.line : nil }
        let defined = Set(facts.mentions.map(\.id))
        var anchors: [Int: String] = [:]
        for heading in facts.headings { anchors[heading.line] = heading.anchor }
        let renderer = BodyRenderer(document: document, anchoredLines: anchored, ids: ids, skipHeadingLine: titleLine,
                                    onlyPattern: defined.allSatisfy(ids.isID), headingAnchors: anchors) { id in
            ids.isID(id) || defined.contains(id) ? RenderedBody.gapHref(id) : nil
        }
        return renderer.render(document)
    }

    /// True when every ID to link follows the pattern: text without the pattern's prefix is skipped fast.
    let onlyPattern: Bool

    /// - Parameter headingAnchors: anchors already computed by extraction (the same algorithm), by line.
    public init(document: MarkdownDocument, anchoredLines: Set<Int>, ids: IDMatcher, skipHeadingLine: Int?,
                onlyPattern: Bool = false, headingAnchors: [Int: String]? = nil, idLink: @escaping (String) -> String?) {
        self.onlyPattern = onlyPattern
        let anchors = headingAnchors ?? HeadingAnchors.forDocument(document)
        self.headingAnchors = anchors
        self.anchoredLines = anchoredLines
        self.idLink = idLink
        self.ids = ids
        self.skipHeadingLine = skipHeadingLine
        var bySlug: [String: String] = [:]
        for (_, anchor) in anchors.sorted(by: { $0.key < $1.key }) where bySlug[anchor] == nil { bySlug[anchor] = anchor }
        anchorBySlug = bySlug
    }

    public func render(_ document: MarkdownDocument) -> Output {
        var out = TextOutput(capacity: 4096)
        var toc: [(Int, String, String)] = []
        blocks(document.blocks, into: &out, toc: &toc, tight: false)
        return RenderedBody(html: out.bytes, toc: toc.map { RenderedBody.TOCEntry(level: $0.0, text: $0.1, anchor: $0.2) })
    }

    /// `<span id="L12"></span>`: the anchor of a line inside an element (a heading, a paragraph's next line).
    private func writeLineAnchor(_ line: Int, into out: inout TextOutput) {
        out.markup("<span id=\"L")
        out.append(line)
        out.markup("\"></span>")
    }

    /// ` id="L12"` on an element whose line is linked to (a fact or mention on it), nothing otherwise.
    private func writeLineID(_ line: Int, into out: inout TextOutput) {
        guard anchoredLines.contains(line) else { return }
        out.markup(" id=\"L")
        out.append(line)
        out.markup("\"")
    }

    /// - Parameter parentLine: the line of the list item the blocks belong to: it carries that line's
    ///   anchor already, so its first paragraph (same line) must not repeat the id.
    private func blocks(_ blocks: [Block], into out: inout TextOutput, toc: inout [(Int, String, String)], tight: Bool,
                        parentLine: Int? = nil) {
        for block in blocks { self.block(block, into: &out, toc: &toc, tight: tight, parentLine: parentLine) }
    }

    private func block(_ block: Block, into out: inout TextOutput, toc: inout [(Int, String, String)], tight: Bool,
                       parentLine: Int? = nil) {
        switch block {
        case .heading(let level, let content, let line):
            if line == skipHeadingLine { return }
            let anchor = headingAnchors[line] ?? "section-\(line)"
            let text = content.plainText
            if level == 2 || level == 3 { toc.append((level, TextNormalizer.cleanTitle(text), anchor)) }
            out.markup("<h")
            out.append(level)
            out.markup(" id=\"")
            out += anchor
            out.markup("\">")
            if anchoredLines.contains(line) { writeLineAnchor(line, into: &out) }
            inlines(content, into: &out)
            out.markup("<a class=\"anchor\" href=\"#")
            out += anchor
            out.markup("\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h")
            out.append(level)
            out.markup(">\n")
        case .paragraph(let content, let line):
            if tight {
                if anchoredLines.contains(line), line != parentLine { writeLineAnchor(line, into: &out) }
                inlines(content, into: &out, firstLine: line)
                out.markup("\n")
            } else {
                out.markup("<p")
                if line != parentLine { writeLineID(line, into: &out) }
                out.markup(">")
                inlines(content, into: &out, firstLine: line)
                out.markup("</p>\n")
            }
        case .blockQuote(let inner, let line):
            out.markup("<blockquote")
            writeLineID(line, into: &out)
            out.markup(">\n")
            blocks(inner, into: &out, toc: &toc, tight: false, parentLine: line)
            out.markup("</blockquote>\n")
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            let start = list.ordered && list.start != 1 ? " start=\"\(list.start)\"" : ""
            let isTaskList = list.items.contains { $0.task != nil }
            out.markup("<\(tag)\(start)\(isTaskList ? " class=\"tasks\"" : "")>\n")
            for item in list.items {
                out.markup("<li")
                writeLineID(item.line, into: &out)
                if let checked = item.task {
                    out.markup(checked ? " class=\"task done\"><input type=\"checkbox\" disabled checked aria-label=\"✓\"> "
                                       : " class=\"task open\"><input type=\"checkbox\" disabled aria-label=\"☐\"> ")
                } else {
                    out.markup(">")
                }
                blocks(item.blocks, into: &out, toc: &toc, tight: list.tight, parentLine: item.line)
                out.markup("</li>\n")
            }
            out.markup("</\(tag)>\n")
        case .codeBlock(let info, let code, let line):
            let language = info.split(separator: " ").first.map { Slug.make(String($0)) } ?? ""
            let cls = language.isEmpty ? "" : " class=\"language-\(language)\""
            out.markup("<pre")
            writeLineID(line, into: &out)
            out.markup("><code\(cls)>")
            Self.escape(code, into: &out)
            out.markup("</code></pre>\n")
        case .htmlBlock:
            out.markup("<!-- raw HTML omitted -->\n")
        case .thematicBreak:
            out.markup("<hr>\n")
        case .table(let table):
            out.markup("<div class=\"table-wrap\"><table")
            writeLineID(table.line, into: &out)
            out.markup(">\n<thead>\n<tr>")
            for (i, cell) in table.header.cells.enumerated() {
                out.markup("<th")
                out.markup(align(table, i))
                out.markup(">")
                inlines(cell, into: &out)
                out.markup("</th>")
            }
            out.markup("</tr>\n</thead>\n")
            if !table.rows.isEmpty {
                out.markup("<tbody>\n")
                for row in table.rows {
                    out.markup("<tr")
                    writeLineID(row.line, into: &out)
                    out.markup(">")
                    for (i, cell) in row.cells.enumerated() {
                        out.markup("<td")
                        out.markup(align(table, i))
                        out.markup(">")
                        inlines(cell, into: &out)
                        out.markup("</td>")
                    }
                    out.markup("</tr>\n")
                }
                out.markup("</tbody>\n")
            }
            out.markup("</table></div>\n")
        }
    }

    private func align(_ table: Table, _ column: Int) -> Markup {
        guard column < table.alignments.count else { return "" }
        switch table.alignments[column] {
        case .none: return ""
        case .left: return " class=\"left\""
        case .center: return " class=\"center\""
        case .right: return " class=\"right\""
        }
    }

    private func inlines(_ content: [Inline], into out: inout TextOutput, inLink: Bool = false, firstLine: Int? = nil) {
        var line = firstLine
        for inline in content {
            switch inline {
            case .text(let text):
                if inLink { Self.escape(text, into: &out) } else { linkedText(text, into: &out) }
            case .code(let code):
                out.markup("<code>")
                Self.escape(code, into: &out)
                out.markup("</code>")
            case .emphasis(let inner):
                out.markup("<em>"); inlines(inner, into: &out, inLink: inLink); out.markup("</em>")
            case .strong(let inner):
                out.markup("<strong>"); inlines(inner, into: &out, inLink: inLink); out.markup("</strong>")
            case .strikethrough(let inner):
                out.markup("<del>"); inlines(inner, into: &out, inLink: inLink); out.markup("</del>")
            case .link(let destination, let title, let inner):
                let titleAttribute = title.isEmpty ? "" : " title=\"\(Self.escape(title))\""
                if inLink {
                    inlines(inner, into: &out, inLink: true)
                } else if let href = resolve(destination, image: false) {
                    let external = destination.lowercased().hasPrefix("http") ? " rel=\"noopener noreferrer\"" : ""
                    out.markup("<a href=\"\(Self.escape(href))\"\(titleAttribute)\(external)>")
                    inlines(inner, into: &out, inLink: true)
                    out.markup("</a>")
                } else {
                    out.markup("<span class=\"refused-link\" title=\"link removed: unsafe URL\">")
                    inlines(inner, into: &out, inLink: true)
                    out.markup("</span>")
                }
            case .image(let source, let title, let alt):
                let altText = Self.escape(alt.plainText)
                switch URLSafety.check(source, forImage: true) {
                case .safe:
                    let titleAttribute = title.isEmpty ? "" : " title=\"\(Self.escape(title))\""
                    out.markup("<img src=\"\(Self.escape(source))\" alt=\"\(altText)\"\(titleAttribute) loading=\"lazy\">")
                case .remote where !inLink:
                    // Never load from outside: the reader may follow the link if they have access.
                    out.markup("<a class=\"remote-image\" href=\"\(Self.escape(source))\" rel=\"noopener noreferrer\">🖼 \(altText.isEmpty ? Self.escape(source) : altText)</a>")
                default:
                    out.markup("<span class=\"refused-link\">\(altText)</span>")
                }
            case .html:
                out.markup("<!-- raw HTML omitted -->")
            case .softBreak:
                out.markup("\n")
                if let l = line { line = l + 1; if anchoredLines.contains(l + 1) { writeLineAnchor(l + 1, into: &out) } }
            case .lineBreak:
                out.markup("<br>\n")
                if let l = line { line = l + 1; if anchoredLines.contains(l + 1) { writeLineAnchor(l + 1, into: &out) } }
            }
        }
    }

    /// Escaped text with known IDs turned into links to their pages.
    private func linkedText(_ text: String, into out: inout TextOutput) {
        let found: [String]
        if onlyPattern {
            found = ids.ids(in: text).filter { idLink($0) != nil }
        } else {
            found = text.hasASCIIDigit ? IDMatcher.tokens(in: text).filter { idLink($0) != nil } : []
        }
        guard !found.isEmpty else {
            Self.escape(text, into: &out)
            return
        }
        // IDs come in the order of the text: each is looked for from where the previous one ended,
        // on the bytes, so a 20 MB line with half a million IDs stays one pass.
        let bytes = Array(text.utf8)
        var position = 0
        for id in found {
            let needle = Array(id.utf8)
            guard let start = ByteSearch.offset(of: needle, in: bytes, from: position) else { continue }
            Self.escape(String(decoding: bytes[position..<start], as: UTF8.self), into: &out)
            if idLink(id) != nil {
                out += RenderedBody.mention(id)
            } else {
                Self.escape(id, into: &out)
            }
            position = start + needle.count
        }
        Self.escape(String(decoding: bytes[position...], as: UTF8.self), into: &out)
    }

    /// Escaped text, with the two characters that mark mentions (see `RenderedBody.mention`) written
    /// as character references, so that only the renderer's own marks are marks.
    static func escape(_ text: String) -> String {
        let escaped = HTMLEscape.escape(text)
        guard escaped.containsByte(0xEE) else { return escaped }
        return escaped.replacingOccurrences(of: "\u{E002}", with: "&#xE002;").replacingOccurrences(of: "\u{E003}", with: "&#xE003;")
    }

    /// The same, written into the page: no `String` made of the escaped text. (Escaping writes no
    /// 0xEE byte, so a text without one has no mark to write as a reference.)
    static func escape(_ text: String, into out: inout TextOutput) {
        if text.containsByte(0xEE) { out += escape(text) } else { out.appendEscapedHTML(text) }
    }

    /// Fragment links are pointed at our heading ids; other URLs pass the safety check or are refused.
    private func resolve(_ destination: String, image: Bool) -> String? {
        if destination.hasPrefix("#") {
            let fragment = String(destination.dropFirst()).removingPercentEncodingSafely
            let slug = Slug.make(fragment)
            if let anchor = anchorBySlug[slug] { return "#" + anchor }
            return "#" + (slug.isEmpty ? "top" : slug)
        }
        switch URLSafety.check(destination, forImage: image) {
        case .safe, .remote: return destination
        case .refused: return nil
        }
    }
}

extension String {
    /// Percent-decoding that leaves malformed input unchanged.
    var removingPercentEncodingSafely: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let h = iterator.next(), let l = iterator.next(),
               let value = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
