// Indirect speech read from the dependency parse (when the syntax stage has run): the subject of a cue
// verb is its speaker (the whole noun phrase, appositives and relative clauses included, as PolNeAR
// annotates sources), its complement clause (`ccomp`) is the content; a cue in parataxis closing a
// sentence ("..., the ministry said") reports the clause it hangs on; a passive cue takes its agent.
//
// Rules: `syntax-ccomp` (speaker, cue, complement clause, either order), `syntax-parataxis` (content,
// then "X said" / "said X"), with `-conjoined` / `-participle` / `-relative` / `-passive` when the speaker
// is the subject of the verb the cue is coordinated with, of the clause a participle hangs on, the
// antecedent of "who", or the agent of a passive.

extension QuoteScan {
    /// Relation ids of the parser's label set read by the syntax sieves (-1 when the model lacks one).
    struct Relations {
        var nsubj = -1, nsubjPass = -1, csubj = -1, ccomp = -1, parataxis = -1, conj = -1, advcl = -1
        var xcomp = -1, aclRelcl = -1, acl = -1, oblAgent = -1, obl = -1, punct = -1, mark = -1, expl = -1
        var cc = -1, discourse = -1, advmod = -1, root = -1, nsubjOuter = -1, obj = -1

        init(_ names: [String]) {
            for (k, r) in names.enumerated() {
                switch r {
                case "nsubj": nsubj = k
                case "nsubj:pass": nsubjPass = k
                case "nsubj:outer": nsubjOuter = k
                case "csubj": csubj = k
                case "ccomp": ccomp = k
                case "parataxis": parataxis = k
                case "conj": conj = k
                case "advcl": advcl = k
                case "xcomp": xcomp = k
                case "acl:relcl": aclRelcl = k
                case "acl": acl = k
                case "obl:agent": oblAgent = k
                case "obl": obl = k
                case "punct": punct = k
                case "mark": mark = k
                case "expl": expl = k
                case "cc": cc = k
                case "discourse": discourse = k
                case "advmod": advmod = k
                case "root": root = k
                case "obj": obj = k
                default: break
                }
            }
        }
    }

    /// The parse of a document as flat arrays, with children in CSR form.
    struct Parse {
        let head: [Int32]
        let rel: [UInt8]
        let analysed: [Bool]
        let ids: Relations
        let childStart: [Int32]
        let childList: [Int32]

        init?(_ doc: Document) {
            guard doc.layers.contains(.syntax), let a = doc.syntax, !a.relations.isEmpty,
                a.head.count == doc.tokens.count
            else { return nil }
            head = a.head
            rel = a.relation
            analysed = a.analysed
            ids = Relations(a.relations)
            names = a.relations
            let n = a.head.count
            var counts = [Int32](repeating: 0, count: n + 1)
            for h in a.head where h >= 0 { counts[Int(h) + 1] += 1 }
            for i in 0..<n { counts[i + 1] += counts[i] }
            var list = [Int32](repeating: 0, count: Int(counts[n]))
            var fill = counts
            for (d, h) in a.head.enumerated() where h >= 0 {
                list[Int(fill[Int(h)])] = Int32(d)
                fill[Int(h)] += 1
            }
            childStart = counts
            childList = list
        }

        let names: [String]
        @inline(__always) func relation(_ t: Int) -> Int { analysed[t] ? Int(rel[t]) : -1 }
        func relationName(_ r: Int) -> String { r >= 0 && r < names.count ? names[r] : "" }
        @inline(__always) func headOf(_ t: Int) -> Int? { head[t] >= 0 ? Int(head[t]) : nil }
        func children(_ t: Int) -> ArraySlice<Int32> { childList[Int(childStart[t])..<Int(childStart[t + 1])] }
        func child(_ t: Int, _ r: Int) -> Int? {
            guard r >= 0 else { return nil }
            for c in children(t) where Int(rel[Int(c)]) == r { return Int(c) }
            return nil
        }
        /// The first and last token of the subtree of `t`.
        func subtree(_ t: Int) -> Range<Int> {
            var lo = t
            var hi = t
            var stack = [t]
            while let x = stack.popLast() {
                lo = min(lo, x)
                hi = max(hi, x)
                for c in children(x) { stack.append(Int(c)) }
            }
            return lo..<(hi + 1)
        }
        /// The subtree of `t` without the subtrees of the children `except`: the span from the first to the
        /// last token left, as one range (the larger piece when the excluded part splits it).
        func subtree(_ t: Int, except: Set<Int>) -> Range<Int> {
            var tokens: [Int] = []
            var stack = [t]
            while let x = stack.popLast() {
                tokens.append(x)
                for c in children(x) where !except.contains(Int(c)) { stack.append(Int(c)) }
            }
            tokens.sort()
            // Split into contiguous runs and keep the one holding `t`.
            var lo = t
            var hi = t
            guard let at = tokens.firstIndex(of: t) else { return t..<t + 1 }
            var k = at
            while k > 0 && tokens[k - 1] == tokens[k] - 1 { k -= 1 }
            lo = tokens[k]
            k = at
            while k + 1 < tokens.count && tokens[k + 1] == tokens[k] + 1 { k += 1 }
            hi = tokens[k]
            return lo..<(hi + 1)
        }
    }

