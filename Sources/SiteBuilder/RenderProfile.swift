import Foundation
import Renderer

/// Render time per kind of page (`AUDIT_SITE_PROFILE=1`), for theme authors and benchmarks.
final class RenderProfile: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [String: (count: Int, nanoseconds: UInt64, bytes: Int)] = [:]

    func add(_ plan: PagePlan, nanoseconds: UInt64, bytes: Int) {
        let name = String(String(describing: plan.kind).prefix { $0 != "(" })
        lock.withLock {
            var t = totals[name] ?? (0, 0, 0)
            t.count += 1
            t.nanoseconds += nanoseconds
            t.bytes += bytes
            totals[name] = t
        }
    }

    func print() {
        for (name, t) in totals.sorted(by: { $0.value.nanoseconds > $1.value.nanoseconds }) {
            let ms = Double(t.nanoseconds) / 1e6
            FileHandle.standardError.write(Data("render \(name): \(t.count) pages, \(Int(ms)) ms, \(String(format: "%.2f", ms / Double(t.count))) ms/page, \(t.bytes / max(1, t.count)) bytes/page\n".utf8))
        }
    }
}
