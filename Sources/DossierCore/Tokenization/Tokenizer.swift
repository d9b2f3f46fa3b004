#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits the folded text into tokens for English news, on UTF-8 bytes.
///
/// Conventions follow the Penn Treebank and CoNLL data that the models learn from: clitics are split
/// (`Taiwan 's`, `do n't`), inner hyphens stay (`Lai Ching-te`, `self-governing`), abbreviations keep
/// their period (`Mr.`, `U.S.`, `Jan.`, initials `J.`), numbers keep their separators (`1,000`, `3.5`,
/// `12:30`, `2024-01-12`), URLs, e-mail addresses, hashtags and handles are one token.
///
/// Source fidelity: tokens never overlap, and every byte between two tokens is white space, so tokens plus
/// the white space between them give back the text.
public struct Tokenizer: Stage {
    public let name = "tokenizer"
    public let requires: Set<Layer> = [.text]
    public let produces: Set<Layer> = [.tokens]
    let abbreviations: Abbreviations

    /// A tokenizer with the engine's abbreviation lexicon.
    public init() throws(DossierError) {
        abbreviations = try Abbreviations.standard()
    }

    public init(abbreviations: Abbreviations) {
        self.abbreviations = abbreviations
    }

    public func apply(to document: inout Document) throws(DossierError) {
        // Take the interner out of the document while scanning, so that adding to it copies nothing.
        var interner = Interner(capacity: 0)
        swap(&interner, &document.interner)
        let tokens = document.normalized.bytes.withUnsafeBufferPointer { p in
            let scanner = TokenScanner(p, abbreviations: abbreviations, title: document.titleRange)
            return scanner.run(&interner)
        }
        swap(&interner, &document.interner)
        document.tokens = tokens
    }

    /// Tokenizes a text on its own (for tests and tools): its tokens and the interner that holds their forms.
    public func tokenize(_ text: String) -> (tokens: ContiguousArray<Token>, interner: Interner) {
        var doc = Document(article: Article(title: nil, text: text, source: "<string>"))
        // Tokenizing cannot fail; the stage protocol allows it for others.
        try? apply(to: &doc)
        return (doc.tokens, doc.interner)
    }
}

/// The scanning state of one tokenization run (a class: its methods share it without copying it).
final class TokenScanner {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    let abbreviations: Abbreviations
    let title: Range<Int>?
    /// Whether single line breaks are wrapping (paragraphs are then blank lines or indented lines)
    /// rather than paragraph breaks.
    let hardWrapped: Bool
    /// The byte classes, copied from ``CharClass/table`` so the hot loop does not go through a lazy global.
    let classes: UnsafeMutablePointer<CharClass>
    /// Scratch space for a token's lowercase form (as long as the text) and shape (capped).
    let lowerBuffer: UnsafeMutablePointer<UInt8>
    let shapeBuffer: UnsafeMutablePointer<UInt8>
    static let maxShape = 32
    /// Where the next `@` is at or after a position (e-mail addresses are looked for only near one).
    var nextAt = -1
    /// A direct-mapped cache from a shape of at most eight bytes (packed into an integer) to its interned id:
    /// a document has few distinct shapes, so most tokens skip the interner for their shape.
    let shapeCacheKeys: UnsafeMutablePointer<UInt64>
    let shapeCacheIDs: UnsafeMutablePointer<UInt32>
    static let shapeCacheSize = 256
    /// The shape ids of "x", "xx", "xxx" and "xxxx" (index = length), interned on first use.
    var lowerShapes: [UInt32] = [UInt32.max, UInt32.max, UInt32.max, UInt32.max, UInt32.max]
    /// A direct-mapped cache of the short tokens (at most eight bytes) already made in this document, keyed by
    /// their bytes: a news text repeats its short words ("the", "said", ",", "Reuters"), and a hit costs one
    /// look-up instead of a scan for case and shape and an interner probe.
    let tokenCache: UnsafeMutablePointer<CachedToken>
    static let tokenCacheBits = 9

