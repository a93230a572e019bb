/// Undoes "UTF-8 decoded with the wrong code page, then saved again as UTF-8".
///
/// Audit reports that passed through a Mac editor or a Windows tool arrive as `SÃ©curitÃ©`,
/// `âš ï¸`, `ğŸ”´` or `√©`, `‚úÖ`. The damage is mechanical: every byte of the original UTF-8
/// became one character of the code page. Re-encoding those characters through the same code page
/// gives the original bytes back — except where the code page did not define a byte, in which case
/// the decoder dropped it and the sequence is short.
///
/// The repair is deliberately conservative, because most files are clean and clean French is full
/// of characters that also occur in mojibake (`é à ç « » ’ …`):
/// * A quick byte scan looks for a character that could stand for a UTF-8 lead byte immediately
///   followed by one that could stand for a continuation byte in the same code page. Clean text
///   almost never has such a pair, so it is returned as is, without further work.
/// * A line is only rewritten when re-encoding it yields complete UTF-8 sequences that decode to
///   what reports contain (accented letters, typographic punctuation, symbols, emoji), with strong
///   evidence (`Ã©`, `â€™`, `√©`, `ğŸ`), and when those sequences explain most of the line's
///   non-ASCII characters. Coincidences in clean text, and text damaged in some other way (Cyrillic
///   or CJK mojibake), are left alone rather than turned into different garbage.
/// * The code page is chosen per file by counting which one explains more sequences, with a
///   per-line fallback for files that mix damage from two sources.
/// * Lost bytes are put back only when exactly one undefined byte of the code page gives a
///   sensible character in context (VS16 after `⚠`, `❌` rather than an APL symbol, a letter the
///   file itself uses). A tie between sensible emoji is broken only by a short list of symbols
///   audit reports use (🎯 rather than 🍯 🏯 🐯). When that still leaves several (`ğŸ”` + lost:
///   🔁 🔍 🔏 🔐 🔝) the fragment is dropped, never guessed, and the spaces around it are kept.
public enum MojibakeRepair {
    /// Repairs `text` (already decoded, `\n` line breaks) and reports what it did.
    ///
    /// Clean text comes back unchanged (the very same string) with no notes. Text damaged twice
    /// (`ÃƒÂ©`) is repaired in up to three rounds.
    public static func repair(_ text: String) -> RepairResult {
        var current = text
        var totals: [CodePage: RepairNote] = [:]
        for _ in 0..<3 {
            guard let round = Engine.repairOnce(current) else { break }
            current = round.text
            for note in round.notes {
                if let previous = totals[note.codePage] {
                    totals[note.codePage] = RepairNote(
                        line: min(previous.line, note.line), codePage: note.codePage,
                        count: previous.count + note.count, restored: previous.restored + note.restored,
                        dropped: previous.dropped + note.dropped)
                } else {
                    totals[note.codePage] = note
                }
            }
        }
        if totals.isEmpty { return RepairResult(text: text, notes: []) }
        // A byte-order mark that was mangled too (`ï»¿`) comes back as U+FEFF; at the very start
        // it is still a BOM, not content.
        if current.unicodeScalars.first == "\u{FEFF}" && text.unicodeScalars.first != "\u{FEFF}" {
            current.unicodeScalars.removeFirst()
        }
        let notes = totals.values.sorted { ($0.line, $0.codePage.rawValue) < ($1.line, $1.codePage.rawValue) }
        return RepairResult(text: current, notes: notes)
    }
}

/// The repaired text and one note per code page that was undone.
public struct RepairResult: Sendable, Hashable {
    public let text: String
    /// Empty when the text was clean; ordered by first line.
    public let notes: [RepairNote]

    public init(text: String, notes: [RepairNote]) {
        self.text = text
        self.notes = notes
    }

    /// Whether anything was repaired or dropped.
    public var changed: Bool { !notes.isEmpty }
}

