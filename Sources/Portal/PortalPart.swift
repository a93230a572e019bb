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
    /// What any project states (lines aside: no site-wide page links to a line), or the set of
    /// projects: the site-wide pages.
    case portfolio

    /// The project the part belongs to (nil for the portfolio).
    public var project: String? {
        switch self {
        case .audit(let id), .text(let id), .changes(let id): id.project
        case .gap(let key): key.project
        case .gapSet(let project), .projectInfo(let project), .project(let project): project
        case .portfolio: nil
        }
    }
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
            changed.insert(.project(slug))
            if new?.info != previous?.info || !Self.sameStatements(new?.audits ?? [], previous?.audits ?? []) {
                changed.insert(.portfolio)
            }
            if new?.info != previous?.info { changed.insert(.projectInfo(project: slug)) }
            let gapIDs = Set((new?.gaps ?? []).map(\.id)), oldGapIDs = Set((previous?.gaps ?? []).map(\.id))
            if gapIDs != oldGapIDs { changed.insert(.gapSet(project: slug)) }
            for id in gapIDs.union(oldGapIDs) where new?.gap(id) != previous?.gap(id) {
                changed.insert(.gap(GapKey(project: slug, id: id)))
            }
            for id in Set((new?.audits ?? []).map(\.id)).union((previous?.audits ?? []).map(\.id)) {
                if new?.audit(id) != previous?.audit(id) { changed.insert(.audit(id)) }
                if new?.changes[id] != previous?.changes[id] { changed.insert(.changes(id)) }
            }
        }
        return changed
    }

    /// The same audits saying the same things, wherever in their files they say them.
    static func sameStatements(_ a: [AuditRecord], _ b: [AuditRecord]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            guard x.id == y.id, x.languages == y.languages, x.sourceLanguage == y.sourceLanguage, x.files == y.files,
                  x.extra == y.extra, x.factsByLanguage.count == y.factsByLanguage.count else { return false }
            for (language, facts) in x.factsByLanguage where facts.withoutLines != y.factsByLanguage[language]?.withoutLines {
                return false
            }
        }
        return true
    }
}
