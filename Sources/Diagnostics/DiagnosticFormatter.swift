import Foundation

/// Prints diagnostics for people (`text`), for tools (`json`) or for GitHub's log annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github
}

public enum DiagnosticFormatter {
    public static func format(_ diagnostics: [Diagnostic], as format: DiagnosticFormat) -> String {
        let sorted = diagnostics.sorted()
        switch format {
        case .text:
            return sorted.map(\.formatted).joined(separator: "\n")
        case .github:
            return sorted.map(githubAnnotation).joined(separator: "\n")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Envelope: Encodable { let diagnostics: [Diagnostic] }
            let data = (try? encoder.encode(Envelope(diagnostics: sorted))) ?? Data("{\"diagnostics\":[]}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// `::error file=F,line=L,title=CODE::message`; GitHub wants `%`, CR, LF (and `,` `:` in properties) escaped.
    static func githubAnnotation(_ d: Diagnostic) -> String {
        let level = switch d.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        var properties: [String] = []
        if let file = d.file { properties.append("file=\(escapeProperty(file))") }
        if let line = d.line { properties.append("line=\(line)") }
        properties.append("title=\(escapeProperty(d.code.rawValue))")
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(d.message))"
    }

    private static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
