import Markdown

/// One shape in which reports state items: a finding register, a heading per finding under
/// severity sections, a checklist… The `ItemWalker` offers each heading, line and table to its
/// rules in order; the first rule that claims it (returns true) decides what it is, so a rule only
/// has to recognise its own shape. A new shape is a new rule, with its own tests.
protocol ItemRule: Sendable {
    /// A heading (its meaning is already `state.section`).
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool
    /// The first line of a list item (`item` set) or a line of a paragraph outside lists.
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool
    func table(_ table: TableReader, _ state: inout ItemWalkState) -> Bool
}

extension ItemRule {
    func heading(_ heading: Heading, _ state: inout ItemWalkState) -> Bool { false }
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool { false }
    func table(_ table: TableReader, _ state: inout ItemWalkState) -> Bool { false }
}
