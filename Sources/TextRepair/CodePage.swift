/// A single-byte code page that UTF-8 text was wrongly decoded with.
///
/// Only the three that actually damaged audit reports are modelled: Mac Roman (TextEdit and old
/// Mac tools), Windows-1252 (Western Windows, and ISO-8859-1 which agrees with it on every byte
/// that matters here) and Windows-1254 (Turkish Windows, which differs from 1252 in six letters
/// and leaves two more bytes undefined).
public enum CodePage: String, Sendable, Hashable, CaseIterable, Codable {
    case macRoman
    case windows1252
    case windows1254

    /// The name people know the code page by, for diagnostics.
    public var name: String {
        switch self {
        case .macRoman: "Mac Roman"
        case .windows1252: "Windows-1252"
        case .windows1254: "Windows-1254"
        }
    }

    /// Bytes this code page does not define. A decoder that meets them drops them (Python's
    /// `errors="ignore"`, many Windows tools), so these are the bytes that may be missing from a
    /// damaged sequence. Mac Roman defines all 256 bytes and never loses any.
    public var undefinedBytes: [UInt8] {
        CodePageTable.table(for: self).undefined
    }
}

/// Byte ↔ scalar tables for the code pages, and the classification the quick scan relies on.
struct CodePageTable: Sendable {
    /// Scalar value for each byte 0x80…0xFF; 0 when the byte is undefined.
    let high: [UInt32]
    let undefined: [UInt8]
    /// Scalar → byte, including alternative spellings other decoders produce for the same byte.
    let reverse: [UInt32: UInt8]

    init(high: [UInt32], alternatives: [UInt32: UInt8] = [:], c1Identity: Bool = false) {
        precondition(high.count == 128)
        self.high = high
        var undefined = [UInt8]()
        var reverse = [UInt32: UInt8]()
        if c1Identity {
            // A Latin-1 or "best fit" decoder keeps bytes 0x80…0x9F as C1 controls instead of
            // dropping or translating them; clean text never contains C1 controls, so accepting
            // them as those bytes costs nothing and rescues such files too.
            for byte in UInt8(0x80)...0x9F { reverse[UInt32(byte)] = byte }
        }
        for (offset, scalar) in high.enumerated() {
            let byte = UInt8(0x80 + offset)
            if scalar == 0 { undefined.append(byte) } else { reverse[scalar] = byte }
        }
        for (scalar, byte) in alternatives where reverse[scalar] == nil { reverse[scalar] = byte }
        self.undefined = undefined
        self.reverse = reverse
    }

    static func table(for page: CodePage) -> CodePageTable {
        switch page {
        case .macRoman: macRoman
        case .windows1252: windows1252
        case .windows1254: windows1254
        }
    }

    /// Apple's current mapping (0xDB is €, 0xF0 the Apple logo U+F8FF). Older tables and other
    /// converters spell four bytes differently; those spellings are accepted as alternatives.
    static let macRoman = CodePageTable(high: [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
        0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
        0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
        0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
        0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
        0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
        0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
        0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ], alternatives: [0x2126: 0xBD, 0x0394: 0xC6, 0x00A4: 0xDB, 0x03BC: 0xB5])

    static let windows1252 = CodePageTable(high: [
        0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
        0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
    ] + latin1Upper(), c1Identity: true)

    static let windows1254: CodePageTable = {
        var upper = latin1Upper()
        upper[0xD0 - 0xA0] = 0x011E // Ğ
        upper[0xDD - 0xA0] = 0x0130 // İ
        upper[0xDE - 0xA0] = 0x015E // Ş
        upper[0xF0 - 0xA0] = 0x011F // ğ
        upper[0xFD - 0xA0] = 0x0131 // ı
        upper[0xFE - 0xA0] = 0x015F // ş
        return CodePageTable(high: [
            0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x0000, 0x0000,
            0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178,
        ] + upper, c1Identity: true)
    }()

    /// Bytes 0xA0…0xFF of ISO-8859-1, which Windows-1252 shares and Windows-1254 mostly shares.
    private static func latin1Upper() -> [UInt32] { (UInt32(0xA0)...0xFF).map { $0 } }

    // MARK: - Quick-scan classification

    /// Flag bits: "can stand for a UTF-8 lead byte (0xC2…0xF4)" per code page in bits 0…2, "can
    /// stand for a continuation byte (0x80…0xBF)" in bits 3…5, in `CodePage.allCases` order.
    static func leadBit(_ page: CodePage) -> UInt8 {
        switch page {
        case .macRoman: 1
        case .windows1252: 2
        case .windows1254: 4
        }
    }

    /// Flags for scalars below U+0100, indexed by scalar value.
    static let latin1Flags: [UInt8] = {
        var flags = [UInt8](repeating: 0, count: 256)
        for (scalar, bits) in classification where scalar < 0x100 { flags[Int(scalar)] = bits }
        return flags
    }()

    /// Flags for the few scalars above U+00FF that any of the code pages produce.
    static let otherFlags: [UInt32: UInt8] = classification.filter { $0.key >= 0x100 }

    /// Largest scalar in `otherFlags` apart from the handful of presentation-form outliers, so most
    /// symbols and every emoji are rejected by one comparison.
    static let otherFlagsBound: UInt32 = 0x25CA

    private static let classification: [UInt32: UInt8] = {
        var result = [UInt32: UInt8]()
        for page in CodePage.allCases {
            let table = CodePageTable.table(for: page)
            let lead = leadBit(page)
            for (scalar, byte) in table.reverse {
                if byte >= 0xC2 && byte <= 0xF4 { result[scalar, default: 0] |= lead }
                if byte >= 0x80 && byte <= 0xBF { result[scalar, default: 0] |= lead << 3 }
            }
        }
        return result
    }()

    /// Quick-scan flags for one scalar.
    @inline(__always)
    static func flags(_ scalar: UInt32) -> UInt8 {
        if scalar < 0x100 { return latin1Flags[Int(scalar)] }
        if scalar > otherFlagsBound && scalar != 0xF8FF && scalar != 0xFB01 && scalar != 0xFB02 { return 0 }
        return otherFlags[scalar] ?? 0
    }
}
