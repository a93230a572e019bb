import Templates

/// Open GAPs per audit date stacked by severity (the burn-down), as static SVG.
struct StackedBarChart {
    struct Bar {
        let label: String
        /// Counts per layer, bottom first (critical, high, medium, low, unrated).
        let counts: [Int]
    }

    let title: String
    let layers: [(name: String, cssClass: String)]
    let bars: [Bar]
    let width = 640.0
    let height = 240.0

    func svg(id: String) -> String {
        let left = 36.0, right = 12.0, top = 14.0, bottom = 36.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxTotal = max(1, bars.map { $0.counts.reduce(0, +) }.max() ?? 1)
        let niceMax = Double(((maxTotal + 4) / 5) * 5)
        let slot = plotW / Double(max(1, bars.count))
        let barW = min(48, slot * 0.7)
        var out = "<svg class=\"chart bar-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-title\">"
        out += "<title id=\"\(id)-title\">\(HTMLEscape.escape(title))</title>"
        for tick in stride(from: 0.0, through: niceMax, by: max(1, (niceMax / 5).rounded())) {
            let ty = top + (1 - tick / niceMax) * plotH
            out += "<line class=\"grid\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(ty))\" y2=\"\(fmt(ty))\"/>"
            out += "<text class=\"axis\" x=\"\(fmt(left - 6))\" y=\"\(fmt(ty))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Int(tick))</text>"
        }
        let step = max(1, Int((Double(bars.count) / 8).rounded(.up)))
        for (i, bar) in bars.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            var y = top + plotH
            for (layer, count) in bar.counts.enumerated() where count > 0 {
                let h = Double(count) / niceMax * plotH
                y -= h
                out += "<rect class=\"\(layers[layer].cssClass)\" x=\"\(fmt(cx - barW / 2))\" y=\"\(fmt(y))\" width=\"\(fmt(barW))\" height=\"\(fmt(h))\"><title>\(HTMLEscape.escape(bar.label)) — \(HTMLEscape.escape(layers[layer].name)): \(count)</title></rect>"
            }
            if i % step == 0 || i == bars.count - 1 {
                out += "<text class=\"axis\" x=\"\(fmt(cx))\" y=\"\(fmt(height - 12))\" text-anchor=\"middle\">\(HTMLEscape.escape(bar.label))</text>"
            }
        }
        out += "</svg>"
        return out
    }
}
