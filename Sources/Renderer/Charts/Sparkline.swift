import Templates

/// A tiny trend line for tables (portfolio), with the values in its title for screen readers.
struct Sparkline {
    let values: [Double?]
    let label: String

    func svg() -> String {
        let points = values.enumerated().compactMap { i, v in v.map { (i, $0) } }
        guard points.count >= 1 else { return "" }
        let w = 96.0, h = 24.0
        let n = max(1, values.count - 1)
        func x(_ i: Int) -> Double { values.count == 1 ? w / 2 : 2 + Double(i) / Double(n) * (w - 4) }
        func y(_ v: Double) -> Double { 2 + (1 - v / 100) * (h - 4) }
        var d = ""
        var pen = false
        for (i, v) in values.enumerated() {
            guard let v else { pen = false; continue }
            d += (pen ? " L" : " M") + "\(fmt(x(i))) \(fmt(y(v)))"
            pen = true
        }
        let last = points.last!
        return "<svg class=\"sparkline\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"96\" height=\"24\" role=\"img\" aria-label=\"\(HTMLEscape.escape(label))\"><path d=\"\(d.dropFirst())\"/><circle cx=\"\(fmt(x(last.0)))\" cy=\"\(fmt(y(last.1)))\" r=\"2.5\"/></svg>"
    }
}
