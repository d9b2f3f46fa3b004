// Indirect and mixed speech: a reporting cue with its speaker and a content clause.
//
// Sieves, per sentence: `according-to` ("according to X, ..." / "..., according to X"), `indirect-after`
// (speaker, cue, [that|:] content), `indirect-before` (content, speaker cue / content, cue speaker).
// A content that is mostly a direct quote is left to the direct sieves; one with a quoted phrase is mixed.

extension QuoteScan {
    typealias Found = (content: Range<Int>, kind: QuoteKind, attribution: Attribution)

    func findIndirect() -> [Found] {
        var out: [Found] = []
        for s in doc.sentences where !s.flags.contains(.ignored) {
            let r = s.tokens
            if s.flags.contains(.title) || isHeadline(r) {
                if let f = headline(r) { out.append(f) }
                continue
            }
            out += askedQuestions(r)
            var x = r.lowerBound
            while x < r.upperBound {
                if inSpan[x] >= 0 || !isText(x) {
                    x += 1
                    continue
                }
                if lower[x] == QuoteScan.according && x + 1 < r.upperBound && lower[x + 1] == QuoteScan.to {
                    let fs = accordingTo(x, sentence: r)
                    if let last = fs.last {
                        out += fs
                        x = max(x + 2, last.content.upperBound)
                        continue
                    }
                    x += 2
                    continue
                }
                // A cue form the parse makes a modifier of a noun is an adjective ("a swiftly called meeting").
                guard let cu = cue(x), !isInfinitiveOrPassive(x), !isModifierOfNoun(x) else {
                    x += 1
                    continue
                }
                // "A, she said, B": both pieces.
                let pieces = parenthetical(cue: x, cu, sentence: r)
                if let last = pieces.last {
                    out += pieces
                    x = last.content.upperBound
                    continue
                }
                if let p = parse, let f = syntaxIndirect(cue: x, cu, parse: p, sentence: r) {
                    if f.content.lowerBound > x {
                        out.append(f)
                        x = f.content.upperBound
                        continue
                    }
                    if !out.contains(where: { $0.content.overlaps(f.content) }) { out.append(f) }
                    x += 1
                    continue
                }
                if let f = contentAfter(cue: x, cu, sentence: r) {
                    out.append(f)
                    x = f.content.upperBound
                    continue
                }
                // Not over a question the `asked` sieve found ("Asked whether ..., 40 percent said no").
                if let f = contentBefore(cue: x, cu, sentence: r),
                    !out.contains(where: { $0.attribution.rule == "asked" && $0.content.overlaps(f.content) })
                {
                    out.append(f)
                }
                x += 1
            }
        }
        return out
    }

    /// `asked`: a question reported with no asker named, which PolNeAR annotates as speech with no source: a
    /// sentence opened by "Asked whether ...," / "Asked about ...,", "when asked whom she supported," and a
    /// passive "was asked if ..." (the one asked is not the source). The content is the question: it runs to
    /// the comma that closes the participle clause, or, for a passive with no comma after it, to the end of
    /// the sentence.
    func askedQuestions(_ r: Range<Int>) -> [Found] {
        var out: [Found] = []
        var first = r.lowerBound
        while first < r.upperBound && (isQuote(first) || isPunct(first)) { first += 1 }
        for x in first..<r.upperBound where lower[x] == QuoteScan.asked && inSpan[x] < 0 {
            let opening = x == first && isCapWord(x)
            let afterWhen = x > first && (lower[x - 1] == QuoteScan.when || lower[x - 1] == QuoteScan.asideWhile)
            let passive = x > first && QuoteScan.beForms.contains(lower[x - 1])
            // One adverb may come between ("Asked specifically what ...", "asked again whether ...").
            let adverb = x + 2 < r.upperBound && isAdverbBeforeQuestion(x + 1) ? 1 : 0
            var q = x + 1 + adverb
            // Or a phrase ("Asked by a reporter whether ...", "Asked during the debate why ..."); after "by"
            // it names the one who asks, PolNeAR's source.
            var asker: SpeakerPhrase? = nil
            var viaPhrase = false
            if q < r.upperBound, !QuoteScan.questionOpeners.contains(lower[q]),
                let (at, by) = questionAfterPhrase(x + 1, sentence: r)
            {
                q = at
                asker = by
                viaPhrase = true
            }
            guard opening || afterWhen || passive, q < r.upperBound, QuoteScan.questionOpeners.contains(lower[q])
            else { continue }
            var end = (q + 1..<r.upperBound).first(where: { isComma($0) && inSpan[$0] < 0 })
            if end == nil && passive {
                var e = r.upperBound
                while e > x + 2 && (isTerminal(e - 1) || isPunct(e - 1)) { e -= 1 }
                end = e
            }
            guard let comma = end else { continue }
            // "Asked about X": "about" belongs to the cue, as PolNeAR marks it.
            let about = lower[q] == QuoteScan.about
            let content = (about ? q + 1 : q)..<comma
            guard content.filter({ isWord($0) }).count >= (opening ? 3 : 2),
                !content.contains(where: { cue($0) != nil })
            else { continue }
            let kind: QuoteKind = content.contains(where: { inSpan[$0] >= 0 }) ? .mixed : .indirect
            let cueRange = (passive ? x - 1 : x)..<(viaPhrase ? x + 1 : about ? q + 1 : q)
            out.append((content, kind, Attribution(phrase: asker, cue: cueRange, rule: "asked", confidence: 0.5)))
        }
        return out
    }

