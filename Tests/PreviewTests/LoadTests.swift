import Foundation
import Testing
@testable import Preview

@Suite("Load", .timeLimit(.minutes(2)))
struct LoadTests {
    /// 2,000 GETs from 4 client threads, a new connection each; all must be 200.
    /// No timing assertion: the figure is printed for the record only.
    @Test("2,000 lightly concurrent GETs all succeed")
    func twoThousandRequests() async throws {
        try await withPreview { _, server in
            let port = server.port
            let clients = 4
            let perClient = 500
            let start = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for client in 0..<clients {
                    group.addTask {
                        try await RawHTTP.onThread {
                            let paths = ["/", "/fr/", "/style.css", "/data.json"]
                            return try (0..<perClient).map { index in
                                let path = paths[(index + client) % paths.count]
                                let request = "GET \(path) HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n\r\n"
                                return try RawHTTP.sendBlocking(port: port, raw: Array(request.utf8)).status
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            #expect(statuses.count == clients * perClient)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(RawHTTP.emptyRetries.value <= statuses.count / 100, "connections closed without an answer: \(RawHTTP.emptyRetries.value)")
            print("Preview load: \(statuses.count) requests in \(String(format: "%.2f", seconds)) s = \(Int(Double(statuses.count) / seconds)) requests/s")
        }
    }
}