    /// Indirect speech at cue `x` from the parse, if the parse gives a content clause for it.
    func syntaxIndirect(cue x: Int, _ cu: QuoteLexicon.Cue, parse p: Parse, sentence r: Range<Int>) -> Found? {
        guard cu.cueClass == .speech || cu.cueClass == .continuation || cu.cueClass == .evidence else { return nil }
        let ids = p.ids
        let rx = p.relation(x)
        guard rx >= 0 else { return nil }
        if let f = invertedObject(cue: x, cu, parse: p, sentence: r) { return f }
        if let f = asClause(cue: x, cu, parse: p, sentence: r) { return f }
        var content: Range<Int>? = nil
        var rule = "syntax-ccomp"
        // The complement clause: of two the parse gave ("Asked if ..., Clinton said she ..."), the one with
        // a subject, after the cue first.
        let ccomps = p.children(x).map { Int($0) }.filter { Int(p.rel[$0]) == ids.ccomp }
        let withSubject = ccomps.filter { c in
            p.children(c).contains { k in
                let rk = Int(p.rel[Int(k)])
                return rk == ids.nsubj || rk == ids.nsubjPass || rk == ids.csubj || rk == ids.expl
                    || rk == ids.nsubjOuter
            }
        }
        // A finite complement after the cue whose subject the parse missed ("said just because X was obvious
        // did not mean ..."), unless an object stands between them (the subject taken for the cue's object:
        // the object sieve below reads "said the plan | was dead").
        let clauses =
            withSubject
            + ccomps.filter { c in
                c > x && !withSubject.contains(c) && isFinite(c, parse: p)
                    && !p.children(x).contains { k in
                        Int(k) > x && Int(k) < c && p.relationName(Int(p.rel[Int(k)])).hasSuffix("obj")
                    }
            }
            // "Whether A is B will be part of the review, said X": a clause opening the sentence before an
            // inverted cue, its clausal subject taken for an adverbial clause.
            + ccomps.filter { c in
                c < x && !withSubject.contains(c) && isFinite(c, parse: p)
                    && p.subtree(c).lowerBound <= r.lowerBound + 1
                    && p.children(x).contains { k in Int(k) > x && Int(p.rel[Int(k)]) == ids.nsubj }
            }
        let chosen = withSubject.first(where: { $0 > x }) ?? withSubject.first ?? clauses.first ?? ccomps.first
        if let c = chosen {
            // A second reporting verb coordinated inside the clause reports its own content ("said he
            // found the talks useful and called them a start").
            // So is one in an adverbial clause or parataxis with a subject of its own ("said A, while other
            // voters said B").
            // So is a reporting participle set off by a comma anywhere in the clause: the speaker going on
            // ("said A, adding that B"; "said it could not file in time, warning that ...").
            var split: [Int] = p.children(c).map { Int($0) }.filter { k in
                let rk = Int(p.rel[k])
                guard cue(k) != nil else { return false }
                if rk == ids.conj { return true }
                return (rk == ids.advcl || rk == ids.parataxis) && k > x && cue(k)?.cueClass == .speech
                    && setOffByComma(k, after: x, parse: p)
                    && p.children(k).contains { Int(p.rel[Int($0)]) == ids.nsubj }
            }
            var stack = p.children(c).map { Int($0) }
            while let k = stack.popLast() {
                stack.append(contentsOf: p.children(k).map { Int($0) })
                let rk = Int(p.rel[k])
                guard k > x, rk == ids.advcl || rk == ids.parataxis || rk == ids.conj, endsInIng(k),
                    cue(k)?.cueClass == .speech || cue(k)?.cueClass == .continuation, !split.contains(k)
                else { continue }
                if setOffByComma(k, after: x, parse: p) { split.append(k) }
            }
            let sub = split.isEmpty ? p.subtree(c) : p.subtree(c, except: Set(split))
            content = trimContent(dropLeadingTime(sub, parse: p), cue: x)
            if let cr = content, cr.lowerBound < x && cr.upperBound > x { content = nil }
            // A clause: the complement has a subject of its own (else "said Sunday on Fox News" or an
            // opening "Asked about ...," taken for one).
            if !clauses.contains(c) { content = nil }
            if let cr = content, cr.upperBound <= x {
                // Content first: it opens the sentence (after a mark at most) and only the speaker stands
                // between it and the cue; and it is a clause, with a verb ("Former Breitbart reporter |
                // Michelle Fields said" is a parse that took the title for the clause).
                if cr.lowerBound > r.lowerBound + 1 { content = nil }
                if let syntax = doc.syntax, !cr.contains(where: { syntax.upos[$0] == .verb || syntax.upos[$0] == .aux })
                {
                    content = nil
                }
            }
        } else if rx == ids.parataxis, let h = p.headOf(x), h < x, cu.cueClass != .evidence {
            // "The talks failed, the ministry said." / "..., said a senior official." Unless the cue has a
            // clause of its own after it (a parse that hung "X said the talks failed" on an opening clause).
            let after = p.children(x).contains { c in
                let rc = Int(p.rel[Int(c)])
                return Int(c) > x && !isPunct(Int(c)) && rc != ids.nsubj && rc != ids.advmod && rc != ids.obl
                    && p.subtree(Int(c)).count >= 3
            }
            if after {
                let sub = p.subtree(x)
                var lo = x + 1
                while lo < sub.upperBound && isPunct(lo) { lo += 1 }
                if lo < sub.upperBound { content = trimContent(lo..<sub.upperBound, cue: x) }
            } else {
                let whole = p.subtree(h, except: [x])
                if whole.upperBound <= x { content = trimContent(whole, cue: x) }
                rule = "syntax-parataxis"
            }
        }
        // "continues to grow": aspect, not speech; "continue" reports only a clause.
        let aspectual = cu.lemma == "continue"
        if content == nil && rx != ids.parataxis && cu.cueClass != .evidence && !aspectual {
            // No complement clause: an infinitive ("urged voters to stay home": the infinitive; the object is
            // the audience) or an object ("denied the report", "announced a new plan").
            let kids = p.children(x).map { Int($0) }.filter { $0 > x }
            // An infinitive the parse took for an adverbial clause counts too ("urged its members | to reject").
            let xcomp = kids.first { k in
                Int(p.rel[k]) == ids.xcomp
                    || (Int(p.rel[k]) == ids.advcl && p.children(k).contains { lower[Int($0)] == QuoteScan.to })
            }
            // "pointed to the rising cost": the object of "point" comes with "to".
            let obj =
                kids.first { p.relationName(Int(p.rel[$0])) == "obj" }
                ?? (cu.lemma == "point" && x + 1 < r.upperBound && lower[x + 1] == QuoteScan.to
                    ? kids.first { k in Int(p.rel[k]) == ids.obl && p.subtree(k).lowerBound == x + 1 } : nil)
            if let xc = xcomp, cu.clauseOnly, let o = obj, o < xc {
                // "maintains a program to train leaders": a clause-only cue urges no one; no content.
            } else if let xc = xcomp {
                var sub = p.subtree(xc)
                if let m = p.child(xc, ids.mark), m < sub.lowerBound { sub = m..<sub.upperBound }
                // "urged the council to reject the offer": PolNeAR's content holds the one urged.
                if let o = obj, o < xc, p.subtree(o).lowerBound > x, p.subtree(o).upperBound <= sub.lowerBound {
                    sub = p.subtree(o).lowerBound..<sub.upperBound
                }
                content = trimContent(sub, cue: x)
                rule = "syntax-xcomp"
            } else if let o = obj, !invertedSpeaker(cue: x, object: o, parse: p) {
                let drop = Set(
                    p.children(o).map { Int($0) }.filter { k in
                        let rk = Int(p.rel[k])
                        return rk == ids.advcl || rk == ids.parataxis
                            || (rk == ids.aclRelcl && k > 0 && isComma(p.subtree(k).lowerBound - 1))
                    })
                var sub = drop.isEmpty ? p.subtree(o) : p.subtree(o, except: drop)
                // "said the plan was dead" parsed with "the plan" as an object: the verb after it goes with it.
                let e = sub.upperBound
                if e < r.upperBound, let u = doc.syntax?.upos[e], u == .verb || u == .aux, !isComma(e) {
                    var stop = min(p.subtree(x).upperBound, r.upperBound)
                    // Not over a reporting verb coordinated with the cue ("called them “crazy” and said ...").
                    for k in p.children(x) where Int(k) > e && Int(p.rel[Int(k)]) == ids.conj && cue(Int(k)) != nil {
                        var b = p.subtree(Int(k)).lowerBound
                        while b > e && (lower[b] == QuoteScan.and || isPunct(b)) { b -= 1 }
                        stop = min(stop, max(b, e))
                    }
                    // Nor over a report of its own set off by a comma ("saying A is B, though X said C").
                    for k in e..<stop where cue(k)?.cueClass == .speech && p.child(k, ids.nsubj) != nil {
                        var b = p.subtree(k).lowerBound
                        guard b > e, b < k, isComma(b) || isComma(b - 1) else { continue }
                        while b > e && isComma(b - 1) { b -= 1 }
                        stop = min(stop, b)
                        break
                    }
                    sub = sub.lowerBound..<max(e + 1, stop)
                }
                // A cue that reports only clauses ("maintained a lead", "maintains a program to train
                // leaders") needs a verb in a finite form in what it reports.
                let clause = sub.contains { isTensed($0) }
                // "pointed to the cost": the preposition is not reported.
                if sub.lowerBound == x + 1 && lower[x + 1] == QuoteScan.to && sub.count > 1 {
                    sub = x + 2..<sub.upperBound
                }
                if !(cu.clauseOnly && !clause) {
                    content = trimContent(sub, cue: x)
                    rule = "syntax-object"
                }
            }
        }
        if var cr = content, cr.lowerBound > x {
            // "said A, and B": a clause coordinated with the cue after its content, with a subject of its
            // own and no cue, is more of the content.
            for k in p.children(x) where Int(k) >= cr.upperBound && Int(p.rel[Int(k)]) == ids.conj {
                let ki = Int(k)
                guard cue(ki) == nil, p.children(ki).contains(where: { Int(p.rel[Int($0)]) == ids.nsubj }),
                    p.children(ki).contains(where: { Int(p.rel[Int($0)]) == ids.cc && lower[Int($0)] == QuoteScan.and })
                else { break }
                let sub = p.subtree(ki)
                guard sub.lowerBound <= cr.upperBound + 2 else { break }
                cr = cr.lowerBound..<sub.upperBound
                if let t = trimContent(cr, cue: x) { content = t }
            }
            // What the parse hangs on the cue after the content, next to it ("says he is proud of the
            // campaign | because ...", "told them the plan failed | but a judge ...", "said A | on Tuesday"),
            // is more of the content, as PolNeAR bounds it: not past a semicolon, dash or colon, a cue or a
            // direct quote.
            if let c0 = content {
                var cr = c0
                for k in p.children(x) where Int(k) >= cr.upperBound && !isPunct(Int(k)) {
                    let sub = p.subtree(Int(k))
                    var w = max(cr.upperBound, sub.lowerBound)
                    while w < sub.upperBound && isPunct(w) { w += 1 }
                    let gap = cr.upperBound..<w
                    if gap.contains(where: { isByte($0, UInt8(ascii: ";")) || isDash($0) || isColon($0) }) { break }
                    // ", but she gave no date": a coordinated clause set off by a comma is the writer's.
                    if Int(p.rel[Int(k)]) == ids.conj && gap.contains(where: { isComma($0) }) { break }
                    guard sub.lowerBound <= cr.upperBound + 2, !sub.contains(where: { cue($0) != nil }),
                        !sub.contains(where: { inSpan[$0] >= 0 && spans[Int(inSpan[$0])].role == .quote })
                    else { break }
                    cr = cr.lowerBound..<sub.upperBound
                    if let t = trimContent(cr, cue: x) { content = t }
                }
            }
        }
        // A content after its cue runs on to where the word sieves end a reported clause (a semicolon, a
        // dash, ", but", ", which", another cue...), over what the parse hung elsewhere ("the emails were on
        // work topics, | including speeches and meetings"), with no cue, "according to" or direct quote in
        // what it adds.
        // Not out of a participle set off by commas ("The union, citing internal memos, said ...").
        var aside = false
        if rx == ids.acl, p.headOf(x).map({ p.relation($0) == ids.nsubj }) == true, endsInIng(x), x > 0, isComma(x - 1)
        {
            let e = p.subtree(x).upperBound
            aside = e < r.upperBound && isComma(e)
        }
        if let c0 = content, c0.lowerBound > x, !aside {
            var end = r.upperBound
            while end > c0.upperBound
                && (isTerminal(end - 1) || isPunct(end - 1) && !(isQuote(end - 1) && inSpan[end - 1] >= 0))
            {
                end -= 1
            }
            let e = end > c0.upperBound ? contentEnd(from: c0.lowerBound, end: end) : c0.upperBound
            if e > c0.upperBound,
                !(c0.upperBound..<e).contains(where: { k in
                    cue(k) != nil || lower[k] == QuoteScan.according
                        || (inSpan[k] >= 0 && spans[Int(inSpan[k])].role == .quote)
                }),
                let t = trimContent(c0.lowerBound..<e, cue: x)
            {
                content = t
            }
        }
        // ", according to X" inside a content is an attribution of its own (the according-to sieve's).
        if let c0 = content, c0.lowerBound > x,
            let i = (c0.lowerBound + 1..<max(c0.lowerBound + 1, c0.upperBound - 1)).first(where: { k in
                isComma(k) && inSpan[k] < 0 && lower[k + 1] == QuoteScan.according
            }),
            let t = trimContent(c0.lowerBound..<i, cue: x)
        {
            content = t
        }
        guard var c = content, c.count >= 1 else { return nil }
        if c.lowerBound < r.lowerBound || c.upperBound > r.upperBound {
            c = max(c.lowerBound, r.lowerBound)..<min(c.upperBound, r.upperBound)
        }
        guard c.count >= 1 else { return nil }
        if cu.cueClass == .evidence && !(c.lowerBound > 0 && lower[c.lowerBound - 1] == QuoteScan.that)
            && lower[c.lowerBound] != QuoteScan.that
        {
            return nil
        }
        // The speaker.
        guard let (phrase, how) = syntaxSpeaker(cue: x, parse: p, sentence: r, avoid: c) else { return nil }
        if let ph = phrase, ph.range.overlaps(c) { return nil }
        let cueRange = x..<x + 1
        guard let ph = phrase else { return nil }
        var cc = c
        // "told the council that ...": the audience the parse put in the clause stays out.
        if cc.lowerBound > x, let t = cc.prefix(7).firstIndex(where: { lower[$0] == QuoteScan.that }),
            t > cc.lowerBound,
            t + 1 < cc.upperBound,
            !(cc.lowerBound..<t).contains(where: { k in
                let u = doc.syntax?.upos[k]
                return u == .verb || u == .aux || isPunct(k)
            })
        {
            cc = t..<cc.upperBound
        }
        if lower[cc.lowerBound] == QuoteScan.that && cc.count > 1 { cc = cc.lowerBound + 1..<cc.upperBound }
        return finish(cc, ph, cue: cueRange, cu, rule: rule + how)
    }

