import SafeYAML
import Testing
import Yams

@Suite struct SafeYAMLTests {
    /// Nine levels of nine aliases: about 387 million values once expanded.
    static func bomb(levels: Int) -> String {
        var lines = ["a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for level in 1..<levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func ordinaryDocumentsLoadAsBefore() throws {
        let value = try SafeYAML.load("title: Audit\ntags: [a, b]\nnested: {x: 1}\nshared: &s {k: v}\nagain: *s\n") as? [String: Any]
        #expect(value?["title"] as? String == "Audit")
        #expect((value?["again"] as? [String: Any])?["k"] as? String == "v")
        #expect(try SafeYAML.load("") == nil)
    }

    @Test func aliasBombsAreRefusedBeforeAnyValueIsBuilt() {
        #expect(throws: SafeYAML.Refusal.self) { _ = try SafeYAML.load(Self.bomb(levels: 9)) }
        do {
            _ = try SafeYAML.load(Self.bomb(levels: 9))
        } catch let refusal as SafeYAML.Refusal {
            #expect(refusal.message.contains("more than 100000 values"))
            #expect(refusal.line >= 1)
        } catch {
            Issue.record("unexpected \(error)")
        }
        // Four levels (6,561 values) are within bounds; a tighter limit refuses them.
        #expect((try? SafeYAML.load(Self.bomb(levels: 4))) != nil)
        #expect(throws: SafeYAML.Refusal.self) { _ = try SafeYAML.load(Self.bomb(levels: 4), limits: .init(maxValues: 1000)) }
    }

    @Test func deepNestingAndHugeDocumentsAreRefused() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: SafeYAML.Refusal.self) { _ = try SafeYAML.load(deep) }
        let huge = "k: " + String(repeating: "x", count: 2 << 20)
        #expect(throws: SafeYAML.Refusal.self) { _ = try SafeYAML.load(huge) }
    }

    @Test func brokenYAMLStillThrowsItsOwnError() {
        #expect(throws: YamlError.self) { _ = try SafeYAML.load("a: [unclosed\n") }
    }
}
