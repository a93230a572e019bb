/// A parsed Markdown document: immutable blocks plus what the parser learnt of the source.
public struct MarkdownDocument: Sendable, Equatable {
    public let blocks: [Block]
    /// The blocks in reading order with the context each is visited in, computed once: every
    /// extractor walks the document (`walk(_:)`), and would otherwise recurse through the tree and
    /// build each heading's text again.
    let steps: [WalkStep]

    public init(blocks: [Block]) {
        self.blocks = blocks
        var steps: [WalkStep] = []
        var context = WalkContext()
        WalkStep.append(blocks, to: &steps, context: &context)
        self.steps = steps
    }

    public static func == (lhs: MarkdownDocument, rhs: MarkdownDocument) -> Bool { lhs.blocks == rhs.blocks }
}