    /// "..., said Ines Moreau, a demographer.": a name right after a cue that follows a comma is the
    /// speaker of what comes before (the word sieves take it), not the cue's object.
    /// Not when a verb comes right after the name ("X, a director, said Clinton's response was weak": the name opens
    /// the reported clause).
    func invertedSpeaker(cue x: Int, object o: Int, parse p: Parse) -> Bool {
        guard x > 0, isComma(x - 1), let syntax = doc.syntax else { return false }
        let sub = p.subtree(o)
        guard sub.lowerBound == x + 1 else { return false }
        guard syntax.upos[o] == .propn || syntax.upos[x + 1] == .propn else { return false }
        let e = sub.upperBound
        return !(e < sentence(x).upperBound && (syntax.upos[e] == .verb || syntax.upos[e] == .aux))
    }

    /// "The coast is hard to defend, said a handful of officers.": a cue after a comma, with no subject, whose
    /// object runs to the end of the sentence, is an inverted attribution: the object is the speaker (any
    /// noun phrase, not only a name as for ``invertedSpeaker(cue:object:parse:)``) and the clause before the
    /// comma, opening the sentence, the content (`syntax-inverted`).
    func invertedObject(cue x: Int, _ cu: QuoteLexicon.Cue, parse p: Parse, sentence r: Range<Int>) -> Found? {
        guard cu.cueClass == .speech || cu.cueClass == .continuation, x - 1 > r.lowerBound + 2, isComma(x - 1),
            inSpan[x - 1] < 0, let syntax = doc.syntax
        else { return nil }
        let ids = p.ids
        guard
            !p.children(x).contains(where: { k in
                let rk = Int(p.rel[Int(k)])
                return rk == ids.nsubj || rk == ids.nsubjPass || rk == ids.csubj || (rk == ids.ccomp && Int(k) > x)
            }),
            let o = p.children(x).map({ Int($0) }).first(where: { k in
                k > x && p.relationName(Int(p.rel[k])) == "obj"
            }),
            isNominal(syntax.upos[o]), isFinite(x, parse: p)
        else { return nil }
        let sub = p.subtree(o)
        guard sub.lowerBound == x + 1 else { return nil }
        var end = r.upperBound
        while end > sub.upperBound && (isTerminal(end - 1) || isPunct(end - 1)) { end -= 1 }
        guard end == sub.upperBound else { return nil }
        // The content: the sentence up to the comma, a clause (with a verb), no quote mark or cue in it.
        var lo = r.lowerBound
        while lo < x - 1 && isQuote(lo) && inSpan[lo] < 0 { lo += 1 }
        var hi = x - 1
        while hi > lo && isQuote(hi - 1) && inSpan[hi - 1] < 0 { hi -= 1 }
        guard hi - lo >= 3,
            (lo..<hi).contains(where: { syntax.upos[$0] == .verb || syntax.upos[$0] == .aux }),
            !(lo..<hi).contains(where: { k in cue(k) != nil || lower[k] == QuoteScan.according || inSpan[k] >= 0 })
        else { return nil }
        let ph = phrase(trimPhrase(sub), head: o)
        return finish(lo..<hi, ph, cue: x..<x + 1, cu, rule: "syntax-inverted")
    }

