extension Document {
    /// A document over tokens given in advance (CoNLL input): its text is the sentences' tokens joined by
    /// spaces, one sentence a line, and its token and sentence tables are exactly those tokens and sentences.
    ///
    public init(pretokenized sentences: [[String]], source: String = "<conll>") {
        var text = ""
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(sentences.reduce(0) { $0 + $1.count })
        var offset = 0
        for (s, sentence) in sentences.enumerated() {
            if s > 0 {
                text += "\n"
                offset += 1
            }
            for (t, token) in sentence.enumerated() {
                if t > 0 {
                    text += " "
                    offset += 1
                }
                let n = token.utf8.count
                text += token
                ranges.append(offset..<(offset + n))
                offset += n
            }
        }
        self.init(article: Article(title: nil, text: text, source: source))
        // Map original byte ranges into the folded buffer (identical unless folding changed lengths).
        var folded = ranges
        if let map = normalized.toOriginal {
            var j = 0
            let n = normalized.bytes.count
            for (k, r) in ranges.enumerated() {
                while j < n && Int(map[j]) < r.lowerBound { j += 1 }
                var e = j
                while e < n && Int(map[e]) < r.upperBound { e += 1 }
                folded[k] = j..<max(e, j)
                j = e
            }
        }
        var interner = self.interner
        var tokens = ContiguousArray<Token>()
        tokens.reserveCapacity(folded.count)
        var sents = ContiguousArray<Sentence>()
        let abbreviations = Abbreviations()
        normalized.bytes.withUnsafeBufferPointer { p in
            let scanner = TokenScanner(p, abbreviations: abbreviations, title: nil)
            var k = 0
            for (s, sentence) in sentences.enumerated() {
                let first = k
                for t in 0..<sentence.count {
                    let r = folded[k]
                    var flags: TokenFlags = t == 0 ? [.paragraphStart, .sentenceStart, .newlineBefore] : [.spaceBefore]
                    if s == 0 && t == 0 { flags.remove(.newlineBefore) }
                    flags.formUnion(Document.kindFlags(p, r))
                    tokens.append(scanner.makeToken(r.lowerBound, r.upperBound, flags, &interner))
                    k += 1
                }
                sents.append(Sentence(tokenStart: Int32(first), tokenEnd: Int32(k), paragraph: Int32(s)))
            }
        }
        self.interner = interner
        self.tokens = tokens
        self.sentences = sents
        layers.formUnion([.tokens, .sentences])
    }

    /// The flags the tokenizer would give a token from its kind (quotes, brackets, hyphens, periods).
    static func kindFlags(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> TokenFlags {
        guard !r.isEmpty else { return [] }
        var flags: TokenFlags = []
        let first = p[r.lowerBound]
        let last = p[r.upperBound - 1]
        var allQuote = true
        for i in r where p[i] != UInt8(ascii: "\"") && p[i] != UInt8(ascii: "'") && p[i] != UInt8(ascii: "`") {
            allQuote = false
        }
        if allQuote && r.count <= 2 { flags.insert(.quote) }
        if first == UInt8(ascii: "(") || first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
            if r.count == 1 { flags.insert(.openBracket) }
        }
        if first == UInt8(ascii: ")") || first == UInt8(ascii: "]") || first == UInt8(ascii: "}") {
            if r.count == 1 { flags.insert(.closeBracket) }
        }
        if first == UInt8(ascii: "'") && r.count > 1 && !allQuote { flags.insert(.clitic) }
        if r.count == 1 && (first == UInt8(ascii: ".") || first == UInt8(ascii: "?") || first == UInt8(ascii: "!")) {
            flags.insert(.terminal)
        }
        if r.count > 1 && last == UInt8(ascii: ".") { flags.insert(.abbreviation) }
        if r.count > 2 {
            for i in (r.lowerBound + 1)..<(r.upperBound - 1) where p[i] == UInt8(ascii: "-") {
                flags.insert(.hyphenated)
                break
            }
        }
        return flags
    }
}
