import ArgumentParser
import Foundation
import Diagnostics
import SiteBuilder

/// `audit-site build`: writes the portal into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the portal into the output folder.")
    @OptionGroup var site: SiteOptions
    @Option(help: "Output folder.") var output = "public"
    @Flag(help: "Print only errors, and no progress.") var quiet = false
    @Flag(help: "Print every diagnostic, infos included, and step timings.") var verbose = false

    func run() throws {
        let builder = SiteBuilder(options: site.buildOptions(output: output))
        let progress = quiet ? nil : ProgressLine(builder.progress)
        let minimum: Diagnostic.Severity = quiet ? .error : verbose ? .info : .warning
        do {
            let report = try builder.build()
            progress?.finish()
            Console.diagnostics(report.diagnostics, format: .text, minimum: minimum)
            if !quiet { Console.output("audit-site: \(report.summary)") }
        } catch let failure as BuildFailure {
            // A strict build with errors: the diagnostics say why, before the exit.
            progress?.finish()
            Console.diagnostics(failure.report.diagnostics, format: .text, minimum: minimum)
            throw Console.fail(failure)
        } catch {
            progress?.finish()
            throw Console.fail(error)
        }
    }
}