    /// "As the mayor said on Friday, the budget is a mess." / "..., as many economists have noted.": a cue in
    /// an adverbial clause opened by "as", with a subject and no complement of its own, reports the clause it
    /// hangs on (`syntax-as`): the speaker is its subject, the content the rest of the sentence on the other
    /// side of the comma that sets the clause off.
    func asClause(cue x: Int, _ cu: QuoteLexicon.Cue, parse p: Parse, sentence r: Range<Int>) -> Found? {
        let ids = p.ids
        guard cu.cueClass == .speech || cu.cueClass == .continuation, p.relation(x) == ids.advcl,
            let h = p.headOf(x), let m = p.child(x, ids.mark), lower[m] == QuoteScan.`as`,
            let s = p.child(x, ids.nsubj), m < s, s < x,
            !p.children(x).contains(where: { k in
                let rk = Int(p.rel[Int(k)])
                return rk == ids.ccomp || rk == ids.xcomp || (rk == ids.obj && lower[Int(k)] != QuoteScan.it)
            })
        else { return nil }
        // The clause without the commas the parse hangs on it: it must be set off by one, on the side of
        // the content (not "as ... as anything he said", not "smiled as he replied").
        let sub = p.subtree(x)
        var c0 = sub.lowerBound
        while c0 < m && isComma(c0) { c0 += 1 }
        var c1 = sub.upperBound
        while c1 > x + 1 && isComma(c1 - 1) { c1 -= 1 }
        guard c0 == m else { return nil }
        var lo: Int
        var hi: Int
        if c1 <= h {
            // The as-clause first: the content runs from after its comma to the end of the sentence.
            guard m <= r.lowerBound + 1, c1 < r.upperBound, isComma(c1) else { return nil }
            lo = c1
            while lo < r.upperBound && isComma(lo) { lo += 1 }
            hi = r.upperBound
        } else {
            // After the content, closing the sentence.
            var e = c1
            while e < r.upperBound && (isTerminal(e) || isPunct(e) && !isQuote(e)) { e += 1 }
            guard e == r.upperBound, h < m, m > r.lowerBound, isComma(m - 1) else { return nil }
            lo = r.lowerBound
            hi = m
            while hi > lo && isComma(hi - 1) { hi -= 1 }
        }
        while hi > lo && (isTerminal(hi - 1) || isPunct(hi - 1) && !isQuote(hi - 1)) { hi -= 1 }
        guard hi - lo >= 3, let syntax = doc.syntax,
            (lo..<hi).contains(where: { syntax.upos[$0] == .verb || syntax.upos[$0] == .aux }),
            !(lo..<hi).contains(where: { k in cue(k) != nil || lower[k] == QuoteScan.according || inSpan[k] >= 0 })
        else { return nil }
        let ph = phrase(subjectSpan(s, parse: p), head: s)
        return finish(lo..<hi, ph, cue: x..<x + 1, cu, rule: "syntax-as")
    }

