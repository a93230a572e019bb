import Templates

/// Builds HTML for lists that can hold thousands of rows (items of an audit, GAP histories, the GAP
/// index, trend tables). They are rendered here rather than in mustache: a template resolves every
/// name through its context stack with dynamic casts, which costs microseconds per value and would
/// dominate a 10,000-audit build. The theme still owns the page around them and styles them through
/// their classes (documented in the README).
struct HTMLFragment {
    /// Written as bytes: a fragment is thousands of small appends, each of which costs hundreds of
    /// instructions on a `String` (see `TextOutput`); it becomes a `String` once, when it is done.
    private var output: TextOutput

    init(capacity: Int = 1024) {
        output = TextOutput(capacity: capacity)
    }

    /// The markup written so far.
    var html: String { output.string }

    /// The same as UTF-8 bytes: what a page model carries (`TemplateFields.bytes`), copied into the
    /// page as it is. Making a `String` of each fragment checked its bytes once more for nothing.
    var bytes: [UInt8] { output.bytes }

    /// Markup written as is (tags and attribute names only, never content).
    mutating func raw(_ markup: Markup) { output.append(markup) }

    /// Markup made elsewhere (a row kept between preview rebuilds), written as is.
    mutating func raw(html: String) { output += html }

    /// Text content, escaped.
    mutating func text(_ value: String) { output.appendEscapedHTML(value) }

    /// `<span class="badge sev-high">High</span>`
    mutating func badge(_ cssClass: String, _ label: String) {
        output += "<span class=\"badge "
        output += cssClass
        output += "\">"
        text(label)
        output += "</span>"
    }

    /// `<a href="…">text</a>`; `lang` marks text in another language than the page.
    mutating func link(_ href: String, _ label: String, cssClass: String? = nil, lang: String? = nil) {
        output += "<a href=\""
        text(href)
        output += "\""
        if let cssClass {
            output += " class=\""
            output += cssClass
            output += "\""
        }
        if let lang {
            output += " lang=\""
            output += lang
            output += "\""
        }
        output += ">"
        text(label)
        output += "</a>"
    }

    /// A score with its level class (`score-good`), as the theme's `score` partial writes it.
    mutating func score(_ score: ScoreView?) {
        guard let score else { return }
        output += "<span class=\"score score-"
        output += score.level
        output += "\" title=\""
        text(score.original)
        output += "\">"
        text(score.text)
        output += "</span>"
    }

    /// A change, as the theme's `delta` partial writes it.
    mutating func delta(_ delta: DeltaView?) {
        guard let delta else { return }
        output += "<span class=\"delta delta-"
        output += delta.direction
        output += "\"><span aria-hidden=\"true\">"
        output += delta.arrow
        output += "</span> "
        text(delta.text)
        output += "<span class=\"visually-hidden\"> ("
        text(delta.label)
        output += ")</span></span>"
    }
}
