import Portal
import Renderer

/// The step that decides what a rebuild renders: the parts of the portal that changed, and the pages
/// that show them.
extension SiteBuilder {
    /// The parts of the portal that differ from the last build's, texts read again included.
    func changes(from previous: BuildCache, to prepared: Prepared) -> Set<PortalPart> {
        var changed = prepared.merged.portal.parts(changedFrom: previous.merged.portal, candidates: prepared.merged.remerged)
        for (path, reading) in prepared.readings where previous.readings[path]?.stamp != reading.stamp {
            changed.insert(.text(AuditID(project: reading.file.project, slug: reading.file.slug)))
        }
        for (path, reading) in previous.readings where prepared.readings[path] == nil {
            changed.insert(.text(AuditID(project: reading.file.project, slug: reading.file.slug)))
        }
        return changed
    }

    /// The pages to render: those new to the site, and those showing a changed part.
    func select(_ pages: [PagePlan], showing changed: Set<PortalPart>, in portal: Portal, previous: Merged) -> [PagePlan] {
        guard !changed.isEmpty else { return [] }
        let before = Set(previous.pages.map(\.path))
        let touched = Set(changed.compactMap(\.project))
        return pages.filter { plan in
            if !before.contains(plan.path) { return true }
            // A project's pages show parts of that project only (`PagePlanPartsTests`): the pages of
            // projects nothing changed in are passed over without asking.
            if let project = plan.project, !touched.contains(project) { return false }
            return plan.kind.parts(in: portal).contains(where: changed.contains)
        }
    }
}
