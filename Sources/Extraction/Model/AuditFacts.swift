/// What one report states, as extracted from its text: the values the portal shows, merges across
/// dates and exports. Plain values only, so the facts of 10,000 reports stay small once their trees are gone.
public struct AuditFacts: Sendable, Equatable, Codable {
    public var title: String?
    public var date: AuditDate?
    public var dateLine: Int?
    public var author: String?
    public var verdict: String?
    public var score: Score?
    public var domainScores: [DomainScore]
    /// Qualitative ratings per domain (`| Area | Assessment |`), on the report's own scale.
    public var ratings: [DomainRating] = []
    public var items: [Item]
    /// Every place an explicit ID (GAP-1401, SEC-12) is written, definitions and mentions alike.
    public var mentions: [Mention]
    public var headings: [HeadingInfo]
    /// A statement that every finding of the project's earlier audits is resolved (`All findings from
    /// the March report have been remediated`): the portal closes those it does not restate.
    public var closesEarlierFindings: EarlierClosure?
    /// Counts of findings per level the report states about itself.
    public var statedCounts: [StatedCount] = []

    public init(title: String? = nil, date: AuditDate? = nil, dateLine: Int? = nil, author: String? = nil,
                verdict: String? = nil, score: Score? = nil, domainScores: [DomainScore] = [], items: [Item] = [],
                mentions: [Mention] = [], headings: [HeadingInfo] = []) {
        self.title = title
        self.date = date
        self.dateLine = dateLine
        self.author = author
        self.verdict = verdict
        self.score = score
        self.domainScores = domainScores
        self.items = items
        self.mentions = mentions
        self.headings = headings
    }
}

extension AuditFacts {
    /// The same facts with every line number set to zero: equal when an edit only moved lines.
    public var withoutLines: AuditFacts {
        var copy = self
        copy.dateLine = dateLine == nil ? nil : 0
        copy.score = score.map { Score(value: $0.value, scale: $0.scale, raw: $0.raw, text: $0.text, line: 0) }
        copy.domainScores = domainScores.map {
            DomainScore(domain: $0.domain, label: $0.label,
                        score: Score(value: $0.score.value, scale: $0.score.scale, raw: $0.score.raw, text: $0.score.text, line: 0))
        }
        copy.items = items.map {
            Item(kind: $0.kind, id: $0.id, title: $0.title, severity: $0.severity, status: $0.status, severityText: $0.severityText,
                 statusText: $0.statusText, line: 0, otherLines: $0.otherLines.map { _ in 0 }, ref: $0.ref)
        }
        copy.mentions = mentions.map { Mention(id: $0.id, line: 0) }
        copy.ratings = ratings.map { DomainRating(domain: $0.domain, label: $0.label, rating: $0.rating, line: 0) }
        copy.closesEarlierFindings = closesEarlierFindings.map { EarlierClosure(line: 0, exceptions: $0.exceptions, exceptionStatus: $0.exceptionStatus) }
        copy.statedCounts = statedCounts.map { StatedCount(severity: $0.severity, count: $0.count, line: 0) }
        // Sections only name where mentions sit: a new heading changes GAP pages, not what is stated.
        copy.headings = []
        return copy
    }
}

/// A heading of the report with its anchor, so facts and mentions can name the section they sit in.
public struct HeadingInfo: Sendable, Equatable, Codable {
    public let level: Int
    public let text: String
    public let anchor: String
    public let line: Int
    /// The start of the section's first paragraph (about 160 characters, cut at a word).
    public var snippet: String?

    static func snippet(of text: String) -> String {
        // The text's lines joined by single spaces, cut after 160 characters: only the start is looked at.
        if let simple = simpleSnippet(of: text) { return simple }
        var flat = ""
        var count = 0
        var pendingSpace = false
        for character in text {
            if character.isNewline {
                pendingSpace = !flat.isEmpty
                continue
            }
            if pendingSpace {
                flat.append(" ")
                count += 1
                pendingSpace = false
            }
            flat.append(character)
            count += 1
            if count > 160 { break }
        }
        guard count > 160 else { return flat }
        let cut = flat.prefix(160)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }

    /// The same on UTF-8 bytes, for a text whose first 161 characters are each one scalar: Latin
    /// letters, their punctuation, no combining marks or emoji sequences (`\r\n` is a newline either
    /// way). Nil for any other text, which `snippet` reads by characters. (Each scalar's bytes are
    /// copied as they are: iterating `unicodeScalars` and encoding each again cost about fifty
    /// instructions a character.)
    private static func simpleSnippet(of text: String) -> String? {
        // At most 161 characters of at most three bytes each, and one space before each.
        let snippet: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * 161 * 3) { flat -> String? in
                var written = 0
                var count = 0
                var cut = 0 // bytes of the first 160 characters
                var pendingSpace = false
                var i = 0
                while i < bytes.count {
                    var length = 1
                    let lead = bytes[i]
                    var newline = lead >= 0x0A && lead <= 0x0D
                    if lead >= 0x80 {
                        let (v, scalarLength) = TextNormalizer.decode(bytes, at: i)
                        guard v < 0x300 || (0x2010...0x2027).contains(v) || (0x202F...0x205F).contains(v) || v == 0x20AC else { return nil }
                        length = scalarLength
                        newline = v == 0x85
                    }
                    if newline {
                        pendingSpace = written > 0
                        i += length
                        continue
                    }
                    if pendingSpace {
                        flat[written] = 0x20
                        written += 1
                        count += 1
                        if count == 160 { cut = written }
                        pendingSpace = false
                    }
                    for offset in 0..<length { flat[written + offset] = bytes[i + offset] }
                    written += length
                    i += length
                    count += 1
                    if count == 160 { cut = written }
                    if count > 160 { break }
                }
                guard count > 160 else { return String(decoding: UnsafeBufferPointer(rebasing: flat[..<written]), as: UTF8.self) }
                let head = UnsafeBufferPointer(rebasing: flat[..<cut])
                return String(decoding: UnsafeBufferPointer(rebasing: head[..<(head.lastIndex(of: 0x20) ?? head.endIndex)]), as: UTF8.self) + "…"
            }
        }
        return snippet ?? nil
    }

    public init(level: Int, text: String, anchor: String, line: Int) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.line = line
    }
}

/// A place in the report where an explicit ID appears.
public struct Mention: Sendable, Equatable, Hashable, Codable {
    public let id: String
    public let line: Int

    public init(id: String, line: Int) {
        self.id = id
        self.line = line
    }
}

/// `All gaps identified in the November analysis are now remediated, with the exception of F-2024-09`:
/// a re-check that closes every earlier finding in one sentence, but those it names as exceptions.
public struct EarlierClosure: Sendable, Equatable, Codable {
    public let line: Int
    public let exceptions: [String]
    /// What the sentence says of its exceptions (`which remains under a formal risk acceptance`), if anything.
    public let exceptionStatus: Status?

    public init(line: Int, exceptions: [String], exceptionStatus: Status? = nil) {
        self.line = line
        self.exceptions = exceptions
        self.exceptionStatus = exceptionStatus
    }
}
