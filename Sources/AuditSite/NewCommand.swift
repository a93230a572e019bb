import ArgumentParser
import Extraction
import Foundation
import SiteBuilder

/// `audit-site new`: an audit skeleton in the house style.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Write a new audit skeleton and print its path.")
    @Argument(help: "Project folder name.") var project: String
    @Option(help: "Audit title.") var title: String?
    @Option(help: "fr or en.") var lang = "fr"
    @Option(help: "YYYY-MM-DD (default: today).") var date: String?
    @Option(help: "Content folder.") var content = "content"

    func run() throws {
        guard let day = date.map({ AuditDate(iso: $0) }) ?? AuditDate.today() else { throw ValidationError("--date must be YYYY-MM-DD") }
        do {
            let file = try Scaffold.newAudit(content: URL(fileURLWithPath: content), project: project, title: title, language: lang, date: day)
            Console.output(file.path)
        } catch {
            throw Console.fail(error)
        }
    }
}

extension AuditDate {
    /// Today in the local time zone (for skeletons only: builds never depend on the clock).
    static func today() -> AuditDate? {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return AuditDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
