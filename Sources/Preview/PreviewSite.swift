import Diagnostics

/// What `serve` needs from a site builder.
///
/// The preview server only ever talks to this protocol, so it can be tested with a fake site and
/// the real builder stays free of any HTTP concern (it never sees the reload script).
public protocol PreviewSite: Sendable {
    /// Folders and files to watch (content folder, theme folder, config file).
    var watchedPaths: [String] { get }
    /// The folder the site is written to (served from here).
    var outputDirectory: String { get }
    /// Full build; returns diagnostics. `succeeded == false` means the previous site was kept.
    func build() async -> PreviewBuildOutcome
    /// Incremental rebuild after these paths changed (absolute paths).
    func rebuild(changed: [String]) async -> PreviewBuildOutcome
    /// Work that may follow the reload (data exports): runs before the next build starts.
    func afterBuild() async
}

extension PreviewSite {
    public func afterBuild() async {}
}

/// The result of one build, as the preview server needs it: whether to reload pages or to show
/// the error overlay, and a one-line summary for the terminal.
public struct PreviewBuildOutcome: Sendable {
    /// `false` when the build was abandoned and the previously written site is still in place.
    public var succeeded: Bool
    public var diagnostics: [Diagnostic]
    public var pagesWritten: Int
    public var milliseconds: Double
    /// The build could not start at all (no theme, broken `site.yaml`, no content folder): when the
    /// first build is fatal there is nothing to serve, and `serve` exits with the message.
    public var fatal: Bool

    public init(succeeded: Bool, diagnostics: [Diagnostic] = [], pagesWritten: Int = 0, milliseconds: Double = 0,
                fatal: Bool = false) {
        self.succeeded = succeeded
        self.fatal = fatal
        self.diagnostics = diagnostics
        self.pagesWritten = pagesWritten
        self.milliseconds = milliseconds
    }
}
