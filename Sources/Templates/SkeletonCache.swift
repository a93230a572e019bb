import Foundation
import Mustache

/// Renders mustache templates once per *shape* of model and fills in texts by substitution.
///
/// Mustache is logic-less: what a template outputs depends on which values are present, on
/// booleans and on list lengths, never on the text of a string. So a page's model is read as its
/// shape (see `TemplateFields`) and its texts; the template is rendered once per shape with numbered
/// placeholders in place of the texts, and every other page of that shape is produced by copying the
/// skeleton's constant bytes and writing its own texts (escaped where mustache would have escaped
/// them) into one buffer. Tens of thousands of pages then cost one mustache render per shape, with
/// exactly the output mustache would have produced.
final class SkeletonCache: @unchecked Sendable {
    /// A rendered template: constant bytes and numbered holes.
    struct Skeleton {
        enum Part {
            case bytes([UInt8])
            case value(Int, escaped: Bool)
        }
        let parts: [Part]
        let size: Int
    }

    /// Template, model type and shape: what decides a skeleton.
    struct Key: Hashable {
        let template: String
        let model: ObjectIdentifier
        let shape: [UInt8]
    }

    private let lock = NSLock()
    private var skeletons: [Key: Skeleton] = [:]

    /// Placeholders use private-use delimiters and `<`/`>`, which mustache's escaping turns into
    /// `&lt;`/`&gt;`: the skeleton shows whether each hole was an escaped `{{x}}` or a raw `{{{x}}}`.
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    static func placeholder(_ index: Int) -> String { "\(open)<\(index)>\(close)" }

    private(set) var misses = 0

    func render<Model: TemplateModel>(_ template: String, model: Model, library: MustacheLibrary) -> [UInt8]? {
        var fields = TemplateFields(mode: .shape)
        model.describe(to: &fields)
        let key = Key(template: template, model: ObjectIdentifier(Model.self), shape: fields.shape)
        lock.lock()
        var skeleton = skeletons[key]
        lock.unlock()
        if skeleton == nil {
            var context = TemplateFields(mode: .context)
            model.describe(to: &context)
            guard let output = library.render(ContextObject(context.object), withTemplate: template) else { return nil }
            let parsed = Self.parse(output)
            lock.lock()
            skeletons[key] = parsed
            misses += 1
            lock.unlock()
            skeleton = parsed
        }
        return Self.fill(skeleton!, fields.values)
    }

    static func parse(_ output: String) -> Skeleton {
        var parts: [Skeleton.Part] = []
        var text = ""
        var size = 0
        var rest = output[...]
        func flush() {
            guard !text.isEmpty else { return }
            parts.append(.bytes(Array(text.utf8)))
            size += text.utf8.count
            text = ""
        }
        while let start = rest.firstIndex(of: open) {
            text += rest[..<start]
            guard let end = rest[start...].firstIndex(of: close) else { break }
            let inner = rest[rest.index(after: start)..<end]
            let escaped = inner.hasPrefix("&lt;")
            let digits = inner.filter(\.isNumber)
            if let index = Int(digits) {
                flush()
                parts.append(.value(index, escaped: escaped))
            } else {
                text += rest[start...end]
            }
            rest = rest[rest.index(after: end)...]
        }
        text += rest
        flush()
        return Skeleton(parts: parts, size: size)
    }

    /// The skeleton's bytes with the texts written in, into one buffer.
    static func fill(_ skeleton: Skeleton, _ values: [TemplateFields.Value]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(skeleton.size + values.reduce(0) { $0 + $1.byteCount } + 256)
        for part in skeleton.parts {
            switch part {
            case .bytes(let bytes): out.append(contentsOf: bytes)
            case .value(let index, let escaped):
                switch values[index] {
                case .text(let text):
                    if escaped { HTMLEscape.escape(text, into: &out) } else { out.append(contentsOf: text.utf8) }
                case .bytes(let bytes):
                    if escaped { HTMLEscape.escape(bytes, into: &out) } else { out.append(contentsOf: bytes) }
                }
            }
        }
        return out
    }
}
