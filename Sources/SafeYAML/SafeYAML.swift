import Yams

/// YAML from files people (or attackers) write — front matter, `site.yaml`, `_project.yaml`, a theme's
/// strings — read within bounds. A document of a few hundred bytes can use aliases to expand into
/// billions of values (a "billion laughs" bomb); building Swift values from it would take the
/// machine's memory. The document is first composed into a node tree (aliases share their nodes, so
/// this stays small), its size and depth are counted with a budget, and values are built only when
/// the counts are within the limits.
public enum SafeYAML {
    /// Bounds on one document. The defaults are far above any real front matter or configuration.
    public struct Limits: Sendable, Equatable {
        public var maxBytes: Int
        /// Values once aliases are expanded (scalars, sequences and mappings each count one).
        public var maxValues: Int
        public var maxDepth: Int

        public init(maxBytes: Int = 1 << 20, maxValues: Int = 100_000, maxDepth: Int = 64) {
            self.maxBytes = maxBytes
            self.maxValues = maxValues
            self.maxDepth = maxDepth
        }
    }

    /// Why a document was refused, with the 1-based line (within the YAML text) where it went over.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String

        public var description: String { message }
    }

    /// `Yams.load`, bounded: throws `Refusal` for a document over the limits, `YamlError` for broken YAML.
    public static func load(_ yaml: String, resolver: Resolver = .default, limits: Limits = Limits()) throws -> Any? {
        guard yaml.utf8.count <= limits.maxBytes else {
            throw Refusal(line: 1, message: "the YAML is \(yaml.utf8.count / 1024) KiB, over the \(limits.maxBytes / 1024) KiB limit")
        }
        guard let node = try Parser(yaml: yaml, resolver: resolver).singleRoot() else { return nil }
        var budget = limits.maxValues
        try count(node, depth: 0, budget: &budget, limits: limits)
        return node.any
    }

    private static func count(_ node: Node, depth: Int, budget: inout Int, limits: Limits) throws {
        budget -= 1
        let line = node.mark?.line ?? 1
        guard budget >= 0 else {
            throw Refusal(line: line, message: "the YAML expands to more than \(limits.maxValues) values (aliases of aliases?)")
        }
        guard depth <= limits.maxDepth else {
            throw Refusal(line: line, message: "the YAML nests deeper than \(limits.maxDepth) levels")
        }
        switch node {
        case .scalar:
            return
        case .mapping(let mapping):
            for (key, value) in mapping {
                try count(key, depth: depth + 1, budget: &budget, limits: limits)
                try count(value, depth: depth + 1, budget: &budget, limits: limits)
            }
        case .sequence(let sequence):
            for item in sequence { try count(item, depth: depth + 1, budget: &budget, limits: limits) }
        default:
            return
        }
    }
}
