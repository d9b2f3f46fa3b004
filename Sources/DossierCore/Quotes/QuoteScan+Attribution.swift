// Speaker sieves for direct quotes, in order: a cue next to the quote (after it, then before it), the
// previous quote's speaker in a run of quotes, the paragraph's subject; else no speaker.

extension QuoteScan {
    /// Attributes the direct quote `spans[k]`.
    func attributeDirect(_ k: Int, previous: (span: Int, attribution: Attribution)?) -> Attribution {
        let s = spans[k]
        if let c = s.close, let a = cueAfter(close: c) { return a }
        if let a = cueBefore(open: s.open) { return a }
        if let a = nextSentence(k) { return a }
        if let a = dashSignature(k) { return a }
        if let p = previous, let ph = p.attribution.phrase, let cue = p.attribution.cue,
            interrupted(p.span, k, cue: cue) || continues(p.span, k, p.attribution)
        {
            return Attribution(phrase: ph, cue: cue, rule: "interrupted", confidence: 0.85)
        }
        if let p = previous, let ph = p.attribution.phrase, runContinues(from: p.span, to: k) {
            return Attribution(phrase: ph, cue: p.attribution.cue, rule: "run", confidence: 0.75)
        }
        if let a = previousSentence(k) { return a }
        if let ph = paragraphSubject(k) {
            return Attribution(phrase: ph, cue: nil, rule: "paragraph-subject", confidence: 0.5)
        }
        return Attribution(phrase: nil, cue: nil, rule: "no-speaker", confidence: 0.6)
    }

    /// The rule name for a cue next to a quote.
    func rule(_ cue: QuoteLexicon.Cue, _ base: String) -> String {
        cue.cueClass == .continuation ? "continuation" : base
    }

    /// `“...,” Miller said` / `“...,” said Miller` / `“...”, Miller continued` / `“...,” according to X`.
    func cueAfter(close c: Int) -> Attribution? {
        var i = c + 1
        let commaOutside = i < n && isComma(i)
        // `“... difference.”` ended its sentence: what follows is a new sentence, not this quote's attribution.
        if c > 0 && isByte(c - 1, UInt8(ascii: ".")) && !commaOutside { return nil }
        if commaOutside { i += 1 }
        guard i < n, isText(i), paragraph(i) == paragraph(c), inSpan[i] < 0 else { return nil }
        var end = i
        while end < n && end - i < 48 && paragraph(end) == paragraph(c) && !isQuote(end) && !endsPhrase(end)
            && !isColon(end) && !isByte(end, UInt8(ascii: ";"))
        {
            end += 1
        }
        if lower[i] == QuoteScan.according && i + 1 < end && lower[i + 1] == QuoteScan.to,
            let sp = speakerAfter(i + 2, limit: end)
        {
            return Attribution(phrase: sp, cue: i..<i + 2, rule: "according-to", confidence: 0.85)
        }
        if let cu = cue(i), cu.cueClass != .evidence {
            if let sp = speakerAfter(i + 1, limit: end) {
                let wide = widened(sp, cue: i, within: i + 1..<end, avoid: spans[Int(inSpan[c])].content)
                return Attribution(phrase: wide, cue: i..<i + 1, rule: rule(cu, "cue-inverted"), confidence: 0.9)
            }
            // The rest of the clause: up to a relative pronoun or the second comma.
            var looseEnd = i + 1
            var commas = 0
            while looseEnd < end {
                if isComma(looseEnd) {
                    commas += 1
                    if commas == 2
                        || (looseEnd + 1 < end
                            && (lower[looseEnd + 1] == QuoteScan.who || lower[looseEnd + 1] == QuoteScan.whom))
                    {
                        break
                    }
                }
                looseEnd += 1
            }
            if let sp = loosePhrase(i + 1..<looseEnd, maxWords: 12, strictStart: false, verbless: true) {
                return Attribution(phrase: sp, cue: i..<i + 1, rule: rule(cu, "cue-inverted"), confidence: 0.75)
            }
            return nil
        }
        var x = i + 1
        var commas = 0
        while x < end {
            if let cu = cue(x), cu.cueClass != .evidence {
                if let sp = speakerBefore(x, limit: i), sp.range.lowerBound == i {
                    let wide = widened(sp, cue: x, within: i..<x, avoid: spans[Int(inSpan[c])].content)
                    return Attribution(phrase: wide, cue: x..<x + 1, rule: rule(cu, "cue-after"), confidence: 0.9)
                }
                if let sp = loosePhrase(i..<x, verbless: true) {
                    return Attribution(phrase: sp, cue: x..<x + 1, rule: rule(cu, "cue-after"), confidence: 0.75)
                }
                // "“...,” councilmember Mark Levine said": lowercase descriptors before the name.
                if var sp = speakerBefore(x, limit: i), sp.kind == .name, sp.range.lowerBound - i <= 3,
                    (i..<sp.range.lowerBound).allSatisfy({ isDescriptor($0) })
                {
                    sp.range = i..<sp.range.upperBound
                    return Attribution(phrase: sp, cue: x..<x + 1, rule: rule(cu, "cue-after"), confidence: 0.75)
                }
                return nil
            }
            if isComma(x) {
                commas += 1
                if commas > 4 { break }
            }
            x += 1
        }
        return verbAfter(i, end: end)
    }

