import Markdown

/// Reads scores as reports write them: `94%`, `89 %`, `89/100`, `7.5 / 10`, `13/20`, `15,5/20`, `3.5/5`.
public enum ScoreParser {
    /// Scales a score may be written on; other denominators (`4/9 tâches`) are counts, not scores.
    public static let scales: Set<Double> = [5, 10, 20, 100]

    public enum Outcome: Equatable {
        case score(Score)
        /// A score was written but does not fit its scale (`120%`, `12/10`).
        case outOfScale(text: String)
    }

    /// The first score in `text`. `defaultScale` applies to a bare number (a column headed `Note /20`).
    public static func firstScore(in text: String, line: Int, defaultScale: Double? = nil) -> Outcome? {
        // Every score starts with an ASCII digit: one byte scan rules most texts out before they are
        // cut into characters.
        guard text.hasASCIIDigit else { return nil }
        // Without a default scale, a score is a number before `%` or `/`.
        guard defaultScale != nil || text.containsByte(where: { $0 == 0x25 || $0 == 0x2F }) else { return nil }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber, i == 0 || !(chars[i - 1].isLetter || chars[i - 1] == "-" && i >= 2 && chars[i - 2].isLetter) else {
                i += 1
                continue
            }
            // A number: digits with an optional decimal part (point or comma).
            let start = i
            var (value, end) = number(chars, from: i)
            guard let raw = value else { i = end; continue }
            // Skip over "GAP-12", "v1.2", "1.3 " outline numbers glued to letters after them.
            var j = end
            while j < chars.count, chars[j] == " " || chars[j] == "\u{00A0}" || chars[j] == "\u{202F}" { j += 1 }
            if j < chars.count, chars[j] == "%" {
                let original = String(chars[start...j])
                return check(raw: raw, scale: 100, text: original, line: line)
            }
            if j < chars.count, chars[j] == "/" {
                var k = j + 1
                while k < chars.count, chars[k] == " " { k += 1 }
                let (denominator, denEnd) = number(chars, from: k)
                if let den = denominator, scales.contains(den), denEnd >= chars.count || !chars[denEnd].isNumber {
                    // "12/03/2025" is a date, not a score.
                    if denEnd < chars.count, chars[denEnd] == "/" { i = denEnd; continue }
                    let original = String(chars[start..<denEnd])
                    return check(raw: raw, scale: den, text: original, line: line)
                }
                i = max(denEnd, j + 1)
                continue
            }
            if let scale = defaultScale {
                // A bare number only counts when it is the cell's whole content.
                let rest = chars[end...].filter { !$0.isWhitespace && $0 != "*" }
                let before = chars[..<start].filter { !$0.isWhitespace && $0 != "*" }
                if rest.isEmpty, before.isEmpty {
                    return check(raw: raw, scale: scale, text: String(chars[start..<end]), line: line)
                }
            }
            value = nil
            i = max(end, i + 1)
        }
        return nil
    }

    /// Every score written in the text, in order (`passe de 65 % à 69 %` → 65, 69).
    public static func allScores(in text: String) -> [Score] {
        var scores: [Score] = []
        var rest = Substring(text)
        while case .score(let score)? = firstScore(in: String(rest), line: 0), let range = rest.range(of: score.text) {
            scores.append(score)
            rest = rest[range.upperBound...]
        }
        return scores
    }

    /// True when the text holds a score with an explicit scale (`64 %`, `13/20`).
    public static func isScore(_ text: String) -> Bool {
        if case .score = firstScore(in: text, line: 0) { return true }
        return false
    }

    static func check(raw: Double, scale: Double, text: String, line: Int) -> Outcome {
        guard raw >= 0, raw <= scale else { return .outOfScale(text: text) }
        let normalised = (raw / scale * 100 * 100).rounded() / 100
        return .score(Score(value: normalised, scale: scale, raw: raw, text: text, line: line))
    }

    /// Digits, then optionally `.` or `,` and more digits. Returns nil when no digit is there.
    static func number(_ chars: [Character], from start: Int) -> (Double?, Int) {
        var i = start
        var digits = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber {
            digits.append(chars[i])
            i += 1
        }
        guard !digits.isEmpty, digits.count <= 6 else { return (nil, max(i, start + 1)) }
        if i + 1 < chars.count, chars[i] == "." || chars[i] == ",", chars[i + 1].isASCII, chars[i + 1].isNumber {
            var fraction = ""
            var k = i + 1
            while k < chars.count, chars[k].isASCII, chars[k].isNumber {
                fraction.append(chars[k])
                k += 1
            }
            // "1.2.3" is an outline number, not a decimal.
            if k < chars.count, chars[k] == "." || chars[k] == ",", k + 1 < chars.count, chars[k + 1].isNumber {
                return (nil, k)
            }
            return (Double("\(digits).\(fraction)"), k)
        }
        return (Double(digits), i)
    }

    /// Scale announced by a column header: `Note /20`, `Score (sur 10)`, `Score %`.
    public static func headerScale(_ header: String) -> Double? {
        let chars = Array(header)
        for (index, ch) in chars.enumerated() where ch == "/" {
            let (value, _) = number(chars, from: chars[(index + 1)...].firstIndex(where: { $0 != " " }) ?? index + 1)
            if let value, scales.contains(value) { return value }
        }
        let key = TextNormalizer.key(header)
        for scale in [5, 10, 20, 100] where key.contains("sur \(scale)") || key.contains("out of \(scale)") || key.contains("on \(scale)") {
            return Double(scale)
        }
        if header.contains("%") { return 100 }
        return nil
    }
}
