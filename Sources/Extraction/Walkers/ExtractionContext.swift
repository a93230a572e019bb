import Diagnostics

/// What every walker needs: the vocabulary, the ID pattern, and the file name for diagnostics.
public struct ExtractionContext: Sendable {
    public let vocabulary: Vocabulary
    public let ids: IDMatcher
    /// Path shown in diagnostics (relative to the content folder's parent, as the user typed it).
    public let file: String

    public init(vocabulary: Vocabulary, ids: IDMatcher, file: String) {
        self.vocabulary = vocabulary
        self.ids = ids
        self.file = file
    }
}

/// What a walker found: values plus the diagnostics it has about them.
public struct WalkResult<Value: Sendable>: Sendable {
    public var value: Value
    public var diagnostics: [Diagnostic]

    public init(_ value: Value, diagnostics: [Diagnostic] = []) {
        self.value = value
        self.diagnostics = diagnostics
    }
}