    init(_ p: UnsafeBufferPointer<UInt8>, abbreviations: Abbreviations, title: Range<Int>?) {
        self.p = p
        self.n = p.count
        self.abbreviations = abbreviations
        self.title = title
        self.hardWrapped = TokenScanner.isHardWrapped(p)
        classes = .allocate(capacity: 256)
        classes.initialize(from: CharClass.table, count: 256)
        lowerBuffer = .allocate(capacity: p.count + 1)
        shapeBuffer = .allocate(capacity: Self.maxShape)
        shapeCacheKeys = .allocate(capacity: Self.shapeCacheSize)
        shapeCacheKeys.initialize(repeating: 0, count: Self.shapeCacheSize)
        shapeCacheIDs = .allocate(capacity: Self.shapeCacheSize)
        shapeCacheIDs.initialize(repeating: 0, count: Self.shapeCacheSize)
        tokenCache = .allocate(capacity: 1 << Self.tokenCacheBits)
        tokenCache.initialize(repeating: CachedToken(), count: 1 << Self.tokenCacheBits)
    }

    deinit {
        classes.deallocate()
        lowerBuffer.deallocate()
        shapeBuffer.deallocate()
        shapeCacheKeys.deallocate()
        shapeCacheIDs.deallocate()
        tokenCache.deallocate()
    }

    /// The interned id of the shape in `shapeBuffer[0..<count]`.
    @inline(__always)
    func shapeID(_ count: Int, _ interner: inout Interner) -> UInt32 {
        guard count <= 8 && count > 0 else {
            return interner.intern(UnsafeBufferPointer(start: shapeBuffer, count: count))
        }
        // Shape bytes are printable ASCII, so a packed key is never 0 (the empty slot).
        var key: UInt64 = 0
        for k in 0..<count { key = (key << 8) | UInt64(shapeBuffer[k]) }
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if shapeCacheKeys[slot] == key { return shapeCacheIDs[slot] }
        let id = interner.intern(UnsafeBufferPointer(start: shapeBuffer, count: count))
        shapeCacheKeys[slot] = key
        shapeCacheIDs[slot] = id
        return id
    }

    @inline(__always) func cls(_ i: Int) -> CharClass { classes[Int(p[i])] }