    /// The question opener after a phrase between "asked" and it ("by reporters", "during a debate in May",
    /// "Tuesday"): at most ten tokens with no punctuation, quote, cue or verb by the parse's tags. After "by",
    /// the words up to a preposition or a time word are the one who asks.
    func questionAfterPhrase(_ s: Int, sentence r: Range<Int>) -> (Int, SpeakerPhrase?)? {
        guard let syntax = doc.syntax else { return nil }
        var k = s
        while k < r.upperBound && k - s <= 10 {
            if QuoteScan.questionOpeners.contains(lower[k]) && k > s {
                var asker: SpeakerPhrase? = nil
                if lower[s] == QuoteScan.by && k > s + 1 {
                    var e = s + 1
                    while e < k && !classes(e).contains(.prep) && !classes(e).contains(.time) { e += 1 }
                    if e > s + 1 { asker = phrase(trimPhrase(s + 1..<e), head: e - 1) }
                }
                return (k, asker)
            }
            if isPunct(k) || inSpan[k] >= 0 || syntax.upos[k] == .verb || syntax.upos[k] == .aux || cue(k) != nil {
                return nil
            }
            k += 1
        }
        return nil
    }

    /// An adverb between "asked" and its question: a lower-case word in -ly, or "again", "later", "then".
    func isAdverbBeforeQuestion(_ i: Int) -> Bool {
        guard isLowerWord(i) else { return false }
        if QuoteScan.askedAdverbs.contains(lower[i]) { return true }
        let t = doc.tokens[i]
        let b = doc.normalized.bytes
        let e = Int(t.end)
        return e - Int(t.start) >= 4 && b[e - 2] == UInt8(ascii: "l") && b[e - 1] == UInt8(ascii: "y")
    }

    static let relativeWords: Set<UInt64> = Set(["who", "whom", "whose", "which"].map { StableHash.hash($0) })

    static let askedAdverbs: Set<UInt64> = Set(["again", "later", "then"].map { StableHash.hash($0) })

    static let questionOpeners: Set<UInt64> = Set(
        ["whether", "if", "about", "what", "why", "how", "who", "whom", "whose", "when", "where", "which"].map {
            StableHash.hash($0)
        })

    /// A line in title case at the top of a paragraph, as headlines are written: three words or more, most
    /// of them capitalized, at most one sentence.
    func isHeadline(_ r: Range<Int>) -> Bool {
        guard startsParagraph(r.lowerBound), r.upperBound == n || startsParagraph(r.upperBound) else { return false }
        var words = 0
        var caps = 0
        for i in r where isWord(i) {
            words += 1
            if isCapWord(i) { caps += 1 }
        }
        return words >= 4 && caps * 10 >= words * 7
    }

    /// A headline that reports speech in title case: "Harbour Chief Says Cranes Will Stay" (rule `headline`):
    /// the name before a capitalized speech cue speaks, the rest is the content.
    func headline(_ r: Range<Int>) -> Found? {
        var x = r.lowerBound + 1
        var cu: QuoteLexicon.Cue? = nil
        while x < r.upperBound {
            if inSpan[x] < 0, isCapWord(x), let c = lex.cue(lower[x]), c.cueClass == .speech {
                cu = c
                break
            }
            if isTerminal(x) || isColon(x) || isComma(x) { return nil }
            x += 1
        }
        guard let c = cu, x - r.lowerBound <= 6,
            (r.lowerBound..<x).allSatisfy({ isCapWord($0) || lower[$0] == QuoteScan.s }),
            let sp = phraseEnding(at: x - 1, limit: r.lowerBound), sp.range.lowerBound == r.lowerBound
        else { return nil }
        var c0 = x + 1
        if c0 < r.upperBound && lower[c0] == QuoteScan.that { c0 += 1 }
        var end = r.upperBound
        while end > c0 && isPunct(end - 1) && !(isQuote(end - 1) && inSpan[end - 1] >= 0) { end -= 1 }
        guard end > c0 else { return nil }
        return finish(c0..<end, sp, cue: x..<x + 1, c, rule: "headline")
    }

    /// Whether the parse hangs token `x` on a noun after it as an adjectival modifier (`amod`): "a swiftly
    /// called meeting".
    func isModifierOfNoun(_ x: Int) -> Bool {
        // Not an -ing form: "promising five tickets", "telling reporters" are verbs more often than not.
        guard let p = parse, p.analysed[x], !endsInIng(x), let h = p.headOf(x), h > x,
            p.relationName(p.relation(x)) == "amod"
        else { return false }
        // Within the noun phrase: only adverbs (and a comma after it) under it, as a verb the parse got wrong
        // has a subject or an object; no comma before it, and the noun at most three words on.
        return h - x <= 3 && !(x > 0 && isComma(x - 1))
            && p.children(x).allSatisfy { k in
                let r = Int(p.rel[Int(k)])
                return r == p.ids.advmod || (r == p.ids.punct && Int(k) > x)
            }
    }

    /// "to say", "is said to", "was told": no speaker of their own ("is saying" is a progressive and has one).
    func isInfinitiveOrPassive(_ x: Int) -> Bool {
        guard x > 0 else { return false }
        let p = lower[x - 1]
        if p == QuoteScan.to { return true }
        // A form of "be" before an -ing cue makes a progressive, not a passive ("is stressing that ...").
        return QuoteScan.beForms.contains(p) && !endsInIng(x)
    }

    static let beForms: Set<UInt64> = Set(
        ["is", "was", "are", "were", "be", "been", "being"].map { StableHash.hash($0) })