    /// A word-grammar speaker phrase widened to the cue's subject phrase from the parse, when there is a
    /// parse and its phrase holds the word phrase and stays `within` (no quote, no cue): "said one former
    /// GOP leadership aide", "said Robert Antonacci of the New York delegation". The name stays the word
    /// grammar's.
    func widened(_ sp: SpeakerPhrase, cue x: Int, within: Range<Int>, avoid: Range<Int>) -> SpeakerPhrase {
        guard let p = parse, sp.kind != .pronoun,
            let (found, _) = syntaxSpeaker(cue: x, parse: p, sentence: sentence(x), avoid: avoid), let ph = found,
            ph.range.lowerBound <= sp.range.lowerBound, ph.range.upperBound >= sp.range.upperBound,
            ph.range != sp.range, within.lowerBound <= ph.range.lowerBound, ph.range.upperBound <= within.upperBound,
            !ph.range.contains(where: { isQuote($0) || inSpan[$0] >= 0 })
        else { return sp }
        return SpeakerPhrase(range: ph.range, name: sp.name, kind: sp.kind)
    }

    /// A verb outside the lexicon right after a quote, next to a speaker: `“...!” beamed Donald Hartley`,
    /// `“Quiet,” he demanded`, `“...,” Murphy tweeted`. The position makes it a reporting verb.
    func verbAfter(_ i: Int, end: Int) -> Attribution? {
        func verbLike(_ v: Int) -> Bool {
            guard v < end, isWord(v), isContentWord(v) else { return false }
            return endsInEd(v) || (isCapWord(v) && !isCapFunctionWord(v) && endsInEd(v))
        }
        if isLowerWord(i) && verbLike(i), let sp = speakerAfter(i + 1, limit: end), sp.kind != .pronoun {
            return Attribution(phrase: sp, cue: i..<i + 1, rule: "verb-inverted", confidence: 0.65)
        }
        if let sp = speakerAfter(i, limit: end, appositive: true) {
            var v = sp.range.upperBound
            if v < end && isComma(v) { v += 1 }
            while v < end && isAuxOrAdverb(v) { v += 1 }
            if verbLike(v) {
                return Attribution(phrase: sp, cue: v..<v + 1, rule: "verb-after", confidence: 0.65)
            }
        }
        return nil
    }

    /// `Miller said, “...”` / `In a statement, X said: “...”` / `X said that “...”` / a paragraph ending in
    /// a colon before a quote paragraph / `According to X, “...”`.
    func cueBefore(open o: Int) -> Attribution? {
        var j = o - 1
        guard j >= 0, isText(j) else { return nil }
        if paragraph(j) != paragraph(o) && !isColon(j) { return nil }
        if isComma(j) || isColon(j) { j -= 1 }
        if j >= 0 && lower[j] == QuoteScan.that { j -= 1 }
        guard j >= 0 else { return nil }
        let sentenceStart = sentence(j).lowerBound
        var x = j
        while x >= sentenceStart && j - x < 9 {
            if isTerminal(x) || isQuote(x) || inSpan[x] >= 0 { break }
            if lower[x] == QuoteScan.according && x + 1 <= j && lower[x + 1] == QuoteScan.to,
                let sp = speakerAfter(x + 2, limit: j + 1)
            {
                return Attribution(phrase: sp, cue: x..<x + 2, rule: "according-to", confidence: 0.85)
            }
            if let cu = cue(x), cu.cueClass != .evidence {
                if endsInIng(x) && x > sentenceStart && isComma(x - 1) {
                    // "Trump answered on Twitter, saying “...”": the subject of the sentence.
                    if let sp = clauseSubject(sentence(x), before: x - 1) {
                        return Attribution(phrase: sp, cue: x..<x + 1, rule: "cue-participle", confidence: 0.7)
                    }
                    return nil
                }
                if let sp = speakerBefore(x, limit: sentenceStart) {
                    let wide = widened(sp, cue: x, within: sentenceStart..<x, avoid: spans[Int(inSpan[o])].content)
                    return Attribution(phrase: wide, cue: x..<x + 1, rule: rule(cu, "cue-before"), confidence: 0.9)
                }
                var from = x - 1
                while from > sentenceStart && !isComma(from - 1) && !isQuote(from - 1) { from -= 1 }
                if x - 1 >= sentenceStart, let sp = loosePhrase(from..<x, verbless: true) {
                    return Attribution(phrase: sp, cue: x..<x + 1, rule: rule(cu, "cue-before"), confidence: 0.7)
                }
                if let sp = speakerAfter(x + 1, limit: j + 1) {
                    let wide = widened(sp, cue: x, within: x + 1..<j + 1, avoid: spans[Int(inSpan[o])].content)
                    return Attribution(phrase: wide, cue: x..<x + 1, rule: rule(cu, "cue-before"), confidence: 0.85)
                }
                return nil
            }
            x -= 1
        }
        // "Clinton released the following statement:" before the quote: the subject of that sentence.
        if isColon(o - 1) || (o >= 2 && isColon(o - 2) && isQuote(o - 1)) {
            let c = isColon(o - 1) ? o - 1 : o - 2
            let start = sentence(c).lowerBound
            // "Jeffrey M. Jones: “...”", "- Frank Newport: “...”": a name right before the colon.
            if c - 1 >= start, let sp = phraseEnding(at: c - 1, limit: start), sp.kind == .name,
                sp.range.lowerBound == start || isDash(sp.range.lowerBound - 1)
            {
                return Attribution(phrase: sp, cue: nil, rule: "colon-name", confidence: 0.7)
            }
            if let sp = clauseSubject(sentence(c), before: c) {
                return Attribution(phrase: sp, cue: nil, rule: "colon-subject", confidence: 0.6)
            }
        }
        return nil
    }

