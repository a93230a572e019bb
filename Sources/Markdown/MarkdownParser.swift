import CCmarkGFM

/// The only place that sees cmark-gfm's C API.
///
/// It parses with the GFM extensions the reports rely on (tables, task lists, strikethrough,
/// autolinks, tagfilter), copies the C tree into immutable Swift values straight away and frees the
/// C tree before returning, so no C pointer ever escapes this file. Safe mode stays on: raw HTML is
/// kept only as source text and the renderer never emits it.
public enum MarkdownParser {
    /// Nesting deeper than this (hostile input such as ten thousand `>`) is flattened to text, so
    /// neither this converter nor the renderers can run out of stack.
    public static let maximumDepth = 48

    private static let extensionNames = ["table", "tasklist", "strikethrough", "autolink", "tagfilter"]

    /// Registration of the core extensions must happen once, before any parser exists.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses `markdown`; `lineOffset` is added to every line (the number of front-matter lines
    /// that were cut off before the body), so lines always refer to the original file.
    public static func parse(_ markdown: String, lineOffset: Int = 0) -> MarkdownDocument {
        precondition(registered)
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return MarkdownDocument(blocks: []) }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return MarkdownDocument(blocks: []) }
        defer { cmark_node_free(root) }
        let converter = Converter(lineOffset: lineOffset)
        return MarkdownDocument(blocks: converter.blocks(of: root, depth: 0))
    }
}

/// Walks the C tree once and builds the Swift values.
private struct Converter {
    let lineOffset: Int

    func line(_ node: OpaquePointer) -> Int {
        max(1, Int(cmark_node_get_start_line(node))) + lineOffset
    }

    func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    func literal(_ node: OpaquePointer) -> String {
        guard let c = cmark_node_get_literal(node) else { return "" }
        return String(cString: c)
    }

    func typeString(_ node: OpaquePointer) -> String {
        guard let c = cmark_node_get_type_string(node) else { return "" }
        return String(cString: c)
    }

    func blocks(of parent: OpaquePointer, depth: Int) -> [Block] {
        children(parent).compactMap { block($0, depth: depth + 1) }
    }

    func block(_ node: OpaquePointer, depth: Int) -> Block? {
        let line = line(node)
        if depth > MarkdownParser.maximumDepth {
            return .paragraph([.text(flattenedText(node))], line: line)
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(of: node, depth: depth), line: line)
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(of: node, depth: depth), line: line)
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(blocks(of: node, depth: depth), line: line)
        case CMARK_NODE_LIST:
            let items = children(node).map { item -> ListItem in
                var task: Bool?
                if typeString(item) == "tasklist" {
                    task = cmark_gfm_extensions_get_tasklist_item_checked(item)
                }
                return ListItem(task: task, blocks: blocks(of: item, depth: depth + 1), line: self.line(item))
            }
            return .list(MarkdownList(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: items,
                line: line))
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .codeBlock(info: info, code: literal(node), line: line)
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(literal(node), line: line)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(line: line)
        default:
            if typeString(node) == "table" { return table(node, depth: depth) }
            // Footnote definitions and unknown extension blocks: keep their text, lose nothing.
            let text = flattenedText(node)
            return text.isEmpty ? nil : .paragraph([.text(text)], line: line)
        }
    }

    func table(_ node: OpaquePointer, depth: Int) -> Block {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for i in 0..<columns {
                switch UInt8(raw[i]) {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header = TableRow(cells: [], line: line(node))
        var rows: [TableRow] = []
        for rowNode in children(node) {
            let cells = children(rowNode).map { inlines(of: $0, depth: depth + 1) }
            let row = TableRow(cells: cells, line: line(rowNode))
            if typeString(rowNode) == "table_header" { header = row } else { rows.append(row) }
        }
        return .table(Table(alignments: alignments, header: header, rows: rows, line: line(node)))
    }

    func inlines(of parent: OpaquePointer, depth: Int) -> [Inline] {
        var result: [Inline] = []
        var child = cmark_node_first_child(parent)
        while let c = child {
            if let inline = inline(c, depth: depth + 1) {
                // cmark splits text at every special character; merge neighbours so later walkers see words.
                if case .text(let s) = inline, case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + s)
                } else {
                    result.append(inline)
                }
            }
            child = cmark_node_next(c)
        }
        return result
    }

    func inline(_ node: OpaquePointer, depth: Int) -> Inline? {
        if depth > MarkdownParser.maximumDepth { return .text(flattenedText(node)) }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_CODE: return .code(literal(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_HTML_INLINE: return .html(literal(node))
        case CMARK_NODE_EMPH: return .emphasis(inlines(of: node, depth: depth))
        case CMARK_NODE_STRONG: return .strong(inlines(of: node, depth: depth))
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                         content: inlines(of: node, depth: depth))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                          alt: inlines(of: node, depth: depth))
        default:
            if typeString(node) == "strikethrough" { return .strikethrough(inlines(of: node, depth: depth)) }
            let text = flattenedText(node)
            return text.isEmpty ? nil : .text(text)
        }
    }

    func string(_ c: UnsafePointer<CChar>?) -> String {
        c.map { String(cString: $0) } ?? ""
    }

    /// Text of a subtree gathered with cmark's own iterator (no recursion), for hostile nesting.
    func flattenedText(_ node: OpaquePointer) -> String {
        guard let iter = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iter) }
        var out = ""
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK: out += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH: out += " "
            default: break
            }
        }
        return out.trimmingWhitespace()
    }
}