    /// Speaker, cue, then the content: "US officials say privately that ...", "Blinken told reporters the
    /// talks were constructive", "The ministry said in a statement: ...".
    func contentAfter(cue x: Int, _ cu: QuoteLexicon.Cue, sentence r: Range<Int>) -> Found? {
        var subjectRule: String? = nil
        var found: SpeakerPhrase? = nil
        // The comma may come before a closing quote mark ("praised it as “bold,” saying ...").
        let quoteComma = x - 1 > r.lowerBound && isQuote(x - 1) && isComma(x - 2)
        if endsInIng(x) && x > r.lowerBound && (isComma(x - 1) || quoteComma) {
            // "..., saying he was rooting for Denver": the subject of the sentence says it.
            guard let sp = clauseSubject(r, before: quoteComma ? x - 2 : x - 1) else { return nil }
            found = sp
            subjectRule = "-participle"
        } else {
            found = speakerBefore(x, limit: r.lowerBound)
        }
        var clauseStart = x
        while clauseStart > r.lowerBound && !isComma(clauseStart - 1) && !isTerminal(clauseStart - 1) {
            clauseStart -= 1
        }
        if found == nil, x - clauseStart <= 6, let sp = loosePhrase(clauseStart..<x, maxWords: 6), sp.kind != .pronoun {
            // The whole clause before the cue: "The actress said ...".
            found = sp
        }
        if found == nil {
            // A second verb of the subject: "Wilson praised Rubio's record and said ...".
            var j = x - 1
            while j > r.lowerBound && isAuxOrAdverb(j) { j -= 1 }
            if j > r.lowerBound && lower[j] == QuoteScan.and, let sp = clauseSubject(r, before: j) {
                found = sp
                subjectRule = "-conjoined"
            }
        }
        var aside = false
        if found == nil, let sp = insertedSubject(x, sentence: r) {
            // "The skipper, dressed in oilskins, said ...".
            found = sp
            aside = true
        }
        guard var sp = found else { return nil }
        if subjectRule == nil && !aside, let wide = parsedSubject(around: sp.range, cue: x, sentence: r) {
            sp.range = wide
        }
        if subjectRule == "-participle" {
            // "..., warning that ...": the sentence's subject as the parse bounds it, relative clause and
            // prepositional phrases included, when it holds the phrase found ("The attorney | general of ...").
            if let p = parse, p.analysed[x], let h = p.headOf(x), h < x, h >= sp.range.upperBound,
                let wide = parsedSubject(around: sp.range, cue: h, sentence: r, leftward: false)
            {
                sp.range = wide
            }
        }
        if subjectRule == nil && !aside, let s = issuerOfMedium(sp.range, cue: x, sentence: r) {
            // "The mayor issued a statement saying ...": the one who issued it speaks, not the statement.
            sp = s
            subjectRule = "-participle"
        }
        var end = r.upperBound
        while end > x + 1
            && (isTerminal(end - 1) || isQuote(end - 1) && inSpan[end - 1] < 0 || isPunct(end - 1) && !isQuote(end - 1))
        {
            end -= 1
        }
        // A "that" after a short run of adverbs, time words, an audience or a prepositional phrase.
        var start: Int? = nil
        var k = x + 1
        var rule = "indirect-that"
        // Up to 22 tokens on when no verb or dash lies between ("said on Friday during a visit to Kiel, the port
        // city, that ..."): beyond ten, a "that" after a verb opens a clause of its own.
        while k < end && k - x <= 22 {
            if lower[k] == QuoteScan.that {
                if k - x > 10,
                    let syntax = doc.syntax,
                    (x + 1..<k).contains(where: { syntax.upos[$0] == .verb || syntax.upos[$0] == .aux || isDash($0) })
                {
                    break
                }
                start = k + 1
                break
            }
            if isTerminal(k) || isQuote(k) || cue(k) != nil || isColon(k) { break }
            k += 1
        }
        if start == nil {
            // "continued as a member until 2014": "continue" reports only after "that" or a colon.
            guard cu.cueClass != .evidence, cu.lemma != "continue" || (x + 1 < end && isColon(x + 1)) else {
                return nil
            }
            k = x + 1
            while k < end {
                if isAuxOrAdverb(k) || classes(k).contains(.time) || classes(k).contains(.audience) {
                    k += 1
                    continue
                }
                // "said in a statement Thursday they ...": the medium is an aside.
                if lower[k] == QuoteScan.inWord || lower[k] == QuoteScan.on,
                    let m = (k + 1..<min(end, k + 5)).first(where: { classes($0).contains(.medium) }),
                    (k + 1..<m).allSatisfy({ isWord($0) && !classes($0).contains(.prep) }), m + 1 < end,
                    !(r.lowerBound..<x).contains(where: { inSpan[$0] >= 0 && spans[Int(inSpan[$0])].role == .quote }),
                    let syntax = doc.syntax, syntax.upos[m + 1] != .verb, syntax.upos[m + 1] != .adp
                {
                    k = m + 1
                    continue
                }
                break
            }
            if cu.lemma == "tell" && k < end && isCapWord(k) {
                while k < end && isCapWord(k) { k += 1 }
            }
            if k < end && isColon(k) {
                start = k + 1
                rule = "indirect-colon"
            } else if k + 1 < end && isComma(k) && k == x + 1 && isWord(k + 1) && !endsInIng(k + 1) && cue(k + 1) == nil
                && !classes(k + 1).contains(.prep) && doc.syntax.map({ $0.upos[k + 1] != .sconj }) ?? true
            {
                // "Rubio says, win or lose, he's staying in the race." Not a subordinate clause after the
                // comma ("is arguing, since ...").
                start = k + 1
                rule = "indirect-clause"
            } else if k < end && (isWord(k) || flags(k).contains(.digits) || flags(k).contains(.number))
                && (!classes(k).contains(.prep) || quantityFollows(k)) && !isComma(k)
            {
                start = k
                rule = "indirect-clause"
            }
        }
        guard let c0 = start else { return nil }
        let content = c0..<contentEnd(from: c0, end: end)
        // After a subject with an aside, the content is a clause ("said the mayor" reports nothing).
        if aside && !content.contains(where: { isTensed($0) }) { return nil }
        // A cue that reports only clauses: a clause by the parse's tags ("maintained a lead" is none).
        // Nor one the parse gives a noun phrase object in the content ("maintained a lead over the pack").
        if cu.clauseOnly && rule == "indirect-clause" {
            guard let syntax = doc.syntax,
                content.contains(where: { syntax.upos[$0] == .verb || syntax.upos[$0] == .aux })
            else { return nil }
            if let p = parse, p.analysed[x],
                p.children(x).contains(where: {
                    Int($0) >= content.lowerBound && Int($0) < content.upperBound
                        && Int(p.rel[Int($0)]) == p.ids.obj
                })
            {
                return nil
            }
        }
        return finish(content, sp, cue: x..<x + 1, cu, rule: rule + (subjectRule ?? ""))
    }