    /// A verb with a tense of its own: a past or present-tense form, or a modal or tensed auxiliary beside it.
    /// A verb or auxiliary in a finite form by its Penn tag (VBD, VBZ, VBP, MD).
    func isTensed(_ k: Int) -> Bool {
        guard doc.syntax?.analysed[k] == true else { return false }
        let n = pennTag(k)
        return n == "VBD" || n == "VBZ" || n == "VBP" || n == "MD"
    }

    /// The tagger's Penn tag of token `k` ("" without the syntax stage).
    func pennTag(_ k: Int) -> String {
        guard let syntax = doc.syntax else { return "" }
        let x = Int(syntax.xpos[k])
        return x < syntax.xposNames.count ? syntax.xposNames[x] : ""
    }

    func isFinite(_ v: Int, parse p: Parse) -> Bool {
        guard let syntax = doc.syntax else { return false }
        if syntax.upos[v] == .verb && isTensed(v) { return true }
        return p.children(v).contains { k in
            let rk = p.relationName(Int(p.rel[Int(k)]))
            return (rk == "aux" || rk == "cop") && isTensed(Int(k))
        }
    }

    /// Whether the phrase of `k` (its subtree) opens with a comma or right after one, and starts after token
    /// `bound + 1`: a phrase set off from what comes before it.
    func setOffByComma(_ k: Int, after bound: Int = -1, parse p: Parse) -> Bool {
        let lo = p.subtree(k).lowerBound
        return lo > bound + 1 && (isComma(lo) || isComma(lo - 1))
    }

    func isNominal(_ u: UPOS) -> Bool { u == .noun || u == .propn || u == .pron || u == .num || u == .x }

    /// A content without the time adverbial the parse hung on it ("said Friday he would go").
    func dropLeadingTime(_ r: Range<Int>, parse p: Parse) -> Range<Int> {
        var lo = r.lowerBound
        while lo < r.upperBound {
            let name = p.relationName(p.relation(lo))
            let weekday = isCapWord(lo) && classes(lo).contains(.time)
            guard name == "obl:tmod" || name == "obl:npmod" || name == "nmod:tmod" || weekday else { break }
            let sub = p.subtree(lo)
            guard sub.lowerBound == lo, sub.upperBound < r.upperBound else { break }
            lo = sub.upperBound
            while lo < r.upperBound && isComma(lo) { lo += 1 }
        }
        return lo..<r.upperBound
    }

    /// A content span without punctuation and unpaired quote marks at its edges, nor the cue.
    func trimContent(_ r: Range<Int>, cue x: Int) -> Range<Int>? {
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi && (isPunct(lo) && !(isQuote(lo) && inSpan[lo] >= 0) || lo == x) { lo += 1 }
        while hi > lo && (isPunct(hi - 1) && !(isQuote(hi - 1) && inSpan[hi - 1] >= 0) || hi - 1 == x) { hi -= 1 }
        // A closing mark whose opening mark is outside the content, or the reverse, stays out.
        while lo < hi && isQuote(lo) && inSpan[lo] >= 0 && spans[Int(inSpan[lo])].open != lo { lo += 1 }
        while hi > lo && isQuote(hi - 1) && inSpan[hi - 1] >= 0 && spans[Int(inSpan[hi - 1])].close != hi - 1 {
            hi -= 1
        }
        while hi > lo && isPunct(hi - 1) && !isQuote(hi - 1) { hi -= 1 }
        return hi > lo ? lo..<hi : nil
    }

