import Foundation
import Mustache

/// Renders mustache templates once per *shape* of context and fills in values by substitution.
///
/// Mustache is logic-less: what a template outputs depends on which values are present, on
/// booleans and on list lengths, never on the text of a string. So a page's context is split into
/// its shape (keys present, booleans, list lengths) and its strings; the template is rendered once
/// per shape with numbered placeholders in place of the strings, and every other page of that shape
/// is produced by copying the skeleton and substituting its own strings (escaped where mustache
/// would have escaped them). Tens of thousands of pages then cost one mustache render per shape,
/// with exactly the output mustache would have produced.
final class SkeletonCache: @unchecked Sendable {
    /// A rendered template: constant text and numbered holes.
    struct Skeleton {
        enum Part {
            case text(String)
            case value(Int, escaped: Bool)
        }
        let parts: [Part]
        let size: Int
    }

    private let lock = NSLock()
    private var skeletons: [String: Skeleton] = [:]

    /// Placeholders use private-use delimiters and `<`/`>`, which mustache's escaping turns into
    /// `&lt;`/`&gt;`: the skeleton shows whether each hole was an escaped `{{x}}` or a raw `{{{x}}}`.
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    private(set) var misses = 0

    func render(_ template: String, library: MustacheLibrary, context: ContextObject, constants: String) -> String? {
        var values: [String] = []
        var shape = template + "\u{0}" + constants + "\u{0}"
        let placeholders = Self.placeholders(for: context, values: &values, shape: &shape)
        lock.lock()
        var skeleton = skeletons[shape]
        lock.unlock()
        if skeleton == nil {
            guard let output = library.render(placeholders, withTemplate: template) else { return nil }
            let parsed = Self.parse(output)
            lock.lock()
            skeletons[shape] = parsed
            misses += 1
            lock.unlock()
            skeleton = parsed
        }
        return Self.fill(skeleton!, values)
    }

    /// Replaces every string of the context by a numbered placeholder and writes the shape.
    static func placeholders(for value: Any, values: inout [String], shape: inout String) -> Any {
        if let object = value as? ContextObject {
            if object.isConstant {
                shape += "c\(ObjectIdentifier(object).hashValue);"
                return object
            }
            var out: [String: Any] = [:]
            out.reserveCapacity(object.values.count)
            shape += "{"
            for key in object.values.keys.sorted() {
                shape += key
                shape += ":"
                out[key] = placeholders(for: object.values[key]!, values: &values, shape: &shape)
            }
            shape += "}"
            return ContextObject(out)
        }
        if let string = value as? String {
            values.append(string)
            shape += "s"
            return "\(open)<\(values.count - 1)>\(close)"
        }
        if let list = value as? [Any] {
            shape += "[\(list.count)"
            let mapped = list.map { placeholders(for: $0, values: &values, shape: &shape) }
            shape += "]"
            return mapped
        }
        if let bool = value as? Bool {
            shape += bool ? "T" : "F"
            return bool
        }
        // Numbers and anything else print as text.
        values.append("\(value)")
        shape += "n"
        return "\(open)<\(values.count - 1)>\(close)"
    }

    static func parse(_ output: String) -> Skeleton {
        var parts: [Skeleton.Part] = []
        var text = ""
        var size = 0
        var rest = output[...]
        while let start = rest.firstIndex(of: open) {
            text += rest[..<start]
            guard let end = rest[start...].firstIndex(of: close) else { break }
            let inner = rest[rest.index(after: start)..<end]
            let escaped = inner.hasPrefix("&lt;")
            let digits = inner.filter(\.isNumber)
            if let index = Int(digits) {
                if !text.isEmpty { parts.append(.text(text)); size += text.utf8.count; text = "" }
                parts.append(.value(index, escaped: escaped))
            } else {
                text += rest[start...end]
            }
            rest = rest[rest.index(after: end)...]
        }
        text += rest
        if !text.isEmpty { parts.append(.text(text)); size += text.utf8.count }
        return Skeleton(parts: parts, size: size)
    }

    static func fill(_ skeleton: Skeleton, _ values: [String]) -> String {
        var out = ""
        out.reserveCapacity(skeleton.size + values.reduce(0) { $0 + $1.utf8.count } + 256)
        for part in skeleton.parts {
            switch part {
            case .text(let text): out += text
            case .value(let index, let escaped): out += escaped ? HTMLEscape.escape(values[index]) : values[index]
            }
        }
        return out
    }
}
