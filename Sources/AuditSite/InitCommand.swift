import ArgumentParser
import Extraction
import Foundation
import SiteBuilder

/// `audit-site init`: a new portal folder with an example report and a copy of the theme.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a new portal: content/ with an example, site.yaml and a copy of the built-in theme.")
    @Argument(help: "Folder to create the portal in.") var directory = "."
    @Option(help: "Theme folder to copy instead of the built-in theme.") var theme: String?

    func run() throws {
        do {
            let written = try Scaffold.initPortal(at: URL(fileURLWithPath: directory), theme: theme.map { URL(fileURLWithPath: $0) },
                                                  today: AuditDate.today()!)
            for path in written { Console.output(path) }
        } catch {
            throw Console.fail(error)
        }
    }
}
