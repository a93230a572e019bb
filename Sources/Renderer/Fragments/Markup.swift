import Templates

/// Markup a fragment writes as is: literal tags and attribute names, with values interpolated
/// unescaped (classes, keys, numbers: never content, which goes through `HTMLFragment.text`).
///
/// `"<li class=\"item st-\(status)\">"` as a `String` is built piece by piece through
/// `DefaultStringInterpolation`, then copied again into the fragment. As `Markup`, a plain literal is
/// only a pointer to the program's own bytes, and an interpolated one is written as bytes once.
struct Markup: ExpressibleByStringInterpolation {
    fileprivate enum Storage {
        case literal(StaticString)
        case built(TextOutput)
    }

    fileprivate let storage: Storage

    init(stringLiteral literal: StaticString) {
        storage = .literal(literal)
    }

    init(stringInterpolation: StringInterpolation) {
        storage = .built(stringInterpolation.output)
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var output: TextOutput

        init(literalCapacity: Int, interpolationCount: Int) {
            output = TextOutput(capacity: literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: StaticString) { output.append(literal) }
        mutating func appendInterpolation(_ value: String) { output += value }
        mutating func appendInterpolation(_ value: Substring) { output.append(value) }
        mutating func appendInterpolation(_ value: Int) { output.append(value) }
    }
}

extension TextOutput {
    mutating func append(_ markup: Markup) {
        switch markup.storage {
        case .literal(let literal): append(literal)
        case .built(let built): append(built)
        }
    }
}
