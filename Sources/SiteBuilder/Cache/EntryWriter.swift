import Diagnostics
import Extraction
import Renderer

/// Writes a cache entry — a report's reading (`SourceCache.Entry`) or a recorded site (`SiteRecord`)
/// — in a compact binary form of our own, field by field; `EntryReader` reads it back in the same order.
///
/// Why not JSON through `Codable`: a build with one report changed reads the 9,999 others from the
/// cache, and decoding their JSON was a third of that build's CPU time (most of it `Codable`'s
/// generic machinery, not the JSON). Written and read by hand, an entry costs a few copies.
///
/// Every field of every type is written, in declaration order: `EntryCodingTests` builds a reading
/// in which every stored property is set (it fails when a new one is left unset) and checks that it
/// comes back equal, so a field added to a type and not here cannot go unnoticed.
///
/// Integers are zigzag varints, doubles their 8 bytes, strings a length and their UTF-8, optionals a
/// flag byte, arrays a count, enumerations their raw value. A dictionary is written sorted by key,
/// so the same reading always gives the same bytes.
struct EntryWriter {
    /// What a reading starts with: another layout (an older tool's JSON) is not read as this one.
    static let readingMagic: [UInt8] = Array("audit-site reading 2\n".utf8)
    /// What a recorded site starts with.
    static let recordMagic: [UInt8] = Array("audit-site site record 2\n".utf8)

    private(set) var bytes: [UInt8]

    init(magic: [UInt8]) {
        bytes = magic
        bytes.reserveCapacity(16_384)
    }

    /// A reading, whole.
    static func bytes(of entry: SourceCache.Entry) -> [UInt8] {
        var writer = EntryWriter(magic: readingMagic)
        writer.entry(entry)
        return writer.bytes
    }

    /// A recorded site, whole.
    static func bytes(of record: SiteRecord) -> [UInt8] {
        var writer = EntryWriter(magic: recordMagic)
        writer.array(record.files) { writer, file in
            writer.string(file.path)
            writer.string(file.entry)
        }
        writer.array(record.diagnostics) { $0.diagnostic($1) }
        writer.int(record.audits)
        writer.int(record.projects)
        writer.int(record.pages)
        return writer.bytes
    }

    mutating func entry(_ entry: SourceCache.Entry) {
        string(entry.language)
        frontMatter(entry.frontMatter)
        facts(entry.facts)
        array(entry.diagnostics) { $0.diagnostic($1) }
        array(entry.toc) { writer, toc in
            writer.int(toc.level)
            writer.string(toc.text)
            writer.string(toc.anchor)
        }
    }

    // MARK: Values

    mutating func int(_ value: Int) {
        // Zigzag: small negative numbers stay short.
        var rest = UInt64(bitPattern: Int64(value << 1) ^ Int64(value >> 63))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout EntryWriter, T) -> Void) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        write(&self, value)
    }

    mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }
    mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }

    mutating func array<T>(_ values: [T], _ write: (inout EntryWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }

    // MARK: Types

    mutating func frontMatter(_ front: FrontMatter) {
        optionalString(front.title)
        optionalString(front.date)
        optionalString(front.project)
        optionalString(front.lang)
        optionalString(front.author)
        optionalString(front.verdict)
        optionalString(front.score)
        array(front.extra.sorted { $0.key < $1.key }) { writer, pair in
            writer.string(pair.key)
            writer.string(pair.value)
        }
        array(front.findings.sorted { $0.key < $1.key }) { writer, pair in
            writer.string(pair.key)
            writer.optionalString(pair.value.severity)
            writer.optionalString(pair.value.status)
            writer.optionalString(pair.value.title)
        }
    }

    mutating func facts(_ facts: AuditFacts) {
        optionalString(facts.title)
        optional(facts.date) { writer, date in
            writer.int(date.year)
            writer.int(date.month)
            writer.int(date.day)
        }
        optionalInt(facts.dateLine)
        optionalString(facts.author)
        optionalString(facts.verdict)
        optional(facts.score) { $0.score($1) }
        array(facts.domainScores) { writer, domain in
            writer.string(domain.domain)
            writer.string(domain.label)
            writer.score(domain.score)
        }
        array(facts.ratings) { writer, domain in
            writer.string(domain.domain)
            writer.string(domain.label)
            writer.string(domain.rating.text)
            writer.int(domain.rating.rank)
            writer.int(domain.rating.of)
            writer.string(domain.rating.scale)
            writer.int(domain.line)
        }
        array(facts.items) { $0.item($1) }
        array(facts.mentions) { writer, mention in
            writer.string(mention.id)
            writer.int(mention.line)
        }
        array(facts.headings) { writer, heading in
            writer.int(heading.level)
            writer.string(heading.text)
            writer.string(heading.anchor)
            writer.int(heading.line)
            writer.optionalString(heading.snippet)
        }
        optional(facts.closesEarlierFindings) { writer, closure in
            writer.int(closure.line)
            writer.array(closure.exceptions) { $0.string($1) }
            writer.optional(closure.exceptionStatus) { $0.string($1.rawValue) }
        }
        array(facts.statedCounts) { writer, count in
            writer.string(count.severity.rawValue)
            writer.int(count.count)
            writer.int(count.line)
        }
    }

    mutating func score(_ score: Score) {
        double(score.value)
        double(score.scale)
        double(score.raw)
        string(score.text)
        int(score.line)
    }

    mutating func item(_ item: Item) {
        string(item.kind.rawValue)
        optionalString(item.id)
        optionalString(item.ref)
        string(item.title)
        optional(item.severity) { $0.string($1.rawValue) }
        string(item.status.rawValue)
        optionalString(item.severityText)
        optionalString(item.statusText)
        int(item.line)
        array(item.otherLines) { $0.int($1) }
    }

    mutating func diagnostic(_ diagnostic: Diagnostic) {
        string(diagnostic.severity.rawValue)
        optionalString(diagnostic.file)
        optionalInt(diagnostic.line)
        string(diagnostic.message)
        string(diagnostic.code.rawValue)
    }
}
