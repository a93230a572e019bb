import Foundation
import Testing
@testable import TextRepair

@Suite("SourceDecoder")
struct SourceDecoderTests {
    private func decoded(_ bytes: [UInt8]) throws -> DecodedText {
        guard case .decoded(let result) = SourceDecoder.decode(bytes) else {
            Issue.record("expected valid UTF-8, got \(SourceDecoder.decode(bytes))")
            throw CancellationError()
        }
        return result
    }

    private func failure(_ bytes: [UInt8]) throws -> InvalidUTF8 {
        guard case .invalid(let failure) = SourceDecoder.decode(bytes) else {
            Issue.record("expected invalid UTF-8 for \(bytes)")
            throw CancellationError()
        }
        return failure
    }

    @Test func plainTextIsUntouched() throws {
        let text = "# Audit de sécurité ✅ 🔴\n\n| Domaine | Score |\n"
        let result = try decoded(Array(text.utf8))
        #expect(result.text == text)
        #expect(!result.removedBOM)
        #expect(!result.normalizedLineEndings)
    }

    @Test func emptyInput() throws {
        let result = try decoded([])
        #expect(result.text == "")
        let bomOnly = try decoded([0xEF, 0xBB, 0xBF])
        #expect(bomOnly.text == "")
        #expect(bomOnly.removedBOM)
    }

    @Test func stripsBOM() throws {
        let result = try decoded([0xEF, 0xBB, 0xBF] + Array("# Titre\n".utf8))
        #expect(result.text == "# Titre\n")
        #expect(result.removedBOM)
        // Only a leading BOM is a BOM; U+FEFF later in the file is content.
        let inner = try decoded(Array("a\u{FEFF}b".utf8))
        #expect(inner.text == "a\u{FEFF}b")
        #expect(!inner.removedBOM)
    }

    @Test func normalizesCRLFAndLoneCR() throws {
        let crlf = try decoded(Array("un\r\ndeux\r\n\r\ntrois".utf8))
        #expect(crlf.text == "un\ndeux\n\ntrois")
        #expect(crlf.normalizedLineEndings)

        let cr = try decoded(Array("un\rdeux\r\rtrois\r".utf8))
        #expect(cr.text == "un\ndeux\n\ntrois\n")

        let mixed = try decoded([0xEF, 0xBB, 0xBF] + Array("é\r\n✅\rfin\n".utf8))
        #expect(mixed.text == "é\n✅\nfin\n")
        #expect(mixed.removedBOM)
        // A CR deep inside a long ASCII run (the 8-byte fast path) is found too.
        let long = String(repeating: "abcdefgh", count: 20) + "\r\n" + String(repeating: "x", count: 17)
        #expect(try decoded(Array(long.utf8)).text == String(repeating: "abcdefgh", count: 20) + "\n" + String(repeating: "x", count: 17))
    }

    @Test func reportsOffsetAndLineOfFirstInvalidByte() throws {
        let bytes = Array("ok\nbad ".utf8) + [0xFF] + Array(" here".utf8)
        let failure = try failure(bytes)
        #expect(failure.offset == 7)
        #expect(failure.line == 2)
        #expect(failure.byte == 0xFF)
        #expect(failure.description == "invalid UTF-8 at byte 7 (0xFF), line 2")
    }

    @Test func offsetCountsTheBOMAndLinesCountCRBreaks() throws {
        // Offsets point into the file as stored; lines count the way editors do, CRLF as one.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8) + [0xC3, 0x28]
        let failure = try failure(bytes)
        #expect(failure.offset == 3 + 7)
        #expect(failure.line == 4)
    }

    @Test func invalidByteAfterLongASCIIRun() throws {
        var bytes = Array(String(repeating: "0123456789abcdef\n", count: 10).utf8)
        bytes.append(0x80)
        let failure = try failure(bytes)
        #expect(failure.offset == 170)
        #expect(failure.line == 11)
    }

    @Test func truncatedSequenceAtEndOfFile() throws {
        let text = Array("fin: ✅".utf8) // ✅ is E2 9C 85
        let cut = Array(text.dropLast())
        let failure = try failure(cut)
        #expect(failure.offset == 5)
        #expect(failure.byte == 0xE2)
        #expect(try self.failure([0xF0, 0x9F, 0x94]).offset == 0)
        #expect(try self.failure(Array(Array("é".utf8).dropLast())).offset == 0)
    }

    @Test func truncatedSequenceFollowedByASCII() throws {
        let failure = try failure(Array("x\n".utf8) + [0xC3] + Array("a".utf8))
        #expect(failure.offset == 2)
        #expect(failure.line == 2)
    }

    @Test(arguments: [
        [0xC0, 0xAF],                   // overlong "/"
        [0xC1, 0xBF],                   // overlong
        [0xE0, 0x80, 0xAF],             // overlong 3-byte
        [0xE0, 0x9F, 0xBF],             // overlong 3-byte, highest
        [0xF0, 0x80, 0x80, 0xAF],       // overlong 4-byte
        [0xF0, 0x8F, 0xBF, 0xBF],       // overlong 4-byte, highest
        [0xED, 0xA0, 0x80],             // UTF-16 surrogate D800
        [0xF4, 0x90, 0x80, 0x80],       // above U+10FFFF
        [0xF5, 0x80, 0x80, 0x80],       // never a lead byte
        [0xFE], [0x80], [0xBF],         // stray bytes
        [0xE2, 0x28, 0xA1],             // continuation missing in the middle
    ] as [[UInt8]])
    func rejectsIllFormedSequences(_ sequence: [UInt8]) throws {
        let failure = try failure(Array("abc".utf8) + sequence + Array("def".utf8))
        #expect(failure.offset == 3)
        #expect(failure.line == 1)
    }

    @Test func acceptsBoundaryScalars() throws {
        let text = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"
        #expect(try decoded(Array(text.utf8)).text == text)
    }

    @Test func dataOverloadAgreesWithArrayOverload() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Sécurité\r\n".utf8)
        #expect(SourceDecoder.decode(Data(bytes)) == SourceDecoder.decode(bytes))
        #expect(SourceDecoder.decode(Data(bytes)).text == "Sécurité\n")
        let bad = Data([0x61, 0x0A, 0xFF])
        #expect(SourceDecoder.decode(bad).failure == InvalidUTF8(offset: 2, line: 2, byte: 0xFF))
    }
}
