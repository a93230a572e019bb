import Diagnostics
import Extraction
import Renderer
@testable import SiteBuilder
import Testing

/// The cache's own binary form of a reading (`EntryWriter`, `EntryReader`): every field comes back
/// as it was written, the same reading always gives the same bytes, and damaged bytes are a miss,
/// never a crash or a wrong reading.
@Suite struct EntryCodingTests {
    /// A reading in which every stored property, at every depth, is set (checked by `unsetFields`):
    /// a field added to one of these types and forgotten by the writer or the reader fails the
    /// round trip below, as long as this sample sets it — and the check fails until it does.
    static let full: SourceCache.Entry = {
        var front = FrontMatter(title: "Revue d'architecture — été", date: "2025-03-10", project: "acme", lang: "fr", author: "Équipe B",
                                verdict: "Conforme avec réserves", score: "13/20", extra: ["zeta": "dernier", "alpha": "premier", "ü": "🔒"])
        front.findings = ["GAP-2": FrontMatter.StatedFinding(severity: "haute", status: "corrigé", title: "Secrets"),
                          "GAP-1": FrontMatter.StatedFinding(severity: "low", status: "open", title: "Logs")]
        let score = Score(value: 65, scale: 20, raw: 13, text: "13/20", line: 12)
        var facts = AuditFacts(title: "Audit sécurité", date: AuditDate(year: 2025, month: 3, day: 10), dateLine: 3, author: "A. Martin",
                               verdict: "Acceptable", score: score,
                               domainScores: [DomainScore(domain: "security", label: "Sécurité", score: Score(value: -1.5, scale: 100, raw: 0.1, text: "−1,5 %", line: 1 << 40))],
                               items: [Item(kind: .gap, id: "GAP-1", title: "Secrets en clair", severity: .critical, status: .partial,
                                            severityText: "Critique", statusText: "En cours", line: 40, otherLines: [41, 900_000], ref: "1.2")],
                               mentions: [Mention(id: "GAP-1", line: 77)])
        facts.ratings = [DomainRating(domain: "ops", label: "Exploitation", rating: Rating(text: "B+", rank: 4, of: 6, scale: "letters"), line: 9)]
        var heading = HeadingInfo(level: 2, text: "Constats", anchor: "constats", line: 30)
        heading.snippet = "Les écarts ci-dessous…"
        facts.headings = [heading]
        facts.closesEarlierFindings = EarlierClosure(line: 55, exceptions: ["GAP-0"], exceptionStatus: .accepted)
        facts.statedCounts = [StatedCount(severity: .high, count: 3, line: 20)]
        let diagnostic = Diagnostic(.warning, file: "content/acme/a.md", line: 4, code: "date.conflict", "deux dates ; l'une est gardée")
        return SourceCache.Entry(language: "fr", frontMatter: front, facts: facts, diagnostics: [diagnostic],
                                 toc: [RenderedBody.TOCEntry(level: 2, text: "Constats", anchor: "constats")])
    }()

