import Extraction

/// A part of the portal a page can show. Pages say which parts they read
/// (`PagePlan.Kind.parts(in:)`), a rebuild compares the parts of two portals
/// (`Portal.parts(changedFrom:candidates:)`), and a page is rendered again exactly when one of its
/// parts changed: no hand-kept list of "what this edit affects" to forget a page in.
public enum PortalPart: Hashable, Sendable {
    /// An audit's record: facts in every language, title, date, languages, files.
    case audit(AuditID)
    /// An audit's rendered text (any language).
    case text(AuditID)
    /// What changed since the previous audit of the project (which audit that is, deltas, GAP lists).
    case changes(AuditID)
    /// One GAP's history across the project's audits.
    case gap(GapKey)
    /// Which IDs a project defines: the IDs in its texts that become links.
    case gapSet(project: String)
    /// A project's name and description.
    case projectInfo(project: String)
    /// Anything in a project's timeline: its audits, trends, burn-down, tracked items.
    case project(String)
    /// Anything in any project, or the set of projects: site-wide pages and exports.
    case portfolio
}

extension Portal {
    /// The parts that differ between `old` and this portal. Only the projects in `candidates` (those
    /// whose timelines were computed again) and projects present in one portal only are compared:
    /// a timeline that was reused is the same value.
    public func parts(changedFrom old: Portal, candidates: Set<String>) -> Set<PortalPart> {
        var changed: Set<PortalPart> = []
        let slugs = Set(projects.map(\.slug)), oldSlugs = Set(old.projects.map(\.slug))
        if slugs != oldSlugs { changed.insert(.portfolio) }
        for slug in candidates.union(slugs.symmetricDifference(oldSlugs)).sorted() {
            let new = project(slug), previous = old.project(slug)
            if new == previous { continue }
            changed.insert(.portfolio)
            changed.insert(.project(slug))
            if new?.info != previous?.info { changed.insert(.projectInfo(project: slug)) }
            let gaps = Dictionary((new?.gaps ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let oldGaps = Dictionary((previous?.gaps ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            if Set(gaps.keys) != Set(oldGaps.keys) { changed.insert(.gapSet(project: slug)) }
            for id in Set(gaps.keys).union(oldGaps.keys) where gaps[id] != oldGaps[id] {
                changed.insert(.gap(GapKey(project: slug, id: id)))
            }
            let audits = Dictionary((new?.audits ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let oldAudits = Dictionary((previous?.audits ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for id in Set(audits.keys).union(oldAudits.keys) {
                if audits[id] != oldAudits[id] { changed.insert(.audit(id)) }
                if new?.changes[id] != previous?.changes[id] { changed.insert(.changes(id)) }
            }
        }
        return changed
    }
}
