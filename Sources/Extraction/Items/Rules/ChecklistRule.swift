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
        // A list line that starts with an ID defines that item, glyph or not (`- ✅ GAP-3 …` is not a check).
        if item != nil, FindingID.leading(in: line.text, ids: state.context.ids) != nil { return false }
        guard let box = Self.checkbox(line.text, strict: item == nil || !state.listIsGlyphChecklist) else { return false }
        state.collector.add(Item(kind: .check, id: nil, title: box.title, severity: nil, status: box.status, statusText: box.glyph,
                                 line: item?.line ?? line.line), explicitSeverity: false, explicitStatus: true)
        return true
    }

    /// `☐ Tester`, `☑ Fait`, `☒ …`: checkbox glyphs outside GFM task lists.
    /// - Parameter strict: only checkbox glyphs; otherwise check marks (✔ ✅ ❌) count too, for lines of a checklist.
    static func checkbox(_ text: String, strict: Bool) -> (title: String, status: Status, glyph: String)? {
        let trimmed = text.trimmingWhitespace()
        let boxes: [(String, Status)] = [("☐", .open), ("☑", .done), ("☒", .done), ("🗹", .done), ("□", .open)]
        let marks: [(String, Status)] = [("✔", .done), ("✓", .done), ("✅", .done), ("❌", .open), ("✗", .open), ("✘", .open)]
        for (glyph, status) in strict ? boxes : boxes + marks where trimmed.hasPrefix(glyph) {
            let title = TextNormalizer.cleanTitle(String(trimmed.dropFirst(glyph.count)))
            return title.isEmpty ? nil : (title, status, glyph)
        }
        return nil
    }
}
