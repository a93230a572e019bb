import Templates

/// A JSON document built explicitly, so exports keep their documented key order, write `null`
/// where a value is absent, and come out byte-identical for identical input.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in the order given.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }

    /// A document `{"<key>": [ … ]}` whose array elements are already serialized at their indent
    /// (see `serialized(indent:)`): lets exports reuse the elements of projects that did not change.
    public static func arrayDocument(key: String, elements: [String]) -> TextOutput {
        var out = TextOutput(capacity: elements.reduce(64) { $0 + $1.utf8.count + 6 })
        out += "{\n  "
        writeString(key, into: &out)
        if elements.isEmpty {
            out += ": []\n}\n"
            return out
        }
        out += ": [\n"
        for (i, element) in elements.enumerated() {
            out += "    "
            out += element
            out += i == elements.count - 1 ? "\n" : ",\n"
        }
        out += "  ]\n}\n"
        return out
    }

    /// This value as it appears at `indent` inside a pretty-printed document (no trailing newline).
    public func serialized(indent: String) -> String {
        var out = TextOutput(capacity: 256)
        write(into: &out, indent: indent)
        return out.string
    }

    /// Pretty-printed with two-space indents and a final newline.
    public func serialized() -> String {
        var out = TextOutput(capacity: 256)
        write(into: &out, indent: "")
        out += "\n"
        return out.string
    }

    /// This value with no whitespace at all (files only scripts read, such as the search index).
    public func compact() -> String {
        var out = TextOutput(capacity: 256)
        writeCompact(into: &out)
        return out.string
    }

    private func writeCompact(into out: inout TextOutput) {
        switch self {
        case .null, .bool, .number, .string: write(into: &out, indent: "")
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCompact(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.writeCompact(into: &out)
            }
            out += "}"
        }
    }

    private func write(into out: inout TextOutput, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { out.append(Int(n)) } else { out += String(n) }
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (i, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            for (i, (key, value)) in pairs.enumerated() {
                out += inner
                Self.writeString(key, into: &out)
                out += ": "
                value.write(into: &out, indent: inner)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += indent
            out += "}"
        }
    }

    /// Appends `s` as a JSON string literal (for writers that build their JSON by hand).
    public static func appendQuoted(_ s: String, to out: inout TextOutput) {
        writeString(s, into: &out)
    }

    /// Escapes on bytes, copying the runs between escapes whole: French text and status badges are
    /// full of `’`, `—` and emoji, which share a lead byte with the two line separators JSON in HTML
    /// must escape, so a per-scalar slow path ran for most strings.
    private static func writeString(_ s: String, into out: inout TextOutput) {
        out += "\""
        var s = s
        s.withUTF8 { bytes in
            var start = 0, i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                let escape: String?
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x3C: escape = "\\u003c" // safe to inline in HTML
                case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default:
                    escape = nil
                }
                guard let escape else { i += 1; continue }
                if i > start { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                out += escape
                i += width
                start = i
            }
            if count > start { out.append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
        }
        out += "\""
    }
}
