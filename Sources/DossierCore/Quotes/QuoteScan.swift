/// The working state of the quotes stage on one document: token tables it looks words up in, the quoted
/// spans found so far, and the speaker phrases. Its methods are spread over `QuoteScan+*.swift` by concern.
struct QuoteScan {
    let doc: Document
    let lex: QuoteLexicon
    let stage: String
    let n: Int
    /// Stable hash of each token's lowercase form.
    let lower: ContiguousArray<UInt64>
    /// The sentence of each token.
    let sentenceOf: ContiguousArray<Int32>
    /// True when the names stage has filled mentions.
    let hasNames: Bool
    /// For each token, the index of the names-stage mention that covers it, or -1 (empty without names).
    let mentionAt: ContiguousArray<Int32>
    /// The token range of each mention (indices as in ``Document/mentions``).
    let mentionTokens: [Range<Int>]
    /// Direct-quote spans (marks found and paired), in text order.
    var spans: [MarkedSpan] = []
    /// For each token, the index in ``spans`` of the marked span that covers it (marks included), or -1.
    var inSpan: ContiguousArray<Int32>
    /// Direct quotes (span indices) that a sieve attributed, known before indirect speech is looked for.
    var attributedQuotes: Set<Int> = []
    /// The dependency parse, when the syntax stage has run.
    let parse: Parse?

    init(_ doc: Document, lexicon: QuoteLexicon, stage: String) {
        self.doc = doc
        self.lex = lexicon
        self.stage = stage
        n = doc.tokens.count
        var lower = ContiguousArray<UInt64>()
        lower.reserveCapacity(n)
        for t in doc.tokens { lower.append(doc.interner.hash(of: t.lower)) }
        self.lower = lower
        var sentenceOf = ContiguousArray<Int32>(repeating: 0, count: n)
        for (k, s) in doc.sentences.enumerated() {
            for i in s.tokens { sentenceOf[i] = Int32(k) }
        }
        self.sentenceOf = sentenceOf
        hasNames = doc.layers.contains(.names) && !doc.mentions.isEmpty
        var mentionAt = ContiguousArray<Int32>(repeating: -1, count: hasNames ? n : 0)
        var mentionTokens: [Range<Int>] = []
        if hasNames {
            mentionTokens.reserveCapacity(doc.mentions.count)
            for (k, m) in doc.mentions.enumerated() {
                let r = QuoteScan.tokenRange(of: m.span, in: doc.tokens)
                mentionTokens.append(r)
                let speaks: Bool
                switch m.type {
                case .person, .org, .gpe, .norp: speaks = m.kind == .name
                default: speaks = false
                }
                if speaks { for i in r where mentionAt[i] < 0 { mentionAt[i] = Int32(k) } }
            }
        }
        self.mentionAt = mentionAt
        self.mentionTokens = mentionTokens
        inSpan = ContiguousArray(repeating: -1, count: n)
        parse = Parse(doc)
    }

