import Diagnostics

/// What a build did: its diagnostics, how much it wrote, and how long each step took.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var auditCount = 0
    public var projectCount = 0
    public var pagesWritten = 0
    public var pagesUnchanged = 0
    /// Reports whose reading came from the cache folder (`--cache`).
    public var sourcesFromCache = 0
    /// Pages copied from the cache folder rather than rendered.
    public var pagesFromCache = 0
    /// Step name and milliseconds, in order.
    public var timings: [(step: String, milliseconds: Double)] = []

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    public var summary: String {
        let steps = timings.map { "\($0.step) \(Int($0.milliseconds.rounded())) ms" }.joined(separator: ", ")
        return "\(auditCount) audits in \(projectCount) projects, \(pagesWritten) pages written"
            + (pagesUnchanged > 0 ? " (\(pagesUnchanged) unchanged)" : "")
            + (sourcesFromCache > 0 ? ", \(sourcesFromCache) reports from the cache" : "")
            + (pagesFromCache > 0 ? ", \(pagesFromCache) pages from the cache" : "")
            + "; \(errorCount) errors, \(warningCount) warnings" + (steps.isEmpty ? "" : " [\(steps)]")
    }
}

/// A build that found errors and wrote nothing (a strict build, or a preview rebuild that keeps the
/// last good site); its report says what is wrong, so every caller can print the diagnostics.
public struct BuildFailure: Error, CustomStringConvertible {
    public let report: BuildReport
    /// Failed because of `--strict`.
    public var strict = false

    public init(report: BuildReport, strict: Bool = false) {
        self.report = report
        self.strict = strict
    }

    public var description: String {
        "build failed with \(report.errorCount) error\(report.errorCount == 1 ? "" : "s")\(strict ? " (strict mode)" : ""); the previous site is kept"
    }
}
