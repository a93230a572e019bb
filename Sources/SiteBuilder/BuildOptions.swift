import Foundation

/// What the command line (or a test, or `serve`) asks the builder to do.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    public var outputDirectory: URL
    /// A theme folder overriding the built-in theme file by file; nil: `theme:` in site.yaml, else
    /// the built-in theme alone.
    public var themeDirectory: URL?
    /// `site.yaml`; optional when it does not exist at its default place.
    public var configFile: URL?
    /// True when the config file was named explicitly: then it must exist.
    public var configRequired: Bool
    public var baseURL: String?
    /// Any error-level diagnostic fails the build (and, for `check`, any warning).
    public var strict: Bool
    /// The folder the user works in; the output may not be it or one of its ancestors.
    public var projectRoot: URL
    /// Where readings of reports are kept between builds (`--cache DIR`); nil reads every report.
    public var cacheDirectory: URL?

    public init(contentDirectory: URL, outputDirectory: URL, themeDirectory: URL? = nil, configFile: URL? = nil,
                configRequired: Bool = false, baseURL: String? = nil, strict: Bool = false, projectRoot: URL? = nil,
                cacheDirectory: URL? = nil) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        self.outputDirectory = outputDirectory.standardizedFileURL
        self.themeDirectory = themeDirectory?.standardizedFileURL
        self.configFile = configFile?.standardizedFileURL
        self.configRequired = configRequired
        self.baseURL = baseURL
        self.strict = strict
        self.cacheDirectory = cacheDirectory?.standardizedFileURL
        self.projectRoot = (projectRoot ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// Paths shown in diagnostics are relative to the folder the user works in when possible.
    func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = projectRoot.path.hasSuffix("/") ? projectRoot.path : projectRoot.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
