/// Judgements about decoded characters: is this what an audit report plausibly contained?
///
/// Re-encoding a run of characters through a code page always yields *some* bytes, and some of
/// those byte strings happen to be valid UTF-8 even in clean text (`é` + NBSP + `»` is a CJK
/// ideograph under Windows-1252). What separates real mojibake from coincidence is what the
/// bytes decode to: French letters, typographic punctuation, arrows, box drawing and emoji are what
/// these reports are made of; IPA, Armenian or CJK in a French audit are not.
enum Plausibility {
    /// How much a decoded sequence says about the line being mojibake.
    enum Strength: Int, Comparable {
        /// Not something these reports contain: leave the characters alone.
        case none = 0
        /// Possible, but only repaired on lines already shown to be broken (Greek, IPA, Latin
        /// Extended-B), never evidence by itself.
        case weak = 1
        /// Latin-1 symbols behind `Â`/`¬` (`Â°`, `Â«`, `Â` + NBSP) and Latin Extended-A letters
        /// behind `Ä`/`Å` (`Å‚` for ł): telling, but a single one is not enough on its own.
        case medium = 2
        /// Accented letters (`Ã©`, `√©`), œ, typographic punctuation, arrows, symbols, emoji.
        case strong = 3

        static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Strength of a scalar obtained by decoding a *complete* byte sequence.
    static func strength(of value: UInt32) -> Strength {
        switch value {
        case 0x00C0...0x00FF, 0x0152, 0x0153, 0x0178:
            return .strong
        case 0x00A0...0x00BF:
            return .medium
        case 0x0100...0x017F:
            // Latin Extended-A (Polish, Czech, Turkish… letters): behind `Ä`/`Å` or `ƒ`/`≈`,
            // which clean text does not glue to a symbol.
            return .medium
        case 0x0180...0x03FF:
            return .weak
        case 0x2000...0x27BF, 0x2900...0x2BFF:
            // General punctuation, currency, letterlike, arrows, maths, technical, box drawing,
            // geometric shapes, miscellaneous symbols, dingbats, supplemental arrows. (Braille,
            // 0x2800…0x28FF, is left out on purpose.)
            return .strong
        case 0xFE0F, 0xFEFF, 0xFFFD:
            // VS16 (emoji presentation), a BOM that was itself mangled, and a mangled U+FFFD.
            return .strong
        case 0xFE00...0xFE0E:
            return .weak
        case 0x1F000...0x1FAFF:
            return .strong
        default:
            return .none
        }
    }

    /// Letters a French (or English) audit contains; the uppercase ones are the only letters a lost
    /// byte can take away (0x81…0x9E after 0xC3 are all uppercase).
    static let frenchLetters: Set<UInt32> = Set("ÀÂÆÇÈÉÊËÎÏÔŒÙÛÜŸàâæçèéêëîïôœùûüÿ".unicodeScalars.map(\.value))

    /// Combining marks that spell French accents in decomposed (NFD) text.
    static let frenchCombiningMarks: Set<UInt32> = [0x0300, 0x0301, 0x0302, 0x0308, 0x0327]

    /// Punctuation and symbols of ordinary typography and of text tables and trees. A lost-byte
    /// candidate outside this set (and not an emoji) — APL symbols, control pictures, rare box
    /// pieces — is not considered sensible.
    static let typographic: Set<UInt32> = {
        var set = Set("’‘“”«»…–—•·€‰™°±×÷←↑→↓↔⇐⇒⇔≤≥≈≠✓✔✗✘☐☑☒★☆".unicodeScalars.map(\.value))
        set.formUnion("─│┌┐└┘├┤┬┴┼━┃═║╔╗╚╝╠╣╦╩╬╭╮╯╰".unicodeScalars.map(\.value))
        return set
    }()

    /// Emoji and symbols audit reports actually use. Only consulted to break a tie between several
    /// sensible candidates for one damaged sequence: `ğŸ¯` + lost byte could be 🍯 🎯 🏯 🐯, all
    /// real emoji, but only 🎯 belongs in a report. When the vocabulary holds two candidates
    /// (🔍 and 🔐 for `ğŸ”` + lost byte) the fragment is still dropped rather than guessed.
    static let auditVocabulary: Set<UInt32> = Set((
        "✅❌❎⚠❓❗⛔🚫⭐🌟✨💡🔥🚨🚧⏳⌛⏱⏰🕐📅📆"
            + "🔴🟠🟡🟢🔵🟣🟤⚫⚪🟥🟧🟨🟩🟦🟪"
            + "📊📈📉📋📌📝📄📃📑📁📂📦📚📖📜📣📢📞📧"
            + "🔍🔎🔐🔒🔓🔑🔧🔨🛠⚙🔗🔄🛡🧪🧩🧰🔬🐛🐍🐳☸🌐💻🖥📱🗄🗂💾"
            + "🏗🏆🏁🏠🏢🚀🎯🎉🎓🎨👥👤👍👎👉👀🤖💰💸♻➡⬆⬇⬅↗↘➕➖🆕🔔💬🗑▶⚡"
    ).unicodeScalars.map(\.value).filter { $0 != 0xFE0F }).union(typographic)

    /// Simple lowercase mapping for the Latin letters that matter here.
    static func lowercased(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x00C0...0x00DE where value != 0x00D7: return value + 0x20
        case 0x0152: return 0x0153
        case 0x0178: return 0x00FF
        default: return value
        }
    }

    static func isEmoji(_ value: UInt32) -> Bool {
        guard value >= 0x80, let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isEmoji
    }

    static func isLetter(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic
    }

    /// Context around a damaged sequence, for judging what the lost bytes could have been.
    struct Context {
        /// The scalar just before, as it will appear in the output (`nil` at line start or after a
        /// dropped fragment).
        var previous: UInt32?
        /// The scalar just after, decoded if it is itself a repaired sequence.
        var next: UInt32?
        /// The following text starts another damaged emoji (a 4-byte lead), as in ZWJ sequences.
        var nextIsEmojiFragment: Bool
        /// The following sequence is (or can only be) VS16, so this one must be an emoji base.
        var nextIsVariationSelector: Bool
    }

    /// Context-free version of ``isSensible(_:in:)``: could this be what a lost byte belonged to?
    static func isPlausibleRestoration(_ value: UInt32) -> Bool {
        frenchLetters.contains(value) || typographic.contains(value) || frenchCombiningMarks.contains(value)
            || value == 0xFE0F || value == 0x200D || (value >= 0x2000 && isEmoji(value))
    }

    /// Whether `value` is a sensible reading of a damaged sequence in `context`.
    static func isSensible(_ value: UInt32, in context: Context) -> Bool {
        switch value {
        case 0xFE0F:
            // "Emoji presentation" only makes sense right after an emoji.
            guard let previous = context.previous else { return false }
            return isEmoji(previous)
        case 0x200D:
            // A zero-width joiner only makes sense inside an emoji ZWJ sequence.
            guard let previous = context.previous, isEmoji(previous) else { return false }
            return context.nextIsEmojiFragment || context.next.map(isEmoji) == true
        case 0x0300...0x036F:
            guard frenchCombiningMarks.contains(value), let previous = context.previous else { return false }
            return isLetter(previous)
        default:
            break
        }
        if context.nextIsVariationSelector { return isEmoji(value) }
        return frenchLetters.contains(value) || typographic.contains(value) || (value >= 0x2000 && isEmoji(value))
    }
}
