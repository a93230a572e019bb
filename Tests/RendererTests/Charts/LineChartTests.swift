@testable import Renderer
import Templates
import Testing

/// Chart coordinates are written as bytes, as `fmt` writes them as text (the charts of a project
/// page are byte for byte what they were).
@Suite struct LineChartTests {
    @Test func coordinatesAreWrittenAsFmtWritesThem() {
        var values: [Double] = [0, -0.0, 0.04, 0.05, 0.06, 0.95, 0.96, 1, -0.04, -0.05, -0.5, -1.25, 12.34, 99.95, 640, 1e14, -1e14, 1e16, 3.0e17]
        for step in 0..<4_000 { values.append(Double(step) * 0.0137 - 20) }
        for value in values {
            var out = TextOutput()
            out.appendCoordinate(value)
            #expect(out.string == fmt(value), "\(value)")
        }
    }

    /// A series with a hole: the pen is lifted (`M` again), each point has its circle and title.
    @Test func aHoleInASeriesLiftsThePen() {
        let chart = LineChart(title: "Scores <2025>", days: [0, 10, 20, 30], xLabels: ["a", "b", "c", "d"],
                              series: [.init(name: "Sécurité & co", values: [50, nil, 75.5, 80])])
        let svg = chart.svg(id: "c")
        #expect(svg.hasPrefix("<svg class=\"chart line-chart\" viewBox=\"0 0 640 260\""))
        #expect(svg.contains("<title id=\"c-title\">Scores &lt;2025&gt;</title>"))
        #expect(svg.contains("d=\"M40 120 M429.3 67 L624 57.6\""))
        #expect(svg.components(separatedBy: "<circle ").count == 4)
        #expect(svg.contains("<title>Sécurité &amp; co — c: 75.5</title>"))
        #expect(svg.hasSuffix("</svg>"))
    }
}
