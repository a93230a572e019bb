import Extraction
import Templates

/// Dates, numbers and scores written the way each language writes them: `5 février 2026` /
/// `5 February 2026`, `89 %` / `89%`, `15,5/20` / `15.5/20`. Month names and number style come from
/// the theme's interface strings (`months.1`…, `number.decimal`, `number.percent`), so a third
/// language is added by adding its strings file.
///
/// Made once per language (`SiteRenderer`), its names and patterns looked up when it is made: a
/// 10,000-audit portal writes millions of dates and numbers.
public struct LocaleFormatter: Sendable {
    public let language: String
    let decimalSeparator: String
    /// `number.percent` holds the pattern, `{n} %` in French and `{n}%` in English.
    let percentPattern: String
    /// Month names and short names, indexed by month (index 0 unused).
    private let months: [String]
    private let shortMonths: [String]
    /// How the first day of a month is written (`1er` in French).
    private let firstDay: String
    /// `date.format`; nil for the usual `{day} {month} {year}`.
    private let datePattern: String?

    public init(language: String, strings: [String: String]) {
        self.language = language
        decimalSeparator = strings["number.decimal"] ?? "."
        percentPattern = strings["number.percent"] ?? "{n}%"
        months = (0...12).map { strings["months.\($0)"] ?? String($0) }
        shortMonths = (0...12).map { strings["monthsShort.\($0)"] ?? String($0) }
        firstDay = strings["date.first"] ?? "1"
        let pattern = strings["date.format"] ?? "{day} {month} {year}"
        datePattern = pattern == "{day} {month} {year}" ? nil : pattern
    }

    /// `12`, `12,5`, `-3,25`: at most two decimals, no trailing zeros.
    public func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        var text: String
        if rounded == rounded.rounded() {
            text = String(Int(rounded))
        } else {
            text = String(format2(rounded))
        }
        if decimalSeparator != ".", let dot = text.firstIndex(of: ".") { text.replaceSubrange(dot...dot, with: decimalSeparator) }
        if text.first == "-" { text = "−" + text.dropFirst() }
        return text
    }

    private func format2(_ value: Double) -> String {
        var s = String(Int((abs(value) * 100).rounded()))
        while s.count < 3 { s = "0" + s }
        var result = String(s.dropLast(2)) + "." + String(s.suffix(2))
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return (value < 0 ? "-" : "") + result
    }

    public func percent(_ value: Double) -> String {
        let n = number(value)
        return Self.fill(percentPattern) { $0 == "n" ? n : nil }
    }

    /// Replaces `{name}` placeholders in one pass (Foundation's replacingOccurrences is slow per page).
    static func fill(_ pattern: String, _ values: [String: String]) -> String {
        fill(pattern) { values[$0] }
    }

    /// The same with each placeholder's value given by `value` (nil leaves the placeholder as it is):
    /// a date or a percentage, written millions of times, makes no dictionary for its two or three names.
    static func fill(_ pattern: String, _ value: (String) -> String?) -> String {
        guard pattern.containsByte(UInt8(ascii: "{")) else { return pattern }
        var pattern = pattern
        return pattern.withUTF8 { bytes -> String in
            // On bytes (`{` and `}` are ASCII): a brace is a placeholder's wherever it stands, even
            // before a combining mark, and one left open is written as it is.
            var out = TextOutput(capacity: bytes.count + 16)
            var start = 0
            var open = 0
            while open < bytes.count {
                guard bytes[open] == UInt8(ascii: "{") else { open += 1; continue }
                guard let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) else { break }
                out.append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<open]))
                if let value = value(String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)) {
                    out += value
                } else {
                    out.append(bytes: UnsafeBufferPointer(rebasing: bytes[open...close]))
                }
                start = close + 1
                open = start
            }
            out.append(bytes: UnsafeBufferPointer(rebasing: bytes[start...]))
            return out.string
        }
    }

    /// A score on its own scale (`15,5/20`), or as a percentage for scale 100.
    public func score(_ score: Score) -> String {
        score.scale == 100 ? percent(score.raw) : "\(number(score.raw))/\(number(score.scale))"
    }

    /// `+3`, `−2,5`, `±0`, with the sign always shown.
    public func delta(_ value: Double) -> String {
        if value > 0 { return "+" + number(value) }
        if value < 0 { return number(value) }
        return "±0"
    }

    /// `5 février 2026` / `5 February 2026`; `date.format` may reorder (`{month} {day}, {year}`).
    public func date(_ date: AuditDate) -> String {
        let month = months.indices.contains(date.month) ? months[date.month] : String(date.month)
        let day = date.day == 1 ? firstDay : String(date.day)
        let year = String(date.year)
        guard let datePattern else { return Self.joined(day, month, year) }
        return Self.fill(datePattern) { name in
            switch name {
            case "day": day
            case "month": month
            case "year": year
            default: nil
            }
        }
    }

    /// `a b c` written straight into one string of its size (stored inline up to 15 bytes, as
    /// `5 février 2026` is): a portal writes dates on every row of its history and trend tables.
    static func joined(_ a: String, _ b: String, _ c: String) -> String {
        var a = a, b = b, c = c
        return a.withUTF8 { a in
            b.withUTF8 { b in
                c.withUTF8 { c in
                    String(unsafeUninitializedCapacity: a.count + b.count + c.count + 2) { out in
                        _ = UnsafeMutableBufferPointer(rebasing: out[0...]).initialize(from: a)
                        out[a.count] = 0x20
                        _ = UnsafeMutableBufferPointer(rebasing: out[(a.count + 1)...]).initialize(from: b)
                        out[a.count + 1 + b.count] = 0x20
                        _ = UnsafeMutableBufferPointer(rebasing: out[(a.count + b.count + 2)...]).initialize(from: c)
                        return a.count + b.count + c.count + 2
                    }
                }
            }
        }
    }

    /// Short form for chart axes: `02/2026` / `Feb 2026`.
    public func shortDate(_ date: AuditDate) -> String {
        let month = shortMonths.indices.contains(date.month) ? shortMonths[date.month] : String(date.month)
        return "\(month) \(date.year)"
    }
}
