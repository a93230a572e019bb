import Diagnostics
import Extraction
import Foundation
import Markdown
import Testing

/// Extracts facts from Markdown text the way the build does (front matter split, parse, walkers).
func extract(_ text: String, pattern: String = IDMatcher.defaultPattern, file: String = "test.md",
             fileNameDate: AuditDate? = nil) throws -> WalkResult<AuditFacts> {
    let split = FrontMatter.split(text)
    let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
    let context = ExtractionContext(vocabulary: .builtIn, ids: try IDMatcher(pattern: pattern), file: file)
    return AuditExtractor(context: context).extract(document, frontMatter: split.frontMatter, fileNameDate: fileNameDate)
}

/// The folder of the real seed reports (`shared/seeds` beside the repository, or `AUDIT_SITE_SEEDS`),
/// if present. A plain clone has none: the suites that read them are then skipped, saying why.
let seedsFolder: URL? = {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let seeds = ProcessInfo.processInfo.environment["AUDIT_SITE_SEEDS"].map { URL(fileURLWithPath: $0) }
        ?? repo.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    return FileManager.default.fileExists(atPath: seeds.path) ? seeds : nil
}()

let seedsMissing: Comment = "shared/seeds is not beside the repository (set AUDIT_SITE_SEEDS to its path)"

let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

extension AuditFacts {
    func items(_ kind: Item.Kind) -> [Item] { items.filter { $0.kind == kind } }
    func count(_ kind: Item.Kind, _ status: Status) -> Int { items.filter { $0.kind == kind && $0.status == status }.count }
    func domain(_ key: String) -> Double? { domainScores.first { $0.domain == key }?.score.value }
}
