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

    /// Cuts a rendered page into constant bytes and holes, on its UTF-8: the delimiters are found as
    /// bytes (`EE 80 80`, `EE 80 81`), not as characters (a page is tens of kilobytes, and every new
    /// shape is parsed once).
    static func parse(_ output: String) -> Skeleton {
        let bytes = Array(output.utf8)
        var parts: [Skeleton.Part] = []
        var text: [UInt8] = []
        var size = 0
        func flush() {
            guard !text.isEmpty else { return }
            parts.append(.bytes(text))
            size += text.count
            text = []
        }
        var position = 0
        while let start = delimiter(0x80, in: bytes, from: position) {
            text += bytes[position..<start]
            position = start
            guard let end = delimiter(0x81, in: bytes, from: start + 3) else { break }
            let inner = bytes[(start + 3)..<end]
            let digits = inner.filter { $0 >= 0x30 && $0 <= 0x39 }
            if !digits.isEmpty, let index = Int(String(decoding: digits, as: UTF8.self)) {
                flush()
                parts.append(.value(index, escaped: inner.starts(with: "&lt;".utf8)))
            } else {
                text += bytes[start..<(end + 3)]
            }
            position = end + 3
        }
        text += bytes[position...]
        flush()
        return Skeleton(parts: parts, size: size)
    }

    /// Where `U+E000` (`last` 0x80) or `U+E001` (0x81) next starts, at or after `from`.
    private static func delimiter(_ last: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index + 2 < bytes.count {
            if bytes[index] == 0xEE, bytes[index + 1] == 0x80, bytes[index + 2] == last { return index }
            index += 1
        }
        return nil
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
