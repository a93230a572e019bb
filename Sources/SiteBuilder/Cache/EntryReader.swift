import Diagnostics
import Extraction
import Renderer

/// Reads what `EntryWriter` wrote, in the same order. A cache file may be cut short or damaged (a
/// full disk, a hand edit): every read is checked, and anything unexpected throws, which the cache
/// takes as a miss (the report is read again). Nothing here can trap on bad bytes.
struct EntryReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A reading, or `Damaged` when the bytes are not a whole reading of this layout.
    static func entry(_ bytes: [UInt8]) throws -> SourceCache.Entry {
        var reader = EntryReader(bytes)
        try reader.expect(EntryWriter.readingMagic)
        let entry = try reader.entry()
        try reader.expectEnd()
        return entry
    }

    /// A recorded site, or `Damaged`.
    static func record(_ bytes: [UInt8]) throws -> SiteRecord {
        var reader = EntryReader(bytes)
        try reader.expect(EntryWriter.recordMagic)
        let files = try reader.array { reader in SiteRecord.File(path: try reader.string(), entry: try reader.string()) }
        let record = SiteRecord(files: files, diagnostics: try reader.array { try $0.diagnostic() }, audits: try reader.int(),
                                projects: try reader.int(), pages: try reader.int())
        try reader.expectEnd()
        return record
    }

    /// Reads past `magic`, which the bytes must start with.
    mutating func expect(_ magic: [UInt8]) throws {
        guard bytes.count - offset >= magic.count, bytes[offset..<offset + magic.count].elementsEqual(magic) else { throw Damaged() }
        offset += magic.count
    }

    /// Every byte must have been read: a longer file is not this one.
    func expectEnd() throws {
        guard offset == bytes.count else { throw Damaged() }
    }

    mutating func entry() throws -> SourceCache.Entry {
        let language = try string()
        let frontMatter = try self.frontMatter()
        let facts = try self.facts()
        let diagnostics = try array { try $0.diagnostic() }
        let toc = try array { reader in
            RenderedBody.TOCEntry(level: try reader.int(), text: try reader.string(), anchor: try reader.string())
        }
        return SourceCache.Entry(language: language, frontMatter: frontMatter, facts: facts, diagnostics: diagnostics, toc: toc)
    }

    // MARK: Values

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Damaged() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func int() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Damaged() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
        }
        return Int(truncatingIfNeeded: Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    mutating func double() throws -> Double {
        guard bytes.count - offset >= 8 else { throw Damaged() }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func string() throws -> String {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + count]), as: UTF8.self) }
    }

    mutating func optional<T>(_ read: (inout EntryReader) throws -> T) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw Damaged()
        }
    }

    mutating func optionalString() throws -> String? { try optional { try $0.string() } }
    mutating func optionalInt() throws -> Int? { try optional { try $0.int() } }

    mutating func array<T>(_ read: (inout EntryReader) throws -> T) throws -> [T] {
        let count = try int()
        // Every element takes a byte at least: a count beyond the bytes left is damage, not a reason
        // to reserve gigabytes.
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func value<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Damaged() }
        return value
    }

    // MARK: Types

    mutating func frontMatter() throws -> FrontMatter {
        var front = FrontMatter(title: try optionalString(), date: try optionalString(), project: try optionalString(),
                                lang: try optionalString(), author: try optionalString(), verdict: try optionalString(),
                                score: try optionalString())
        for (key, value) in try array({ (try $0.string(), try $0.string()) }) { front.extra[key] = value }
        let findings = try array { reader in
            (try reader.string(), FrontMatter.StatedFinding(severity: try reader.optionalString(), status: try reader.optionalString(),
                                                            title: try reader.optionalString()))
        }
        for (id, finding) in findings { front.findings[id] = finding }
        return front
    }

    mutating func facts() throws -> AuditFacts {
        var facts = AuditFacts()
        facts.title = try optionalString()
        facts.date = try optional { reader in
            guard let date = AuditDate(year: try reader.int(), month: try reader.int(), day: try reader.int()) else { throw Damaged() }
            return date
        }
        facts.dateLine = try optionalInt()
        facts.author = try optionalString()
        facts.verdict = try optionalString()
        facts.score = try optional { try $0.score() }
        facts.domainScores = try array { reader in
            DomainScore(domain: try reader.string(), label: try reader.string(), score: try reader.score())
        }
        facts.ratings = try array { reader in
            let domain = try reader.string(), label = try reader.string()
            let rating = Rating(text: try reader.string(), rank: try reader.int(), of: try reader.int(), scale: try reader.string())
            return DomainRating(domain: domain, label: label, rating: rating, line: try reader.int())
        }
        facts.items = try array { try $0.item() }
        facts.mentions = try array { reader in Mention(id: try reader.string(), line: try reader.int()) }
        facts.headings = try array { reader in
            var heading = HeadingInfo(level: try reader.int(), text: try reader.string(), anchor: try reader.string(), line: try reader.int())
            heading.snippet = try reader.optionalString()
            return heading
        }
        facts.closesEarlierFindings = try optional { reader in
            EarlierClosure(line: try reader.int(), exceptions: try reader.array { try $0.string() },
                           exceptionStatus: try reader.optional { try $0.value(Status.self) })
        }
        facts.statedCounts = try array { reader in
            StatedCount(severity: try reader.value(Severity.self), count: try reader.int(), line: try reader.int())
        }
        return facts
    }

    mutating func score() throws -> Score {
        Score(value: try double(), scale: try double(), raw: try double(), text: try string(), line: try int())
    }

    mutating func item() throws -> Item {
        let kind = try value(Item.Kind.self)
        let id = try optionalString()
        let ref = try optionalString()
        let title = try string()
        let severity = try optional { try $0.value(Severity.self) }
        let status = try value(Status.self)
        return Item(kind: kind, id: id, title: title, severity: severity, status: status, severityText: try optionalString(),
                    statusText: try optionalString(), line: try int(), otherLines: try array { try $0.int() }, ref: ref)
    }

    mutating func diagnostic() throws -> Diagnostic {
        let severity = try value(Diagnostic.Severity.self)
        let file = try optionalString()
        let line = try optionalInt()
        let message = try string()
        return Diagnostic(severity, file: file, line: line, code: DiagnosticCode(rawValue: try string()), message)
    }
}