/// What was undone for one code page in one file, for an info diagnostic.
///
/// One note per code page keeps the build output readable: a damaged file has hundreds of
/// sequences, and the author only needs to know that it happened, where it starts and whether
/// anything could not be recovered.
public struct RepairNote: Sendable, Hashable {
    /// First line (1-based) where this code page's damage was repaired.
    public let line: Int
    public let codePage: CodePage
    /// Sequences turned back into their characters (complete ones and those with restored bytes).
    public let count: Int
    /// Bytes the code page had lost and that were put back.
    public let restored: Int
    /// Damaged fragments that could not be recovered unambiguously and were removed.
    public let dropped: Int

    public init(line: Int, codePage: CodePage, count: Int, restored: Int, dropped: Int) {
        self.line = line
        self.codePage = codePage
        self.count = count
        self.restored = restored
        self.dropped = dropped
    }

    /// "repaired 412 mojibake sequences (UTF-8 read as Windows-1254) from line 1; restored 37 lost
    /// bytes; dropped 3 fragments" — the message of the info diagnostic.
    public var summary: String {
        var message = "repaired \(count) mojibake \(count == 1 ? "sequence" : "sequences") "
            + "(UTF-8 read as \(codePage.name)) from line \(line)"
        if restored > 0 { message += "; restored \(restored) lost \(restored == 1 ? "byte" : "bytes")" }
        if dropped > 0 { message += "; dropped \(dropped) \(dropped == 1 ? "fragment" : "fragments")" }
        return message
    }
}

// MARK: - Engine

/// The machinery behind ``MojibakeRepair``; internal so tests can exercise the pieces.
enum Engine {
    /// A code page plus the bytes that may be missing from its sequences.
    struct Decoding {
        let page: CodePage
        let table: CodePageTable
        let lost: [UInt8]

        init(_ page: CodePage, lost: [UInt8]? = nil) {
            self.page = page
            self.table = CodePageTable.table(for: page)
            self.lost = lost ?? table.undefined
        }
    }

    /// A line that the quick scan flagged: byte range in the text and the code pages (lead bits)
    /// under which it has at least one lead/continuation pair.
    struct FlaggedLine {
        let index: Int
        let range: Range<Int>
        let pages: UInt8
    }

    /// One re-encoded sequence found on a line, in scalar indices of that line.
    struct Piece {
        enum Kind {
            /// A complete, valid UTF-8 sequence and what it decodes to.
            case sequence(UInt32, Plausibility.Strength)
            /// A lead byte with fewer continuation bytes than it needs.
            case fragment(lead: UInt8, continuations: [UInt8], missing: Int)
        }
        let start: Int
        let end: Int
        let kind: Kind
    }

    /// A line read through one code page.
    struct Reading {
        var pieces: [Piece]
        /// Evidence that the line is mojibake in this code page: 2 per strong sequence or strong
        /// fragment, 1 per medium sequence; 0 when the reading explains too little of the line.
        var score: Int
    }

    /// Share of a line's non-ASCII characters a reading must explain before it counts as
    /// evidence. A line really damaged by a code page consists of nothing but its sequences; a
    /// line damaged by *another* code page (Cyrillic read as Windows-1252, then re-read as Mac
    /// Roman) only matches here and there, and "repairing" those spots would make new garbage.
    static let minimumCoverage = (numerator: 2, denominator: 3)

    struct Round {
        let text: String
        let notes: [RepairNote]
    }

    /// Evidence a whole file must show before medium-only lines and lone fragments are trusted.
    static let establishedScore = 4

    // MARK: Round

