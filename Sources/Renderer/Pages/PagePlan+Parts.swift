import Extraction
import Portal

extension PagePlan.Kind {
    /// The parts of the portal this page shows, read from the same values its page builder reads.
    /// A rebuild renders the page again when one of them changed (`Portal.parts(changedFrom:…)`), so a
    /// page builder that starts reading something new must name it here; `IncrementalRebuildTests`
    /// compares rebuilds with full builds over a seeded series of edits to catch one that does not.
    /// No `default`: a new page kind must decide.
    public func parts(in portal: Portal) -> [PortalPart] {
        switch self {
        case .root, .notFound, .search:
            // Interface strings and the list of languages: only the theme and the configuration.
            return []
        case .home, .portfolio, .gapIndex:
            return [.portfolio]
        case .project(_, let slug):
            return [.project(slug)]
        case .audit(_, let id):
            var parts: [PortalPart] = [.audit(id), .text(id), .changes(id), .projectInfo(project: id.project),
                                       .gapSet(project: id.project)]
            guard let audit = portal.audit(id), let project = portal.project(id.project) else { return parts }
            // The comparison names the previous audit by its title, date and score.
            if let previous = project.changes[id]?.previousAuditID { parts.append(.audit(previous)) }
            // A re-check that only names an ID shows the finding's title from the audits that stated it.
            for facts in audit.factsByLanguage.values {
                for item in facts.items where item.title == item.id {
                    if let gap = item.id { parts.append(.gap(GapKey(project: id.project, id: gap))) }
                }
            }
            return parts
        case .gap(_, let slug, let id):
            var parts: [PortalPart] = [.gap(GapKey(project: slug, id: id)), .projectInfo(project: slug)]
            // Its history and references name each audit by title and date, and link to its lines.
            if let gap = portal.gap(project: slug, id: id) {
                for audit in Set(gap.entries.map(\.auditID) + gap.references.map(\.auditID)) { parts.append(.audit(audit)) }
            }
            return parts
        }
    }
}
