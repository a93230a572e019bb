/// A parsed Markdown document: immutable blocks plus what the parser learnt of the source.
public struct MarkdownDocument: Sendable, Equatable {
    public let blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }
}
