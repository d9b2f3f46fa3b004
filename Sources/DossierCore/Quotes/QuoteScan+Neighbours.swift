// Speaker sieves for a direct quote whose speaker is named in a neighbouring sentence, tried after the
// sieves of the quote's own sentence and of a run of quotes have found nothing.

extension QuoteScan {
    /// `Ortega said in an interview. “...”` / `Ortega told reporters: “...”` (the sentence ends before the
    /// quote, in its paragraph or closing the paragraph before a quote paragraph): the speaker of the
    /// previous sentence's cue, when that sentence reports nothing of its own (rule `previous-sentence`).
    func previousSentence(_ k: Int) -> Attribution? {
        let o = spans[k].open
        let p = o - 1
        guard p >= 0, isText(p), inSpan[p] < 0, isTerminal(p) || isColon(p) else { return nil }
        if paragraph(p) != paragraph(o) && !(paragraph(p) + 1 == paragraph(o) && startsParagraph(o)) { return nil }
        let s = sentence(p)
        guard s.count <= 30 else { return nil }
        for i in s where isQuote(i) || inSpan[i] >= 0 { return nil }
        var x = s.lowerBound
        while x < p {
            if let cu = cue(x), cu.cueClass == .speech || cu.cueClass == .continuation {
                guard let sp = speakerBefore(x, limit: s.lowerBound) else { return nil }
                // Nothing reported after the cue: an audience, a time, a place, a medium ("in an interview").
                var y = x + 1
                var words = 0
                while y < p {
                    if lower[y] == QuoteScan.that || cue(y) != nil || isComma(y) { return nil }
                    if isWord(y) { words += 1 }
                    y += 1
                }
                guard words <= 8 else { return nil }
                return Attribution(phrase: sp, cue: nil, rule: "previous-sentence", confidence: 0.6)
            }
            x += 1
        }
        return nil
    }

    /// A quote paragraph signed by the next paragraph, as digests and quote boxes lay them out: `“...”` then
    /// `- Edith Varga, harbour pilot.` (rule `dash-signature`; no cue).
    func dashSignature(_ k: Int) -> Attribution? {
        guard let c = spans[k].close else { return nil }
        var d = c + 1
        while d < n && isPunct(d) && !isDash(d) && paragraph(d) == paragraph(c) { d += 1 }
        guard d + 1 < n, isText(d), paragraph(d) == paragraph(c) + 1, startsParagraph(d), byte(d) == UInt8(ascii: "-"),
            length(d) <= 2
        else { return nil }
        let s = sentence(d + 1)
        guard let sp = speakerAfter(d + 1, limit: s.upperBound), sp.kind != .pronoun else { return nil }
        return Attribution(phrase: sp, cue: nil, rule: "dash-signature", confidence: 0.6)
    }

    /// `“... over.” Ortega said on Monday.`: a short sentence right after the quote, in its paragraph, that
    /// is only an attribution (rule `next-sentence`).
    func nextSentence(_ k: Int) -> Attribution? {
        guard let c = spans[k].close else { return nil }
        let i = c + 1
        guard i < n, isText(i), inSpan[i] < 0, paragraph(i) == paragraph(c) else { return nil }
        let s = sentence(i)
        guard s.lowerBound == i || sentenceOf[c] == sentenceOf[i], s.upperBound - i <= 14 else { return nil }
        var end = i
        while end < s.upperBound && !isTerminal(end) {
            if isQuote(end) || inSpan[end] >= 0 || lower[end] == QuoteScan.that { return nil }
            end += 1
        }
        var x = i
        while x < end {
            if let cu = cue(x), cu.cueClass == .speech || cu.cueClass == .continuation {
                var y = x + 1
                while y < end {
                    if isComma(y) || cue(y) != nil { return nil }
                    y += 1
                }
                if let sp = speakerBefore(x, limit: i), sp.range.lowerBound == i {
                    return Attribution(phrase: sp, cue: x..<x + 1, rule: "next-sentence", confidence: 0.6)
                }
                return nil
            }
            x += 1
        }
        return nil
    }
}

extension QuoteScan {
    /// The last resort with a parse, for a quote inside a sentence that no word sieve attributed: the verb
    /// the quote hangs on, before it in its sentence (`The headline reads: “...”`, `Her aide rallied
    /// supporters, saying: “...”`), and that verb's subject as the parse gives it (rule `syntax-governor`).
    func governorSpeaker(_ k: Int, parse p: Parse) -> Attribution? {
        let s = spans[k]
        let o = s.open
        guard !s.content.isEmpty else { return nil }
        let r = sentence(s.content.lowerBound)
        guard o > r.lowerBound, r.contains(o) else { return nil }
        var governor: Int? = nil
        for t in s.content {
            if let h = p.headOf(t), h < o, h >= r.lowerBound {
                governor = h
                break
            }
        }
        guard let x = governor, let u = doc.syntax?.upos[x], u == .verb else { return nil }
        guard let (found, how) = syntaxSpeaker(cue: x, parse: p, sentence: r, avoid: s.content), let ph = found,
            ph.range.upperBound <= x, !how.hasPrefix("-relative")
        else { return nil }
        return Attribution(phrase: ph, cue: x..<x + 1, rule: "syntax-governor" + how, confidence: 0.5)
    }
}
