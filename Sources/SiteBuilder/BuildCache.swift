import Diagnostics
import Foundation
import Portal
import Renderer

/// What a build leaves for the next one: one immutable value, replaced whole by each build that
/// succeeds. `serve` keeps it; a one-shot `build` does not.
///
/// The next build runs the same steps and reuses what the change left valid: the loaded theme and
/// configuration (unless they changed: `Invalidation.everything`), every reading whose file stamp is
/// unchanged, every project timeline whose readings and name are unchanged; then it compares the
/// parts of the two portals (`PortalPart`) and renders the pages that show a changed part.
struct BuildCache {
    let loaded: SiteBuilder.Loaded
    /// Readings by source path, each with the stamp of the file it was read from.
    let readings: [String: SourceReader.ParsedSource]
    let merged: SiteBuilder.Merged
    /// Content hash of every file in the output, by relative path: a page whose bytes did not change
    /// is not written again.
    let written: [String: Int]
    /// The exports a rebuild left to write once open pages were told to reload (`deferExports`).
    let exportsPending: Bool
    /// The build's diagnostics: a rebuild that brings an error not among them keeps the site.
    let diagnostics: [Diagnostic]

    /// What a change to these paths leaves valid.
    enum Invalidation: Equatable {
        /// The theme or the configuration changed: nothing is reused.
        case everything
        /// Only content changed: readings, timelines and pages are reused where unchanged.
        case content
    }

    func invalidation(of changed: [String], configFile: URL?, themeFolder: URL?) -> Invalidation {
        let themePath = (themeFolder ?? loaded.theme.source.folder).map { $0.path + "/" }
        let configPath = configFile?.path
        let touchesSettings = changed.contains { path in
            path == configPath || themePath.map { path.hasPrefix($0) } == true
        }
        return touchesSettings ? .everything : .content
    }

    func with(written: [String: Int], exportsPending: Bool) -> BuildCache {
        BuildCache(loaded: loaded, readings: readings, merged: merged, written: written, exportsPending: exportsPending,
                   diagnostics: diagnostics)
    }
}
