import Foundation
import TextRepair

/// Breaks text the way the real files were broken, independently of the module's own tables:
/// UTF-8 bytes, each read as one character of a single-byte code page, bytes the code page does
/// not define silently dropped (Python's `raw.decode("cp1252", errors="ignore")`).
enum Mangling {
    /// Bytes 0x80…0xFF, one scalar each; U+0000 marks an undefined byte.
    static let macRoman = Array((
        "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈"
            + "∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ"
    ).unicodeScalars)
    static let windows1252 = Array((
        "€\u{0}‚ƒ„…†‡ˆ‰Š‹Œ\u{0}Ž\u{0}\u{0}‘’“”•–—˜™š›œ\u{0}žŸ\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°"
            + "±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"
    ).unicodeScalars)
    static let windows1254 = Array((
        "€\u{0}‚ƒ„…†‡ˆ‰Š‹Œ\u{0}\u{0}\u{0}\u{0}‘’“”•–—˜™š›œ\u{0}\u{0}Ÿ\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°"
            + "±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏĞÑÒÓÔÕÖ×ØÙÚÛÜİŞßàáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ"
    ).unicodeScalars)

    static func table(_ page: CodePage) -> [Unicode.Scalar] {
        switch page {
        case .macRoman: macRoman
        case .windows1252: windows1252
        case .windows1254: windows1254
        }
    }

    /// `text` as it looks after its UTF-8 was decoded with `page` and saved again.
    static func mangle(_ text: String, as page: CodePage) -> String {
        let table = table(page)
        precondition(table.count == 128, "code page table must cover 0x80…0xFF")
        var result = String.UnicodeScalarView()
        for byte in text.utf8 {
            if byte < 0x80 {
                result.append(Unicode.Scalar(byte))
            } else if table[Int(byte - 0x80)].value != 0 {
                result.append(table[Int(byte - 0x80)])
            }
        }
        return String(result)
    }

    /// Reverses a lossless mangling (Mac Roman, or text without undefined bytes): an oracle for
    /// whole-file comparisons that does not share code with the module.
    static func unmangle(_ text: String, from page: CodePage) -> String? {
        let table = table(page)
        var reverse: [UInt32: UInt8] = [:]
        for (offset, scalar) in table.enumerated() where scalar.value != 0 { reverse[scalar.value] = UInt8(0x80 + offset) }
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else if let byte = reverse[scalar.value] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
