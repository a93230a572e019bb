import Diagnostics
import Extraction
import Foundation
import Markdown
import Renderer
import TextRepair

/// One input through everything a report goes through: decoding and mojibake repair, front matter,
/// Markdown parsing, every extraction walker and the body renderer. The fuzzer looks for crashes,
/// hangs and memory errors (address sanitizer); it checks no output.
enum ReportFuzzer {
    static let context = ExtractionContext(vocabulary: .builtIn, ids: try! IDMatcher(), file: "fuzz.md")

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard case .decoded(let decoded) = SourceDecoder.decode(Array(bytes)) else { return }
        let repaired = MojibakeRepair.repair(decoded.text)
        let split = FrontMatter.split(repaired.text)
        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        let facts = AuditExtractor(context: context).extract(document, frontMatter: split.frontMatter, fileNameDate: nil).value
        _ = BodyRenderer.render(document, facts: facts, ids: context.ids)
    }
}

#if FUZZING
/// libFuzzer's driver, called from our own entry point: SwiftPM links an executable's entry point as
/// `<Module>_main`, so the fuzzer is started from there rather than from libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("ReportFuzzer_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        ReportFuzzer.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
#else
/// Without the fuzzer: replays the files given (the corpus, crashes kept as regressions).
@main
struct ReplayFuzzInputs {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { url.appendingPathComponent($0) }
                : [url]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                data.withUnsafeBytes { ReportFuzzer.run($0) }
                count += 1
            }
        }
        print("replayed \(count) inputs")
    }
}
#endif
