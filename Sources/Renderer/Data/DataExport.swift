import Extraction
import Foundation
import Portal

/// The JSON files other tools read: `data/audits.json` and `data/gaps.json` (formats documented in
/// the README), and the offline search index. URLs are paths relative to the site root, one per
/// site language. Elements are serialized per project and cached, so a preview rebuild serializes
/// only the project that changed.
public struct DataExport: Sendable {
    let portal: Portal
    let languages: [String]
    let cache: ExportCache

    /// - Parameter cache: serialized elements of earlier runs; the caller invalidates the projects
    ///   that changed.
    public init(portal: Portal, languages: [String], cache: ExportCache = ExportCache()) {
        self.portal = portal
        self.languages = languages
        self.cache = cache
    }

    /// `data/audits.json`, as the file's bytes (tens of megabytes at 10,000 audits: no `String` made of it).
    public func audits() -> Data {
        JSONValue.arrayDocument(key: "audits", elements: portal.projects.flatMap { project in
            elements("audits", project, indent: "    ") { project.audits.map(auditValue) }
        }).data
    }

    /// `data/gaps.json`, as the file's bytes.
    public func gaps() -> Data {
        JSONValue.arrayDocument(key: "gaps", elements: portal.projects.flatMap { project in
            elements("gaps", project, indent: "    ") { project.gaps.map(gapValue) }
        }).data
    }

    /// Elements of one project for one export, from the cache or serialized now.
    private func elements(_ export: String, _ project: ProjectTimeline, indent: String, _ make: () -> [JSONValue]) -> [String] {
        if let cached = cache.get(.export(export), project: project.slug) { return cached }
        let serialized = make().map { $0.serialized(indent: indent) }
        cache.set(.export(export), project: project.slug, serialized)
        return serialized
    }

    func urls(_ kind: (String) -> PagePlan.Kind) -> JSONValue {
        .object(languages.map { ($0, .string(SitePaths.directory(for: kind($0)))) })
    }

    func auditValue(_ audit: AuditRecord) -> JSONValue {
        let facts = audit.facts
        return .object([
            ("id", .string(audit.id.description)),
            ("project", .string(audit.project)),
            ("date", .string(audit.date?.description)),
            ("lang", .string(audit.sourceLanguage)),
            ("translations", .array(audit.languages.map { .string($0) })),
            ("title", .string(audit.title(in: audit.sourceLanguage))),
            ("score", .number(facts.score?.value)),
            ("scoreText", .string(facts.score?.text)),
            ("scores", .array(facts.domainScores.map { d in
                .object([("domain", .string(d.domain)), ("label", .string(d.label)), ("score", .number(d.score.value))])
            })),
            ("ratings", .array(facts.ratings.map { r in
                .object([("domain", .string(r.domain)), ("label", .string(r.label)), ("rating", .string(r.rating.text)),
                         ("rank", .number(Double(r.rating.rank))), ("of", .number(Double(r.rating.of))), ("scale", .string(r.rating.scale))])
            })),
            ("items", .array(facts.items.map { item in
                .object([("kind", .string(item.kind.rawValue)), ("id", .string(item.id)), ("ref", .string(item.ref)),
                         ("title", .string(item.title)), ("severity", .string(item.severity?.rawValue)),
                         ("status", .string(item.status.rawValue)), ("line", .number(Double(item.line)))])
            })),
            ("url", urls { .audit(language: $0, audit: audit.id) }),
        ])
    }

    func gapValue(_ gap: GapHistory) -> JSONValue {
        .object([
            ("project", .string(gap.project)),
            ("id", .string(gap.id)),
            ("title", .string(gap.title)),
            ("severity", .string(gap.severity?.rawValue)),
            ("status", .string(gap.status.rawValue)),
            ("firstSeen", .string(gap.firstSeen?.description)),
            ("lastSeen", .string(gap.lastSeen?.description)),
            ("closedOn", .string(gap.closedOn?.description)),
            ("reopened", .bool(gap.reopened)),
            ("notReassessedSince", .string(gap.notReassessedSince?.description)),
            ("ageDays", gap.ageDays.map { .number(Double($0)) } ?? .null),
            ("history", .array(gap.entries.map { e in
                .object([("audit", .string(e.auditID.description)), ("date", .string(e.date?.description)),
                         ("status", .string(e.status.rawValue)), ("severity", .string(e.severity?.rawValue)),
                         ("event", .string(e.event.rawValue))])
            })),
            ("url", urls { .gap(language: $0, project: gap.project, id: gap.id) }),
        ])
    }

}
