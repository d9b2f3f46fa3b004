/// The feature templates of the name tagger, and the per-document tables they read.
///
/// Every feature is a 64-bit hash of a template number and its values: word forms come hashed from the
/// document's ``Interner``, prefixes and suffixes are hashed from bytes, so extraction allocates nothing.
/// The templates follow Ratinov and Roth (2009): the word, its shape, affixes and neighbours; the two previous
/// labels; word clusters; gazetteer matches; and document context (the label this word form got earlier in
/// the document, and whether it occurs in lowercase elsewhere).
public struct NERFeatures: Sendable {
    public let clusters: WordClusters?
    public let gazetteer: Gazetteer?
    /// How often each lowercase word is capitalized in running text (one level, buckets 0-4).
    public let casing: WordClusters?
    /// Optional template groups (saved with the model as `options`).
    public let options: Options
    /// Feature template version, saved with the model.
    public static let version = 2
    /// Cluster levels read per token (a clusters file may have fewer).
    static let levels = 4

    /// Optional template groups, each measured on CoNLL dev (see docs/ner.md).
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Extended prediction history: which types the same word form got earlier in the document, and how often.
        public static let extendedHistory = Options(rawValue: 1)
        /// Context aggregation: the neighbours of the same word form's other occurrences in the document.
        public static let aggregation = Options(rawValue: 2)
        /// All-caps words also read as title case (`LEICESTERSHIRE` as `Leicestershire`) for word and cluster.
        public static let capsAsTitle = Options(rawValue: 4)
        /// All-caps sentences (headlines) are decoded after the rest of the document, so they see its labels.
        public static let headlinesLast = Options(rawValue: 8)
        /// The word's clusters conjoined with the previous label and the neighbours' cluster pair.
        public static let clusterConjunctions = Options(rawValue: 16)
        /// Hyphenated words (`London-based`, `ex-England`): the first and last parts' forms, the first part's
        /// gazetteer kinds and cluster.
        public static let hyphenParts = Options(rawValue: 32)
        /// The three-byte suffixes and prefixes of the neighbouring words.
        public static let neighbourAffixes = Options(rawValue: 64)
        /// Whether the word is inside parentheses.
        public static let parentheses = Options(rawValue: 128)
    }

    public init(clusters: WordClusters?, gazetteer: Gazetteer?, casing: WordClusters? = nil, options: Options = []) {
        self.clusters = clusters
        self.gazetteer = gazetteer
        self.casing = casing
        self.options = options
    }

    /// Per-token tables of one document.
    public struct Tables: Sendable {
        var form: [UInt64]
        var lower: [UInt64]
        var shape: [UInt64]
        /// ``NERFeatures/levels`` cluster ids per token, -1 when unknown.
        var cluster: [Int32]
        /// Hash of the title-case form of all-caps words (0 for others), with ``Options/capsAsTitle``.
        var title: [UInt64]
        /// With ``Options/aggregation``: per token, up to ``NERFeatures/aggregated`` other positions of the same
        /// lowercase form in the document (-1: none).
        var others: [Int32]
        /// Gazetteer bits: `kind * 4 + part` (part: 0 begin, 1 inside, 2 last, 3 unit).
        var gazetteer: [UInt32]
        /// Bit 0: the sentence is all caps; bit 1: inside quotes; bit 2: this lowercase form occurs
        /// uncapitalized elsewhere in the document.
        var context: [UInt8]
        /// The lowercase form of the document's first word: in wire copy it names the topic
        /// (`SOCCER -`, `TENNIS -`), which decides whether a city is a place or a team.
        var topic: UInt64 = 0
        /// Casing bucket of each token's lowercase form, -1 when unknown.
        var casing: [Int8]
        /// With ``Options/hyphenParts``: per token, the hashes of the lowercase first and last parts of a
        /// hyphenated word (0, 0 for others).
        var hyphen: [UInt64] = []
    }

    static let boundary: UInt64 = 0x5f5f_4f55_5453_4944

    /// Whether the tagger scores a token at all: only capitalized words and words with a capital inside
    /// (`al-Kabariti`, `post-Soviet`), or any word that continues a span. Others are `O` at no cost:
    /// in CoNLL-2003 98% of the tokens of names are capitalized.
    @inline(__always)
    static func isCandidate(_ t: Token) -> Bool {
        t.flags.contains(.capitalized) || t.flags.contains(.allCaps)
            || (t.flags.contains(.hyphenated) && !t.flags.contains(.digits))
    }

    /// Builds the tables of a document.
    static let notLookedUp = Int32.min

    /// Looks up the clusters and casing of token `i`.
    @inline(__always)
    func lookUp(_ t: inout Tables, _ i: Int) {
        let L = NERFeatures.levels
        t.cluster[i * L] = -1
        if let cs = casing {
            let r = cs.row(t.lower[i])
            if r >= 0 { t.casing[i] = Int8(cs.id(row: r, level: 0)) }
        }
        if let c = clusters {
            var r = c.row(t.form[i])
            if r < 0 && !t.title.isEmpty && t.title[i] != 0 { r = c.row(t.title[i]) }
            if r < 0 { r = c.row(t.lower[i]) }
            if r >= 0 {
                for l in 0..<min(L, c.sizes.count) { t.cluster[i * L + l] = Int32(c.id(row: r, level: l)) }
            }
        }
    }

    /// Completes the lookups of token `i` if ``tables(_:all:)`` skipped it.
    @inline(__always)
    func fill(_ t: inout Tables, _ i: Int) {
        if t.cluster[i * NERFeatures.levels] == NERFeatures.notLookedUp { lookUp(&t, i) }
    }

    /// Builds the tables of a document; with `all` false, clusters and casing only where tagging may need them.
    public func tables(_ doc: Document, all: Bool = true) -> Tables {
        let n = doc.tokens.count
        var t = Tables(
            form: [UInt64](repeating: 0, count: n), lower: [UInt64](repeating: 0, count: n),
            shape: [UInt64](repeating: 0, count: n),
            cluster: [Int32](repeating: -1, count: n * NERFeatures.levels),
            title: [UInt64](repeating: 0, count: options.contains(.capsAsTitle) ? n : 0),
            others: [Int32](repeating: -1, count: options.contains(.aggregation) ? n * NERFeatures.aggregated : 0),
            gazetteer: [UInt32](repeating: 0, count: n), context: [UInt8](repeating: 0, count: n),
            casing: [Int8](repeating: -1, count: casing == nil ? 0 : n))
        var uncapitalized = [Bool](repeating: false, count: doc.interner.count)
        if options.contains(.hyphenParts) {
            t.hyphen = [UInt64](repeating: 0, count: 2 * n)
            for (i, tok) in doc.tokens.enumerated() where tok.flags.contains(.hyphenated) {
                doc.interner.withBytes(of: tok.lower) { p in
                    guard let a = p.firstIndex(of: 0x2d), let z = p.lastIndex(of: 0x2d), a > 0, z + 1 < p.count
                    else { return }
                    t.hyphen[2 * i] = StableHash.hash(UnsafeBufferPointer(rebasing: p[0..<a]))
                    t.hyphen[2 * i + 1] = StableHash.hash(UnsafeBufferPointer(rebasing: p[(z + 1)...]))
                }
            }
        }
        if let first = doc.sentences.first(where: { !$0.flags.contains(.ignored) }), !first.tokens.isEmpty {
            t.topic = doc.interner.hash(of: doc.tokens[first.tokens.lowerBound].lower)
        }
        for (i, tok) in doc.tokens.enumerated() {
            t.form[i] = doc.interner.hash(of: tok.form)
            t.lower[i] = doc.interner.hash(of: tok.lower)
            t.shape[i] = doc.interner.hash(of: tok.shape)
            if tok.flags.contains(.alpha) && !tok.flags.contains(.capitalized) && !tok.flags.contains(.sentenceStart) {
                uncapitalized[Int(tok.lower)] = true
            }
            if !t.title.isEmpty && tok.flags.contains(.allCaps) {
                // FNV of the first byte as is and the rest lowercase: the hash the title-case form would have.
                t.title[i] = doc.interner.withBytes(of: tok.lower) { p -> UInt64 in
                    guard p.count > 1, p[0] >= 0x61, p[0] <= 0x7a else { return 0 }
                    var h = (StableHash.offsetBasis ^ UInt64(p[0] - 0x20)) &* StableHash.prime
                    for j in 1..<p.count { h = (h ^ UInt64(p[j])) &* StableHash.prime }
                    return h
                }
            }
        }
        if !t.others.isEmpty {
            // The first few candidate occurrences of each lowercase form.
            let A = NERFeatures.aggregated
            var first = [Int32](repeating: -1, count: doc.interner.count * (A + 1))
            for i in 0..<n where NERFeatures.isCandidate(doc.tokens[i]) {
                let base = Int(doc.tokens[i].lower) * (A + 1)
                for k in 0...A where first[base + k] < 0 {
                    first[base + k] = Int32(i)
                    break
                }
            }
            for i in 0..<n where NERFeatures.isCandidate(doc.tokens[i]) {
                let base = Int(doc.tokens[i].lower) * (A + 1)
                var k = 0
                for m in 0...A where first[base + m] >= 0 && first[base + m] != Int32(i) && k < A {
                    t.others[i * A + k] = first[base + m]
                    k += 1
                }
            }
        }
        // Cluster and casing lookups: for every token when training, else only around the tokens that can be
        // scored (``fill(_:_:_:)`` completes the rest on demand).
        for i in 0..<n {
            if all || NERFeatures.isCandidate(doc.tokens[i]) || (i > 0 && NERFeatures.isCandidate(doc.tokens[i - 1]))
                || (i + 1 < n && NERFeatures.isCandidate(doc.tokens[i + 1]))
            {
                lookUp(&t, i)
            } else {
                t.cluster[i * NERFeatures.levels] = NERFeatures.notLookedUp
            }
        }
        for s in doc.sentences {
            var caps = 0
            var letters = 0
            var quoted = false
            var parens = 0
            for i in s.tokens {
                let f = doc.tokens[i].flags
                if f.contains(.alpha) {
                    letters += 1
                    if f.contains(.allCaps) { caps += 1 }
                }
            }
            let allCaps: UInt8 = letters >= 3 && caps * 10 >= letters * 9 ? 1 : 0
            for i in s.tokens {
                let tok = doc.tokens[i]
                if tok.flags.contains(.quote) { quoted.toggle() }
                if tok.flags.contains(.closeBracket) && parens > 0 { parens -= 1 }
                var c = allCaps
                if parens > 0 && options.contains(.parentheses) { c |= 8 }
                if tok.flags.contains(.openBracket) { parens += 1 }
                if quoted { c |= 2 }
                if uncapitalized[Int(tok.lower)] { c |= 4 }
                t.context[i] = c
            }
            if let g = gazetteer {
                let lo = s.tokens.lowerBound
                let hi = s.tokens.upperBound
                for i in lo..<hi where NERFeatures.isCandidate(doc.tokens[i]) {
                    var h = Gazetteer.seed
                    var j = i
                    while j < hi && j - i < g.maxLength {
                        h = Gazetteer.extend(h, t.lower[j])
                        let kinds = g.kinds(of: h)
                        if kinds != 0 {
                            for k in 0..<Gazetteer.Kind.allCases.count where kinds & (1 << UInt8(k)) != 0 {
                                let base = UInt32(k * 4)
                                if j == i {
                                    t.gazetteer[i] |= 1 << (base + 3)
                                } else {
                                    t.gazetteer[i] |= 1 << base
                                    for m in (i + 1)..<j { t.gazetteer[m] |= 1 << (base + 1) }
                                    t.gazetteer[j] |= 1 << (base + 2)
                                }
                            }
                        }
                        j += 1
                    }
                }
            }
        }
        return t
    }

    @inline(__always) static func f(_ template: UInt64, _ v: UInt64) -> UInt64 { StableHash.combine(template, v) }
    @inline(__always) static func f(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        StableHash.combine(StableHash.combine(template, a), b)
    }

    /// The largest number of features of one token.
    public static let maxFeatures = 128
    /// Other occurrences read by context aggregation.
    static let aggregated = 3

    /// Packs the extended prediction history of a word form: the types it got earlier in the document (bit set,
    /// bit 0 = `O`, bit 1 + type), the most frequent one (0 none, 1 `O`, 2 + type) and whether that one had all
    /// the occurrences.
    @inline(__always)
    static func packHistory(seen: UInt8, majority: UInt8, unanimous: Bool) -> UInt32 {
        UInt32(seen) | UInt32(majority) << 8 | (unanimous ? 1 << 16 : 0)
    }

    /// The packed extended history of word `lower` from per-word label counts (`width` per word): 0 if the word
    /// has no earlier label in the document.
    @inline(__always)
    static func extendedHistory(_ counts: [UInt16], lower: Int, width: Int) -> UInt32 {
        let base = lower * width
        var seen: UInt8 = 0
        var best = 0
        var top: UInt16 = 0
        var total: UInt16 = 0
        for c in 0..<width where counts[base + c] > 0 {
            seen |= 1 << UInt8(c)
            total &+= counts[base + c]
            if counts[base + c] > top {
                top = counts[base + c]
                best = c + 1
            }
        }
        return seen == 0 ? 0 : packHistory(seen: seen, majority: UInt8(best), unanimous: top == total)
    }

    /// Writes the features of token `i` of a sentence `lo..<hi` into `out`; returns how many.
    ///
    /// - Parameters:
    ///   - previous: the labels of the two previous tokens (0 = `O`, or before the sentence).
    ///   - history: what this word form was labeled earlier in the document: 0 never seen, 1 `O`, 2 + type.
    func extract(
        _ doc: Document, _ t: Tables, _ i: Int, _ lo: Int, _ hi: Int, previous: (Int, Int), history: UInt8,
        extended: UInt32 = 0, stacked: Stacked?, labelFeatures: Bool = true, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let L = NERFeatures.levels
        var k = 0
        @inline(__always) func add(_ x: UInt64) {
            out[k] = x
            k += 1
        }
        let b = NERFeatures.boundary
        let l0 = t.lower[i]
        let s0 = t.shape[i]
        let lm1 = i > lo ? t.lower[i - 1] : b
        let lp1 = i + 1 < hi ? t.lower[i + 1] : b
        let lm2 = i > lo + 1 ? t.lower[i - 2] : b
        let lp2 = i + 2 < hi ? t.lower[i + 2] : b
        let sm1 = i > lo ? t.shape[i - 1] : b
        let sp1 = i + 1 < hi ? t.shape[i + 1] : b
        add(0x1)
        add(NERFeatures.f(1, t.form[i]))
        add(NERFeatures.f(2, l0))
        add(NERFeatures.f(3, s0))
        // Prefixes and suffixes of the lowercase form, 1 to 4 bytes.
        doc.interner.withBytes(of: doc.tokens[i].lower) { p in
            let n = p.count
            if n > 1 {
                var h = StableHash.offsetBasis
                for j in 0..<min(4, n - 1) {
                    h = (h ^ UInt64(p[j])) &* StableHash.prime
                    add(NERFeatures.f(4 + UInt64(j), h))
                }
                h = StableHash.offsetBasis
                for j in 0..<min(4, n - 1) {
                    h = (h ^ UInt64(p[n - 1 - j])) &* StableHash.prime
                    add(NERFeatures.f(8 + UInt64(j), h))
                }
            }
        }
        add(NERFeatures.f(12, lm1))
        add(NERFeatures.f(13, lp1))
        add(NERFeatures.f(14, lm2))
        add(NERFeatures.f(15, lp2))
        add(NERFeatures.f(16, sm1))
        add(NERFeatures.f(17, sp1))
        add(NERFeatures.f(18, sm1, s0))
        add(NERFeatures.f(19, s0, sp1))
        add(NERFeatures.f(20, lm1, l0))
        add(NERFeatures.f(21, l0, lp1))
        if labelFeatures { k += self.labelFeatures(t, i, previous: previous, into: out + k) }
        for l in 0..<3 {
            let c = t.cluster[i * L + l]
            if c >= 0 { add(NERFeatures.f(26 + UInt64(l), UInt64(c))) }
        }
        let c3 = t.cluster[i * L + 3]
        if c3 >= 0 { add(NERFeatures.f(83, UInt64(c3))) }
        let cm1 = i > lo ? t.cluster[(i - 1) * L + 1] : -2
        let cp1 = i + 1 < hi ? t.cluster[(i + 1) * L + 1] : -2
        add(NERFeatures.f(29, UInt64(bitPattern: Int64(cm1))))
        add(NERFeatures.f(30, UInt64(bitPattern: Int64(cp1))))
        let dm1 = i > lo ? t.cluster[(i - 1) * L + 2] : -2
        let dp1 = i + 1 < hi ? t.cluster[(i + 1) * L + 2] : -2
        add(NERFeatures.f(31, UInt64(bitPattern: Int64(dm1))))
        add(NERFeatures.f(32, UInt64(bitPattern: Int64(dp1))))
        var g = t.gazetteer[i]
        while g != 0 && k < NERFeatures.maxFeatures - 24 {
            let bit = UInt64(g.trailingZeroBitCount)
            add(NERFeatures.f(33, bit))
            g &= g - 1
        }
        if i > lo && t.gazetteer[i - 1] != 0 { add(NERFeatures.f(34, UInt64(t.gazetteer[i - 1]))) }
        if i + 1 < hi && t.gazetteer[i + 1] != 0 { add(NERFeatures.f(35, UInt64(t.gazetteer[i + 1]))) }
        let ctx = t.context[i]
        if ctx & 1 != 0 { add(NERFeatures.f(36, s0)) }
        let flags = doc.tokens[i].flags
        if i == lo { add(NERFeatures.f(37, s0)) }
        if flags.contains(.title) { add(NERFeatures.f(38, s0)) }
        if ctx & 2 != 0 { add(NERFeatures.f(39, 1)) }
        if ctx & 4 != 0 { add(NERFeatures.f(40, i == lo ? 1 : 2)) }
        add(NERFeatures.f(43, i > lo ? t.form[i - 1] : b))
        add(NERFeatures.f(44, i + 1 < hi ? t.form[i + 1] : b))
        add(NERFeatures.f(45, i > lo + 1 ? t.shape[i - 2] : b))
        add(NERFeatures.f(46, i + 2 < hi ? t.shape[i + 2] : b))
        let cm0 = i > lo ? t.cluster[(i - 1) * L] : -2
        let cp0 = i + 1 < hi ? t.cluster[(i + 1) * L] : -2
        add(NERFeatures.f(47, UInt64(bitPattern: Int64(cm0))))
        add(NERFeatures.f(48, UInt64(bitPattern: Int64(cp0))))
        add(NERFeatures.f(49, UInt64(bitPattern: Int64(t.cluster[i * L + 1])), s0))
        if !t.casing.isEmpty {
            let cb = UInt64(bitPattern: Int64(t.casing[i]))
            add(NERFeatures.f(80, cb))
            add(NERFeatures.f(81, cb, (i == lo ? 1 : 2) | UInt64(ctx & 1) << 2))
            add(NERFeatures.f(82, cb, s0))
        }
        add(NERFeatures.f(70, t.topic))
        add(NERFeatures.f(71, t.topic, UInt64(bitPattern: Int64(t.cluster[i * L + 1]))))
        add(NERFeatures.f(72, t.topic, UInt64(t.gazetteer[i])))
        add(NERFeatures.f(73, t.topic, s0))
        add(NERFeatures.f(74, t.topic, l0))
        add(NERFeatures.f(41, UInt64(history)))
        add(NERFeatures.f(42, UInt64(history), i == lo ? 1 : 2))
        if options.contains(.extendedHistory) && extended != 0 {
            var seen = extended & 0xff
            while seen != 0 {
                add(NERFeatures.f(84, UInt64(seen.trailingZeroBitCount)))
                seen &= seen - 1
            }
            add(NERFeatures.f(85, UInt64(extended >> 8)))
            add(NERFeatures.f(86, UInt64(extended >> 8), s0))
        }
        if !t.title.isEmpty && t.title[i] != 0 {
            add(NERFeatures.f(1, t.title[i]))
            add(NERFeatures.f(87, t.title[i]))
        }
        if !t.others.isEmpty {
            let A = NERFeatures.aggregated
            for m in 0..<A {
                let j = Int(t.others[i * A + m])
                if j < 0 { break }
                let left = j > 0 && !doc.tokens[j].flags.contains(.sentenceStart) ? t.lower[j - 1] : b
                let right =
                    j + 1 < doc.tokens.count && !doc.tokens[j + 1].flags.contains(.sentenceStart) ? t.lower[j + 1] : b
                add(NERFeatures.f(88, left))
                add(NERFeatures.f(89, right))
            }
        }
        if options.contains(.clusterConjunctions) {
            add(NERFeatures.f(91, UInt64(bitPattern: Int64(cm1)), UInt64(bitPattern: Int64(cp1))))
            add(NERFeatures.f(92, UInt64(bitPattern: Int64(cm1)), UInt64(bitPattern: Int64(t.cluster[i * L + 1]))))
        }
        if !t.hyphen.isEmpty && t.hyphen[2 * i] != 0 {
            let h0 = t.hyphen[2 * i]
            let h1 = t.hyphen[2 * i + 1]
            add(NERFeatures.f(93, h0))
            add(NERFeatures.f(94, h1))
            if let g = gazetteer {
                let kinds = g.kinds(of: Gazetteer.extend(Gazetteer.seed, h0))
                add(NERFeatures.f(95, UInt64(kinds)))
                add(NERFeatures.f(96, UInt64(kinds), h1))
            }
            if let c = clusters {
                let r = c.row(h0)
                if r >= 0 && c.sizes.count > 1 { add(NERFeatures.f(98, UInt64(c.id(row: r, level: 1)))) }
            }
        }
        if options.contains(.neighbourAffixes) {
            @inline(__always) func affixes(_ j: Int, _ template: UInt64) {
                doc.interner.withBytes(of: doc.tokens[j].lower) { p in
                    let n = p.count
                    guard n > 3 else { return }
                    var h = StableHash.offsetBasis
                    for m in 0..<3 { h = (h ^ UInt64(p[n - 1 - m])) &* StableHash.prime }
                    add(NERFeatures.f(template, h))
                    h = StableHash.offsetBasis
                    for m in 0..<3 { h = (h ^ UInt64(p[m])) &* StableHash.prime }
                    add(NERFeatures.f(template + 1, h))
                }
            }
            if i > lo { affixes(i - 1, 100) }
            if i + 1 < hi { affixes(i + 1, 102) }
        }
        if ctx & 8 != 0 { add(NERFeatures.f(104, s0)) }
        if let st = stacked {
            // Second pass: the first pass's labels here and around, and what it said about this word form
            // elsewhere in the document.
            let l1 = UInt64(st.labels[i] + 1)
            add(NERFeatures.f(60, l1))
            add(NERFeatures.f(61, i > lo ? UInt64(st.labels[i - 1] + 1) : 0, l1))
            add(NERFeatures.f(62, l1, i + 1 < hi ? UInt64(st.labels[i + 1] + 1) : 0))
            add(NERFeatures.f(63, UInt64(st.majority[i])))
            add(NERFeatures.f(64, UInt64(st.majority[i]), l1))
            add(NERFeatures.f(65, UInt64(st.seen[i])))
            add(NERFeatures.f(66, UInt64(st.majority[i]), i == lo ? 1 : 2))
        }
        return k
    }

    /// The most features ``labelFeatures(_:_:previous:into:)`` writes.
    static let maxLabelFeatures = 8

    /// Writes the features of token `i` that depend on the previous labels (the rest of ``extract`` does not),
    /// so that a beam decoder scores the rest once per token and these once per hypothesis.
    @inline(__always)
    func labelFeatures(
        _ t: Tables, _ i: Int, previous: (Int, Int), into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        NERFeatures.transitionFeatures(previous: previous, into: out)
            + wordLabelFeatures(t, i, previous: previous.0, into: out + 2)
    }

    /// The two features of the previous labels alone (the same for every token).
    @inline(__always)
    static func transitionFeatures(previous: (Int, Int), into out: UnsafeMutablePointer<UInt64>) -> Int {
        let p1 = UInt64(previous.0 + 1)
        out[0] = NERFeatures.f(22, p1)
        out[1] = NERFeatures.f(23, p1, UInt64(previous.1 + 1))
        return 2
    }

    /// The features of the previous label conjoined with token `i`'s word, shape and clusters.
    @inline(__always)
    func wordLabelFeatures(_ t: Tables, _ i: Int, previous: Int, into out: UnsafeMutablePointer<UInt64>) -> Int {
        let L = NERFeatures.levels
        let p1 = UInt64(previous + 1)
        out[0] = NERFeatures.f(24, p1, t.lower[i])
        out[1] = NERFeatures.f(25, p1, t.shape[i])
        out[2] = NERFeatures.f(50, p1, UInt64(bitPattern: Int64(t.cluster[i * L + 1])))
        guard options.contains(.clusterConjunctions) else { return 3 }
        out[3] = NERFeatures.f(90, p1, UInt64(bitPattern: Int64(t.cluster[i * L + 2])))
        return 4
    }

    /// What a first tagging pass found, for the second pass (document-level context aggregation).
    public struct Stacked: Sendable {
        /// First-pass label of each token.
        var labels: [Int]
        /// Per token: the most frequent first-pass type of the same lowercase form at the document's other
        /// capitalized occurrences: 0 none, 1 `O`, 2 + type.
        var majority: [UInt8]
        /// Per token: bit set of the types seen at those occurrences (bit 0 = `O`, bit 1 + type).
        var seen: [UInt8]
    }

    /// Aggregates first-pass labels over the document.
    public func stacked(_ doc: Document, labels: [Int], scheme: TagScheme) -> Stacked {
        let types = scheme.types.count
        let width = types + 1
        var counts = [Int32](repeating: 0, count: doc.interner.count * width)
        let n = doc.tokens.count
        var code = [Int](repeating: -1, count: n)
        for i in 0..<n where NERFeatures.isCandidate(doc.tokens[i]) && !doc.tokens[i].flags.contains(.ignored) {
            let c = scheme.type(labels[i]).map { $0 + 1 } ?? 0
            code[i] = c
            counts[Int(doc.tokens[i].lower) * width + c] += 1
        }
        var majority = [UInt8](repeating: 0, count: n)
        var seen = [UInt8](repeating: 0, count: n)
        for i in 0..<n where code[i] >= 0 {
            let base = Int(doc.tokens[i].lower) * width
            var best = -1
            var top: Int32 = 0
            var bits: UInt8 = 0
            for c in 0..<width {
                let x = counts[base + c] - (c == code[i] ? 1 : 0)
                if x > 0 { bits |= 1 << UInt8(c) }
                if x > top {
                    top = x
                    best = c
                }
            }
            majority[i] = best < 0 ? 0 : UInt8(best + 1)
            seen[i] = bits
        }
        return Stacked(labels: labels, majority: majority, seen: seen)
    }
}