    static func repairOnce(_ input: String) -> Round? {
        var text = input
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            repairOnce(buffer)
        } ?? nil
    }

    static func repairOnce(_ buffer: UnsafeBufferPointer<UInt8>) -> Round? {
        let flagged = scan(buffer)
        if flagged.isEmpty { return nil }

        // Read every flagged line through every code page it is suspicious in.
        var lines: [(line: FlaggedLine, scalars: [Unicode.Scalar], readings: [CodePage: Reading])] = []
        var fileScore: [CodePage: Int] = [:]
        for line in flagged {
            let scalars = decodeScalars(buffer, line.range)
            var readings: [CodePage: Reading] = [:]
            for page in CodePage.allCases where line.pages & CodePageTable.leadBit(page) != 0 {
                let reading = read(scalars, with: CodePageTable.table(for: page), lossy: !CodePageTable.table(for: page).undefined.isEmpty)
                if reading.score > 0 || !reading.pieces.isEmpty {
                    readings[page] = reading
                    fileScore[page, default: 0] += reading.score
                }
            }
            lines.append((line, scalars, readings))
        }

        // The file's code page: the one explaining most. Windows-1252 and 1254 only differ in a few
        // letters; when nothing tells them apart, call it 1252 but allow 1254's extra lost bytes.
        let score1252 = fileScore[.windows1252] ?? 0
        let score1254 = fileScore[.windows1254] ?? 0
        let ranked = CodePage.allCases.sorted { lhs, rhs in
            let (l, r) = (fileScore[lhs] ?? 0, fileScore[rhs] ?? 0)
            if l != r { return l > r }
            return preference(lhs) < preference(rhs)
        }
        let filePage = ranked[0]
        guard (fileScore[filePage] ?? 0) > 0 else { return nil }
        var decodings: [CodePage: Decoding] = [:]
        for page in CodePage.allCases { decodings[page] = Decoding(page) }
        if score1252 == score1254 && score1252 > 0 {
            decodings[.windows1252] = Decoding(.windows1252, lost: CodePageTable.windows1254.undefined)
        }
        func established(_ page: CodePage) -> Bool { (fileScore[page] ?? 0) >= establishedScore }

        var replacements: [(range: Range<Int>, scalars: [Unicode.Scalar])] = []
        var notes: [CodePage: RepairNote] = [:]
        var handled = Set<Int>()
        func record(_ page: CodePage, line: Int, _ outcome: Outcome, range: Range<Int>) {
            guard outcome.changed else { return }
            replacements.append((range, outcome.scalars))
            let previous = notes[page]
            notes[page] = RepairNote(
                line: min(previous?.line ?? Int.max, line + 1), codePage: page,
                count: (previous?.count ?? 0) + outcome.count,
                restored: (previous?.restored ?? 0) + outcome.restored,
                dropped: (previous?.dropped ?? 0) + outcome.dropped)
        }

        var chosen: [(entry: Int, page: CodePage, reading: Reading)] = []
        var letters = Set<UInt32>()
        for (position, entry) in lines.enumerated() {
            var best: (page: CodePage, reading: Reading)?
            for page in ranked {
                guard let reading = entry.readings[page] else { continue }
                let confirmed = reading.score >= 2 || (reading.score >= 1 && established(page))
                guard confirmed else { continue }
                if best == nil || reading.score > best!.reading.score { best = (page, reading) }
            }
            guard let best else { continue }
            chosen.append((position, best.page, best.reading))
            handled.insert(entry.line.index)
            for piece in best.reading.pieces {
                if case .sequence(let value, _) = piece.kind { letters.insert(Plausibility.lowercased(value)) }
            }
        }
        // Accented letters the file spells out in full tell which one a truncated capital was
        // (a French text with "maître" but no "naïf" lost an Î, not an Ï).
        let context = FileContext(letters: letters.intersection(Plausibility.frenchLetters))
        for choice in chosen {
            guard let decoding = decodings[choice.page] else { continue }
            let entry = lines[choice.entry]
            let outcome = resolve(entry.scalars, choice.reading, decoding, confirmed: true, file: context)
            record(choice.page, line: entry.line.index, outcome, range: entry.line.range)
        }

        // In a file that is clearly damaged by a lossy code page, a lone lead character such as
        // `Ã` before ASCII can be a 2-byte sequence whose only continuation byte was lost. Those
        // are restored when the answer is unique, and never dropped outside confirmed lines.
        if let decoding = decodings[filePage], !decoding.lost.isEmpty, established(filePage) {
            forEachLine(buffer) { index, range in
                guard !handled.contains(index), lineMayHoldLoneLead(buffer, range, page: filePage) else { return }
                let scalars = decodeScalars(buffer, range)
                let reading = read(scalars, with: decoding.table, lossy: true)
                let outcome = resolve(scalars, reading, decoding, confirmed: false, file: context)
                record(filePage, line: index, outcome, range: range)
            }
        }

        if replacements.isEmpty { return nil }
        replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
        var output = [UInt8]()
        output.reserveCapacity(buffer.count)
        var cursor = 0
        for replacement in replacements {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor..<replacement.range.lowerBound]))
            for scalar in replacement.scalars {
                UTF8.encode(scalar) { output.append($0) }
            }
            cursor = replacement.range.upperBound
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor..<buffer.count]))
        return Round(text: String(decoding: output, as: UTF8.self),
                     notes: notes.values.sorted { $0.line < $1.line })
    }

    /// Tie-break order between code pages with equal evidence.
    static func preference(_ page: CodePage) -> Int {
        switch page {
        case .windows1252: 0
        case .windows1254: 1
        case .macRoman: 2
        }
    }

    // MARK: Quick scan

    /// Finds the lines holding a pair "lead-byte character, continuation-byte character" in some
    /// code page. Pure byte loop with an 8-byte ASCII skip; only non-ASCII scalars are decoded and
    /// looked up.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> [FlaggedLine] {
        guard let base = buffer.baseAddress else { return [] }
        let raw = UnsafeRawPointer(base)
        let count = buffer.count
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var flagged: [FlaggedLine] = []
        var lineIndex = 0
        var lineStart = 0
        var lineMask: UInt8 = 0
        var previous: UInt8 = 0
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let x = word ^ newlines
                if word & highBits == 0 && (x &- ones) & ~x & highBits == 0 {
                    previous = 0
                    i += 8
                    continue
                }
            }
            let byte = base[i]
            if byte < 0x80 {
                if byte == 0x0A {
                    if lineMask != 0 { flagged.append(FlaggedLine(index: lineIndex, range: lineStart..<i, pages: lineMask)) }
                    lineMask = 0
                    lineIndex += 1
                    lineStart = i + 1
                }
                previous = 0
                i += 1
                continue
            }
            var value: UInt32
            var length: Int
            if byte < 0xE0 {
                value = UInt32(byte & 0x1F); length = 2
            } else if byte < 0xF0 {
                value = UInt32(byte & 0x0F); length = 3
            } else {
                value = UInt32(byte & 0x07); length = 4
            }
            if i + length > count { length = count - i } // cannot happen for a valid String
            for k in 1..<max(length, 1) { value = value << 6 | UInt32(base[i + k] & 0x3F) }
            let flags = CodePageTable.flags(value)
            lineMask |= previous & (flags >> 3)
            previous = flags & 0x07
            i += max(length, 1)
        }
        if lineMask != 0 { flagged.append(FlaggedLine(index: lineIndex, range: lineStart..<count, pages: lineMask)) }
        return flagged
    }

    /// The scalars of a line of valid UTF-8, without building a `String` first.
    static func decodeScalars(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = buffer[i]
            var value: UInt32
            var length: Int
            if byte < 0x80 {
                value = UInt32(byte); length = 1
            } else if byte < 0xE0 {
                value = UInt32(byte & 0x1F); length = 2
            } else if byte < 0xF0 {
                value = UInt32(byte & 0x0F); length = 3
            } else {
                value = UInt32(byte & 0x07); length = 4
            }
            length = min(length, range.upperBound - i)
            for k in 1..<max(length, 1) { value = value << 6 | UInt32(buffer[i + k] & 0x3F) }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            i += max(length, 1)
        }
        return scalars
    }

    /// Calls `body` with the index and byte range of every line.
    static func forEachLine(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Int, Range<Int>) -> Void) {
        var index = 0
        var start = 0
        for i in 0..<buffer.count where buffer[i] == 0x0A {
            body(index, start..<i)
            index += 1
            start = i + 1
        }
        body(index, start..<buffer.count)
    }

    /// Whether a line contains a non-ASCII character standing for a lead byte in `page`.
    static func lineMayHoldLoneLead(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, page: CodePage) -> Bool {
        var hasHigh = false
        for i in range where buffer[i] >= 0x80 { hasHigh = true; break }
        guard hasHigh else { return false }
        let bit = CodePageTable.leadBit(page)
        let line = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        return line.unicodeScalars.contains { $0.value >= 0x80 && CodePageTable.flags($0.value) & bit != 0 }
    }

    // MARK: Reading a line

    /// Re-encodes `scalars` through `table` and splits the bytes into UTF-8 sequences.
    /// ASCII and characters the code page cannot produce are never part of a sequence.
    static func read(_ scalars: [Unicode.Scalar], with table: CodePageTable, lossy: Bool) -> Reading {
        let n = scalars.count
        var bytes = [Int16](repeating: -1, count: n)
        for (i, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value < 0x80 { bytes[i] = Int16(value) } else if let byte = table.reverse[value] { bytes[i] = Int16(byte) }
        }
        var pieces: [Piece] = []
        var score = 0
        var covered = 0
        var nonASCII = 0
        for scalar in scalars where scalar.value >= 0x80 { nonASCII += 1 }
        var i = 0
        while i < n {
            let b = bytes[i]
            guard b >= 0xC2 && b <= 0xF4 else { i += 1; continue }
            let lead = UInt8(b)
            let need = lead < 0xE0 ? 1 : (lead < 0xF0 ? 2 : 3)
            var continuations: [UInt8] = []
            var j = i + 1
            while j < n && continuations.count < need && bytes[j] >= 0x80 && bytes[j] <= 0xBF {
                continuations.append(UInt8(bytes[j]))
                j += 1
            }
            if continuations.count == need {
                if let value = decode(lead, continuations) {
                    let strength = Plausibility.strength(of: value)
                    if strength != .none {
                        pieces.append(Piece(start: i, end: j, kind: .sequence(value, strength)))
                        if strength == .strong { score += 2 } else if strength == .medium { score += 1 }
                        covered += j - i
                        i = j
                        continue
                    }
                }
                // Valid but implausible, or invalid: not mojibake. Move on one character.
                i += 1
                continue
            }
            if lossy {
                let missing = need - continuations.count
                pieces.append(Piece(start: i, end: j, kind: .fragment(lead: lead, continuations: continuations, missing: missing)))
                if isStrongFragment(lead, continuations) {
                    score += 2
                    covered += j - i
                } else if candidates(lead: lead, continuations: continuations, missing: missing, lost: table.undefined)
                            .contains(where: Plausibility.isPlausibleRestoration) {
                    // `Ã` before ASCII in a broken line: part of the damage, though no evidence.
                    covered += j - i
                }
            }
            i = j
        }
        if covered * minimumCoverage.denominator < nonASCII * minimumCoverage.numerator {
            score = 0
        } else if score <= 3 && covered < nonASCII && leavesSuspiciousPairs(scalars, pieces) {
            // A single sequence is only trusted when nothing else on the line looks damaged: one
            // coincidental match among other mojibake (`å‚è§` is CJK read as 1252, not Mac
            // Roman's ⏤) is not evidence. A stray clean `’` or `é` next to it is fine.
            score = 0
        }
        return Reading(pieces: pieces, score: score)
    }

    /// Whether a character outside `pieces` forms a lead/continuation pair with a neighbour in
    /// some code page, i.e. looks like mojibake this reading does not explain.
    static func leavesSuspiciousPairs(_ scalars: [Unicode.Scalar], _ pieces: [Piece]) -> Bool {
        var covered = [Bool](repeating: false, count: scalars.count)
        for piece in pieces { for k in piece.start..<piece.end { covered[k] = true } }
        var k = 1
        while k < scalars.count {
            if !(covered[k - 1] && covered[k]) && scalars[k - 1].value >= 0x80 && scalars[k].value >= 0x80 {
                let pair = CodePageTable.flags(scalars[k - 1].value) & (CodePageTable.flags(scalars[k].value) >> 3) & 0x07
                if pair != 0 { return true }
            }
            k += 1
        }
        return false
    }

    /// A truncated sequence whose beginning only occurs in mojibake of symbols and emoji:
    /// `â` + continuation (U+2000…U+2FFF), `ï¸`/`ï»`/`ï¿` (variation selectors, BOM, U+FFFD),
    /// `ğŸ`/`ðŸ` (emoji).
    static func isStrongFragment(_ lead: UInt8, _ continuations: [UInt8]) -> Bool {
        guard let first = continuations.first else { return false }
        switch lead {
        case 0xE2: return true
        case 0xEF: return first == 0xB8 || first == 0xBB || first == 0xBF
        case 0xF0: return first == 0x9F
        default: return false
        }
    }

    /// Decodes one complete sequence, or `nil` when it is not valid UTF-8 (overlong, surrogate,
    /// above U+10FFFF, or a byte that is not a continuation).
    static func decode(_ lead: UInt8, _ continuations: [UInt8]) -> UInt32? {
        guard let first = continuations.first else { return nil }
        for byte in continuations where byte & 0xC0 != 0x80 { return nil }
        switch lead {
        case 0xC2...0xDF:
            guard continuations.count == 1 else { return nil }
            return UInt32(lead & 0x1F) << 6 | UInt32(first & 0x3F)
        case 0xE0...0xEF:
            guard continuations.count == 2 else { return nil }
            if lead == 0xE0 && first < 0xA0 { return nil }
            if lead == 0xED && first > 0x9F { return nil }
            return UInt32(lead & 0x0F) << 12 | UInt32(first & 0x3F) << 6 | UInt32(continuations[1] & 0x3F)
        case 0xF0...0xF4:
            guard continuations.count == 3 else { return nil }
            if lead == 0xF0 && first < 0x90 { return nil }
            if lead == 0xF4 && first > 0x8F { return nil }
            return UInt32(lead & 0x07) << 18 | UInt32(first & 0x3F) << 12
                | UInt32(continuations[1] & 0x3F) << 6 | UInt32(continuations[2] & 0x3F)
        default:
            return nil
        }
    }

    /// Every scalar obtained by inserting `missing` bytes from `lost` anywhere among `continuations`.
    static func candidates(lead: UInt8, continuations: [UInt8], missing: Int, lost: [UInt8]) -> [UInt32] {
        guard missing >= 1 && missing <= 2 else { return [] }
        let total = continuations.count + missing
        var found: [UInt32] = []
        var slots = [UInt8](repeating: 0, count: total)
        func fill(_ gaps: [Int], _ values: [UInt8]) {
            var source = 0
            var gap = 0
            for slot in 0..<total {
                if gap < gaps.count && gaps[gap] == slot {
                    slots[slot] = values[gap]; gap += 1
                } else {
                    slots[slot] = continuations[source]; source += 1
                }
            }
            if let value = decode(lead, slots), !found.contains(value) { found.append(value) }
        }
        if missing == 1 {
            for position in 0..<total { for byte in lost { fill([position], [byte]) } }
        } else {
            for first in 0..<total {
                for second in (first + 1)..<max(total, first + 1) {
                    for a in lost { for b in lost { fill([first, second], [a, b]) } }
                }
            }
        }
        return found
    }

    // MARK: Resolving a line

    struct Outcome {
        var scalars: [Unicode.Scalar]
        var count = 0
        var restored = 0
        var dropped = 0
        var changed: Bool { count > 0 || dropped > 0 }
    }

    /// Builds the repaired line. With `confirmed` false (a line without evidence of its own in a
    /// damaged file) only unambiguous lost-byte restorations are made.
    /// What the whole file says about its own characters.
    struct FileContext {
        /// Lowercase French letters that occur, decoded, somewhere in the file.
        var letters: Set<UInt32> = []
    }

    static func resolve(_ scalars: [Unicode.Scalar], _ reading: Reading, _ decoding: Decoding, confirmed: Bool,
                        file: FileContext = FileContext()) -> Outcome {
        var outcome = Outcome(scalars: [])
        outcome.scalars.reserveCapacity(scalars.count)
        var cursor = 0
        /// What the previous piece became, when it ended right where the current one starts.
        var previousEnd = -1
        var previousOutput: UInt32?
        var previousDropped = false
        let pieces = reading.pieces

        for (k, piece) in pieces.enumerated() {
            outcome.scalars.append(contentsOf: scalars[cursor..<piece.start])
            let original = scalars[piece.start..<piece.end]
            cursor = piece.end
            let adjacentToPrevious = previousEnd == piece.start

            switch piece.kind {
            case .sequence(let value, let strength):
                if confirmed && strength != .none {
                    outcome.scalars.append(Unicode.Scalar(value)!)
                    outcome.count += 1
                    previousOutput = value
                } else {
                    outcome.scalars.append(contentsOf: original)
                    previousOutput = original.last?.value
                }
                previousDropped = false

            case .fragment(let lead, let continuations, let missing):
                var context = Plausibility.Context(previous: nil, next: nil, nextIsEmojiFragment: false, nextIsVariationSelector: false)
                if adjacentToPrevious {
                    context.previous = previousDropped ? nil : previousOutput
                } else if piece.start > 0 {
                    context.previous = scalars[piece.start - 1].value
                }
                if k + 1 < pieces.count, pieces[k + 1].start == piece.end {
                    switch pieces[k + 1].kind {
                    case .sequence(let value, let strength):
                        if confirmed && strength != .none {
                            context.next = value
                            context.nextIsVariationSelector = value == 0xFE0F
                        } else {
                            context.next = scalars[piece.end].value
                        }
                    case .fragment(let nextLead, let nextContinuations, _):
                        context.nextIsEmojiFragment = nextLead == 0xF0
                        context.nextIsVariationSelector = nextLead == 0xEF && nextContinuations.first == 0xB8
                    }
                } else if piece.end < scalars.count {
                    context.next = scalars[piece.end].value
                }

                let all = candidates(lead: lead, continuations: continuations, missing: missing, lost: decoding.lost)
                let sensible = all.filter { Plausibility.isSensible($0, in: context) }
                var choice: UInt32?
                let attested = sensible.filter { file.letters.contains(Plausibility.lowercased($0)) }
                if sensible.contains(0x200D) {
                    choice = 0x200D
                } else if sensible.count > 1 && attested.count == 1 {
                    choice = attested[0]
                } else if sensible.count == 1 {
                    choice = sensible[0]
                } else if sensible.count > 1 {
                    let known = sensible.filter { Plausibility.auditVocabulary.contains($0) }
                    if known.count == 1 { choice = known[0] }
                }

                if let choice {
                    outcome.scalars.append(Unicode.Scalar(choice)!)
                    outcome.count += 1
                    outcome.restored += missing
                    previousOutput = choice
                    previousDropped = false
                } else if confirmed && (!sensible.isEmpty || isStrongFragment(lead, continuations)) {
                    // Unrecoverable: remove it, and the spaces around it stay where they are.
                    // A variation selector or joiner left over from an emoji dropped just before
                    // belongs to the same fragment and is not counted twice.
                    if !(adjacentToPrevious && previousDropped) { outcome.dropped += 1 }
                    previousOutput = nil
                    previousDropped = true
                } else {
                    outcome.scalars.append(contentsOf: original)
                    previousOutput = original.last?.value
                    previousDropped = false
                }
            }
            previousEnd = piece.end
        }
        outcome.scalars.append(contentsOf: scalars[cursor..<scalars.count])
        return outcome
    }
}
