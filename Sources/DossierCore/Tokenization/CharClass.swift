/// Byte classes for the tokenizer's ASCII fast path: one table look-up per byte.
@usableFromInline
struct CharClass: OptionSet, Sendable {
    @usableFromInline var rawValue: UInt8
    @usableFromInline init(rawValue: UInt8) { self.rawValue = rawValue }

    @usableFromInline static let space = CharClass(rawValue: 1 << 0)
    @usableFromInline static let newline = CharClass(rawValue: 1 << 1)
    @usableFromInline static let upper = CharClass(rawValue: 1 << 2)
    @usableFromInline static let lower = CharClass(rawValue: 1 << 3)
    @usableFromInline static let digit = CharClass(rawValue: 1 << 4)
    /// A byte of a non-ASCII UTF-8 sequence.
    @usableFromInline static let high = CharClass(rawValue: 1 << 5)
    @usableFromInline static let punct = CharClass(rawValue: 1 << 6)

    @usableFromInline static let letter: CharClass = [.upper, .lower]
    @usableFromInline static let alnum: CharClass = [.upper, .lower, .digit]

    @usableFromInline static let table: [CharClass] = {
        var t = [CharClass](repeating: [], count: 256)
        for b in 0..<256 {
            switch b {
            case 0x20, 0x09, 0x0B, 0x0C, 0x0D: t[b] = .space
            case 0x0A: t[b] = .newline
            case 0x41...0x5A: t[b] = .upper
            case 0x61...0x7A: t[b] = .lower
            case 0x30...0x39: t[b] = .digit
            case 0x80...0xFF: t[b] = .high
            case 0x00...0x1F, 0x7F: t[b] = .space  // other controls separate tokens
            default: t[b] = .punct
            }
        }
        return t
    }()
}

/// Classifies one non-ASCII scalar for tokenization.
enum ScalarKind {
    case letter, upperLetter, digit, space, punct, symbol

    static func of(_ value: UInt32) -> ScalarKind {
        guard let scalar = Unicode.Scalar(value) else { return .symbol }
        let p = scalar.properties
        if p.isWhitespace { return .space }
        switch p.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return .upperLetter
        case .lowercaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .digit
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return .punct
        default: return .symbol
        }
    }

    /// Decodes the scalar at `i` of well-formed UTF-8; returns it and its length.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b = p[i]
        let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : len == 4 ? 0x07 : 0x7F)
        var k = 1
        while k < len && i + k < p.count {
            v = (v << 6) | (UInt32(p[i + k]) & 0x3F)
            k += 1
        }
        return (v, min(len, p.count - i))
    }
}
