import Diagnostics
import Markdown

/// Gathers items, merging one ID defined in several places into one item, and reports conflicts.
struct ItemCollector {
    let context: ExtractionContext
    private(set) var items: [Item] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var indexByID: [String: Int] = [:]
    private var explicitSeverityLine: [String: Int] = [:]
    private var explicitStatusLine: [String: Int] = [:]
    private var reportedWords: Set<String> = []

    /// How many distinct IDs have been defined so far.
    var identifiedCount: Int { indexByID.count }

    init(context: ExtractionContext) {
        self.context = context
    }

    /// IDs defined only by a list line or heading so far: a table row defining them later wins.
    private var weakIDs: Set<String> = []

    func isDefined(_ id: String) -> Bool { indexByID[id] != nil }

    /// Index of the item an ID defines, if any.
    func index(of id: String) -> Int? { indexByID[id] }

    /// A status stated below an item that was defined without one (`Status: Acknowledged` under a
    /// finding heading). The first status stated for the item wins.
    /// Drops the last item (a heading that turned out to group findings).
    mutating func removeLast() {
        guard let last = items.popLast(), let id = last.id else { return }
        indexByID[id] = nil
    }

    mutating func stateStatus(_ status: Status, text: String, line: Int, forItemAt index: Int, verdict: Bool = false) {
        guard index < items.count else { return }
        if let id = items[index].id {
            guard explicitStatusLine[id] == nil || verdict else { return }
            explicitStatusLine[id] = line
        } else if items[index].statusText != nil, !verdict {
            return
        }
        items[index].status = status
        items[index].statusText = text
    }

    /// Items whose level was derived (a CVSS band, the ID's prefix) rather than stated: a stated level wins.
    private var derivedSeverity: Set<Int> = []

    /// A severity found after the item was defined: stated (`Severity: Low — adjusted`) or derived
    /// (a CVSS score, the ID's prefix). A stated level replaces a derived one, never the reverse.
    mutating func stateSeverity(_ severity: Severity, text: String, forItemAt index: Int, derived: Bool = false) {
        guard index < items.count, items[index].severity == nil || (!derived && derivedSeverity.contains(index)) else { return }
        items[index].severity = severity
        items[index].severityText = text
        if derived { derivedSeverity.insert(index) } else { derivedSeverity.remove(index) }
    }

    /// Drops items (sub-items such as `API-02a` once `API-02` is known), keeping the ID index right.
    mutating func removeItems(where shouldRemove: (Item) -> Bool) {
        items.removeAll(where: shouldRemove)
        indexByID = [:]
        for (index, item) in items.enumerated() { if let id = item.id { indexByID[id] = index } }
    }

    /// A definition from prose (a list line or heading that starts with the ID): weaker than a table row.
    mutating func addWeak(_ item: Item, explicitStatus: Bool = false) {
        guard let id = item.id, indexByID[id] == nil else { return }
        if explicitStatus { explicitStatusLine[id] = item.line }
        indexByID[id] = items.count
        items.append(item)
        weakIDs.insert(id)
    }

    mutating func add(_ item: Item, explicitSeverity: Bool, explicitStatus: Bool) {
        guard let id = item.id else {
            items.append(item)
            return
        }
        if weakIDs.contains(id), let index = indexByID[id] {
            // The table row becomes the definition; the prose line stays as another place.
            weakIDs.remove(id)
            var replacement = item
            replacement.otherLines = [items[index].line]
            if replacement.severity == nil || !explicitSeverity, let old = items[index].severity {
                replacement.severity = old
                replacement.severityText = items[index].severityText
            }
            // A row without a status (a risk matrix) keeps what the heading's details said.
            if !explicitStatus {
                replacement.status = items[index].status
                replacement.statusText = items[index].statusText
            }
            items[index] = replacement
            if explicitSeverity { explicitSeverityLine[id] = item.line }
            if explicitStatus { explicitStatusLine[id] = item.line }
            return
        }
        guard let index = indexByID[id] else {
            indexByID[id] = items.count
            items.append(item)
            if explicitSeverity { explicitSeverityLine[id] = item.line }
            if explicitStatus { explicitStatusLine[id] = item.line }
            return
        }
        var existing = items[index]
        existing.otherLines.append(item.line)
        if let severity = item.severity {
            if explicitSeverity, let firstLine = explicitSeverityLine[id], let old = existing.severity, old != severity {
                diagnostics.append(.warning(context.file, line: item.line, code: "gap.conflicting-severity",
                    "\(id) has two different severities in this audit: '\(existing.severityText ?? old.rawValue)' (line \(firstLine)) and '\(item.severityText ?? severity.rawValue)'; the first is kept"))
            } else if existing.severity == nil || (explicitSeverity && explicitSeverityLine[id] == nil) {
                existing.severity = severity
                existing.severityText = item.severityText
                if explicitSeverity { explicitSeverityLine[id] = item.line }
            }
        }
        if explicitStatus {
            if let firstLine = explicitStatusLine[id] {
                if existing.status != item.status {
                    diagnostics.append(.warning(context.file, line: item.line, code: "gap.conflicting-status",
                        "\(id) has two different statuses in this audit: '\(existing.statusText ?? existing.status.rawValue)' (line \(firstLine)) and '\(item.statusText ?? item.status.rawValue)'; the first is kept"))
                }
            } else {
                existing.status = item.status
                existing.statusText = item.statusText
                explicitStatusLine[id] = item.line
            }
        }
        if existing.title == id, item.title != id { existing.title = item.title }
        items[index] = existing
    }

    /// A short cell whose words are not in the vocabulary: quoted so the team can add it to `site.yaml`.
    mutating func unknownWord(_ text: String, what: String, line: Int) {
        let words = TextNormalizer.key(text).split(separator: " ")
        guard !words.isEmpty, words.count <= 4, !text.contains(where: \.isNumber) || words.count <= 2 else { return }
        let key = "\(what):\(line)"
        guard !reportedWords.contains(key) else { return }
        reportedWords.insert(key)
        diagnostics.append(.warning(context.file, line: line, code: DiagnosticCode(rawValue: "vocabulary.unknown-\(what)"),
                                    "unknown \(what) '\(text)'; add it to the vocabulary in site.yaml to have it understood"))
    }
}
