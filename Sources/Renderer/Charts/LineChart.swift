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

    func svg(id: String) -> String {
        let plotW = width - margin.left - margin.right
        let plotH = height - margin.top - margin.bottom
        let minDay = days.min() ?? 0
        let span = Double(max(1, (days.max() ?? 0) - minDay))
        func x(_ i: Int) -> Double {
            days.count == 1 ? margin.left + plotW / 2 : margin.left + Double(days[i] - minDay) / span * plotW
        }
        func y(_ v: Double) -> Double { margin.top + (1 - v / 100) * plotH }
        var out = "<svg class=\"chart line-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-title\" preserveAspectRatio=\"xMidYMid meet\">"
        out += "<title id=\"\(id)-title\">\(HTMLEscape.escape(title))</title>"
        for tick in stride(from: 0, through: 100, by: 25) {
            let ty = fmt(y(Double(tick)))
            out += "<line class=\"grid\" x1=\"\(fmt(margin.left))\" x2=\"\(fmt(width - margin.right))\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
            out += "<text class=\"axis\" x=\"\(fmt(margin.left - 6))\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(tick)</text>"
        }
        // At most six date labels, always the first and the last.
        let step = max(1, Int((Double(days.count) / 6).rounded(.up)))
        for i in days.indices where i % step == 0 || i == days.count - 1 {
            // The first and last labels hug the plot's edges so they are never cut off.
            let anchor = days.count > 1 && i == 0 ? "start" : days.count > 1 && i == days.count - 1 ? "end" : "middle"
            out += "<text class=\"axis\" x=\"\(fmt(x(i)))\" y=\"\(fmt(height - 12))\" text-anchor=\"\(anchor)\">\(HTMLEscape.escape(xLabels[i]))</text>"
        }
        for (s, serie) in series.enumerated() {
            var path = ""
            var pen = false
            for (i, value) in serie.values.enumerated() {
                guard let value else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(fmt(x(i))) \(fmt(y(value)))"
                pen = true
            }
            let cls = "series series-\(s % 8)"
            if !path.isEmpty { out += "<path class=\"\(cls)\" d=\"\(path.dropFirst())\"><title>\(HTMLEscape.escape(serie.name))</title></path>" }
            for (i, value) in serie.values.enumerated() {
                guard let value else { continue }
                out += "<circle class=\"\(cls)\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(value)))\" r=\"3\"><title>\(HTMLEscape.escape(serie.name)) — \(HTMLEscape.escape(xLabels[i])): \(fmt(value))</title></circle>"
            }
        }
        out += "</svg>"
        return out
    }
}

/// Numbers in SVG attributes: at most one decimal, no locale.
func fmt(_ value: Double) -> String {
    let r = (value * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}
