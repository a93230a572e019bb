import Diagnostics
import Foundation

/// A whole site as a build with `--cache` wrote it: where each of its files is in the cache, and
/// what the build reported. Kept under a digest of every input (`PageCache.inputsKey`), so the next
/// build of unchanged content copies the site back without reading a report: the CI case of a push
/// that changed no report (a README, the pipeline itself). Written in the cache's binary form
/// (`EntryWriter`): its JSON through `Codable` was a sixteenth of a restore's CPU time.
struct SiteRecord: Equatable {
    struct File: Equatable {
        /// Relative path in the output.
        let path: String
        /// Its entry in the cache's `pages/` folder.
        let entry: String
    }

    let files: [File]
    let diagnostics: [Diagnostic]
    let audits: Int
    let projects: Int
    let pages: Int
}
