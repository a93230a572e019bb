import Extraction

/// An item without an ID (task, checklist line, recommendation) followed across a project's audits
/// by its normalised title: `Rotation des secrets` in two audits is the same item when the titles
/// match exactly once accents, case, numbering and badges are set aside.
public struct TrackedItem: Sendable {
    public struct Entry: Sendable {
        public let auditID: AuditID
        public let date: AuditDate?
        public let status: Status
        public let line: Int
    }

    public let kind: Item.Kind
    public let title: String
    public let key: String
    public let entries: [Entry]

    /// Items seen in at least two audits of the project, by kind then title.
    static func track(_ audits: [AuditRecord]) -> [TrackedItem] {
        var byKey: [String: (kind: Item.Kind, title: String, entries: [Entry])] = [:]
        for audit in audits {
            var seenHere: Set<String> = []
            for item in audit.facts.items where item.id == nil {
                let key = item.kind.rawValue + ":" + TextNormalizer.key(item.title)
                guard !item.title.isEmpty, seenHere.insert(key).inserted else { continue }
                var value = byKey[key] ?? (item.kind, item.title, [])
                value.entries.append(Entry(auditID: audit.id, date: audit.date, status: item.status, line: item.line))
                value.title = item.title
                byKey[key] = value
            }
        }
        return byKey.filter { $0.value.entries.count >= 2 }
            .map { TrackedItem(kind: $0.value.kind, title: $0.value.title, key: $0.key, entries: $0.value.entries) }
            .sorted { ($0.kind.rawValue, $0.key) < ($1.kind.rawValue, $1.key) }
    }
}
