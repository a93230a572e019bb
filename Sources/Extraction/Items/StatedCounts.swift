import Diagnostics

/// A count of findings that a report states about itself (`| High | 3 |` in a summary table).
public struct StatedCount: Sendable, Equatable, Codable {
    public let severity: Severity
    public let count: Int
    public let line: Int

    public init(severity: Severity, count: Int, line: Int) {
        self.severity = severity
        self.count = count
        self.line = line
    }
}

/// Compares what a report says it contains with what was understood from it: agreement is worth
/// an info line (`explain` shows it), a mismatch a warning naming both numbers, so a report whose
/// shape was misread does not go unnoticed.
enum StatedCounts {
    static func compare(_ stated: [StatedCount], with items: [Item], file: String) -> [Diagnostic] {
        guard !stated.isEmpty else { return [] }
        var found: [Severity: Int] = [:]
        for item in items where item.kind == .gap || item.kind == .risk {
            if let severity = item.severity { found[severity, default: 0] += 1 }
        }
        var seen: Set<Severity> = []
        var diagnostics: [Diagnostic] = []
        for count in stated where seen.insert(count.severity).inserted {
            let understood = found[count.severity] ?? 0
            let noun = count.count == 1 ? "finding" : "findings"
            if understood == count.count {
                diagnostics.append(.info(file, line: count.line, code: "findings.count-matches",
                                         "states \(count.count) \(count.severity.rawValue) \(noun), \(understood) understood"))
            } else {
                diagnostics.append(.warning(file, line: count.line, code: "findings.count-mismatch",
                                            "states \(count.count) \(count.severity.rawValue) \(noun), but \(understood) were understood; check the report's shape (audit-site explain)"))
            }
        }
        return diagnostics
    }
}