    /// The speaker of cue `x`: its subject; the subject of the verb it is coordinated with or that a
    /// participle hangs on; the antecedent of a relative "who"; the agent of a passive. The phrase is the
    /// subject's whole subtree (without a leading conjunction or trailing punctuation).
    func syntaxSpeaker(cue x: Int, parse p: Parse, sentence r: Range<Int>, avoid: Range<Int>)
        -> (SpeakerPhrase?, String)?
    {
        let ids = p.ids
        var how = ""
        var subject: Int? = nil
        var passive = false
        for c in p.children(x) {
            let rc = Int(p.rel[Int(c)])
            if rc == ids.nsubj || rc == ids.csubj {
                // Of two subjects the parse gave ("Current | and former officials said"), the nominal one.
                if let s0 = subject, let syntax = doc.syntax,
                    !isNominal(syntax.upos[Int(c)]) || isNominal(syntax.upos[s0])
                {
                    continue
                }
                subject = Int(c)
                continue
            }
            if rc == ids.nsubjPass {
                // "those surveyed said ...": a passive subject of a cue with no passive auxiliary is the
                // parse's error for a plain subject.
                let aux = p.children(x).contains { p.relationName(Int(p.rel[Int($0)])) == "aux:pass" }
                if !aux && subject == nil && Int(c) < x {
                    subject = Int(c)
                } else {
                    passive = true
                }
            }
        }
        if subject != nil { passive = false }
        if subject == nil && !passive, let syntax = doc.syntax {
            // A name before the cue the parse hung on it as something else ("Mr. Cruz, whose ... , said":
            // `vocative`, `dep`).
            subject = p.children(x).map { Int($0) }.first { c in
                let name = p.relationName(p.relation(c))
                return c < x && (name == "vocative" || name == "dep") && isNominal(syntax.upos[c])
            }
        }
        if subject == nil, !passive, let syntax = doc.syntax,
            let c = p.children(x).map({ Int($0) }).first(where: { c in
                c < x && Int(p.rel[c]) == ids.ccomp && p.subtree(c).lowerBound <= r.lowerBound + 1
                    && (syntax.upos[c] == .adj || syntax.upos[c] == .noun)
                    && !p.children(c).contains { k in
                        let n = p.relationName(Int(p.rel[Int(k)]))
                        return n == "cop" || n.hasPrefix("aux")
                    }
            }),
            let s2 = p.children(c).map({ Int($0) }).first(where: { Int(p.rel[$0]) == ids.nsubj && $0 < c }),
            isNominal(syntax.upos[s2])
        {
            // "Federal officials familiar with the inquiry, speaking on condition of anonymity, said": the
            // parse made a verbless clause of the subject phrase ("officials [are] familiar with ...").
            let drop = Set(
                p.children(c).map { Int($0) }.filter { k in
                    let rk = Int(p.rel[k])
                    return k > c && (rk == ids.advcl || rk == ids.parataxis || rk == ids.punct)
                })
            let range = trimPhrase(p.subtree(c, except: drop))
            guard !range.overlaps(avoid) else { return nil }
            return (phrase(range, head: s2), "")
        }
        if passive {
            guard let ag = p.child(x, ids.oblAgent) else { return nil }
            // "by X": the phrase without "by".
            var s = p.subtree(ag)
            if s.lowerBound < ag && lower[s.lowerBound] == QuoteScan.by { s = s.lowerBound + 1..<s.upperBound }
            return (phrase(s, head: ag), "-passive")
        }
        // The verb whose subject the speaker is: the cue, or the verb it is coordinated with or hangs on.
        var governor = x
        if subject == nil {
            // Coordinated verb ("praised X and said"), participle ("..., saying"), "who said".
            var v = x
            // A cue coordinated or a participle set off by a comma: if it hangs in the content of a cue
            // before it, it is that cue's speaker going on.
            let goingOn =
                p.relation(x) == ids.conj
                || (p.relation(x) == ids.advcl && endsInIng(x) && setOffByComma(x, parse: p))
            var steps = 0
            while subject == nil, steps < 4, let h = p.headOf(v) {
                let rv = p.relation(v)
                guard rv == ids.conj || rv == ids.advcl || rv == ids.xcomp || rv == ids.aclRelcl || rv == ids.acl
                else { break }
                if rv == ids.aclRelcl {
                    // "Barkley, who said ...": PolNeAR's source is the relative pronoun; its name is the
                    // antecedent's.
                    guard
                        let w = p.children(v).first(where: { k in
                            let rk = Int(p.rel[Int(k)])
                            return rk == ids.nsubj
                                && (lower[Int(k)] == QuoteScan.who || lower[Int(k)] == QuoteScan.which
                                    || lower[Int(k)] == QuoteScan.that)
                        })
                    else { break }
                    let ante = phrase(trimPhrase(p.subtree(h, except: [v])), head: h)
                    return (SpeakerPhrase(range: Int(w)..<Int(w) + 1, name: ante.name, kind: ante.kind), "-relative")
                }
                if rv == ids.acl && !endsInIng(v) { break }
                if rv == ids.acl, h < v, p.relation(h) == ids.nsubj, let u = doc.syntax?.upos[h], isNominal(u) {
                    // "The union, citing internal memos, said ...": the participle set off by commas after a
                    // noun phrase reports for it.
                    guard setOffByComma(v, parse: p) else { break }
                    subject = h
                    governor = h
                    how = "-participle"
                    break
                }
                how = rv == ids.conj ? "-conjoined" : "-participle"
                // The verb is hung on the content of a cue before it ("said the budget was balanced and
                // accused ...", "said A, adding that B"): the speaker goes on; that cue's subject is the speaker.
                var h = h
                if p.relation(h) == ids.ccomp, let g = p.headOf(h), g < h, x > h, cue(g) != nil, goingOn {
                    h = g
                }
                for c in p.children(h) {
                    let rc = Int(p.rel[Int(c)])
                    if rc == ids.nsubj || rc == ids.csubj {
                        subject = Int(c)
                        governor = h
                        break
                    }
                }
                v = h
                steps += 1
            }
        }
        if let s0 = subject, governor != x, s0 > r.lowerBound, s0 < x,
            lower[s0] == QuoteScan.who || lower[s0] == QuoteScan.which, isComma(s0 - 1),
            speakerBefore(x, limit: r.lowerBound).map({ $0.range.lowerBound < s0 }) == true,
            let sp = phraseEnding(at: s0 - 2, limit: r.lowerBound), !sp.range.overlaps(avoid)
        {
            // "Weller, who has visited ..., said": a parse that hung the cue on the relative clause; the cue is
            // the antecedent's (PolNeAR's source is then the antecedent alone).
            return (sp, "")
        }
        if let s0 = subject, s0 < x, classes(s0).contains(.time) {
            // A time the parse took for the subject: "A news report published Wednesday said" (the noun
            // phrase before the participle is the speaker), "Tuesday in Boston, while ..., the senator said"
            // (the phrase before the cue is).
            if p.subtree(s0).count == 1, s0 > r.lowerBound, let syntax = doc.syntax,
                let n = p.children(s0 - 1).map({ Int($0) }).first(where: { k in
                    Int(p.rel[k]) == ids.nsubj && k < s0 - 1 && isNominal(syntax.upos[k])
                })
            {
                subject = n
            } else if let sp = speakerBefore(x, limit: s0 + 1), !sp.range.overlaps(avoid) {
                return (sp, how)
            } else {
                return nil
            }
        }
        guard let s = subject, p.relation(s) != ids.expl else { return nil }
        if lower[s] == QuoteScan.who || lower[s] == QuoteScan.which, p.relation(x) == ids.aclRelcl, let h = p.headOf(x)
        {
            let ante = phrase(trimPhrase(p.subtree(h, except: [x])), head: h)
            return (SpeakerPhrase(range: s..<s + 1, name: ante.name, kind: ante.kind), "-relative")
        }
        if lower[s] == QuoteScan.who, let rel = phraseEnding(at: s, limit: r.lowerBound) {
            return (rel, "-relative")  // "Ines Moreau, who said ..." parsed as parataxis
        }
        // "It said" of an organization or a report is a source (a speech cue with a subject clause of its
        // own); "it" of a passive or of another verb is not.
        let itSpeaks =
            lower[s] == QuoteScan.it && how.isEmpty && p.child(x, ids.ccomp) != nil
            && (cue(x)?.cueClass == .speech || cue(x)?.cueClass == .continuation)
        if (lower[s] == QuoteScan.it && !itSpeaks) || lower[s] == QuoteScan.there || lower[s] == QuoteScan.that
            || lower[s] == QuoteScan.what
        {
            return nil
        }
        if let u = doc.syntax?.upos[s], !isNominal(u) {
            return nil  // a subject that is not a nominal: a bad parse, left to the word sieves
        }
        var range = joinedSubject(s, of: x, parse: p)
        if range.overlaps(avoid) {
            // The subject's subtree reaches into the content (a bad parse): its head's own words only.
            range = trimPhrase(p.subtree(s, except: Set(p.children(s).map { Int($0) })))
        }
        if range.upperBound <= x {
            // A dash, colon or quote between the subject and its cue: a dateline or a heading taken for
            // the subject.
            if let k = (range.upperBound..<x).last(where: { isDash($0) || isColon($0) || isQuote($0) || isTerminal($0) }
            ),
                let sp = speakerBefore(x, limit: k + 1)
            {
                return (sp, how)
            }
            // "ORLANDO, Fla. (Reuters) - President X met ... and said": the dateline taken for the subject of
            // the verb the cue is coordinated with; the speaker is the phrase after the dash, before that verb.
            if governor != x, governor > range.upperBound,
                let k = (range.upperBound..<governor).last(where: { isDash($0) || isColon($0) }),
                let sp = speakerBefore(governor, limit: k + 1)
            {
                return (sp, how)
            }
            // An appositive the parse hung elsewhere: ", a policy-focused conservative," before the cue.
            var e = x
            while e > range.upperBound && isAuxOrAdverb(e - 1) { e -= 1 }
            if e - 1 > range.upperBound && isComma(range.upperBound) && isComma(e - 1) && e - range.upperBound <= 26
                && opensAppositive(range.upperBound + 1, limit: e - 1)
                && !(e - range.upperBound == 3 && flags(range.upperBound + 1).contains(.digits))
                && !(range.upperBound..<e).contains(where: { cue($0) != nil })
            {
                range = range.lowerBound..<e - 1
            }
            // A prepositional phrase the parse hung on the cue between the subject and the cue belongs to the
            // subject ("The Committee | for a Balanced Budget reported", "A reporter | for the Gazette said"):
            // not a time ("on Friday", "after the meeting") or a medium ("in a statement"), nor one set off by
            // commas.
            if governor == x, !range.isEmpty, let syntax = doc.syntax,
                let k = p.children(x).map({ Int($0) }).first(where: { k in
                    Int(p.rel[k]) == ids.obl && p.subtree(k).lowerBound == range.upperBound
                })
            {
                let pp = p.subtree(k)
                var e = x
                while e > pp.upperBound && isAuxOrAdverb(e - 1) { e -= 1 }
                if e == pp.upperBound, syntax.upos[pp.lowerBound] == .adp, !isComma(pp.lowerBound - 1),
                    !QuoteScan.relativeWords.contains(lower[range.upperBound - 1]),
                    !QuoteScan.timePrepositions.contains(lower[pp.lowerBound]),
                    !pp.contains(where: { classes($0).contains(.time) || classes($0).contains(.medium) || isPunct($0) })
                {
                    range = range.lowerBound..<pp.upperBound
                }
            }
            // Name and title words the parse left out on the left ("Japanese Defence | Minister ..."); not
            // before a pronoun ("Late Saturday | he announced").
            if !(range.count == 1 && classes(s).contains(.pronoun)) {
                range = extendLeft(from: range.lowerBound, limit: r.lowerBound)..<range.upperBound
            }
        }
        return (phrase(range, head: s), how)
    }

