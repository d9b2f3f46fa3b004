// "A, X said, B": an attribution set off by commas inside the sentence it reports. The content is both
// pieces, the words before the first comma and the clause after the second, as PolNeAR annotates it.

extension QuoteScan {
    /// `indirect-parenthetical`: "This plan, she said, is the last one", "In particular, the report says,
    /// prices will rise". The speaker phrase fills the words between the first comma and the cue (a
    /// pronoun, a name, a group); after the cue only auxiliaries, adverbs, time words or an audience (a
    /// pronoun or a capitalized name after "tell") come before the second comma. Not when the piece before
    /// is a bare noun phrase and the piece after a clause with a subject of its own: "Tomas Weller, a
    /// former official, said Tuesday, the talks ..." is an appositive, not an aside.
    func parenthetical(cue x: Int, _ cu: QuoteLexicon.Cue, sentence r: Range<Int>) -> [Found] {
        guard cu.cueClass == .speech || cu.cueClass == .continuation, let syntax = doc.syntax else { return [] }
        // The first comma, at most six words before the cue, with nothing but the speaker between.
        var c1 = x - 1
        while c1 > r.lowerBound && !isComma(c1) && x - c1 <= 7 {
            if isPunct(c1) && !isByte(c1, UInt8(ascii: ".")) || inSpan[c1] >= 0 { return [] }
            c1 -= 1
        }
        guard c1 > r.lowerBound, isComma(c1), c1 + 1 < x, inSpan[c1] < 0 else { return [] }
        guard let sp = speakerBefore(x, limit: c1 + 1) ?? loosePhrase(c1 + 1..<x, maxWords: 6),
            sp.range.lowerBound == c1 + 1, lower[c1 + 1] != QuoteScan.who, lower[c1 + 1] != QuoteScan.which,
            lower[c1 + 1] != QuoteScan.there
        else { return [] }
        // After the cue: the second comma, over the verb group's words and an audience.
        var k = x + 1
        while k < r.upperBound && (isAuxOrAdverb(k) || classes(k).contains(.time) || classes(k).contains(.audience)) {
            k += 1
        }
        if cu.lemma == "tell" {
            while k < r.upperBound && isCapWord(k) { k += 1 }
        }
        guard k + 1 < r.upperBound, isComma(k), inSpan[k] < 0, k - x <= 5 else { return [] }
        var end = r.upperBound
        while end > k + 1 && (isTerminal(end - 1) || isPunct(end - 1) && !(isQuote(end - 1) && inSpan[end - 1] >= 0)) {
            end -= 1
        }
        let b0 = k + 1
        guard end > b0, !isQuote(b0), isWord(b0), !(isLowerWord(b0) && endsInIng(b0)), cue(b0) == nil else {
            return []
        }
        var after = b0..<contentEnd(from: b0, end: end)
        // The parse's content for the cue, when it is the clause after the aside and runs further, over a dash
        // or ", including ..." ("will reopen in May — a year late — ..."), as PolNeAR bounds it.
        if let p = parse, let f = syntaxIndirect(cue: x, cu, parse: p, sentence: r),
            f.content.lowerBound >= b0, f.content.lowerBound <= b0 + 1, f.content.upperBound > after.upperBound
        {
            after = b0..<f.content.upperBound
        }
        // The piece before starts after a dash, colon or semicolon ("... the ferry crews - all of them, she
        // said, ...").
        var a0 = r.lowerBound
        if let d = (r.lowerBound..<c1).last(where: { isDash($0) || isColon($0) || isByte($0, UInt8(ascii: ";")) }) {
            a0 = d + 1
        }
        while a0 < c1 && isPunct(a0) && inSpan[a0] < 0 { a0 += 1 }
        let before = a0..<c1
        guard before.contains(where: { isWord($0) }), after.filter({ isWord($0) }).count >= 2 else { return [] }
        // No direct quote and no other report in either piece.
        for i in Array(before) + Array(after) {
            if inSpan[i] >= 0 && spans[Int(inSpan[i])].role == .quote { return [] }
            if let c = cue(i), c.cueClass == .speech || c.cueClass == .continuation { return [] }
            if lower[i] == QuoteScan.according { return [] }
        }
        let verb: (Int) -> Bool = { i in syntax.upos[i] == .verb || syntax.upos[i] == .aux }
        if sp.kind != .pronoun {
            // "Weller, a former official, said Tuesday, the talks ...": a noun phrase, then a clause.
            let u = syntax.upos[a0]
            let opener = u == .adp || u == .adv || u == .sconj || u == .cconj || u == .part || u == .pron
            if !opener && !before.contains(where: verb) && !verb(b0) && !isAuxOrAdverb(b0) { return [] }
        }
        guard let f = finish(after, sp, cue: x..<x + 1, cu, rule: "indirect-parenthetical") else { return [] }
        let t = trimPhrase(before)
        // "..., and, he argued, to help ...": a piece that ends with a conjunction is not reported.
        let w = lower[c1 - 1]
        let conjoined = w == QuoteScan.and || w == QuoteScan.but || w == QuoteScan.or
        guard t.contains(where: { isWord($0) }), !(t.count == 1 && classes(t.lowerBound).contains(.stop)), !conjoined
        else {
            return [f]
        }
        let kind: QuoteKind = t.contains(where: { inSpan[$0] >= 0 }) ? .mixed : f.kind
        return [(t, kind, f.attribution), f]
    }
}
