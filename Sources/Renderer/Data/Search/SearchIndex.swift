import Extraction
import Foundation
import Templates
import Portal

/// The offline search of one language, as small script files the search page loads on demand.
///
///     data/search/<lang>/index.js     the manifest: shard names, facet labels, document count
///     data/search/<lang>/t-<key>.js   the terms starting with <key>, each with its documents
///     data/search/<lang>/d-<n>.js     64 documents: kind, title, link, context, date, facets
///
/// A section, or a finding without an ID, names its audit's document instead of repeating the
/// audit's link, title and date: the search page loads that document too.
///
/// What one query loads stays small whatever the portal's size: the manifest, the shards of its
/// words (a shard is split by one more letter until it is under `shardBytes`), and the document
/// chunks of the results shown. Each term keeps its `postingsLimit` most important documents
/// (projects, then audits newest first, findings most severe and open first, sections and items
/// newest first). Scripts rather than JSON, so search also works when the site is opened from disk.
public struct SearchIndex: Sendable {
    /// What a result is; the order of the groups on the search page.
    public enum Kind: Int, CaseIterable, Sendable {
        case project = 0, audit, finding, section
        var key: String { ["project", "audit", "finding", "section"][rawValue] }
    }

    /// A class: 300,000 documents at 10,000 audits are gathered, ordered and written, and a copy of
    /// a struct would retain each of its strings every time.
    final class Document {
        let kind: Kind
        let title: String
        /// The page (`fr/projects/acme/`), or the place in its audit's page (`#L12`, `#backups`).
        let url: String
        /// What the result is part of: a project name or description; nil when `audit` says it.
        let context: String?
        let date: String?
        let project: Int
        let severity: Severity?
        let status: Status?
        /// Numbers in the index's `TermTable`.
        let terms: [Int]
        /// The audit's ID, until documents are ordered.
        let auditID: AuditID?
        /// Index of the audit document a section or an item belongs to (set once documents are ordered).
        var audit: Int?
        /// The start of a section's text, shown under the result.
        let snippet: String?

        init(kind: Kind, title: String, url: String, context: String?, date: String?, project: Int, severity: Severity?,
             status: Status?, terms: [Int], auditID: AuditID? = nil, snippet: String? = nil) {
            self.kind = kind
            self.title = title
            self.url = url
            self.context = context
            self.date = date
            self.project = project
            self.severity = severity
            self.status = status
            self.terms = terms
            self.auditID = auditID
            self.snippet = snippet
        }
    }

    static let chunkSize = 64
    static let postingsLimit = 1500
    static let shardBytes = 24_000

    let portal: Portal
    let language: String
    let strings: [String: String]

    public init(portal: Portal, language: String, strings: [String: String]) {
        self.portal = portal
        self.language = language
        self.strings = strings
    }

    public static func folder(language: String) -> String { "data/search/\(language)/" }

    /// Every file of this language's index, path relative to the site root.
    public func files() -> [(String, Data)] {
        var table = TermTable()
        let documents = self.documents(&table)
        // Indexed by term number: a term of a document is counted with array reads, not hashed again.
        var postings = [[Int]](repeating: [], count: table.terms.count)
        var totals = [Int](repeating: 0, count: table.terms.count)
        var lastDocument = [Int](repeating: -1, count: table.terms.count)
        for (id, document) in documents.enumerated() {
            for term in document.terms where lastDocument[term] != id {
                lastDocument[term] = id
                totals[term] += 1
                if postings[term].count < Self.postingsLimit { postings[term].append(id) }
            }
        }
        let folder = Self.folder(language: language)
        var files: [(String, Data)] = []
        var shardKeys: [String] = []
        let sorted = table.terms.indices.sorted { table.terms[$0] < table.terms[$1] }
        for (key, terms) in Self.shards(sorted, table: table, postings: postings) {
            shardKeys.append(key)
            files.append((folder + "t-\(key).js", shardScript(key, terms, table: table, postings: postings, totals: totals,
                                                               documents: documents).data))
        }
        for start in stride(from: 0, to: documents.count, by: Self.chunkSize) {
            let chunk = documents[start..<min(documents.count, start + Self.chunkSize)]
            var out = TextOutput(capacity: chunk.count * 200)
            out += "AUDIT_SEARCH.docs("
            out.append(start / Self.chunkSize)
            out += ",[\n"
            for (i, document) in chunk.enumerated() {
                if i > 0 { out += ",\n" }
                Self.write(document, into: &out)
            }
            out += "]);\n"
            files.append((folder + "d-\(start / Self.chunkSize).js", out.data))
        }
        files.insert((folder + "index.js", Data(manifest(documents: documents.count, shards: shardKeys).utf8)), at: 0)
        return files
    }

