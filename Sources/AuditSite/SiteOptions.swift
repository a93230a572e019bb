import ArgumentParser
import Foundation
import SiteBuilder

/// Options shared by every command that builds.
struct SiteOptions: ParsableArguments {
    @Option(help: "Folder of reports: content/<project>/<name>[.<lang>].md") var content = "content"
    @Option(help: "Theme folder overriding files of the built-in theme (default: `theme:` in site.yaml, else the built-in theme).")
    var theme: String?
    @Option(help: "Site configuration (optional unless given).") var config: String?
    @Option(name: .customLong("base-url"), help: "Absolute URL the site is published at (for canonical and hreflang links).") var baseURL: String?
    @Flag(help: "Fail on any error diagnostic (check: also on warnings).") var strict = false
    @Option(help: "Folder where readings of reports are kept between builds (CI: keep it between runs; safe to delete).")
    var cache: String?

    func buildOptions(output: String) -> BuildOptions {
        BuildOptions(contentDirectory: URL(fileURLWithPath: content), outputDirectory: URL(fileURLWithPath: output),
                     themeDirectory: theme.map { URL(fileURLWithPath: $0) }, configFile: URL(fileURLWithPath: config ?? "site.yaml"),
                     configRequired: config != nil, baseURL: baseURL, strict: strict,
                     cacheDirectory: cache.map { URL(fileURLWithPath: $0) })
    }
}
