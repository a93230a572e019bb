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
    private let auditIndex: [AuditID: (project: Int, audit: Int)]
    private let gapIndex: [GapKey: (project: Int, gap: Int)]

    public init(audits: [AuditRecord], projects infos: [ProjectInfo], ids: IDMatcher) {
        var byProject: [String: [AuditRecord]] = [:]
        for audit in audits { byProject[audit.project, default: []].append(audit) }
        var infoBySlug: [String: ProjectInfo] = [:]
        for info in infos { infoBySlug[info.slug] = info }
        let slugs = Set(byProject.keys).sorted()
        self.init(timelines: slugs.map { slug in
            ProjectTimeline(info: infoBySlug[slug] ?? ProjectInfo(slug: slug), audits: byProject[slug] ?? [])
        }, ids: ids)
    }

    /// A portal of ready timelines, in the given order (by slug, as the builder gives them).
    public init(timelines: [ProjectTimeline], ids: IDMatcher) {
        projects = timelines
        var projectIndex: [String: Int] = [:]
        var auditIndex: [AuditID: (Int, Int)] = [:]
        var gapIndex: [GapKey: (Int, Int)] = [:]
        var diagnostics: [Diagnostic] = []
        for (p, project) in projects.enumerated() {
            projectIndex[project.slug] = p
            for (a, audit) in project.audits.enumerated() { auditIndex[audit.id] = (p, a) }
            for (g, gap) in project.gaps.enumerated() { gapIndex[gap.key] = (p, g) }
            let defined = Set(project.gaps.map(\.id))
            for audit in project.audits {
                var reported: Set<String> = []
                for mention in audit.facts.mentions where !defined.contains(mention.id) && ids.isID(mention.id) {
                    guard reported.insert(mention.id).inserted else { continue }
                    diagnostics.append(.warning(audit.files[audit.sourceLanguage], line: mention.line, code: "gap.undefined",
                        "\(mention.id) is mentioned but defined in no audit of project '\(project.slug)'; it is left as plain text"))
                }
            }
        }
        self.projectIndex = projectIndex
        self.auditIndex = auditIndex
        self.gapIndex = gapIndex
        self.diagnostics = diagnostics
    }

    public func project(_ slug: String) -> ProjectTimeline? {
        projectIndex[slug].map { projects[$0] }
    }

    public func audit(_ id: AuditID) -> AuditRecord? {
        auditIndex[id].map { projects[$0.project].audits[$0.audit] }
    }

    public func gap(project: String, id: String) -> GapHistory? {
        gapIndex[GapKey(project: project, id: id)].map { projects[$0.project].gaps[$0.gap] }
    }

    /// Every GAP of every project, by project then ID.
    public var allGaps: [GapHistory] { projects.flatMap(\.gaps) }

    /// Every audit, by project then date.
    public var allAudits: [AuditRecord] { projects.flatMap(\.audits) }
}