    /// The subject that opens the sentence, before an aside set off by commas that ends right before the cue
    /// ("The skipper, dressed in oilskins, said ...", "Both unions, including the dockworkers, said ...",
    /// "Ruiz, whose bid had stalled, said ..."), when the phrase grammar finds no speaker at the cue: a noun
    /// phrase of at most 12 tokens up to the first comma (no verb or punctuation by the parse's tags, not
    /// opened by a preposition or a time word), then at most 25 tokens with no sentence punctuation, quote,
    /// dash, colon or cue. The phrase keeps the aside when it is a relative clause or "including ..."
    /// (PolNeAR keeps them in the source), not a participle or an adverb ("dressed in ...", "however").
    func insertedSubject(_ x: Int, sentence r: Range<Int>) -> SpeakerPhrase? {
        guard let syntax = doc.syntax else { return nil }
        var j = x - 1
        while j > r.lowerBound && isAuxOrAdverb(j) { j -= 1 }
        guard j > r.lowerBound, isComma(j), inSpan[j] < 0 else { return nil }
        var s = r.lowerBound
        while s < j && isQuote(s) && inSpan[s] < 0 { s += 1 }
        guard let p0 = (s..<j).first(where: { isComma($0) }), p0 > s, j - p0 >= 2, j - p0 <= 26, p0 - s <= 12
        else { return nil }
        let u = syntax.upos[s]
        guard u == .noun || u == .propn || u == .det || u == .adj || u == .num,
            !classes(s).contains(.prep), !classes(s).contains(.time),
            !(s..<p0).contains(where: { syntax.upos[$0] == .verb || syntax.upos[$0] == .aux || isPunct($0) })
        else { return nil }
        for i in p0 + 1..<j where endsPhrase(i) || isQuote(i) || isDash(i) || isColon(i) || cue(i) != nil {
            return nil
        }
        guard let head = speakerAfter(s, limit: p0, appositive: false) ?? loosePhrase(s..<p0, maxWords: 12) else {
            return nil
        }
        let keep = QuoteScan.relativeWords.contains(lower[p0 + 1]) || lower[p0 + 1] == QuoteScan.including
        return SpeakerPhrase(
            range: s..<(keep ? j : p0), name: head.name, kind: head.kind == .pronoun ? .nominal : head.kind)
    }

    static let including = StableHash.hash("including")

    /// "about" before a number or a quantity ("said about half of the rise ...") opens a subject, not a
    /// prepositional phrase.
    func quantityFollows(_ k: Int) -> Bool {
        guard k + 1 < n, lower[k] == QuoteScan.about else { return false }
        return flags(k + 1).contains(.digits) || QuoteScan.quantities.contains(lower[k + 1])
    }

    static let about = StableHash.hash("about")

    /// Where a reported clause ends before the sentence does: at a semicolon or a dash, or at a comma that
    /// opens another clause (", but", ", which", ", despite", ", adding ...").
    func contentEnd(from c0: Int, end: Int) -> Int {
        var i = c0 + 1
        while i < end {
            if inSpan[i] >= 0 {
                i += 1
                continue
            }
            if isByte(i, UInt8(ascii: ";")) || isDash(i) { return i }
            if isComma(i) && i + 1 < end && inSpan[i + 1] < 0 {
                let w = lower[i + 1]
                if QuoteScan.clauseOpeners.contains(w) || (isLowerWord(i + 1) && endsInIng(i + 1)) { return i }
                // "..., said he ...": another reporting verb, its own attribution.
                if let c = cue(i + 1), c.cueClass == .speech || c.cueClass == .continuation { return i }
            }
            // "... and called on leaders to ...": a second reporting verb coordinated with the first.
            if lower[i] == QuoteScan.and && i + 1 < end && inSpan[i + 1] < 0, let c = cue(i + 1),
                c.cueClass == .speech || c.cueClass == .continuation || c.cueClass == .partial
            {
                return i
            }
            i += 1
        }
        return end
    }

    static let clauseOpeners: Set<UInt64> = Set(
        ["but", "which", "despite", "while", "although", "though", "whereas", "adding", "calling", "saying"].map {
            StableHash.hash($0)
        })

    /// The subject that opens a sentence, followed by a lowercase word (its verb), before token `limit`.
    func clauseSubject(_ r: Range<Int>, before limit: Int) -> SpeakerPhrase? {
        var s = r.lowerBound
        while s < limit && classes(s).contains(.stop) && !classes(s).contains(.modifier) { s += 1 }
        guard let sp = speakerAfter(s, limit: limit, appositive: false) else { return nil }
        var next = sp.range.upperBound
        while next < limit && isAuxOrAdverb(next) { next += 1 }
        guard next < limit, isLowerWord(next), cue(next) == nil || next + 1 == limit else { return nil }
        return sp
    }

