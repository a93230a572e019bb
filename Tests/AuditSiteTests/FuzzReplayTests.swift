import Foundation
import Testing

/// Every input the fuzzer kept (`Fuzz/corpus`) and every crash it found (`Fuzz/crashes`, fixed since)
/// goes through the report pipeline again on each test run: a crash found once stays found.
@Suite struct FuzzReplayTests {
    @Test func corpusAndCrashesReplayWithoutCrashing() throws {
        let replayer = CommandLineTests.binary.deletingLastPathComponent().appendingPathComponent("ReportFuzzer")
        try #require(FileManager.default.isExecutableFile(atPath: replayer.path), "ReportFuzzer is built with the tests")
        let fuzz = CommandLineTests.repository.appendingPathComponent("Fuzz")
        let process = Process()
        process.executableURL = replayer
        process.arguments = [fuzz.appendingPathComponent("corpus").path, fuzz.appendingPathComponent("crashes").path,
                             CommandLineTests.repository.appendingPathComponent("content").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(text)")
        #expect(text.contains("replayed"))
    }
}
