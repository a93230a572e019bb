import Diagnostics
import Dispatch
import Foundation
import SiteBuilder

/// The real site behind `serve`: a `SiteBuilder` that keeps its cache between rebuilds.
public struct BuilderSite: PreviewSite {
    let builder: SiteBuilder

    public init(options: BuildOptions) {
        builder = SiteBuilder(options: options)
        builder.keepsCaches = true
    }

    public var watchedPaths: [String] { builder.watchedPaths }
    public var outputDirectory: String { builder.options.outputDirectory.path }

    public func build() async -> PreviewBuildOutcome {
        outcome { try builder.build() }
    }

    public func rebuild(changed: [String]) async -> PreviewBuildOutcome {
        outcome { try builder.rebuild(changed: changed, keepOnError: true, deferExports: true) }
    }

    /// The JSON exports of the last rebuild, written once open pages have been told to reload.
    public func afterBuild() async {
        try? builder.writePendingExports()
    }

    /// A failed build is an outcome with its reason as a diagnostic, so the browser overlay shows it.
    private func outcome(_ run: () throws -> BuildReport) -> PreviewBuildOutcome {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let report = try run()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            if ProcessInfo.processInfo.environment["AUDIT_SITE_PROFILE"] != nil {
                FileHandle.standardError.write(Data("audit-site: \(report.summary)\n".utf8))
            }
            return PreviewBuildOutcome(succeeded: true, diagnostics: report.diagnostics, pagesWritten: report.pagesWritten, milliseconds: ms)
        } catch let failure as BuildFailure {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            return PreviewBuildOutcome(succeeded: false, diagnostics: failure.report.diagnostics, milliseconds: ms)
        } catch {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            // Anything but a build that found errors (above) stopped before building.
            return PreviewBuildOutcome(succeeded: false, diagnostics: [.error(nil, code: "build.failed", "\(error)")],
                                       milliseconds: ms, fatal: true)
        }
    }
}