    /// Content first, then the attribution at the end of the sentence: "..., sources said." / "..., said
    /// a senior official."
    func contentBefore(cue x: Int, _ cu: QuoteLexicon.Cue, sentence r: Range<Int>) -> Found? {
        guard cu.cueClass == .speech || cu.cueClass == .continuation else { return nil }
        // The attribution must close the sentence: only time words or a short phrase may follow.
        var sp: SpeakerPhrase? = nil
        var comma = -1
        // The comma may sit inside the closing mark of a quoted phrase ('have “very different goals,” X said'),
        // not of a direct quote (the direct sieves' own).
        let marked: (Int) -> Bool = { c in
            c + 1 < x && self.isQuote(c + 1) && self.inSpan[c + 1] >= 0
                && self.spans[Int(self.inSpan[c + 1])].role != .quote
        }
        if x - 1 > r.lowerBound && (isComma(x - 1) || isComma(x - 2) && marked(x - 2)) {
            sp = speakerAfter(x + 1, limit: r.upperBound)
            comma = isComma(x - 1) ? x - 1 : x - 2
        } else {
            var p = x - 1
            while p > r.lowerBound && !isComma(p) && x - p < 14 { p -= 1 }
            if p > r.lowerBound && isComma(p), let s = speakerBefore(x, limit: p + 1),
                s.range.lowerBound == p + 1 || marked(p) && s.range.lowerBound == p + 2
            {
                sp = s
                comma = p
            }
        }
        guard let speaker = sp, comma > r.lowerBound else { return nil }
        var tail = max(x + 1, speaker.range.upperBound)
        var extra = 0
        while tail < r.upperBound && !isTerminal(tail) && !(isQuote(tail) && inSpan[tail] < 0) {
            extra += 1
            tail += 1
        }
        // "..., said Ana Ortiz, head of the transport office, whose engineers ...": a relative clause on the
        // speaker may run to the end of the sentence.
        let s1 = speaker.range.upperBound
        let relative =
            x < speaker.range.lowerBound && s1 + 1 < r.upperBound && isComma(s1)
            && QuoteScan.relativeWords.contains(lower[s1 + 1])
        guard extra <= 5 || relative else { return nil }
        var end = comma
        while end > r.lowerBound && (isQuote(end - 1) && inSpan[end - 1] < 0) { end -= 1 }
        // A quoted phrase that opens inside the content keeps its closing mark after the comma.
        if marked(comma), spans[Int(inSpan[comma + 1])].open >= r.lowerBound { end = comma + 2 }
        let content = r.lowerBound..<end
        return finish(content, speaker, cue: x..<x + 1, cu, rule: "indirect-before")
    }

    /// "According to X, ..." and "..., according to X.", and "..., according to X, ..." with a clause going on
    /// after X: X ends at the comma and the content is the words before and after it, as two pieces of one
    /// attribution.
    func accordingTo(_ x: Int, sentence r: Range<Int>) -> [Found] {
        var end = r.upperBound
        while end > x + 2 && (isTerminal(end - 1) || isPunct(end - 1) && inSpan[end - 1] < 0) { end -= 1 }
        let first = x == r.lowerBound || (x == r.lowerBound + 1 && classes(r.lowerBound).contains(.stop))
        var phrase = speakerAfter(x + 2, limit: end, appositive: !first)
        if !first, end - (x + 2) <= 30, let rest = sourceRest(x + 2..<end) {
            // "..., according to a report from the agency released on Friday.": the rest of the sentence,
            // as PolNeAR bounds the source (its prepositional phrases and relative clauses too).
            phrase = rest
        } else if !first, let loose = loosePhrase(x + 2..<end, maxWords: 12),
            phrase == nil || loose.range.upperBound > phrase?.range.upperBound ?? 0
        {
            // "..., according to a new article in the Post": the rest of the sentence.
            phrase = loose
        } else if first,
            phrase == nil || (phrase.map { $0.range.upperBound < end && !isComma($0.range.upperBound) } ?? false)
        {
            var c = x + 2
            while c < end && !isComma(c) { c += 1 }
            if c < end, c - (x + 2) <= 20, let loose = loosePhrase(x + 2..<c, maxWords: 20, strictStart: false) {
                phrase = loose
            } else if c < end, c - (x + 2) <= 25, let rest = sourceRest(x + 2..<c) {
                phrase = rest
            }
        } else if phrase == nil, end - (x + 2) <= 25 {
            // "..., according to exit polls conducted for the networks.": the rest of the sentence.
            phrase = sourceRest(x + 2..<end)
        }
        if phrase == nil, !first, let c = parentheticalEnd(x, end: end) {
            // "..., according to their lawyers, and they said ...": the rest of the sentence holds a cue, so
            // the source is looked for up to the comma that closes it.
            phrase = loosePhrase(x + 2..<c, maxWords: 20, strictStart: false) ?? sourceRest(x + 2..<c)
        }
        guard var sp = phrase else { return [] }
        let whole = sp.range
        let producer = producerOfMedium(whole)
        if let cut = clauseInSource(sp.range) { sp.range = sp.range.lowerBound..<cut }
        if !first, let cut = remarkInSource(sp.range) { sp.range = sp.range.lowerBound..<cut }
        // A sentence-opening according-to's content starts where its source ends, or, for the producer of a
        // medium, after the whole phrase ("According to a statement the ministry issued, ...").
        var sourceEnd = sp.range.upperBound
        if let producer, producer.range.upperBound <= sp.range.upperBound {
            sp = producer
            sourceEnd = whole.upperBound
        }
        let cu = QuoteLexicon.Cue(lemma: "according to", cueClass: .speech)
        if !first, let c = parentheticalEnd(x, end: end) {
            if sp.range.upperBound > c {
                guard let short = loosePhrase(x + 2..<c, maxWords: 20, strictStart: false) ?? sourceRest(x + 2..<c)
                else { return [] }
                sp = short
            }
            var pieces: [Found] = []
            if x - 1 > r.lowerBound && isComma(x - 1) {
                let before = r.lowerBound..<x - 1
                if let f = finish(before, sp, cue: x..<x + 2, cu, rule: "according-to") { pieces.append(f) }
                if let f = finish(c + 1..<end, sp, cue: x..<x + 2, cu, rule: "according-to") {
                    // A short piece before keeps its words with a long one after ("Fundraising, according to
                    // the campaign, has surged"), unless it is only a conjunction ("But, according to ...").
                    let t = trimPhrase(before)
                    if pieces.isEmpty, t.contains(where: { isWord($0) }),
                        !(t.count == 1 && classes(t.lowerBound).contains(.stop))
                    {
                        pieces.append((t, f.kind, f.attribution))
                    }
                    pieces.append(f)
                }
            } else if let f = finish(r.lowerBound..<x, sp, cue: x..<x + 2, cu, rule: "according-to") {
                pieces.append(f)
            }
            return pieces
        }
        let content: Range<Int>
        if first {
            var c0 = sourceEnd
            if c0 < end && isComma(c0) { c0 += 1 }
            content = c0..<end
        } else {
            var e = x
            if e > r.lowerBound && isComma(e - 1) { e -= 1 }
            content = r.lowerBound..<e
        }
        return finish(content, sp, cue: x..<x + 2, cu, rule: "according-to").map { [$0] } ?? []
    }

