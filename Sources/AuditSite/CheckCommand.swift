import ArgumentParser
import Diagnostics
import Foundation
import SiteBuilder

/// `audit-site check`: everything but writing, diagnostics for CI, and optional gates.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Run everything but writing and print diagnostics (for CI).")
    @OptionGroup var site: SiteOptions
    @Option(help: "text, json or github (annotations).") var format: DiagnosticFormat = .text
    @Option(name: .customLong("fail-on"), parsing: .upToNextOption,
            help: "Gates: score-drop, open-critical, sla (comma or space separated).") var failOn: [String] = []

    func run() throws {
        var gates: [CheckRules.Gate] = []
        for word in failOn.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let gate = CheckRules.Gate(rawValue: word) else {
                throw ValidationError("unknown --fail-on condition '\(word)' (known: \(CheckRules.Gate.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            gates.append(gate)
        }
        let report: BuildReport
        do {
            report = try SiteBuilder(options: site.buildOptions(output: "public")).check(gates: gates)
        } catch {
            throw Console.fail(error)
        }
        Console.diagnostics(report.diagnostics, format: format, minimum: format == .text ? .warning : .info)
        if format == .text { Console.error("audit-site check: \(report.summary)") }
        if report.errorCount > 0 || (site.strict && report.warningCount > 0) { throw ExitCode(1) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
