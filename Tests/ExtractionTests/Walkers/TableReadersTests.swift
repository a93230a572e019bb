import Markdown
import Testing
@testable import Extraction

/// A report's tables are read once for every walker, and what is read is what each walker read.
@Suite struct TableReadersTests {
    static let report = """
    # Audit

    | ID | Constat | Sévérité | Statut |
    |---|---|---|---|
    | GAP-1 | Sauvegardes non testées | Élevée | Ouvert |
    | GAP-2 | Journaux incomplets | Moyenne | Corrigé |

    | Domaine | Note |
    |---|---|
    | Sécurité | 14/20 |
    | Réseau | 12/20 |

    - A list with a table below

      | Niveau | Définition |
      |---|---|
      | Critique | Exploitable à distance |

    """

    @Test func eachTableIsReadAsAWalkerWouldReadIt() throws {
        let document = MarkdownParser.parse(Self.report)
        let context = ExtractionContext(vocabulary: .builtIn, ids: try IDMatcher(), file: "t.md")
        let readers = TableReaders(document, context: context)
        var tables: [Table] = []
        var visitor = BlockVisitor()
        visitor.onTable = { table, _ in tables.append(table) }
        document.walk(&visitor)
        #expect(tables.count == 3)
        for table in tables {
            let shared = readers.reader(for: table)
            let fresh = TableReader(table: table, context: context)
            #expect(shared.table == table)
            #expect(shared.roles == fresh.roles && shared.idColumn == fresh.idColumn && shared.columnCount == fresh.columnCount)
        }
        #expect(readers.reader(for: tables[0]).idColumn == 0)
    }

    @Test func aTableOfAnotherDocumentIsReadAnew() throws {
        let context = ExtractionContext(vocabulary: .builtIn, ids: try IDMatcher(), file: "t.md")
        let readers = TableReaders(MarkdownParser.parse("No table here.\n"), context: context)
        let other = MarkdownParser.parse("| ID | Title |\n|---|---|\n| GAP-7 | Something |\n")
        var found: Table?
        var visitor = BlockVisitor()
        visitor.onTable = { table, _ in found = table }
        other.walk(&visitor)
        let table = try #require(found)
        #expect(readers.reader(for: table).table == table)
        #expect(readers.reader(for: table).idColumn == 0)
    }

    @Test func sharedReadersChangeNoFact() throws {
        // The extractor hands one set of readers to the item, score and rating walkers. Given readers
        // of no table, each walker reads every table itself: the facts are the same.
        let facts = try extract(Self.report).value
        let document = MarkdownParser.parse(Self.report)
        let context = ExtractionContext(vocabulary: .builtIn, ids: try IDMatcher(), file: "test.md")
        let none = TableReaders(MarkdownParser.parse("No table.\n"), context: context)
        #expect(facts.items == ItemWalker.items(in: document, context: context, tables: none).value.items)
        #expect(facts.ratings == RatingWalker.ratings(in: document, context: context, tables: none))
        #expect(facts.score == ScoreWalker(context: context, tables: none).walk(document).value.global)
        #expect(facts.items.compactMap(\.id) == ["GAP-1", "GAP-2"])
    }
}
