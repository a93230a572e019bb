/// A problem found in the content, the theme or the configuration.
///
/// Content problems are values, not thrown errors: a build collects them all, prints them as
/// `file:line: level: message`, and still writes every page it can. Only conditions that make the
/// whole build meaningless (no content folder, an unreadable theme) are thrown.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    /// Path as the user wrote it or relative to the content folder; `nil` for site-wide problems.
    public let file: String?
    /// 1-based line, `nil` when the problem concerns the whole file.
    public let line: Int?
    public let message: String
    /// A stable machine-readable code (`date.missing`, `gap.unknown-id`, …) for filters and JSON output.
    public let code: DiagnosticCode

    public init(_ severity: Severity, file: String?, line: Int? = nil, code: DiagnosticCode, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.code = code
        self.message = message
    }

    public static func error(_ file: String?, line: Int? = nil, code: DiagnosticCode, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, code: code, message)
    }

    public static func warning(_ file: String?, line: Int? = nil, code: DiagnosticCode, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, code: code, message)
    }

    public static func info(_ file: String?, line: Int? = nil, code: DiagnosticCode, _ message: String) -> Diagnostic {
        Diagnostic(.info, file: file, line: line, code: code, message)
    }

    /// `file:line: level: message`, the form compilers use, so editors and CI logs link to the line.
    public var formatted: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            location += ": "
        }
        return "\(location)\(severity.rawValue): \(message) [\(code)]"
    }

    /// A copy whose file path is rewritten (content-relative paths become user-facing ones).
    public func relocated(file newFile: String?) -> Diagnostic {
        Diagnostic(severity, file: newFile, line: line, code: code, message)
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file, line, then severity and message, so output is stable whatever the build order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if (lhs.file ?? "") != (rhs.file ?? "") { return (lhs.file ?? "") < (rhs.file ?? "") }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}