    /// The comma that closes an according-to phrase in mid-sentence when a clause goes on after it ("...,
    /// according to the survey, remain undecided"): the first comma outside quotes at most 20 tokens after
    /// "according to", followed by at least three words with a verb in a finite form by the tagger (an
    /// appositive after the source, "according to the firm, a polling company", has none, and a verb of a
    /// relative clause does not count). Nil without a parse.
    func parentheticalEnd(_ x: Int, end: Int) -> Int? {
        guard let p = parse, let c = (x + 2..<end).first(where: { isComma($0) && inSpan[$0] < 0 }), c > x + 2,
            c - (x + 2) <= 20
        else { return nil }
        let rest = c + 1..<end
        guard rest.filter({ isWord($0) }).count >= 3 else { return nil }
        // Not a verb of a relative clause on an appositive ("according to X, a tax aide whose conclusions
        // were ..."): by the parse, or after a relative word with no comma between.
        var relative = false
        for k in rest {
            if QuoteScan.relativeWords.contains(lower[k]) { relative = true }
            if isComma(k) { relative = false }
            guard !relative, isTensed(k) else { continue }
            var v = k
            let r = p.relationName(p.relation(k))
            if r == "aux" || r == "aux:pass" || r == "cop", let h = p.headOf(k) { v = h }
            if !p.relationName(p.relation(v)).hasPrefix("acl") { return c }
        }
        return nil
    }

    /// Where a clause starts inside an according-to source that ran on ("according to Roffman Trump made
    /// further demands"): at the subject of the first finite verb by the parse that is not in a relative
    /// clause. Nil when there is none, or no parse.
    func clauseInSource(_ r: Range<Int>) -> Int? {
        guard let p = parse, let syntax = doc.syntax, r.count >= 3 else { return nil }
        for k in r.lowerBound + 1..<r.upperBound {
            guard syntax.upos[k] == .verb || syntax.upos[k] == .aux, isFinite(k, parse: p) else { continue }
            let name = p.relationName(p.relation(k))
            if name == "acl:relcl" || name == "acl" { continue }
            if let h = p.headOf(k), p.relationName(p.relation(h)) == "acl:relcl" { continue }
            var cut = k
            if let s = p.children(k).map({ Int($0) }).first(where: { Int(p.rel[$0]) == p.ids.nsubj }) {
                cut = min(cut, p.subtree(s).lowerBound)
            }
            // Not the conjunction or adverb that opens the clause ("a CNN tally | but", "the report | still").
            while cut > r.lowerBound + 1 {
                let n = p.relationName(p.relation(cut - 1))
                guard isPunct(cut - 1) || n == "cc" || n == "mark" || n == "advmod" else { break }
                cut -= 1
            }
            return cut > r.lowerBound ? cut : nil
        }
        return nil
    }

    /// Where a remark on the content after a comma starts in a source that runs to the end of the sentence
    /// ("..., according to the campaign, the most of any candidate", "according to the company, compared
    /// with ..."): after the comma an adverb, a preposition (not "including"), a participle, or a comparative
    /// or superlative (by the tagger), where an appositive ("Crowdpac, a fundraising site") opens with a noun
    /// phrase.
    func remarkInSource(_ r: Range<Int>) -> Int? {
        guard let syntax = doc.syntax, r.count >= 3 else { return nil }
        for k in r.lowerBound + 1..<r.upperBound - 1 where isComma(k) {
            var a = k + 1
            if syntax.upos[a] == .det && a + 1 < r.upperBound { a += 1 }
            let t = pennTag(a)
            let u = syntax.upos[a]
            guard lower[a] != QuoteScan.including else { continue }
            if t == "JJR" || t == "JJS" || t == "RBR" || t == "RBS" || (u == .adv && a == k + 1)
                || (u == .adp && a == k + 1) || (u == .verb && a == k + 1)
            {
                return k
            }
        }
        return nil
    }

    /// The one who produced a medium an according-to source names, by a relative clause with no relative word:
    /// "according to a speech | Mrs. Clinton delivered at ..." (PolNeAR's source is the speaker, "Mrs. Clinton"),
    /// "an interview | his brother gave to ...". The source opens with a medium noun (after a determiner and
    /// modifiers), and a noun phrase follows it directly that is the subject of a verb in the past or present
    /// tense: by the parse (`acl:relcl` on the noun, its `nsubj` right after the noun), or, where the parse
    /// made the name an appositive and the verb a participle ("a speech, Mrs. Clinton, delivered at"), by the
    /// phrase grammar: a name, a noun phrase or a pronoun, then the verb, no comma between.
    func producerOfMedium(_ r: Range<Int>) -> SpeakerPhrase? {
        guard let p = parse, let syntax = doc.syntax, r.count >= 3,
            let m = r.prefix(4).first(where: { classes($0).contains(.medium) }), m + 1 < r.upperBound,
            (r.lowerBound..<m).allSatisfy({
                syntax.upos[$0] == .det || syntax.upos[$0] == .adj || syntax.upos[$0] == .pron
            })
        else { return nil }
        for v in p.children(m).map({ Int($0) }) where v > m + 1 && v < r.upperBound {
            guard p.relation(v) == p.ids.aclRelcl, isFinite(v, parse: p),
                let s = p.children(v).map({ Int($0) }).first(where: { Int(p.rel[$0]) == p.ids.nsubj && $0 < v })
            else { continue }
            let span = p.subtree(s)
            guard span.lowerBound == m + 1, span.upperBound <= v, isNominal(syntax.upos[s]),
                !QuoteScan.relativeWords.contains(lower[s]), lower[s] != QuoteScan.that
            else { return nil }
            return phrase(trimPhrase(span), head: s)
        }
        // The phrase grammar: the first verb after the noun, a name or noun phrase between.
        guard let v = (m + 2..<min(r.upperBound, m + 8)).first(where: { syntax.upos[$0] == .verb }),
            !(m + 1..<v).contains(where: { isPunct($0) }), ["VBD", "VBN", "VBZ", "VBP"].contains(pennTag(v)),
            let sp = phraseEnding(at: v - 1, limit: m + 1), sp.range.lowerBound == m + 1
        else { return nil }
        return sp
    }