    /// The tokens that lie in a byte span (binary search over token starts).
    static func tokenRange(of span: ByteSpan, in tokens: ContiguousArray<Token>) -> Range<Int> {
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= span.start { lo = mid + 1 } else { hi = mid }
        }
        var e = lo
        while e < tokens.count && tokens[e].start < span.end { e += 1 }
        return lo..<e
    }

    // MARK: - Token tests

    @inline(__always) func byte(_ i: Int) -> UInt8 { doc.normalized.bytes[Int(doc.tokens[i].start)] }
    @inline(__always) func length(_ i: Int) -> Int { Int(doc.tokens[i].end - doc.tokens[i].start) }
    @inline(__always) func flags(_ i: Int) -> TokenFlags { doc.tokens[i].flags }
    @inline(__always) func isByte(_ i: Int, _ c: UInt8) -> Bool { length(i) == 1 && byte(i) == c }
    @inline(__always) func isComma(_ i: Int) -> Bool { isByte(i, UInt8(ascii: ",")) }
    @inline(__always) func isColon(_ i: Int) -> Bool { isByte(i, UInt8(ascii: ":")) }
    @inline(__always) func isQuote(_ i: Int) -> Bool { flags(i).contains(.quote) }
    @inline(__always) func isPunct(_ i: Int) -> Bool { flags(i).contains(.punct) || flags(i).contains(.quote) }
    @inline(__always) func classes(_ i: Int) -> QuoteLexicon.WordClass { lex.classes(lower[i]) }
    @inline(__always) func isWord(_ i: Int) -> Bool {
        let f = flags(i)
        return f.contains(.alpha) || f.contains(.hyphenated) || f.contains(.abbreviation)
    }
    /// A word that starts with a lowercase letter.
    @inline(__always) func isLowerWord(_ i: Int) -> Bool {
        isWord(i) && !flags(i).contains(.capitalized)
    }
    /// A capitalized word (a name part), or an initial, or an abbreviation title such as `Mr.` or `U.S.`.
    @inline(__always) func isCapWord(_ i: Int) -> Bool {
        let f = flags(i)
        return f.contains(.capitalized) && (f.contains(.alpha) || f.contains(.hyphenated) || f.contains(.abbreviation))
    }
    @inline(__always) func isSentenceStart(_ i: Int) -> Bool { flags(i).contains(.sentenceStart) }
    @inline(__always) func paragraph(_ i: Int) -> Int32 { doc.sentences[Int(sentenceOf[i])].paragraph }
    func sentence(_ i: Int) -> Range<Int> { doc.sentences[Int(sentenceOf[i])].tokens }
    /// A token that is part of the article (not boilerplate).
    @inline(__always) func isText(_ i: Int) -> Bool { !flags(i).contains(.ignored) }
    /// Terminal punctuation: `.`, `?`, `!`.
    @inline(__always) func isTerminal(_ i: Int) -> Bool { flags(i).contains(.terminal) }
    /// An adverb in -ly ("privately", "flatly") or a word of the aux list.
    func isAuxOrAdverb(_ i: Int) -> Bool {
        if flags(i).contains(.clitic) { return classes(i).contains(.aux) }
        guard isLowerWord(i) else { return false }
        if classes(i).contains(.aux) { return true }
        let t = doc.tokens[i]
        let b = doc.normalized.bytes
        return t.end - t.start > 4 && b[Int(t.end) - 2] == UInt8(ascii: "l") && b[Int(t.end) - 1] == UInt8(ascii: "y")
    }
    /// The cue a token is, if it is a lowercase reporting word that is not a noun after a determiner ("the
    /// report said", "a note reads").
    /// With a parse, a word tagged as a noun is not a cue either ("voters in all five states", "his
    /// remarks", "Editor's note").
    func cue(_ i: Int) -> QuoteLexicon.Cue? {
        guard isLowerWord(i), let c = lex.cue(lower[i]) else { return nil }
        if i > 0 && QuoteScan.determiners.contains(lower[i - 1]) { return nil }
        // A word tagged as a noun is no cue, except "say" / "says" / "said", which the tagger takes for a noun
        // after a number or a quantity ("One in five say", "Nearly a third say"; a noun "say" follows a
        // determiner: "have a say"), a participle after a comma and before "that" (", warning that ..."), and a
        // verb after a quote and its speaker ("“...,” Dekker notes.").
        if parse?.analysed[i] == true, let syntax = doc.syntax, syntax.upos[i] == .noun,
            !QuoteScan.sayForms.contains(lower[i])
        {
            let participle =
                i > 0 && isComma(i - 1) && i + 1 < lower.count && lower[i + 1] == QuoteScan.that && endsInIng(i)
            // A progressive the tagger took for a noun: "Trump is warning voters that ...".
            let progressive = i > 0 && endsInIng(i) && QuoteScan.beForms.contains(lower[i - 1])
            guard participle || progressive || isVerbAfterQuote(i) else { return nil }
        }
        return c
    }

    /// '“...,” Dekker notes.': a cue the tagger took for a plural noun, after a name or pronoun that follows a
    /// quote's closing mark (and a comma), before a period or comma.
    func isVerbAfterQuote(_ i: Int) -> Bool {
        guard i >= 2, i + 1 < lower.count, isTerminal(i + 1) || isComma(i + 1) else { return false }
        var j = i - 1
        if classes(j).contains(.pronoun) {
            j -= 1
        } else {
            while j > 0 && i - j <= 4 && isCapWord(j) { j -= 1 }
            guard j < i - 1 else { return false }
        }
        return (j >= 0 && isQuote(j) && inSpan[j] >= 0)
            || (j >= 1 && isComma(j) && isQuote(j - 1) && inSpan[j - 1] >= 0)
    }

    static let sayForms: Set<UInt64> = Set(["say", "says", "said"].map { StableHash.hash($0) })

    static let determiners: Set<UInt64> = Set(
        ["the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those"].map {
            StableHash.hash($0)
        })

    /// Sentence punctuation that ends a phrase: a terminal not glued to what follows (the period of
    /// "(D-Conn.)" or "Example.com" does not end the phrase).
    func endsPhrase(_ i: Int) -> Bool {
        guard isTerminal(i) else { return false }
        if i + 1 < n && !flags(i + 1).contains(.spaceBefore) && (isByte(i + 1, UInt8(ascii: ")")) || isLowerWord(i + 1))
        {
            return false
        }
        return true
    }

    /// The byte span of a token range.
    func bytes(_ r: Range<Int>) -> ByteSpan {
        ByteSpan(Int(doc.tokens[r.lowerBound].start)..<Int(doc.tokens[r.upperBound - 1].end))
    }

    /// The original text of a token range.
    func text(_ r: Range<Int>) -> String { doc.string(bytes(r).range) }

    // MARK: - Run

    mutating func run() -> [Quote] {
        findMarkedSpans()
        var found: [Found] = []
        // Direct quotes first; the previous one's speaker carries runs of quotes.
        var previous: (span: Int, attribution: Attribution)? = nil
        for k in spans.indices where spans[k].role == .quote {
            var a = attributeDirect(k, previous: previous)
            if a.phrase == nil, let p = parse, let g = governorSpeaker(k, parse: p) { a = g }
            found.append((spans[k].content, .direct, a))
            if a.phrase != nil {
                previous = (k, a)
                attributedQuotes.insert(k)
            }
        }
        let indirect = findIndirect()
        // A direct quote no sieve attributed that lies inside mixed speech is part of it ("said the plan was
        // “a step” given that “...”").
        let mixed = indirect.filter { $0.kind == .mixed }.map(\.content)
        if !mixed.isEmpty {
            found.removeAll { f in
                f.kind == .direct && f.attribution.phrase == nil
                    && mixed.contains {
                        $0.lowerBound <= f.content.lowerBound && f.content.upperBound <= $0.upperBound + 1
                    }
            }
        }
        found += indirect
        found.sort { ($0.content.lowerBound, $0.content.upperBound) < ($1.content.lowerBound, $1.content.upperBound) }
        afterIndirect(&found)
        var namer = SpeakerNames(self)
        return found.map { makeQuote(content: $0.content, kind: $0.kind, $0.attribution, namer: &namer) }
    }

    /// `after-indirect`: a direct quote no sieve attributed, right after indirect speech (in the next
    /// sentence of its paragraph, or opening the next paragraph) with no cue between them, goes on with that
    /// speech: the same speaker and cue, one attribution as PolNeAR annotates it ("Dekker said the harbour
    /// would stay open. “We have no choice.”"; also when the attribution follows the content and closes its
    /// sentence: "The plan is a “good start,” Dekker said from his office. “We have no choice.”").
    func afterIndirect(_ found: inout [Found]) {
        var i = 1
        while i < found.count {
            defer { i += 1 }
            guard found[i].kind == .direct, found[i].attribution.phrase == nil else { continue }
            let prev = found[i - 1]
            guard let ph = prev.attribution.phrase, let cue = prev.attribution.cue,
                prev.kind != .direct || prev.attribution.rule == "after-indirect"
            else { continue }
            var a = prev.content.upperBound
            // "A, Cole said from his office. “B.”": the attribution after the content closes its sentence.
            if cue.lowerBound >= a, a > 0, cue.upperBound <= n {
                let sc = doc.sentences[Int(sentenceOf[cue.lowerBound])].tokens
                if Int(sentenceOf[a - 1]) == Int(sentenceOf[cue.lowerBound]),
                    !(cue.upperBound..<sc.upperBound).contains(where: { self.cue($0) != nil || inSpan[$0] >= 0 })
                {
                    a = sc.upperBound
                }
            }
            var b = found[i].content.lowerBound
            while b > a && (isQuote(b - 1) || isPunct(b - 1)) { b -= 1 }
            guard a <= b, b < n else { continue }
            let sa = Int(sentenceOf[a - 1])
            let sb = Int(sentenceOf[b])
            let samePara = paragraph(a - 1) == paragraph(b)
            let nextPara = paragraph(b) == paragraph(a - 1) + 1 && doc.sentences[sb].tokens.lowerBound == b
            guard sb - sa <= 1, samePara || nextPara, !(a..<b).contains(where: { isWord($0) }) else { continue }
            found[i].attribution = Attribution(phrase: ph, cue: cue, rule: "after-indirect", confidence: 0.6)
        }
    }

    func makeQuote(content: Range<Int>, kind: QuoteKind, _ a: Attribution, namer: inout SpeakerNames) -> Quote {
        var speaker: Int32? = nil
        var name: String? = nil
        var mention: ByteSpan? = nil
        var rule = a.rule
        if let p = a.phrase {
            mention = bytes(p.kind == .pronoun ? p.range : trimmedTail(p.range))
            let resolved = namer.resolve(p, at: content.lowerBound)
            speaker = resolved.entity
            name = resolved.name
            if let how = resolved.how { rule += "+" + how }
        }
        return Quote(
            content: bytes(content), kind: kind, speaker: speaker, speakerName: name, speakerMention: mention,
            cue: a.cue.map { bytes($0) },
            provenance: Provenance(stage: stage, rule: "quotes:" + rule, confidence: a.confidence))
    }
}

