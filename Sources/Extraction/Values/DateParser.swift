/// Reads the dates reports write: `2024-01-15`, `2024/01/15`, `10/03/2025` (day first, as in French),
/// `5 février 2026`, `1er avril 2025`, `March 3, 2025`, `3 March 2025`, `15.01.2024`.
public struct DateParser: Sendable {
    let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// The first complete date in `text`.
    public func firstDate(in text: String) -> AuditDate? {
        // Every date this parser knows has a year of four ASCII digits: one byte scan rules most
        // lines out before they are cut into tokens.
        guard text.hasFourDigitRun else { return nil }
        let tokens = Self.tokens(text)
        for index in tokens.indices {
            if let date = date(at: index, in: tokens) { return date }
        }
        return nil
    }

    /// Every complete date in `text`, in order.
    public func allDates(in text: String) -> [AuditDate] {
        guard text.hasFourDigitRun else { return [] }
        let tokens = Self.tokens(text)
        return tokens.indices.compactMap { date(at: $0, in: tokens) }
    }

    /// The last complete date in `text` (the end of a period).
    public func lastDate(in text: String) -> AuditDate? {
        allDates(in: text).last
    }

    /// The end of a range written on the line (`2025-04-14 to 2025-04-25`, `du 2 au 6 juin 2025`,
    /// `March 3 – March 21, 2025`), or nil when the line names no range.
    public func rangeEnd(in text: String) -> AuditDate? {
        let key = " " + TextNormalizer.key(text) + " "
        let connectors = [" to ", " au ", " until ", " jusqu'au ", " through ", " and ", " et "]
        guard connectors.contains(where: key.contains) || text.contains("–") || text.contains(" - ") || text.contains("—") else { return nil }
        let all = allDates(in: text)
        return all.count >= 1 ? all.last : nil
    }

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case separator(Character)
    }

    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var isNumber = false
        func flush() {
            guard !current.isEmpty else { return }
            if isNumber, let n = Int(current) { tokens.append(.number(n, digits: current.count)) } else { tokens.append(.word(current)) }
            current = ""
        }
        for ch in text {
            if ch.isASCII, ch.isNumber {
                if !isNumber { flush() }
                isNumber = true
                current.append(ch)
            } else if ch.isLetter {
                if isNumber { flush() }
                isNumber = false
                current.append(ch)
            } else {
                flush()
                if ch == "-" || ch == "/" || ch == "." || ch == "," { tokens.append(.separator(ch)) }
                else if !ch.isWhitespace { tokens.append(.separator("|")) }
            }
        }
        flush()
        return tokens
    }

    func date(at i: Int, in t: [Token]) -> AuditDate? {
        func number(_ k: Int) -> (Int, Int)? {
            guard k < t.count, case .number(let n, let d) = t[k] else { return nil }
            return (n, d)
        }
        func sep(_ k: Int) -> Character? {
            guard k < t.count, case .separator(let c) = t[k] else { return nil }
            return c
        }
        func word(_ k: Int) -> String? {
            guard k >= 0, k < t.count, case .word(let w) = t[k] else { return nil }
            return w
        }
        // A number glued to a word before it ("v2024-01") is not a date.
        if let (a, ad) = number(i) {
            // YYYY-MM-DD or YYYY/MM/DD
            if ad == 4, let s = sep(i + 1), s == "-" || s == "/" || s == ".", let (m, _) = number(i + 2), sep(i + 3) == s, let (d, _) = number(i + 4) {
                return AuditDate(year: a, month: m, day: d)
            }
            // DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY (day first; month first only when the day cannot be a month)
            if ad <= 2, let s = sep(i + 1), s == "/" || s == "-" || s == ".", let (b, _) = number(i + 2), sep(i + 3) == s,
               let (y, yd) = number(i + 4), yd == 4 {
                if b > 12, a <= 12 { return AuditDate(year: y, month: a, day: b) }
                return AuditDate(year: y, month: b, day: a)
            }
            // 5 février 2026, 1er avril 2025, 3 March 2025
            if ad <= 2 {
                var k = i + 1
                if let w = word(k), ["er", "st", "nd", "rd", "th"].contains(w.lowercased()) { k += 1 }
                if let w = word(k), let month = vocabulary.month(named: w) {
                    var y = k + 1
                    if sep(y) == "," || sep(y) == "." { y += 1 }
                    if let (year, yd) = number(y), yd == 4 { return AuditDate(year: year, month: month, day: a) }
                }
            }
            return nil
        }
        // March 3, 2025 / March 3rd 2025
        if let w = word(i), let month = vocabulary.month(named: w), w.count >= 3 {
            var k = i + 1
            if sep(k) == "." { k += 1 }
            if let (d, dd) = number(k), dd <= 2 {
                var y = k + 1
                if let suffix = word(y), ["st", "nd", "rd", "th", "er"].contains(suffix.lowercased()) { y += 1 }
                if sep(y) == "," { y += 1 }
                if let (year, yd) = number(y), yd == 4 { return AuditDate(year: year, month: month, day: d) }
            }
        }
        return nil
    }
}