    /// The words after "according to" taken whole as its source when the phrase grammar does not cover them
    /// ("exit polls conducted for the networks", "his book ''The Art of the Deal''"): no sentence
    /// punctuation, no direct quote, no cue.
    func sourceRest(_ r: Range<Int>) -> SpeakerPhrase? {
        let t = trimPhrase(r)
        guard !t.isEmpty, t.contains(where: { isWord($0) }) else { return nil }
        for i in t where endsPhrase(i) || cue(i) != nil || (inSpan[i] >= 0 && spans[Int(inSpan[i])].role == .quote) {
            return nil
        }
        // A title in quote marks keeps its closing mark.
        var e = t.upperBound
        while e < r.upperBound && inSpan[e] >= 0 && spans[Int(inSpan[e])].open >= t.lowerBound && isPunct(e) { e += 1 }
        let whole = e > t.upperBound && isQuote(e - 1) ? t.lowerBound..<e : t
        return SpeakerPhrase(range: whole, name: nil, kind: .nominal)
    }

    /// Checks a content span and gives it its kind: at least three words; left to the direct sieves when it
    /// is mostly a direct quote; mixed when it holds a quoted phrase.
    func finish(_ content: Range<Int>, _ sp: SpeakerPhrase, cue: Range<Int>, _ cu: QuoteLexicon.Cue, rule: String)
        -> Found?
    {
        var content = content
        // No opening comma: "said that, however long it takes, ..." reports "however long it takes, ...".
        while content.count > 1 && isPunct(content.lowerBound) && !isQuote(content.lowerBound) {
            content = content.lowerBound + 1..<content.upperBound
        }
        guard content.count >= 1 else { return nil }
        var words = 0
        var quoted = 0
        var direct = 0
        for i in content {
            if isWord(i) { words += 1 }
            let k = inSpan[i]
            if k >= 0 {
                quoted += 1
                if spans[Int(k)].role == .quote { direct += 1 }
            }
        }
        // Three words at least; two for the object of a cue ("announced his resignation").
        guard words >= 3 || (words == 2 && rule.hasPrefix("syntax-object")) else { return nil }
        // Mostly a direct quote: left to the direct sieves, unless they found no speaker for it. Not a report
        // of that attribution ("“...,” Sanders said, according to CNN": CNN reports the quote and its speaker).
        var nested = false
        if rule.hasPrefix("according-to") {
            for k in content where inSpan[k] < 0 {
                guard let c = self.cue(k) else { continue }
                if c.cueClass == .speech || c.cueClass == .continuation {
                    nested = true
                    break
                }
            }
        }
        if !nested && direct * 2 >= content.count
            && content.contains(where: {
                inSpan[$0] >= 0 && spans[Int(inSpan[$0])].role == .quote
                    && attributedQuotes.contains(Int(inSpan[$0]))
            })
        {
            return nil
        }
        if cu.cueClass == .partial && quoted == 0 { return nil }
        let kind: QuoteKind = quoted > 0 ? .mixed : .indirect
        let confidence = rule == "indirect-clause" ? 0.6 : 0.75
        var phrase = sp
        if sp.kind != .pronoun && !rule.contains("-relative") {
            phrase.range = completed(sp.range, cue: cue, avoid: content)
        }
        return (content, kind, Attribution(phrase: phrase, cue: cue, rule: rule, confidence: confidence))
    }

    /// A speaker phrase before its cue completed from the parse's tags, when there is a parse: the nouns
    /// and adjectives left between the phrase and the cue ("Democratic voters in all five | states said"),
    /// and the determiners, modifiers and name parts on its left whose head is in the phrase
    /// ("Presumptive Democratic presidential nominee | Hillary Clinton", "super | PAC Priorities").
    func completed(_ r: Range<Int>, cue: Range<Int>, avoid: Range<Int>) -> Range<Int> {
        guard let p = parse, let syntax = doc.syntax, r.upperBound <= cue.lowerBound, !r.isEmpty else { return r }
        let nominal: (Int) -> Bool = { i in
            let u = syntax.upos[i]
            return u == .noun || u == .propn || u == .adj || u == .num
        }
        var hi = r.upperBound
        var e = cue.lowerBound
        while e > hi && isAuxOrAdverb(e - 1) { e -= 1 }
        if e > hi && e - hi <= 3 && (hi..<e).allSatisfy({ nominal($0) && p.analysed[$0] && !isPunct($0) }) {
            hi = e
        }
        var lo = r.lowerBound
        let start = sentence(r.lowerBound).lowerBound
        while lo > start, lo - 1 < avoid.lowerBound || lo - 1 >= avoid.upperBound {
            let t = lo - 1
            guard p.analysed[t], let h = p.headOf(t), (lo..<hi).contains(h), !isPunct(t) else { break }
            let name = p.relationName(p.relation(t))
            guard
                name == "det" || name == "amod" || name == "compound" || name == "nmod:poss" || name == "flat"
                    || name == "nummod" || name == "case" && lower[t] == QuoteScan.s
            else { break }
            lo = t
        }
        // An opening adverb or conjunction ("Indeed,", "Even", "Just 28 percent", "While"), and a time phrase
        // the parse hung on the phrase ("The campaign on Tuesday", "Clinton yesterday") stay out.
        while lo + 1 < hi && p.analysed[lo] && isOpener(lo, syntax) {
            lo += 1
            while lo + 1 < hi && isComma(lo) { lo += 1 }
        }
        if let t = (lo + 1..<hi).first(where: { k in
            (lower[k] == QuoteScan.on || QuoteScan.timePreps.contains(lower[k]) || isTimeWord(k)) && hi - k <= 4
                && (k..<hi).contains(where: { isTimeWord($0) }) || isAside(k, end: hi)
        }) {
            hi = t
            while hi > lo + 1 && isComma(hi - 1) { hi -= 1 }
        }
        return informedSource(lo..<hi, cue: cue.lowerBound)
    }

