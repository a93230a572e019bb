/// Scalars that are each a character of their own when their neighbours are such scalars too:
/// Latin script and its punctuation, arrows, symbols and emoji without modifiers. None of them
/// extends, joins to or prepends another (grapheme cluster rules), only CR pairs (with LF, so it is
/// left out), and none is canonically equivalent to another sequence of them but itself. Over a
/// text made only of them, characters are scalars and equivalence is identity, so questions asked
/// of characters (or of Foundation's canonical search) can be answered on bytes.
enum LoneScalars {
    static func standsAlone(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x0D: false
        case 0...0x2FF, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x2328, 0x232B...0x23FF, 0x2460...0x27BF,
             0x1F300...0x1F3FA, 0x1F400...0x1FAFF: true
        default: false
        }
    }

    /// True when every scalar of the text (a `String`'s bytes: valid UTF-8) stands alone.
    static func all(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] < 0x80 {
                if bytes[offset] == 0x0D { return false }
                offset += 1
                continue
            }
            let (value, length) = TextNormalizer.decode(bytes, at: offset)
            guard standsAlone(value) else { return false }
            offset += length
        }
        return true
    }
}
