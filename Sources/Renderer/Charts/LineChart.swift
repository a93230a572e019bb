import Templates

/// A static SVG line chart of scores (0–100) over dates, one line per series. No JavaScript: the
/// chart is markup, styled by the theme's CSS (`.series-N` classes, `currentColor`), so it follows
/// dark mode and prints. Holes in a series (an audit without that domain) break the line.
struct LineChart {
    struct Series {
        let name: String
        let values: [Double?]
    }

    let title: String
    /// Day numbers of the x positions (one per audit), chronological.
    let days: [Int]
    let xLabels: [String]
    let series: [Series]
    let width = 640.0
    let height = 260.0
    let margin = (top: 16.0, right: 16.0, bottom: 36.0, left: 40.0)

    /// Written as bytes into one buffer: a project page draws a circle and a `<title>` for every
    /// score of every domain of every audit (thousands on a project audited for years).
    func svg(id: String) -> String {
        let plotW = width - margin.left - margin.right
        let plotH = height - margin.top - margin.bottom
        let minDay = days.min() ?? 0
        let span = Double(max(1, (days.max() ?? 0) - minDay))
        func x(_ i: Int) -> Double {
            days.count == 1 ? margin.left + plotW / 2 : margin.left + Double(days[i] - minDay) / span * plotW
        }
        func y(_ v: Double) -> Double { margin.top + (1 - v / 100) * plotH }
        var out = TextOutput(capacity: 2_048 + series.count * days.count * 160)
        out += "<svg class=\"chart line-chart\" viewBox=\"0 0 "
        out.append(Int(width))
        out += " "
        out.append(Int(height))
        out += "\" role=\"img\" aria-labelledby=\""
        out += id
        out += "-title\" preserveAspectRatio=\"xMidYMid meet\"><title id=\""
        out += id
        out += "-title\">"
        out.appendEscapedHTML(title)
        out += "</title>"
        for tick in stride(from: 0, through: 100, by: 25) {
            let ty = y(Double(tick))
            out += "<line class=\"grid\" x1=\""
            out.appendCoordinate(margin.left)
            out += "\" x2=\""
            out.appendCoordinate(width - margin.right)
            out += "\" y1=\""
            out.appendCoordinate(ty)
            out += "\" y2=\""
            out.appendCoordinate(ty)
            out += "\"/><text class=\"axis\" x=\""
            out.appendCoordinate(margin.left - 6)
            out += "\" y=\""
            out.appendCoordinate(ty)
            out += "\" text-anchor=\"end\" dominant-baseline=\"middle\">"
            out.append(tick)
            out += "</text>"
        }
        // At most six date labels, always the first and the last.
        let step = max(1, Int((Double(days.count) / 6).rounded(.up)))
        for i in days.indices where i % step == 0 || i == days.count - 1 {
            // The first and last labels hug the plot's edges so they are never cut off.
            let anchor = days.count > 1 && i == 0 ? "start" : days.count > 1 && i == days.count - 1 ? "end" : "middle"
            out += "<text class=\"axis\" x=\""
            out.appendCoordinate(x(i))
            out += "\" y=\""
            out.appendCoordinate(height - 12)
            out += "\" text-anchor=\""
            out += anchor
            out += "\">"
            out.appendEscapedHTML(xLabels[i])
            out += "</text>"
        }
        for (s, serie) in series.enumerated() {
            var path = TextOutput(capacity: serie.values.count * 16)
            var pen = false
            for (i, value) in serie.values.enumerated() {
                guard let value else { pen = false; continue }
                // (`M x y L x y …`: a hole lifts the pen.)
                if path.isEmpty { path += "M" } else { path += pen ? " L" : " M" }
                path.appendCoordinate(x(i))
                path += " "
                path.appendCoordinate(y(value))
                pen = true
            }
            let cls = "series series-\(s % 8)"
            if !path.isEmpty {
                out += "<path class=\""
                out += cls
                out += "\" d=\""
                out.append(path)
                out += "\"><title>"
                out.appendEscapedHTML(serie.name)
                out += "</title></path>"
            }
            for (i, value) in serie.values.enumerated() {
                guard let value else { continue }
                out += "<circle class=\""
                out += cls
                out += "\" cx=\""
                out.appendCoordinate(x(i))
                out += "\" cy=\""
                out.appendCoordinate(y(value))
                out += "\" r=\"3\"><title>"
                out.appendEscapedHTML(serie.name)
                out += " — "
                out.appendEscapedHTML(xLabels[i])
                out += ": "
                out.appendCoordinate(value)
                out += "</title></circle>"
            }
        }
        out += "</svg>"
        return out.string
    }
}

extension TextOutput {
    /// `fmt(value)` written without making a `String`: at most one decimal, no locale.
    mutating func appendCoordinate(_ value: Double) {
        let tenths = (value * 10).rounded()
        guard tenths.magnitude < 1e15 else { return self += fmt(value) }
        let whole = Int(tenths)
        if whole % 10 == 0 { return append(whole / 10) }
        if whole < 0 { self += "-" }
        append(Int(whole.magnitude / 10))
        self += "."
        append(Int(whole.magnitude % 10))
    }
}

/// Numbers in SVG attributes: at most one decimal, no locale.
func fmt(_ value: Double) -> String {
    let r = (value * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}