    /// A source phrase with its access phrase whole ("people familiar with the talks", "a source close to the
    /// campaign"), which the parse often splits: the phrase stops before "familiar with ..." (it is extended to
    /// the cue) or is only the object after it (it is extended back over the noun phrase before "familiar").
    /// The words to the cue must hold no verb (by the parse's tags), quote or sentence punctuation.
    func informedSource(_ r: Range<Int>, cue c: Int) -> Range<Int> {
        guard let syntax = doc.syntax, !r.isEmpty, r.upperBound <= c else { return r }
        func plain(_ k: Int) -> Bool {
            guard inSpan[k] < 0, !isTerminal(k), !isColon(k), !isQuote(k), !isComma(k) else { return false }
            let u = syntax.upos[k]
            return (u != .verb && u != .aux) || classes(k).contains(.informed)
        }
        func opens(_ k: Int) -> Bool {
            k + 1 < c && classes(k).contains(.informed) && QuoteScan.accessPreps.contains(lower[k + 1])
        }
        var lo = r.lowerBound
        var hi = r.upperBound
        // "A person | familiar with the planning for the meeting | says".
        var e = c
        while e > hi && isAuxOrAdverb(e - 1) { e -= 1 }
        if hi < e, e - hi <= 12, opens(hi) || opens(hi - 1), (hi..<e).allSatisfy(plain) { hi = e }
        // "people familiar with | her thinking | say": back over the noun phrase before the access word.
        if lo >= 3, opens(lo - 2), (lo - 2..<lo).allSatisfy(plain) {
            var k = lo - 3
            let start = sentence(lo).lowerBound
            while k > start,
                plain(k - 1)
                    && {
                        let u = syntax.upos[k - 1]
                        return u == .det || u == .adj || u == .noun || u == .propn || u == .num
                            || lower[k - 1] == QuoteScan.s
                    }()
            { k -= 1 }
            let u = syntax.upos[k]
            if u == .noun || u == .propn || u == .pron { lo = k }
        }
        return lo..<hi
    }

    static let accessPreps: Set<UInt64> = Set(["with", "to", "on", "in", "of"].map { StableHash.hash($0) })

    /// An aside between a speaker and the cue that PolNeAR leaves out of the source: "for his part", "at the
    /// time", "when contacted by Reuters", "when asked about it", "in a statement", "in an interview".
    func isAside(_ k: Int, end: Int) -> Bool {
        let len = end - k
        guard len >= 2, len <= 6 else { return false }
        let w = lower[k]
        if w == QuoteScan.when || w == QuoteScan.asideWhile {
            return endsInEd(k + 1) || endsInIng(k + 1) || lower[k + 1] == QuoteScan.asked
        }
        if w == QuoteScan.asideFor, len == 3 { return lower[k + 2] == QuoteScan.part }
        if w == QuoteScan.asideAt, len == 3 { return lower[k + 2] == QuoteScan.asideTime }
        if w == QuoteScan.inWord, len == 3 { return classes(k + 2).contains(.medium) }
        return false
    }

    static let when = StableHash.hash("when")
    static let asideWhile = StableHash.hash("while")
    static let asideFor = StableHash.hash("for")
    static let asideAt = StableHash.hash("at")
    static let inWord = StableHash.hash("in")
    static let part = StableHash.hash("part")
    static let asideTime = StableHash.hash("time")
    static let asked = StableHash.hash("asked")

    /// A word that opens a clause rather than a speaker phrase: an adverb or a conjunction by the parse.
    /// Not a word that qualifies a quantity ("Nearly half of voters", "About four in 10", "At least
    /// half", "Virtually all analysts") or opens a pair ("Both The Times and the Journal"): PolNeAR keeps
    /// them in the source.
    func isOpener(_ i: Int, _ syntax: SyntaxAnnotations) -> Bool {
        let u = syntax.upos[i]
        guard (u == .adv || u == .cconj || u == .sconj) && !classes(i).contains(.modifier) else { return false }
        if QuoteScan.pairOpeners.contains(lower[i]) { return false }
        var j = i + 1
        while j < n && (syntax.upos[j] == .adv || lower[j] == QuoteScan.least) && j - i < 3 { j += 1 }
        if j < n && (syntax.upos[j] == .num || QuoteScan.quantities.contains(lower[j])) { return false }
        return true
    }

    static let least = StableHash.hash("least")
    static let pairOpeners: Set<UInt64> = Set(["both", "either", "neither"].map { StableHash.hash($0) })
    static let quantities: Set<UInt64> = Set(
        [
            "half", "all", "most", "many", "some", "few", "a", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "every", "each", "more", "fewer", "twice", "dozens", "hundreds", "thousands",
            "majority", "third", "quarter", "two-thirds",
        ].map { StableHash.hash($0) })

    /// A time word proper ("Tuesday", "yesterday", "week"), not the prepositions of the time class.
    func isTimeWord(_ i: Int) -> Bool {
        classes(i).contains(.time) && lower[i] != QuoteScan.on && !QuoteScan.timePreps.contains(lower[i])
    }

    static let on = StableHash.hash("on")
    static let timePreps: Set<UInt64> = Set(
        ["in", "at", "during", "this", "last", "late", "early", "earlier"].map {
            StableHash.hash($0)
        })
}
