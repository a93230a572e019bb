/// What a page (or a piece of one) shows, as a typed value: one struct per page kind, checked by the
/// compiler, instead of a dictionary of `Any`.
///
/// A model lists its fields once, in `describe`, with the names its template uses. That one list
/// serves two readers (see `TemplateFields`): on every page, the cheap one that records the model's
/// *shape* (which fields are present, booleans, list lengths) and its texts in order; on the first
/// page of each shape only, the one that builds the context mustache renders the skeleton from.
/// Nothing is looked up by name when a page is produced.
public protocol TemplateModel {
    func describe(to fields: inout TemplateFields)
}

/// Interface strings of one language (`{{t.nav.home}}`), the same object for every page of it.
public struct TemplateStrings: @unchecked Sendable {
    let object: ContextObject
}

/// The fields of a model as `describe` gives them. Empty and absent texts are the same thing, so
/// `{{#author}}…{{/author}}` is skipped for an empty author, as mustache skips a missing one.
public struct TemplateFields {
    /// `shape`: every page; `context`: a skeleton's context, texts as placeholders; `direct`: a
    /// context with the texts themselves (mustache alone, for tests that compare both ways).
    enum Mode { case shape, context, direct }

    let mode: Mode
    /// Shape mode: what decides the template's output besides the texts.
    var shape: [UInt8] = []
    /// A value written into a page: a text, or markup already written as UTF-8 (a report's body).
    enum Value {
        case text(String)
        case bytes([UInt8])
    }

    /// Values in the order met; in context mode a value is replaced by its number's placeholder.
    var values: [Value] = []
    /// Context mode: the object being built.
    var object: [String: Any] = [:]

    init(mode: Mode) {
        self.mode = mode
    }

    public mutating func text(_ name: String, _ value: String?) {
        add(name, value.flatMap { $0.isEmpty ? nil : .text($0) })
    }

    /// Markup already written as UTF-8 bytes (a report's body, up to megabytes): copied into the page
    /// as it is, never made a `String` on the way.
    public mutating func bytes(_ name: String, _ value: [UInt8]?) {
        add(name, value.flatMap { $0.isEmpty ? nil : .bytes($0) })
    }

    /// A value, or its absence (nil, or empty), in the mode's way.
    private mutating func add(_ name: String, _ value: Value?) {
        guard let value else {
            if mode == .shape { shape.append(0) }
            return
        }
        values.append(value)
        switch mode {
        case .shape: shape.append(1)
        case .context: object[name] = SkeletonCache.placeholder(values.count - 1)
        case .direct: object[name] = value.string
        }
    }

    public mutating func number(_ name: String, _ value: Int?) {
        text(name, value.map(String.init))
    }

    public mutating func flag(_ name: String, _ value: Bool) {
        switch mode {
        case .shape: shape.append(value ? 3 : 2)
        case .context, .direct: object[name] = value
        }
    }

    public mutating func object<Model: TemplateModel>(_ name: String, _ value: Model?) {
        guard let value else {
            if mode == .shape { shape.append(0) }
            return
        }
        switch mode {
        case .shape:
            shape.append(4)
            value.describe(to: &self)
            shape.append(5)
        case .context, .direct:
            object[name] = nested(value)
        }
    }

    public mutating func list<Model: TemplateModel>(_ name: String, _ values: [Model]) {
        switch mode {
        case .shape:
            shape.append(6)
            var count = values.count
            repeat {
                shape.append(UInt8(count & 0x7F) | (count > 0x7F ? 0x80 : 0))
                count >>= 7
            } while count > 0
            for value in values { value.describe(to: &self) }
            shape.append(7)
        case .context, .direct:
            object[name] = values.map { nested($0) as Any }
        }
    }

    /// A list of plain texts (`{{#names}}{{.}}{{/names}}`); empty ones are left out.
    public mutating func texts(_ name: String, _ values: [String]) {
        list(name, values.filter { !$0.isEmpty }.map(Text.init))
    }

    public mutating func strings(_ name: String, _ value: TemplateStrings) {
        switch mode {
        case .shape:
            withUnsafeBytes(of: ObjectIdentifier(value.object)) { shape.append(contentsOf: $0) }
        case .context, .direct: object[name] = value.object
        }
    }

    /// A nested model as its own context object, numbering its texts after those met so far.
    private mutating func nested<Model: TemplateModel>(_ value: Model) -> Any {
        // A plain text in a list stands for itself (`{{.}}`).
        if let text = value as? Text {
            values.append(.text(text.value))
            return mode == .direct ? text.value : SkeletonCache.placeholder(values.count - 1)
        }
        var inner = TemplateFields(mode: mode)
        inner.values = values
        value.describe(to: &inner)
        values = inner.values
        return ContextObject(inner.object)
    }

    /// An element of `texts`.
    struct Text: TemplateModel {
        let value: String
        init(_ value: String) { self.value = value }
        /// Only the shape reader asks (the context readers take the text in `nested`).
        func describe(to fields: inout TemplateFields) {
            fields.values.append(.text(value))
        }
    }
}

extension TemplateFields.Value {
    /// The value as text (what mustache alone is given).
    var string: String {
        switch self {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Its length in UTF-8 bytes (what it adds to a page, unescaped).
    var byteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .bytes(let bytes): bytes.count
        }
    }
}