/// A span of text between quote marks.
struct MarkedSpan {
    enum Role {
        /// A direct quote.
        case quote
        /// A short quoted phrase inside a sentence: part of a mixed quote if a cue reports it, else a scare quote.
        case partial
        /// A name or title in quote marks ("so-called", a headline, a book title): never a quote.
        case naming
    }
    /// The opening mark (token index).
    var open: Int
    /// The closing mark, nil when the quote was left open at the end of its paragraph.
    var close: Int?
    /// The content tokens, without marks and without a trailing comma.
    var content: Range<Int>
    var role: Role
    /// The paragraphs it covers (more than one for the multi-paragraph convention).
    var paragraphs: ClosedRange<Int32>
}

/// A phrase that names a speaker.
struct SpeakerPhrase: Equatable {
    enum Kind: Equatable {
        /// A proper name, possibly with titles: "State Department spokesman Matthew Miller".
        case name
        /// One person named by a common noun: "a spokesman", "the minister".
        case nominal
        /// A group or an anonymous source: "US officials", "sources".
        case group
        case pronoun
    }
    /// The whole phrase (titles, modifiers, appositive).
    var range: Range<Int>
    /// The proper-name part, if any: "Matthew Miller".
    var name: Range<Int>?
    var kind: Kind
}

/// How a quote was attributed.
struct Attribution {
    var phrase: SpeakerPhrase?
    var cue: Range<Int>?
    var rule: String
    var confidence: Double
}
