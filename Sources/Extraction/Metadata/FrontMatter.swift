import SafeYAML
import Yams

/// The optional YAML block at the top of a report (`---` … `---`).
///
/// Known keys are typed; every other key is kept as text so themes and exports can use it.
/// Broken YAML is a diagnostic at the right line of the file, and the body is still rendered.
public struct FrontMatter: Sendable, Equatable, Codable {
    public var title: String?
    public var date: String?
    public var project: String?
    public var lang: String?
    public var author: String?
    public var verdict: String?
    public var score: String?
    /// Other keys, sorted by name, with scalar values as text.
    public var extra: [String: String]
    /// Facts about findings the author states or corrects (`findings: {C-01: {status: done}}`), by ID:
    /// the words as written, read with the vocabulary by the extractor. Stated facts win.
    public var findings: [String: StatedFinding] = [:]

    /// What the front matter says of one finding.
    public struct StatedFinding: Sendable, Equatable, Codable {
        public var severity: String?
        public var status: String?
        public var title: String?

        public init(severity: String? = nil, status: String? = nil, title: String? = nil) {
            self.severity = severity
            self.status = status
            self.title = title
        }
    }

    public init(title: String? = nil, date: String? = nil, project: String? = nil, lang: String? = nil,
                author: String? = nil, verdict: String? = nil, score: String? = nil, extra: [String: String] = [:]) {
        self.title = title
        self.date = date
        self.project = project
        self.lang = lang
        self.author = author
        self.verdict = verdict
        self.score = score
        self.extra = extra
    }

    /// A source split into front matter and body.
    public struct Split: Sendable {
        public let frontMatter: FrontMatter
        public let body: String
        /// Lines before the body starts, to add to body line numbers.
        public let bodyLineOffset: Int
        public let problem: (line: Int, message: String)?
    }

    /// Splits `text` (already LF-normalised). A file that does not start with `---` has no front matter.
    /// - Parameter limits: bounds on the YAML (alias expansion, depth, size), from `site.yaml`'s `limits:`.
    public static func split(_ text: String, limits: SafeYAML.Limits = SafeYAML.Limits()) -> Split {
        guard text.hasPrefix("---\n") || text == "---" else {
            return Split(frontMatter: FrontMatter(), body: text, bodyLineOffset: 0, problem: nil)
        }
        // Find the closing fence: a line that is exactly `---` or `...`.
        var lineNumber = 1
        var index = text.index(text.startIndex, offsetBy: 4)
        let yamlStart = index
        while index < text.endIndex {
            lineNumber += 1
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[index..<lineEnd]
            if line == "---" || line == "..." {
                let yaml = String(text[yamlStart..<index])
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                let body = String(text[bodyStart...])
                let (frontMatter, problem) = parse(yaml, limits: limits)
                return Split(frontMatter: frontMatter, body: body, bodyLineOffset: lineNumber, problem: problem)
            }
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        // No closing fence: a thematic break at the top, not front matter.
        return Split(frontMatter: FrontMatter(), body: text, bodyLineOffset: 0,
                     problem: (1, "front matter opened with '---' on line 1 is never closed; the file is read as Markdown"))
    }

    /// Parses the YAML; line numbers in problems count from the first line of the file (the `---`).
    static func parse(_ yaml: String, limits: SafeYAML.Limits = SafeYAML.Limits()) -> (FrontMatter, (line: Int, message: String)?) {
        let loaded: Any?
        do {
            loaded = try SafeYAML.load(yaml, resolver: Resolver.default.removing(.timestamp), limits: limits)
        } catch let error as YamlError {
            return (FrontMatter(), describe(error))
        } catch let refusal as SafeYAML.Refusal {
            // +1: the YAML starts on the line after the opening `---`.
            return (FrontMatter(), (refusal.line + 1, "front matter is refused: \(refusal.message)"))
        } catch {
            return (FrontMatter(), (1, "front matter is not valid YAML: \(error)"))
        }
        guard let loaded else { return (FrontMatter(), nil) }
        guard let mapping = loaded as? [AnyHashable: Any] else {
            return (FrontMatter(), (2, "front matter must be a mapping of keys to values, not \(type(of: loaded))"))
        }
        var fm = FrontMatter()
        // `Audit-Date:`, `report_date:`: the audit's date under another key, when no `date:` says it.
        var otherDate: (key: String, text: String)?
        for (rawKey, value) in mapping {
            let key = "\(rawKey)"
            let text = scalarText(value)
            switch key.lowercased() {
            case "title": fm.title = text
            case "date": fm.date = text
            case "project": fm.project = text
            case "lang", "language", "langue": fm.lang = text?.lowercased()
            case "author", "auditor", "auteur", "auditeur", "reviewer", "auditors", "prepared-by", "prepared_by": fm.author = text
            case "verdict": fm.verdict = text
            case "score": fm.score = text
            case "findings", "gaps", "constats", "ecarts", "écarts":
                // `C-01: done`, or `C-01: {severity: high, status: accepted, title: …}`.
                for (id, stated) in value as? [AnyHashable: Any] ?? [:] {
                    if let map = stated as? [AnyHashable: Any] {
                        var finding = StatedFinding()
                        for (k, v) in map {
                            switch "\(k)".lowercased() {
                            case "severity", "severite", "sévérité", "level", "niveau": finding.severity = scalarText(v)
                            case "status", "statut": finding.status = scalarText(v)
                            case "title", "titre": finding.title = scalarText(v)
                            default: break
                            }
                        }
                        fm.findings["\(id)"] = finding
                    } else if let word = scalarText(stated) {
                        fm.findings["\(id)"] = StatedFinding(severity: nil, status: word, title: nil)
                    }
                }
            default:
                if let text { fm.extra[key] = text }
                let lower = key.lowercased()
                if let text, lower.contains("date"),
                   !["next", "due", "start", "debut", "début", "echeance", "échéance", "deadline", "created", "retest"].contains(where: lower.contains),
                   otherDate.map({ lower < $0.key }) ?? true {
                    otherDate = (lower, text)
                }
            }
        }
        if fm.date == nil { fm.date = otherDate?.text }
        return (fm, nil)
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let s as String: return s
        case let list as [Any]: return list.compactMap(scalarText).joined(separator: ", ")
        case is [AnyHashable: Any]: return nil
        default: return "\(value)"
        }
    }

    static func describe(_ error: YamlError) -> (line: Int, message: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            // +1: the YAML starts on the line after the opening `---`.
            return (mark.line + 1, "front matter is not valid YAML: \(problem) (column \(mark.column))")
        default:
            return (2, "front matter is not valid YAML: \(error)")
        }
    }
}