    /// Paths of the stored properties left nil or empty in `value`.
    static func unsetFields(_ value: Any, path: String = "entry") -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let child = mirror.children.first else { return [path] }
            return unsetFields(child.value, path: path)
        }
        if mirror.displayStyle == .collection || mirror.displayStyle == .dictionary {
            guard !mirror.children.isEmpty else { return [path] }
            return mirror.children.flatMap { unsetFields($0.value, path: path + "[]") }
        }
        if mirror.displayStyle == .struct || mirror.displayStyle == .tuple {
            return mirror.children.flatMap { unsetFields($0.value, path: path + "." + ($0.label ?? "?")) }
        }
        return []
    }

    static func bytes(_ entry: SourceCache.Entry) -> [UInt8] { EntryWriter.bytes(of: entry) }

    static func read(_ bytes: [UInt8]) throws -> SourceCache.Entry { try EntryReader.entry(bytes) }

    @Test func theSampleSetsEveryField() {
        #expect(Self.unsetFields(Self.full) == [])
    }

    @Test func aFullReadingComesBackEqual() throws {
        let back = try Self.read(Self.bytes(Self.full))
        #expect(back == Self.full)
        // Equality of the facts leaves nothing out either (`AuditFacts` is compared field by field).
        #expect(back.facts.closesEarlierFindings?.exceptionStatus == .accepted)
        #expect(back.frontMatter.findings["GAP-2"]?.status == "corrigé")
        #expect(back.facts.domainScores.first?.score.line == 1 << 40)
    }

    @Test func anEmptyReadingComesBackEqual() throws {
        let empty = SourceCache.Entry(language: "", frontMatter: FrontMatter(), facts: AuditFacts(), diagnostics: [], toc: [])
        #expect(try Self.read(Self.bytes(empty)) == empty)
        // (And the check that the full sample sets everything does see what is left unset.)
        let unset = Self.unsetFields(empty)
        #expect(unset.contains("entry.facts.title") && unset.contains("entry.facts.items") && unset.contains("entry.frontMatter.extra"))
    }

    @Test func integersOfEverySizeAndSignComeBack() throws {
        for value in [0, 1, -1, 63, 64, -64, -65, 127, 128, 300, -300, Int(Int32.max), Int(Int32.min), Int.max, Int.min] {
            var writer = EntryWriter(magic: [])
            writer.int(value)
            var reader = EntryReader(writer.bytes)
            #expect(try reader.int() == value)
            try reader.expectEnd()
        }
    }

    @Test func theSameReadingGivesTheSameBytes() {
        // Dictionaries are written sorted: their order in memory does not show.
        var shuffled = Self.full.frontMatter
        shuffled.extra = Dictionary(uniqueKeysWithValues: shuffled.extra.reversed().map { ($0.key, $0.value) })
        let other = SourceCache.Entry(language: Self.full.language, frontMatter: shuffled, facts: Self.full.facts,
                                      diagnostics: Self.full.diagnostics, toc: Self.full.toc)
        #expect(Self.bytes(Self.full) == Self.bytes(other))
    }

    /// A file cut anywhere (a full disk) is damage: the reading is refused.
    @Test func everyCutIsRefused() {
        let bytes = Self.bytes(Self.full)
        for length in 0..<bytes.count {
            #expect(throws: EntryReader.Damaged.self) { try Self.read(Array(bytes[..<length])) }
        }
        #expect(throws: EntryReader.Damaged.self) { try Self.read(bytes + [0]) }
    }

    /// Any byte changed anywhere gives a refusal or a reading, never a crash; an older tool's JSON
    /// entry is refused by its first bytes.
    @Test func damagedBytesNeverCrash() {
        let bytes = Self.bytes(Self.full)
        var generator = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            var damaged = bytes
            for _ in 0..<1 + Int(generator.next() % 4) {
                damaged[EntryWriter.readingMagic.count + Int(generator.next() % UInt64(bytes.count - EntryWriter.readingMagic.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? Self.read(damaged)
        }
        #expect(throws: EntryReader.Damaged.self) { try Self.read(Array("{\"language\": \"fr\"}".utf8)) }
        // A count far beyond the bytes left is refused before anything is reserved.
        #expect(throws: EntryReader.Damaged.self) { try Self.read(EntryWriter.readingMagic + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) }
    }

    @Test func aRecordedSiteComesBackEqualAndACutOneIsRefused() throws {
        let record = SiteRecord(files: [SiteRecord.File(path: "en/index.html", entry: "1f.page"), SiteRecord.File(path: "fr/é/index.html", entry: "2e.page")],
                                diagnostics: Self.full.diagnostics, audits: 7, projects: 2, pages: 40)
        #expect(Self.unsetFields(record) == [])
        let bytes = EntryWriter.bytes(of: record)
        #expect(try EntryReader.record(bytes) == record)
        for length in 0..<bytes.count {
            #expect(throws: EntryReader.Damaged.self) { try EntryReader.record(Array(bytes[..<length])) }
        }
        // A reading is not a record, nor a record a reading.
        #expect(throws: EntryReader.Damaged.self) { try EntryReader.record(Self.bytes(Self.full)) }
        #expect(throws: EntryReader.Damaged.self) { try EntryReader.entry(bytes) }
    }
}
