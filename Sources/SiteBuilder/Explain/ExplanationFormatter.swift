import Diagnostics
import Extraction
import Renderer

/// `explain` output: a readable listing, or JSON for tools (same content, documented key order).
public enum ExplanationFormatter {
    public static func text(_ e: ReportExplanation) -> String {
        var lines = ["\(e.file)"]
        func fact(_ name: String, _ value: String, _ line: Int?) {
            let padded = name.padding(toLength: 12, withPad: " ", startingAt: 0)
            lines.append("  \(padded)\(value)" + (line.map { "   (line \($0))" } ?? ""))
        }
        let f = e.facts
        fact("title", f.title ?? "—", nil)
        fact("date", f.date?.description ?? "— (none found)", f.dateLine)
        fact("score", f.score.map { "\(format($0.value)) (\($0.text))" } ?? "—", f.score?.line)
        for d in f.domainScores { fact("  domain", "\(d.domain) \(format(d.score.value)) (\(d.score.text))", d.score.line) }
        for r in f.ratings { fact("  rating", "\(r.domain) \(r.rating.text) (\(r.rating.rank)/\(r.rating.of) on \(r.rating.scale))", r.line) }
        if f.items.isEmpty { lines.append("  items       none") }
        for kind in Item.Kind.allCases {
            let items = f.items.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            lines.append("  \(kind.rawValue)s (\(items.count))")
            for item in items {
                let name = item.id ?? item.ref ?? "—"
                lines.append("    line \(item.line): \(name) · \(item.severity?.rawValue ?? "no level") · \(item.status.rawValue) · \(item.title)")
            }
        }
        if let closure = f.closesEarlierFindings {
            fact("re-check", "states that every earlier finding is resolved"
                 + (closure.exceptions.isEmpty ? "" : " but \(closure.exceptions.joined(separator: ", "))"), closure.line)
        }
        for count in f.statedCounts { fact("states", "\(count.count) \(count.severity.rawValue)", count.line) }
        if !e.notUnderstood.isEmpty {
            lines.append("  not understood")
            for (line, what) in e.notUnderstood { lines.append("    line \(line): \(what)") }
        }
        if !e.diagnostics.isEmpty {
            lines.append("  diagnostics")
            for d in e.diagnostics { lines.append("    \(d.formatted)") }
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ e: ReportExplanation) -> String {
        let f = e.facts
        func score(_ s: Score?) -> JSONValue {
            guard let s else { return .null }
            return .object([("value", .number(s.value)), ("text", .string(s.text)), ("line", .number(Double(s.line)))])
        }
        let items: [JSONValue] = f.items.map { item in
            .object([("kind", .string(item.kind.rawValue)), ("id", .string(item.id)), ("ref", .string(item.ref)),
                     ("title", .string(item.title)), ("severity", .string(item.severity?.rawValue)),
                     ("status", .string(item.status.rawValue)), ("line", .number(Double(item.line)))])
        }
        let diagnostics: [JSONValue] = e.diagnostics.map {
            .object([("line", .number($0.line.map(Double.init))), ("level", .string("\($0.severity)")),
                     ("code", .string($0.code.rawValue)), ("message", .string($0.message))])
        }
        let value = JSONValue.object([
            ("file", .string(e.file)),
            ("title", .string(f.title)),
            ("date", .string(f.date?.description)),
            ("dateLine", .number(f.dateLine.map(Double.init))),
            ("score", score(f.score)),
            ("domains", .array(f.domainScores.map { .object([("domain", .string($0.domain)), ("label", .string($0.label)),
                                                             ("score", score($0.score))]) })),
            ("ratings", .array(f.ratings.map { .object([("domain", .string($0.domain)), ("label", .string($0.label)),
                                                        ("rating", .string($0.rating.text)), ("rank", .number(Double($0.rating.rank))),
                                                        ("of", .number(Double($0.rating.of))), ("scale", .string($0.rating.scale)),
                                                        ("line", .number(Double($0.line)))]) })),
            ("items", .array(items)),
            ("closesEarlierFindings", f.closesEarlierFindings.map { .object([("line", .number(Double($0.line))),
                                                                              ("exceptions", .array($0.exceptions.map { .string($0) }))]) } ?? .null),
            ("statedCounts", .array(f.statedCounts.map { .object([("severity", .string($0.severity.rawValue)),
                                                                  ("count", .number(Double($0.count))), ("line", .number(Double($0.line)))]) })),
            ("notUnderstood", .array(e.notUnderstood.map { .object([("line", .number(Double($0.line))), ("what", .string($0.what))]) })),
            ("diagnostics", .array(diagnostics)),
        ])
        return value.serialized()
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