    /// `[kind, title, url, context or audit document, date, project, severity, status, snippet]`,
    /// written by hand: 300,000 documents at 10,000 audits.
    static func write(_ document: Document, into out: inout TextOutput) {
        func quotedOrNull(_ text: String?) {
            if let text { JSONValue.appendQuoted(text, to: &out) } else { out += "null" }
        }
        out += "["
        out.append(document.kind.rawValue)
        out += ","
        JSONValue.appendQuoted(document.title, to: &out)
        out += ","
        JSONValue.appendQuoted(document.url, to: &out)
        out += ","
        if let audit = document.audit { out.append(audit) } else if let context = document.context, !context.isEmpty {
            JSONValue.appendQuoted(context, to: &out)
        } else { out += "null" }
        out += ","
        quotedOrNull(document.date)
        out += ","
        out.append(document.project)
        out += ","
        quotedOrNull(document.severity?.rawValue)
        out += ","
        quotedOrNull(document.status?.rawValue)
        if let snippet = document.snippet {
            out += ","
            JSONValue.appendQuoted(snippet, to: &out)
        }
        out += "]"
    }

    // MARK: Documents

    func documents(_ table: inout TermTable) -> [Document] {
        // Headings and titles repeat from audit to audit (`Summary`, `Backups`): each is cut once.
        var known: [String: [Int]] = [:]
        func terms(_ text: String) -> [Int] {
            if let cut = known[text] { return cut }
            let cut = table.numbers(of: SearchText.terms(text))
            known[text] = cut
            return cut
        }
        var projects: [Document] = []
        var audits: [(AuditDate?, Document)] = []
        var findings: [(Int, Document)] = []
        var sections: [(AuditDate?, Document)] = []
        for (index, project) in portal.projects.enumerated() {
            let name = project.info.name(in: language)
            let description = project.info.descriptions[language] ?? ""
            projects.append(Document(kind: .project, title: name, url: SitePaths.directory(for: .project(language: language, project: project.slug)),
                                     context: description, date: nil, project: index, severity: nil, status: nil,
                                     terms: table.numbers(of: SearchText.terms(name + " " + description + " " + project.slug))))
            for audit in project.audits {
                let facts = audit.factsByLanguage[language] ?? audit.facts
                let title = audit.title(in: language)
                let page = SitePaths.directory(for: .audit(language: language, audit: audit.id))
                let date = audit.date?.description
                audits.append((audit.date, Document(kind: .audit, title: title, url: page, context: name, date: date, project: index,
                                                    severity: nil, status: nil,
                                                    terms: terms([title, facts.author ?? "", facts.verdict ?? ""].joined(separator: " ")),
                                                    auditID: audit.id)))
                for heading in facts.headings where heading.level == 2 || heading.level == 3 {
                    sections.append((audit.date, Document(kind: .section, title: heading.text, url: "#" + heading.anchor,
                                                          context: nil, date: nil, project: index, severity: nil, status: nil,
                                                          terms: terms(heading.text), auditID: audit.id, snippet: heading.snippet)))
                }
                // Findings and recommendations without an ID have no page of their own: the result links
                // to their line. (Checklist lines and tasks are left to the audit page.)
                for item in facts.items where item.id == nil && (item.kind == .gap || item.kind == .recommendation || item.kind == .risk) {
                    findings.append((Self.rank(item.severity, item.status), Document(
                        kind: .finding, title: item.title, url: "#L\(item.line)", context: nil, date: nil, project: index,
                        severity: item.severity, status: item.status, terms: terms(item.title + " " + (item.ref ?? "")),
                        auditID: audit.id)))
                }
            }
            for gap in project.gaps {
                let last = gap.entries.last?.date?.description
                findings.append((Self.rank(gap.severity, gap.status), Document(
                    kind: .finding, title: "\(gap.id) — \(gap.title)",
                    url: SitePaths.directory(for: .gap(language: language, project: project.slug, id: gap.id)),
                    context: name, date: last, project: index, severity: gap.severity, status: gap.status,
                    terms: terms(gap.id + " " + gap.title))))
            }
        }
        // Stable orders (equal keys keep the portal's order), sorted on small keys, not on documents.
        let orderedAudits = Self.ordered(audits.map(\.1), by: audits.map { -($0.0?.dayNumber ?? Int.min / 2) })
        var auditIndex: [AuditID: Int] = [:]
        for (offset, audit) in orderedAudits.enumerated() { auditIndex[audit.auditID!] = projects.count + offset }
        let parts = Self.ordered(findings.map(\.1), by: findings.map(\.0))
            + Self.ordered(sections.map(\.1), by: sections.map { -($0.0?.dayNumber ?? Int.min / 2) })
        for document in parts {
            if let id = document.auditID { document.audit = auditIndex[id] }
        }
        return projects + orderedAudits + parts
    }

