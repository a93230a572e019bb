import Foundation
import SiteBuilder
import Testing

/// A synthetic corpus from the project's own `scripts/make-corpus.py` (200 audits, GAPs opening and closing across
/// dates, translations, broken encodings) against the truth file it writes: every open and resolved
/// GAP of every audit must be in `gaps.json` with the right severity and status.
@Suite struct TruthCorpusTests {
    @Test func everyStatedGapIsInGapsJSONWithItsSeverityAndStatus() throws {
        let script = TestSite.repository.appendingPathComponent("scripts/make-corpus.py")
        try #require(FileManager.default.fileExists(atPath: script.path), "scripts/make-corpus.py is missing")
        let site = try TestSite()
        defer { site.remove() }
        let truthFile = site.root.appendingPathComponent("truth.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--out", site.content.path, "--audits", "200", "--projects", "10",
                             "--truth", truthFile.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let report = try site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.formatted))")

        let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: truthFile)) as? [[String: Any]])
        let gaps = try #require(try site.json("data/gaps.json")["gaps"] as? [[String: Any]])
        var index: [String: [String: Any]] = [:]
        for gap in gaps { index["\(gap["project"]!)/\(gap["id"]!)"] = gap }
        let severity = ["P1": "critical", "P2": "high", "P3": "medium"]
        var checked = 0
        var failures: [String] = []
        for entry in truth {
            let project = entry["project"] as! String
            let file = entry["file"] as! String
            let slug = String(file.split(separator: "/")[1].split(separator: ".")[0])
            let audit = "\(project)/\(slug)"
            func statement(_ id: String) -> [String: Any]? {
                (index["\(project)/\(id)"]?["history"] as? [[String: Any]])?.first { $0["audit"] as? String == audit }
            }
            for (id, level) in entry["openGaps"] as? [String: String] ?? [:] {
                checked += 1
                let s = statement(id)
                if !["open", "partial"].contains(s?["status"] as? String ?? "") || s?["severity"] as? String != severity[level] {
                    failures.append("\(audit) \(id) open \(level): \(String(describing: s))")
                }
            }
            for id in entry["resolvedGaps"] as? [String] ?? [] {
                checked += 1
                if statement(id)?["status"] as? String != "done" { failures.append("\(audit) \(id) resolved") }
            }
        }
        #expect(checked > 1000)
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(5))")
    }
}