    /// The span of a subject noun phrase: its subtree without clauses hung on it by a bad parse
    /// (`parataxis`, `advcl`, `obl`, `ccomp`, `dep`), without a relative clause set off by a comma that
    /// reports speech of its own ("Barkley, who said he ..., said"), and without a dateline before a dash
    /// ("WASHINGTON (AP) -- The ministry said").
    func subjectSpan(_ s: Int, parse p: Parse) -> Range<Int> {
        let ids = p.ids
        var except = Set<Int>()
        for c in p.children(s) {
            let ci = Int(c)
            let rc = Int(p.rel[ci])
            if rc == ids.parataxis || rc == ids.advcl || rc == ids.obl || rc == ids.ccomp || rc == ids.discourse
                || (rc >= 0 && p.relationName(rc) == "dep")
            {
                // Hung on the noun by a bad parse: left out when set off by a comma or before the noun.
                let sub = p.subtree(ci)
                if ci < s || (sub.lowerBound > 0 && isComma(sub.lowerBound - 1)) || rc == ids.parataxis {
                    except.insert(ci)
                }
            } else if ci > s && flags(ci).contains(.digits) && isComma(ci - 1)
                && p.subtree(ci).allSatisfy({ $0 == ci || isPunct($0) })
            {
                except.insert(ci)  // an age: "Woodrow Benford, 58,"
            } else if ci > s && p.relationName(rc) == "nmod"
                && QuoteScan.timePrepositions.contains(lower[p.subtree(ci).lowerBound])
            {
                except.insert(ci)  // a time phrase: "Clinton during a town hall meeting", "Sexton after the rally"
            } else if rc == ids.acl && ci > s && endsInIng(ci) && setOffByComma(ci, parse: p)
                && lower[ci] != QuoteScan.acting && lower[ci] != QuoteScan.speaking
            {
                // A participle set off by a comma: "The union, citing ..., said", "Ruiz, celebrating a win in
                // ..., said"; not a title ("acting director") or an anonymity clause ("speaking on condition
                // of anonymity"), which PolNeAR keeps in the source.
                except.insert(ci)
            } else if rc == ids.aclRelcl && ci > s {
                let sub = p.subtree(ci)
                let commaBefore = sub.lowerBound > 0 && isComma(sub.lowerBound - 1)
                if commaBefore && sub.contains(where: { cue($0) != nil || isQuote($0) }) { except.insert(ci) }
            }
        }
        var r = except.isEmpty ? p.subtree(s) : p.subtree(s, except: except)
        // A dateline or a clause before a dash or a colon is not part of the phrase.
        var k = s - 1
        while k >= r.lowerBound {
            if isDash(k) || isColon(k) || isByte(k, UInt8(ascii: ";")) || isTerminal(k) {
                r = k + 1..<r.upperBound
                break
            }
            k -= 1
        }
        // An adverbial before a comma that the parse put in the phrase: "On Monday, the senator said",
        // "In a letter ..., the agency said", a dateline in capitals.
        if let k = (r.lowerBound..<s).last(where: { isComma($0) }) {
            let first = r.lowerBound
            let f = classes(first)
            let allCaps = isCapWord(first) && length(first) > 2 && doc.tokens[first].flags.contains(.allCaps)
            if (f.contains(.prep) || f.contains(.time) || (f.contains(.stop) && !f.contains(.modifier)) || allCaps)
                && k + 1 < r.upperBound
            {
                r = k + 1..<r.upperBound
            }
        }
        return trimPhrase(r)
    }

