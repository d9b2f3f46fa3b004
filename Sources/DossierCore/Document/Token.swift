/// A token: a byte range of the document's folded text with its interned forms and flags.
///
/// A small trivial struct, so a document's tokens are one flat array with no per-token allocation.
/// Strings are made from it only for output (``Document/string(of:)``).
public struct Token: Sendable, Hashable, BitwiseCopyable {
    /// Byte offsets into ``Document/normalized``, end exclusive.
    public var start: Int32
    public var end: Int32
    /// Interned id of the token's folded form (``Document/interner``).
    public var form: UInt32
    /// Interned id of its lowercase form.
    public var lower: UInt32
    /// Interned id of its shape: `Xxxx`, `dd`, `X.X.` (runs longer than four collapsed).
    public var shape: UInt32
    public var flags: TokenFlags

    public init(start: Int32, end: Int32, form: UInt32, lower: UInt32, shape: UInt32, flags: TokenFlags) {
        self.start = start
        self.end = end
        self.form = form
        self.lower = lower
        self.shape = shape
        self.flags = flags
    }

    /// The byte range in the folded text.
    @inlinable public var range: Range<Int> { Int(start)..<Int(end) }
}

/// What is known about a token from its characters and its surroundings.
public struct TokenFlags: OptionSet, Sendable, Hashable, BitwiseCopyable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// White space precedes it.
    public static let spaceBefore = TokenFlags(rawValue: 1 << 0)
    /// A line break precedes it.
    public static let newlineBefore = TokenFlags(rawValue: 1 << 1)
    /// It starts a paragraph (the text's first token, or after a blank line or a paragraph break).
    public static let paragraphStart = TokenFlags(rawValue: 1 << 2)
    /// Letters only (any script).
    public static let alpha = TokenFlags(rawValue: 1 << 3)
    /// Digits only.
    public static let digits = TokenFlags(rawValue: 1 << 4)
    /// A number: digits with separators (`1,000`, `3.5`, `2024-01-12`, `12:30`).
    public static let number = TokenFlags(rawValue: 1 << 5)
    /// Punctuation only.
    public static let punct = TokenFlags(rawValue: 1 << 6)
    /// Starts with an uppercase letter.
    public static let capitalized = TokenFlags(rawValue: 1 << 7)
    /// Has letters, all uppercase.
    public static let allCaps = TokenFlags(rawValue: 1 << 8)
    public static let url = TokenFlags(rawValue: 1 << 9)
    public static let email = TokenFlags(rawValue: 1 << 10)
    /// An abbreviation ending in a period (`Mr.`, `U.S.`, `Jan.`, an initial `J.`).
    public static let abbreviation = TokenFlags(rawValue: 1 << 11)
    /// A quotation mark.
    public static let quote = TokenFlags(rawValue: 1 << 12)
    /// Ends a sentence when it is not an abbreviation: `.`, `?`, `!`, `...`.
    public static let terminal = TokenFlags(rawValue: 1 << 13)
    /// An opening bracket.
    public static let openBracket = TokenFlags(rawValue: 1 << 14)
    /// A closing bracket.
    public static let closeBracket = TokenFlags(rawValue: 1 << 15)
    /// A clitic split off the previous word: `'s`, `n't`, `'re`, `'ll`.
    public static let clitic = TokenFlags(rawValue: 1 << 16)
    /// Has an inner hyphen between letters (`Ching-te`, `self-governing`).
    public static let hyphenated = TokenFlags(rawValue: 1 << 17)
    /// Lies in a span that is not article text (boilerplate).
    public static let ignored = TokenFlags(rawValue: 1 << 18)
    /// Lies in the title line.
    public static let title = TokenFlags(rawValue: 1 << 19)
    /// Contains a non-ASCII character.
    public static let nonASCII = TokenFlags(rawValue: 1 << 20)
    /// Starts a sentence.
    public static let sentenceStart = TokenFlags(rawValue: 1 << 21)
    /// A symbol such as `$`, `%`, `€`, `#`, `@`, `&`.
    public static let symbol = TokenFlags(rawValue: 1 << 22)
}

/// A sentence: a run of tokens.
public struct Sentence: Sendable, Hashable, BitwiseCopyable {
    /// Token indices, end exclusive.
    public var tokenStart: Int32
    public var tokenEnd: Int32
    /// The index of the paragraph it belongs to (0-based).
    public var paragraph: Int32
    public var flags: SentenceFlags

    public init(tokenStart: Int32, tokenEnd: Int32, paragraph: Int32, flags: SentenceFlags = []) {
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
        self.paragraph = paragraph
        self.flags = flags
    }

    @inlinable public var tokens: Range<Int> { Int(tokenStart)..<Int(tokenEnd) }
}

/// What is known about a sentence as a whole.
public struct SentenceFlags: OptionSet, Sendable, Hashable, BitwiseCopyable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The title line.
    public static let title = SentenceFlags(rawValue: 1 << 0)
    /// Not article text (boilerplate): later stages skip it.
    public static let ignored = SentenceFlags(rawValue: 1 << 1)
}
