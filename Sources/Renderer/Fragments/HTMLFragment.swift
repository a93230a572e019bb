import Templates

/// Builds HTML for lists that can hold thousands of rows (items of an audit, GAP histories, the GAP
/// index, trend tables). They are rendered here rather than in mustache: a template resolves every
/// name through its context stack with dynamic casts, which costs microseconds per value and would
/// dominate a 10,000-audit build. The theme still owns the page around them and styles them through
/// their classes (documented in the README).
struct HTMLFragment {
    private(set) var html = ""

    init(capacity: Int = 1024) {
        html.reserveCapacity(capacity)
    }

    /// Markup written as is (tags and attribute names only, never content).
    mutating func raw(_ markup: String) { html += markup }

    /// Text content, escaped.
    mutating func text(_ value: String) { html += HTMLEscape.escape(value) }

    /// `<span class="badge sev-high">High</span>`
    mutating func badge(_ cssClass: String, _ label: String) {
        html += "<span class=\"badge \(cssClass)\">"
        text(label)
        html += "</span>"
    }

    /// `<a href="…">text</a>`; `lang` marks text in another language than the page.
    mutating func link(_ href: String, _ label: String, cssClass: String? = nil, lang: String? = nil) {
        html += "<a href=\"\(HTMLEscape.escape(href))\""
        if let cssClass { html += " class=\"\(cssClass)\"" }
        if let lang { html += " lang=\"\(lang)\"" }
        html += ">"
        text(label)
        html += "</a>"
    }

    /// A score with its level class (`score-good`), as the theme's `score` partial writes it.
    mutating func score(_ score: ScoreView?) {
        guard let score else { return }
        html += "<span class=\"score score-\(score.level)\""
        html += " title=\"\(HTMLEscape.escape(score.original))\""
        html += ">"
        text(score.text)
        html += "</span>"
    }

    /// A change, as the theme's `delta` partial writes it.
    mutating func delta(_ delta: DeltaView?) {
        guard let delta else { return }
        html += "<span class=\"delta delta-\(delta.direction)\"><span aria-hidden=\"true\">\(delta.arrow)</span> "
        text(delta.text)
        html += "<span class=\"visually-hidden\"> ("
        text(delta.label)
        html += ")</span></span>"
    }
}
