import Diagnostics
import Extraction

/// Every audit merged across dates: projects with their timelines, the GAP index, and the
/// diagnostics only the whole picture can give (an ID mentioned but defined nowhere in its project).
///
/// Built once per build from small per-audit facts; everything is indexed by ID so that rendering a
/// page never scans all audits.
public struct Portal: Sendable {
    public let projects: [ProjectTimeline]
    public let diagnostics: [Diagnostic]
    private let projectIndex: [String: Int]

    public init(audits: [AuditRecord], projects infos: [ProjectInfo], ids: IDMatcher) {
        var byProject: [String: [AuditRecord]] = [:]
        for audit in audits { byProject[audit.project, default: []].append(audit) }
        var infoBySlug: [String: ProjectInfo] = [:]
        for info in infos { infoBySlug[info.slug] = info }
        let slugs = Set(byProject.keys).sorted()
        self.init(timelines: slugs.map { slug in
            ProjectTimeline(info: infoBySlug[slug] ?? ProjectInfo(slug: slug), audits: byProject[slug] ?? [], ids: ids)
        })
    }

    /// A portal of ready timelines, in the given order (by slug, as the builder gives them).
    public init(timelines: [ProjectTimeline]) {
        projects = timelines
        var projectIndex: [String: Int] = [:]
        for (p, project) in projects.enumerated() { projectIndex[project.slug] = p }
        self.projectIndex = projectIndex
        diagnostics = projects.flatMap(\.diagnostics)
    }

    public func project(_ slug: String) -> ProjectTimeline? {
        projectIndex[slug].map { projects[$0] }
    }

    /// Asked of the timeline where it lies: `project(_:)` would copy the whole timeline first, and
    /// pages ask this for every audit they name.
    public func audit(_ id: AuditID) -> AuditRecord? {
        guard let index = projectIndex[id.project] else { return nil }
        return projects[index].audit(id)
    }

    public func gap(project slug: String, id: String) -> GapHistory? {
        guard let index = projectIndex[slug] else { return nil }
        return projects[index].gap(id)
    }

    /// A project's description, without copying its timeline (GAP rows name their project).
    public func info(of slug: String) -> ProjectInfo? {
        projectIndex[slug].map { projects[$0].info }
    }

    /// Every GAP of every project, by project then ID.
    public var allGaps: [GapHistory] { projects.flatMap(\.gaps) }

    /// Every audit, by project then date.
    public var allAudits: [AuditRecord] { projects.flatMap(\.audits) }
}