    /// Whether quote `k` is the second half of quote `p`, the sentence going on after the attribution:
    /// `“A,” he said, “B.”`.
    func interrupted(_ p: Int, _ k: Int, cue: Range<Int>) -> Bool {
        guard let c = spans[p].close, c < cue.lowerBound, cue.upperBound <= spans[k].open else { return false }
        let o = spans[k].open
        return o > 0 && (isComma(o - 1) || isColon(o - 1)) && sentenceOf[cue.lowerBound] == sentenceOf[o - 1]
    }

    /// Whether quote `k` goes on right after the attribution of quote `p` in the same paragraph, with
    /// nothing else between them: `“A,” Clinton said on Monday. “B.”` (one attribution, as PolNeAR has it).
    func continues(_ p: Int, _ k: Int, _ a: Attribution) -> Bool {
        guard let c = spans[p].close, let cue = a.cue, let ph = a.phrase, c < cue.lowerBound,
            cue.upperBound <= spans[k].open, paragraph(c) == paragraph(spans[k].open)
        else { return false }
        var other = 0
        for i in (c + 1)..<spans[k].open {
            if cue.contains(i) || ph.range.contains(i) || isPunct(i) || isAuxOrAdverb(i) || classes(i).contains(.time) {
                continue
            }
            if self.cue(i) != nil { return false }
            other += 1
        }
        return other <= 8
    }

    /// Whether quote `k` continues the run of quote `p`: the same paragraph with no other speaker between
    /// them, or the next paragraph when it opens with the quote.
    func runContinues(from p: Int, to k: Int) -> Bool {
        let a = spans[p]
        let b = spans[k]
        let lastA = a.paragraphs.upperBound
        let firstB = b.paragraphs.lowerBound
        let from = (a.close ?? a.content.upperBound) + 1
        let between = from..<max(from, b.open)
        if lastA == firstB {
            // Another cue between them would have named another speaker; a bare sentence does not.
            for i in between where cue(i) != nil { return false }
            return true
        }
        if lastA + 1 == firstB && startsParagraph(b.open) {
            for i in between where isText(i) && paragraph(i) > lastA { return false }
            return true
        }
        return false
    }

    /// The subject of the paragraph of quote `k`: a name or pronoun that opens a sentence of the paragraph
    /// before the quote ("Miller was blunt. “We are not naive.”").
    func paragraphSubject(_ k: Int) -> SpeakerPhrase? {
        let o = spans[k].open
        var i = o - 1
        var first: Int? = nil
        while i >= 0 && paragraph(i) == paragraph(o) {
            if isSentenceStart(i) { first = i }
            i -= 1
        }
        guard let s = first else { return nil }
        let end = sentence(s).upperBound
        guard let sp = speakerAfter(s, limit: min(end, o)), sp.kind == .name || sp.kind == .pronoun else {
            return nil
        }
        // The subject is followed by a verb, not by more of a noun phrase: require a lowercase word next.
        let next = sp.range.upperBound
        guard next < n, isLowerWord(next) else { return nil }
        return sp
    }
}