    /// `items` in ascending order of `keys`, equal keys in their order.
    static func ordered<T>(_ items: [T], by keys: [Int]) -> [T] {
        items.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { items[$0] }
    }

    /// Open and severe findings first.
    static func rank(_ severity: Severity?, _ status: Status?) -> Int {
        (status?.isOpen ?? false ? 0 : 10) + (severity?.rank ?? 9)
    }

    // MARK: Shards

    /// Terms grouped by their first two letters, a group split by one more letter while it is too large.
    /// - Parameter terms: term numbers, in the order of their text.
    static func shards(_ terms: [Int], table: TermTable, postings: [[Int]]) -> [(String, [Int])] {
        func size(_ terms: [Int]) -> Int { terms.reduce(0) { $0 + table.terms[$1].utf8.count + 8 + postings[$1].count * 9 } }
        func split(_ key: String, _ terms: [Int]) -> [(String, [Int])] {
            let length = key.count
            guard size(terms) > shardBytes, terms.contains(where: { table.terms[$0].count > length }) else { return [(key, terms)] }
            var exact: [Int] = []
            var groups: [(String, [Int])] = []
            for term in terms {
                let text = table.terms[term]
                guard text.count > length else { exact.append(term); continue }
                let next = String(text.prefix(length + 1))
                if groups.last?.0 == next { groups[groups.count - 1].1.append(term) } else { groups.append((next, [term])) }
            }
            return (exact.isEmpty ? [] : [(key, exact)]) + groups.flatMap { split($0.0, $0.1) }
        }
        var groups: [(String, [Int])] = []
        for term in terms {
            let key = String(table.terms[term].prefix(2))
            if groups.last?.0 == key { groups[groups.count - 1].1.append(term) } else { groups.append((key, [term])) }
        }
        return groups.flatMap { split($0.0, $0.1) }
    }

    /// `{"term": [document, facets, document, facets, …]}` with documents as gaps from the previous one:
    /// the facets travel with the postings, so facet counts need no document chunk. A term cut to its
    /// `postingsLimit` first documents starts with minus its whole count: the search page does not let
    /// such a word exclude a document (`GAP` in `GAP-2801` must not hide GAP-2801).
    func shardScript(_ key: String, _ terms: [Int], table: TermTable, postings: [[Int]], totals: [Int], documents: [Document]) -> TextOutput {
        var out = TextOutput(capacity: terms.count * 64)
        out += "AUDIT_SEARCH.shard(\""
        out += key
        out += "\",{\n"
        for (i, term) in terms.enumerated() {
            out += "\""
            out += table.terms[term]
            out += "\":["
            let list = postings[term]
            let total = totals[term]
            if total > list.count {
                out += "-"
                out.append(total)
                out += ","
            }
            var previous = 0
            for (j, id) in list.enumerated() {
                if j > 0 { out += "," }
                out.append(id - previous)
                out += ","
                out.append(Self.facets(documents[id]))
                previous = id
            }
            out += i == terms.count - 1 ? "]\n" : "],\n"
        }
        out += "});\n"
        return out
    }

    /// Project, kind, severity and status of a document in one number.
    static func facets(_ document: Document) -> Int {
        let severity = document.severity.map { Severity.allCases.firstIndex(of: $0)! + 1 } ?? 0
        let status = document.status.map { Status.allCases.firstIndex(of: $0)! + 1 } ?? 0
        return ((document.project * 4 + document.kind.rawValue) * 8 + severity) * 16 + status
    }

    func manifest(documents: Int, shards: [String]) -> String {
        func label(_ key: String) -> JSONValue { .string(strings[key] ?? key) }
        let value = JSONValue.object([
            ("documents", .number(Double(documents))), ("chunk", .number(Double(Self.chunkSize))),
            ("shards", .array(shards.map { .string($0) })),
            ("projects", .array(portal.projects.map { .string($0.info.name(in: language)) })),
            ("kinds", .array(Kind.allCases.map { label("search.kind.\($0.key)") })),
            ("severities", .array([label("severity.none")] + Severity.allCases.map { label("severity.\($0.rawValue)") })),
            ("severityKeys", .array([.string("")] + Severity.allCases.map { .string($0.rawValue) })),
            ("statuses", .array([.string("")] + Status.allCases.map { label("status.\($0.rawValue)") })),
            ("statusKeys", .array([.string("")] + Status.allCases.map { .string($0.rawValue) })),
        ])
        return "AUDIT_SEARCH.manifest(" + value.compact() + ");\n"
    }
}
