import Markdown

/// Checklists: GFM task items (`- [x]`, `- [ ]`), and checkbox glyphs (`☐ Tester`, `☑ Fait`) in
/// lists or lines; in a list that uses glyphs, ✔/✅/❌ lines count too.
struct ChecklistRule: ItemRule {
    func line(_ line: TextLine, in item: ListItem?, depth: Int, _ state: inout ItemWalkState) -> Bool {
        if let checked = item?.task {
            state.collector.add(Item(kind: .check, id: nil, title: TextNormalizer.cleanTitle(line.text), severity: nil,
                                     status: checked ? .done : .open, statusText: checked ? "[x]" : "[ ]", line: item!.line),
                                explicitSeverity: false, explicitStatus: true)
            return true
        }
        guard let box = Self.checkbox(line.text, strict: item == nil || !state.listIsGlyphChecklist) else { return false }
        // A list line that starts with an ID defines that item, glyph or not (`- ✅ GAP-3 …` is not a check).
        // (Asked second: the glyph is the cheaper question, and most lines have none.)
        if item != nil, FindingID.leading(in: line.text, ids: state.context.ids) != nil { return false }
        state.collector.add(Item(kind: .check, id: nil, title: box.title, severity: nil, status: box.status, statusText: box.glyph,
                                 line: item?.line ?? line.line), explicitSeverity: false, explicitStatus: true)
        return true
    }

    static let boxes: [(String, Status)] = [("☐", .open), ("☑", .done), ("☒", .done), ("🗹", .done), ("□", .open)]
    static let boxesAndMarks: [(String, Status)] = boxes + [("✔", .done), ("✓", .done), ("✅", .done), ("❌", .open), ("✗", .open), ("✘", .open)]

    /// `☐ Tester`, `☑ Fait`, `☒ …`: checkbox glyphs outside GFM task lists.
    /// - Parameter strict: only checkbox glyphs; otherwise check marks (✔ ✅ ❌) count too, for lines of a checklist.
    static func checkbox(_ text: String, strict: Bool) -> (title: String, status: Status, glyph: String)? {
        let trimmed = text.trimmingWhitespace()
        // Every glyph is a symbol outside ASCII that nothing composes into: a line that opens with
        // an ASCII byte (nearly all) opens with none, and is not compared glyph by glyph (a
        // `hasPrefix` with a prefix outside ASCII costs hundreds of instructions).
        guard let first = trimmed.utf8.first, first >= 0x80 else { return nil }
        for (glyph, status) in strict ? Self.boxes : Self.boxesAndMarks where trimmed.hasPrefix(glyph) {
            let title = TextNormalizer.cleanTitle(String(trimmed.dropFirst(glyph.count)))
            return title.isEmpty ? nil : (title, status, glyph)
        }
        return nil
    }
}
