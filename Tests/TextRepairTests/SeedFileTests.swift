import Foundation
import Testing
import TextRepair

/// The real reports in `shared/seeds`, which sits beside the repository (`/work/shared` next to
/// `/work/main` locally, `../shared` relative to the clone in CI). Found by walking up from this
/// file, or through `AUDIT_SITE_SEEDS`.
private let seedsDirectory: URL? = {
    func holdsSeeds(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("000_06ba3bfc1bc996b5.txt").path)
    }
    if let path = ProcessInfo.processInfo.environment["AUDIT_SITE_SEEDS"] {
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        return holdsSeeds(directory) ? directory : nil
    }
    // Tests/TextRepairTests/<file> → the repository root is three levels up, shared/ beside it.
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" && !directory.path.isEmpty {
        let candidate = directory.appendingPathComponent("shared/seeds", isDirectory: true)
        if holdsSeeds(candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    return nil
}()

private let markers = ["Ã©", "â€", "ðŸ", "ğŸ", "ï¸", "√©", "‚úÖ", "\u{F8FF}"]

private func seedBytes(_ name: String) throws -> [UInt8] {
    let directory = try #require(seedsDirectory)
    return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
}

private func seedText(_ name: String) throws -> String {
    let decoded = SourceDecoder.decode(try seedBytes(name))
    return try #require(decoded.text, "\(name) should be valid UTF-8: \(String(describing: decoded.failure))")
}

private func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Seed files", .enabled(if: seedsDirectory != nil, "shared/seeds not found beside the repository (set AUDIT_SITE_SEEDS to its path)"))
struct SeedFileTests {
    @Test func macRomanSeedComesBackExactly() throws {
        let text = try seedText("000_06ba3bfc1bc996b5.txt")
        let result = MojibakeRepair.repair(text)
        // Mac Roman loses nothing, so the independent decoder in the test gives the whole original.
        let expected = try #require(Mangling.unmangle(text, from: .macRoman))
        #expect(result.text == expected)
        for marker in markers { #expect(!result.text.contains(marker), "\(marker) left in 000") }

        let repaired = lines(result.text)
        #expect(repaired[0] == "# 🔍 AUDIT COMPLET - ARCHITECTURE MICROSERVICES RUBI STUDIO")
        #expect(repaired[4] == "**Statut:** ✅ APPROUVÉ AVEC RECOMMANDATIONS  ")
        #expect(repaired.contains("| **Security** | 89% | ⚠️ | Quelques améliorations recommandées |"))

        #expect(result.notes.count == 1)
        let note = try #require(result.notes.first)
        #expect(note.codePage == .macRoman)
        #expect(note.line == 1)
        #expect(note.restored == 0)
        #expect(note.dropped == 0)
        #expect(note.count > 250)
    }

    /// 001 and 002 read as Windows-1254: their emoji start with `ğ` (U+011F), which is byte 0xF0
    /// only in 1254 (1252 has `ð` there), so 1254 explains every 4-byte sequence and 1252 none.
    /// Everything else in them reads the same in both code pages.
    @Test(arguments: ["001_c6ebdab5018a0645.txt", "002_932af4de66c69b41.txt"])
    func windows1254SeedsAreRepaired(_ name: String) throws {
        let text = try seedText(name)
        let result = MojibakeRepair.repair(text)
        for marker in markers { #expect(!result.text.contains(marker), "\(marker) left in \(name)") }
        #expect(result.notes.map(\.codePage) == [.windows1254])
        #expect(result.notes.first?.line == 1)

        // Lines without lost bytes must match a plain re-decoding exactly; the others must still
        // have as many lines and no mojibake.
        let before = lines(text), after = lines(result.text)
        #expect(before.count == after.count)
        var lossless = 0
        for (original, repaired) in zip(before, after) {
            if let expected = Mangling.unmangle(original, from: .windows1254) {
                #expect(repaired == expected)
                lossless += 1
            }
        }
        #expect(lossless > before.count / 2)
        // Repairing again finds nothing: no fragment was left behind.
        #expect(!MojibakeRepair.repair(result.text).changed)
    }

    @Test func seed001Lines() throws {
        let result = MojibakeRepair.repair(try seedText("001_c6ebdab5018a0645.txt"))
        let repaired = lines(result.text)
        #expect(repaired[17] == "| **Sécurité** | 89% | ⚠️ Bon | ↑ |")
        #expect(repaired[25] == "| **Coût** | 82% | ⚠️ À optimiser | ↓ |")
        // 🔍 or 🔐 (0x8D or 0x90 lost): ambiguous, dropped, both spaces kept.
        #expect(repaired[0] == "#  AUDIT COMPLET EN QUALITÉ DE CONTRE-EXPERT")
        // 🏗️ lost two bytes; the base is the only candidate in the audit vocabulary.
        #expect(repaired[30] == "## 🏗️ SECTION 1: AUDIT ARCHITECTURE")
        #expect(repaired[422] == "## ☸️ SECTION 5: AUDIT INFRASTRUCTURE")
        #expect(repaired[119] == "- ⚠️ Pas de gRPC actuellement")
        let note = try #require(result.notes.first)
        #expect(note.restored == 88) // 86 VS16, 🏗 and 🎯
        #expect(note.dropped == 4)   // 🔍/🔐 twice, 📝/📞 twice
    }

    @Test func seed002Lines() throws {
        let result = MojibakeRepair.repair(try seedText("002_932af4de66c69b41.txt"))
        let repaired = lines(result.text)
        #expect(repaired[0] == "#  AUDIT DE VÉRITÉ — AIPROD")
        #expect(repaired[3] == "**Statut** : ⚠️ **CORRECTION D'ERREUR DÉTECTÉE**  ")
        #expect(repaired[26] == "❌ TÂCHES RÉELLEMENT À FAIRE (basé sur le code) :")
        #expect(repaired[40] == "| Valider endpoints API | ✅ Documenté  | ❓ À tester               | 🟡 À confirmer |")
        #expect(repaired[151] == "☐ EXÉCUTER Phase Critique (validations réelles, pas juste code)")
        #expect(repaired[207] == "| **Prêt pour production?**    | Documenté | ❓À tester | 🟡 75%    |")
        #expect(result.notes.first?.dropped == 2)
    }

    @Test(arguments: ["003_80bd3a79dced55d5.txt", "004_fc2c74293dec5170.txt"])
    func cleanSeedsAreByteIdentical(_ name: String) throws {
        let bytes = try seedBytes(name)
        let text = try seedText(name)
        #expect(Array(text.utf8) == bytes)
        let result = MojibakeRepair.repair(text)
        #expect(Array(result.text.utf8) == bytes)
        #expect(result.notes.isEmpty)
    }
}