    /// The first `byte` at or after `from` in `p` (below `limit`), or `limit`: memchr, which reads many bytes at once.
    static func find(_ byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Int {
        guard from < limit, let base = p.baseAddress else { return limit }
        guard let hit = memchr(base + from, Int32(byte), limit - from) else { return limit }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
    @inline(__always) func at(_ i: Int, _ c: CharClass) -> Bool { i < n && !cls(i).isDisjoint(with: c) }
    @inline(__always) func byte(_ i: Int) -> UInt8 { i < n ? p[i] : 0 }

    /// Text is hard-wrapped when most of its lines of 40 bytes or more are of typewriter length (40 to 100 bytes)
    /// and stop mid-sentence; shorter lines (headlines, datelines, markup) are no evidence either way.
    /// The first 16 KiB decide: enough lines for a verdict, and a long text costs no more than a short one.
    static func isHardWrapped(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var long = 0
        var wrapped = 0
        var lineStart = 0
        let limit = min(p.count, 16384)
        while lineStart <= limit {
            let i = find(0x0A, in: p, from: lineStart, limit: limit)
            var e = i
            while e > lineStart && (p[e - 1] == 0x20 || p[e - 1] == 0x09 || p[e - 1] == 0x0D) { e -= 1 }
            let length = e - lineStart
            if length >= 40 {
                long += 1
                if length <= 100 {
                    switch p[e - 1] {
                    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\""),
                        UInt8(ascii: "'"), UInt8(ascii: ":"), UInt8(ascii: ")"):
                        break
                    default: wrapped += 1
                    }
                }
            }
            lineStart = i + 1
        }
        return long >= 3 && wrapped * 2 > long
    }

    func run(_ interner: inout Interner) -> ContiguousArray<Token> {
        var tokens = ContiguousArray<Token>()
        tokens.reserveCapacity(n / 3 + 8)
        var i = 0
        var space = false
        var newlines = 0
        var indented = false
        var afterTitle = false
        while i < n {
            let c = cls(i)
            if c.contains(.newline) {
                newlines += 1
                indented = false
                space = true
                i += 1
                continue
            }
            if c.contains(.space) {
                space = true
                if newlines > 0 { indented = true }
                i += 1
                continue
            }
            if c.contains(.high) {
                let (v, len) = ScalarKind.decode(p, i)
                if ScalarKind.of(v) == .space {
                    space = true
                    i += len
                    continue
                }
            }
            var flags: TokenFlags = []
            let end = scanToken(at: i, &flags)
            if space { flags.insert(.spaceBefore) }
            if newlines > 0 { flags.insert(.newlineBefore) }
            if let t = title {
                if i < t.upperBound {
                    flags.insert(.title)
                } else if !afterTitle {
                    afterTitle = true
                    flags.insert(.paragraphStart)
                }
            }
            if tokens.isEmpty || newlines >= 2 || (newlines == 1 && (!hardWrapped || indented)) {
                flags.insert(.paragraphStart)
            }
            tokens.append(makeToken(i, end, flags, &interner))
            i = end
            space = false
            newlines = 0
            indented = false
        }
        return tokens
    }

    // MARK: - Token boundaries

    /// Scans the token starting at `s`; returns its end and sets flags known from its kind.
    func scanToken(at s: Int, _ flags: inout TokenFlags) -> Int {
        let c = cls(s)
        if !c.isDisjoint(with: .alnum) || (c.contains(.high) && isWordScalar(s)) {
            if let e = scanURL(s) {
                flags.insert(.url)
                return e
            }
            if let e = scanEmail(s) {
                flags.insert(.email)
                return e
            }
            return scanWord(s, &flags)
        }
        let b = p[s]
        switch b {
        case UInt8(ascii: "#"), UInt8(ascii: "@"):
            // Hashtags and handles.
            if at(s + 1, .letter) { return scanWord(s + 1, &flags) }
            flags.insert(.symbol)
            return s + 1
        case UInt8(ascii: "."):
            var e = s + 1
            while e < n && p[e] == b { e += 1 }
            flags.insert(.terminal)
            return e
        case UInt8(ascii: "?"), UInt8(ascii: "!"):
            var e = s + 1
            while e < n && (p[e] == UInt8(ascii: "?") || p[e] == UInt8(ascii: "!")) { e += 1 }
            flags.insert(.terminal)
            return e
        case UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "_"):
            var e = s + 1
            while e < n && p[e] == b { e += 1 }
            return e
        case UInt8(ascii: "'"):
            if let e = clitic(at: s) {
                flags.insert(.clitic)
                return e
            }
            if byte(s + 1) == b {
                flags.insert(.quote)
                return s + 2
            }
            flags.insert(.quote)
            return s + 1
        case UInt8(ascii: "`"):
            flags.insert(.quote)
            return byte(s + 1) == b ? s + 2 : s + 1
        case UInt8(ascii: "\""):
            flags.insert(.quote)
            return s + 1
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            flags.insert(.openBracket)
            return s + 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            flags.insert(.closeBracket)
            return s + 1
        case UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "~"),
            UInt8(ascii: "^"):
            flags.insert(.symbol)
            return s + 1
        default:
            break
        }
        if c.contains(.high) {
            let (v, len) = ScalarKind.decode(p, s)
            switch ScalarKind.of(v) {
            case .punct:
                if v == 0xAB || v == 0xBB || v == 0x2039 || v == 0x203A { flags.insert(.quote) }
            default: flags.insert(.symbol)
            }
            return s + len
        }
        return s + 1
    }

    @inline(__always) func isWordScalar(_ i: Int) -> Bool {
        let (v, _) = ScalarKind.decode(p, i)
        switch ScalarKind.of(v) {
        case .letter, .upperLetter, .digit: return true
        default: return false
        }
    }

    /// True if a word continues at `i`: an ASCII letter or digit, or a non-ASCII letter, digit or mark.
    @inline(__always) func isWordByte(_ i: Int) -> Bool {
        guard i < n else { return false }
        let c = cls(i)
        if !c.isDisjoint(with: .alnum) { return true }
        return c.contains(.high) && isWordScalar(i)
    }

    /// Scans letters and digits with their inner connectors, then decides about a final period.
    func scanWord(_ s: Int, _ flags: inout TokenFlags) -> Int {
        var i = s
        var dotted = false
        var segment = 0  // letters since the last inner period
        var end = s
        loop: while i < n {
            let c = cls(i)
            if !c.isDisjoint(with: .alnum) {
                i += 1
                segment += 1
                continue
            }
            if c.contains(.high) {
                let (v, len) = ScalarKind.decode(p, i)
                switch ScalarKind.of(v) {
                case .letter, .upperLetter, .digit:
                    i += len
                    segment += 1
                    continue loop
                default:
                    break loop
                }
            }
            // An inner connector joins only when a word character follows it.
            let b = p[i]
            switch b {
            case UInt8(ascii: "-"):
                if i > s && isWordByte(i + 1) {
                    flags.insert(.hyphenated)
                    i += 1
                    segment = 0
                    continue
                }
            case UInt8(ascii: "."):
                if i > s && at(i - 1, .digit) && at(i + 1, .digit) {
                    i += 1
                    continue
                }
                if segment == 1 && at(i - 1, .letter) && at(i + 1, .letter)
                    && (byte(i + 2) == UInt8(ascii: ".") || !isWordByte(i + 2))
                {
                    dotted = true
                    i += 1
                    segment = 0
                    continue
                }
            case UInt8(ascii: ","):
                if at(i - 1, .digit) && at(i + 1, .digit) && at(i + 2, .digit) && at(i + 3, .digit)
                    && !at(i + 4, .digit)
                {
                    i += 1
                    continue
                }
            case UInt8(ascii: ":"), UInt8(ascii: "/"):
                if at(i - 1, .digit) && at(i + 1, .digit) {
                    i += 1
                    continue
                }
            case UInt8(ascii: "&"):
                if at(i - 1, .upper) && at(i + 1, .upper) {
                    i += 1
                    continue
                }
            case UInt8(ascii: "'"):
                if at(i + 1, .letter) {
                    // "don't" -> "do" "n't"
                    if i - 1 > s && (p[i - 1] | 0x20) == UInt8(ascii: "n") && (byte(i + 1) | 0x20) == UInt8(ascii: "t")
                        && !isWordByte(i + 2)
                    {
                        return i - 1
                    }
                    if clitic(at: i) != nil { break loop }
                    // O'Brien, rock'n'roll
                    i += 1
                    segment = 0
                    continue
                }
            default:
                break
            }
            break
        }
        end = i
        // A final period: part of the token for abbreviations and initials.
        if end < n && p[end] == UInt8(ascii: ".") {
            if dotted {
                flags.insert(.abbreviation)
                return end + 1
            }
            let len = end - s
            if len == 1 && at(s, .upper) {
                flags.insert(.abbreviation)
                return end + 1
            }
            if len <= 8 && !at(end + 1, .alnum) {
                for k in s..<end { lowerBuffer[k - s] = lowerASCII(p[k]) }
                let kind = abbreviations.kind(UnsafeBufferPointer(start: lowerBuffer, count: end - s))
                switch kind {
                case .title?, .other?:
                    flags.insert(.abbreviation)
                    return end + 1
                case .number?:
                    var j = end + 1
                    while j < n && p[j] == 0x20 { j += 1 }
                    if at(j, .digit) {
                        flags.insert(.abbreviation)
                        return end + 1
                    }
                case nil:
                    break
                }
            }
        }
        return end
    }

    /// The end of a clitic (`'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`, `n't` handled by the word) at `s`,
    /// or of a bare possessive apostrophe after `s` ("officials'"); nil if none.
    func clitic(at s: Int) -> Int? {
        guard p[s] == UInt8(ascii: "'") else { return nil }
        let a = byte(s + 1) | 0x20
        let b = byte(s + 2) | 0x20
        if (a == UInt8(ascii: "s") || a == UInt8(ascii: "d") || a == UInt8(ascii: "m")) && at(s + 1, .letter)
            && !isWordByte(s + 2)
        {
            return s > 0 && isWordByte(s - 1) ? s + 2 : nil
        }
        if ((a == UInt8(ascii: "r") && b == UInt8(ascii: "e")) || (a == UInt8(ascii: "v") && b == UInt8(ascii: "e"))
            || (a == UInt8(ascii: "l") && b == UInt8(ascii: "l"))) && at(s + 1, .letter) && !isWordByte(s + 3)
        {
            return s > 0 && isWordByte(s - 1) ? s + 3 : nil
        }
        return nil
    }

    @inline(__always) func lowerASCII(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    func matchesLower(_ s: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard s + count <= n else { return false }
        return literal.withUTF8Buffer { lit in
            for k in 0..<count where lowerASCII(p[s + k]) != lit[k] { return false }
            return true
        }
    }

    /// A URL starting with `http://`, `https://` or `www.`: to the next space, less trailing punctuation.
    func scanURL(_ s: Int) -> Int? {
        let first = p[s] | 0x20
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") else { return nil }
        guard matchesLower(s, "http://") || matchesLower(s, "https://") || matchesLower(s, "www.") else { return nil }
        var e = s
        while e < n && cls(e).isDisjoint(with: [.space, .newline]) && p[e] != UInt8(ascii: "\"") {
            e += 1
        }
        while e > s + 4 {
            switch p[e - 1] {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
                UInt8(ascii: "?"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "'"):
                e -= 1
            default:
                return e
            }
        }
        return e
    }

    /// An e-mail address `local@domain.tld` starting at `s`.
    func scanEmail(_ s: Int) -> Int? {
        if nextAt < s {
            nextAt = Self.find(UInt8(ascii: "@"), in: p, from: s, limit: n)
        }
        guard nextAt < n, nextAt - s <= 64 else { return nil }
        var j = s
        while j < n && j - s < 64 {
            let b = p[j]
            if at(j, .alnum) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "%")
            {
                j += 1
            } else {
                break
            }
        }
        guard j < n, p[j] == UInt8(ascii: "@"), j > s, at(j + 1, .alnum) else { return nil }
        var e = j + 1
        var lastDot = -1
        while e < n && (at(e, .alnum) || p[e] == UInt8(ascii: "-") || p[e] == UInt8(ascii: ".")) {
            if p[e] == UInt8(ascii: ".") {
                if !at(e + 1, .alnum) { break }
                lastDot = e
            }
            e += 1
        }
        return lastDot > j ? e : nil
    }

    // MARK: - Forms, shape and flags

    /// The token `p[s..<e]`: its forms and shape, and `kindFlags` (from its scan) with the flags of its content.
    @inline(__always)
    func makeToken(_ s: Int, _ e: Int, _ kindFlags: TokenFlags, _ interner: inout Interner) -> Token {
        let length = e - s
        guard length <= 8 else { return makeNewToken(s, e, kindFlags, &interner) }
        // The token's bytes as one integer (zero-padded): with the length, its key in the cache.
        var head: UInt64
        if s + 8 <= n {
            head = UInt64(
                littleEndian: UnsafeRawPointer(p.baseAddress.unsafelyUnwrapped + s).loadUnaligned(as: UInt64.self))
            if length < 8 { head &= (1 &<< UInt64(8 * length)) &- 1 }
        } else {
            head = 0
            for k in 0..<length { head |= UInt64(p[s + k]) &<< UInt64(8 * k) }
        }
        let slot = Int(
            truncatingIfNeeded: ((head ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(Self.tokenCacheBits))
        )
        let cached = tokenCache[slot]
        let content: TokenFlags
        var token: Token
        if cached.head == head && cached.length == UInt32(length) {
            token = Token(
                start: Int32(s), end: Int32(e), form: cached.form, lower: cached.lower, shape: cached.shape, flags: [])
            content = cached.flags
        } else {
            token = makeNewToken(s, e, [], &interner)
            content = token.flags
            tokenCache[slot] = CachedToken(
                head: head, length: UInt32(length), form: token.form, lower: token.lower, shape: token.shape,
                flags: content)
        }
        // What the content says, with what the scan said; a symbol is not punctuation.
        var flags = kindFlags.union(content)
        if kindFlags.contains(.symbol) { flags.remove(.punct) }
        token.flags = flags
        return token
    }

    /// Makes a token without the cache.
    func makeNewToken(_ s: Int, _ e: Int, _ kindFlags: TokenFlags, _ interner: inout Interner) -> Token {
        var flags = kindFlags
        // Fast path for the commonest token, a lowercase ASCII word: its lowercase form is itself and its shape
        // is "x" repeated (at most four times).
        var k0 = s
        while k0 < e && classes[Int(p[k0])].contains(.lower) { k0 += 1 }
        if k0 == e {
            let form = interner.intern(UnsafeBufferPointer(rebasing: p[s..<e]))
            let n = min(e - s, 4)
            if lowerShapes[n] == UInt32.max {
                for k in 0..<n { shapeBuffer[k] = UInt8(ascii: "x") }
                lowerShapes[n] = interner.intern(UnsafeBufferPointer(start: shapeBuffer, count: n))
            }
            flags.insert(.alpha)
            return Token(start: Int32(s), end: Int32(e), form: form, lower: form, shape: lowerShapes[n], flags: flags)
        }
        var lowerCount = 0
        var shapeCount = 0
        var upper = 0
        var lower = 0
        var digit = 0
        var other = 0
        var high = 0
        var last: UInt8 = 0
        var run = 0
        var k = s
        while k < e {
            let b = p[k]
            var sh: UInt8
            if b < 0x80 {
                let c = classes[Int(b)]
                if c.contains(.upper) {
                    upper += 1
                    sh = UInt8(ascii: "X")
                    lowerBuffer[lowerCount] = b | 0x20
                } else if c.contains(.lower) {
                    lower += 1
                    sh = UInt8(ascii: "x")
                    lowerBuffer[lowerCount] = b
                } else if c.contains(.digit) {
                    digit += 1
                    sh = UInt8(ascii: "d")
                    lowerBuffer[lowerCount] = b
                } else {
                    other += 1
                    sh = b
                    lowerBuffer[lowerCount] = b
                }
                lowerCount += 1
                k += 1
            } else {
                high += 1
                let (v, len) = ScalarKind.decode(p, k)
                switch ScalarKind.of(v) {
                case .upperLetter:
                    upper += 1
                    sh = UInt8(ascii: "X")
                case .letter:
                    lower += 1
                    sh = UInt8(ascii: "x")
                case .digit:
                    digit += 1
                    sh = UInt8(ascii: "d")
                default:
                    other += 1
                    sh = UInt8(ascii: "*")
                }
                for j in k..<min(k + len, e) {
                    lowerBuffer[lowerCount] = p[j]
                    lowerCount += 1
                }
                k += len
            }
            if sh == last {
                run += 1
            } else {
                run = 1
                last = sh
            }
            if run <= 4 && shapeCount < Self.maxShape {
                shapeBuffer[shapeCount] = sh
                shapeCount += 1
            }
        }
        let form = interner.intern(UnsafeBufferPointer(rebasing: p[s..<e]))
        var lowerID = form
        if high > 0 {
            flags.insert(.nonASCII)
            if upper > 0 {
                // Rare: non-ASCII uppercase needs Unicode case mapping.
                let lowered = String(
                    decoding: UnsafeBufferPointer(start: lowerBuffer, count: lowerCount), as: UTF8.self)
                lowerID = interner.intern(lowered.lowercased())
            }
        } else if upper > 0 {
            lowerID = interner.intern(UnsafeBufferPointer(start: lowerBuffer, count: lowerCount))
        }
        let letters = upper + lower
        if letters > 0 && digit == 0 && other == 0 { flags.insert(.alpha) }
        if digit > 0 && letters == 0 {
            if other == 0 { flags.insert(.digits) }
            flags.insert(.number)
        }
        if letters == 0 && digit == 0 && !flags.contains(.symbol) { flags.insert(.punct) }
        if upper > 0 {
            if shapeCount > 0 && shapeBuffer[0] == UInt8(ascii: "X") { flags.insert(.capitalized) }
            if lower == 0 { flags.insert(.allCaps) }
        }
        let shape = shapeID(shapeCount, &interner)
        return Token(start: Int32(s), end: Int32(e), form: form, lower: lowerID, shape: shape, flags: flags)
    }
}

/// A short token already made in a document (see ``TokenScanner/tokenCache``); length 0 marks an empty slot.
struct CachedToken {
    var head: UInt64 = 0
    var length: UInt32 = 0
    var form: UInt32 = 0
    var lower: UInt32 = 0
    var shape: UInt32 = 0
    var flags: TokenFlags = []
}