    /// The span of subject `s` of verb `v`, joined with the verb's other subjects next to it: two subjects
    /// side by side are one phrase the parse cut in two ("Republican pollster | Daron Shaw", "Councillor Ines
    /// | Varga"), or joined by "and" / "or" ("Current | and former officials").
    func joinedSubject(_ s: Int, of v: Int, parse p: Parse) -> Range<Int> {
        var range = subjectSpan(s, parse: p)
        for c in p.children(v) where Int(c) != s {
            let rc = Int(p.rel[Int(c)])
            guard rc == p.ids.nsubj || rc == p.ids.csubj else { continue }
            let other = subjectSpan(Int(c), parse: p)
            let gap =
                other.upperBound <= range.lowerBound
                ? other.upperBound..<range.lowerBound : range.upperBound..<max(range.upperBound, other.lowerBound)
            // "the difference between what they plan and how | experts say": a subject after a question word
            // that closes the other opens a clause of its own; the verb's subject is the one next to it.
            if other.lowerBound >= range.upperBound, gap.isEmpty, range.upperBound - 1 > range.lowerBound,
                QuoteScan.questionWords.contains(lower[range.upperBound - 1]),
                (other.upperBound..<v).allSatisfy({ isAuxOrAdverb($0) })
            {
                return other
            }
            if gap.count <= 2
                && gap.allSatisfy({ isComma($0) || lower[$0] == QuoteScan.and || lower[$0] == QuoteScan.or })
            {
                range = min(other.lowerBound, range.lowerBound)..<max(other.upperBound, range.upperBound)
            }
        }
        return range
    }

    /// The parse's subject of cue `x` when it holds the phrase the word grammar found before the cue and
    /// reaches further back: "A report issued over the summer by the Office for Fairness in Trade noted
    /// that ..." (the word grammar stops at "Trade"). Only auxiliaries and adverbs may stand between the
    /// subject and the cue, and the subject stays within the sentence.
    /// With `leftward` false, the subject may reach further on the right only ("The attorney | general of
    /// the state ..., warning that").
    func parsedSubject(around found: Range<Int>, cue x: Int, sentence r: Range<Int>, leftward: Bool = true)
        -> Range<Int>?
    {
        guard let p = parse, p.analysed[x], let s = p.child(x, p.ids.nsubj), s < x else { return nil }
        let span = subjectSpan(s, parse: p)
        guard span.lowerBound >= r.lowerBound,
            leftward ? span.lowerBound < found.lowerBound : span.lowerBound <= found.lowerBound && span != found,
            span.upperBound >= found.upperBound, span.upperBound <= x,
            (span.upperBound..<x).allSatisfy({ isAuxOrAdverb($0) })
        else { return nil }
        // Across a comma only in a list ("45% of Republicans, 28% of independents and ..."): not an opening
        // phrase the parse took into the subject ("No matter the odds, Trump said ...").
        if let c = (span.lowerBound..<found.lowerBound).last(where: { isComma($0) }),
            !(c + 1..<found.upperBound).contains(where: { lower[$0] == QuoteScan.and || lower[$0] == QuoteScan.or })
        {
            return nil
        }
        return span
    }

    /// For a participle cue right after a medium ("issued a statement saying ...", "sent a letter urging
    /// ..."): the subject of the verb that put the medium out, by the parse (else the phrase before that
    /// verb), when the phrase found before the cue is that medium, the verb's object.
    func issuerOfMedium(_ found: Range<Int>, cue x: Int, sentence r: Range<Int>) -> SpeakerPhrase? {
        guard endsInIng(x), found.upperBound == x, classes(x - 1).contains(.medium), let syntax = doc.syntax
        else { return nil }
        var v = found.lowerBound - 1
        // A particle: "put out a statement".
        if v > r.lowerBound && syntax.upos[v] == .adp && syntax.upos[v - 1] == .verb { v -= 1 }
        guard v > r.lowerBound, syntax.upos[v] == .verb, cue(v) == nil else { return nil }
        if let p = parse, p.analysed[v], let s = p.child(v, p.ids.nsubj), s < v {
            let span = joinedSubject(s, of: v, parse: p)
            guard span.lowerBound >= r.lowerBound, span.upperBound <= v else { return nil }
            return phrase(span, head: s)
        }
        return speakerBefore(v, limit: r.lowerBound)
    }

    /// A phrase range without leading conjunctions and edge punctuation.
    func trimPhrase(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi
            && (isPunct(lo)
                || classes(lo).contains(.stop) && !classes(lo).contains(.modifier)
                    && (lower[lo] == QuoteScan.and || lower[lo] == QuoteScan.but || isPunct(lo)))
        {
            lo += 1
        }
        while hi > lo && isPunct(hi - 1) && !isByte(hi - 1, UInt8(ascii: ")")) { hi -= 1 }
        return hi > lo ? lo..<hi : r
    }

    /// A speaker phrase over `r` headed by `h`: its kind and name from the phrase grammar at the head.
    func phrase(_ r: Range<Int>, head h: Int) -> SpeakerPhrase {
        if r.count == 1 && classes(h).contains(.pronoun) {
            return SpeakerPhrase(range: r, name: nil, kind: .pronoun)
        }
        if let g = phraseEnding(at: h, limit: r.lowerBound) {
            return SpeakerPhrase(range: r, name: g.name, kind: g.kind)
        }
        return SpeakerPhrase(range: r, name: nil, kind: .nominal)
    }
}

extension QuoteScan {
    static let by = StableHash.hash("by")
    static let it = StableHash.hash("it")
    static let there = StableHash.hash("there")
    static let but = StableHash.hash("but")
    static let which = StableHash.hash("which")
    static let acting = StableHash.hash("acting")
    static let speaking = StableHash.hash("speaking")
    static let what = StableHash.hash("what")
    static let questionWords: Set<UInt64> = Set(
        ["how", "what", "why", "where", "when", "whether", "who"].map { StableHash.hash($0) })
}
