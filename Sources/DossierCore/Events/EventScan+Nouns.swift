// Event nouns: "talks with a senior Indian diplomat", "US sanctions on Iran", "their November meeting".

extension EventScan {
    /// Whether a noun pattern's modifier constraint holds ("air strike", "hunger strike").
    func nounFits(_ pat: EventLexicon.Pattern, _ n: Int) -> Bool {
        if pat.objectLemmas.isEmpty { return true }
        return view.children(of: n).contains {
            ["amod", "compound"].contains(view.relation(of: $0) ?? "") && pat.objectLemmas.contains(lemmaHash($0))
        }
    }

    /// The target candidates of an event noun: its prepositional modifiers with the pattern's prepositions.
    func nounTargets(_ n: Int, _ pat: EventLexicon.Pattern) -> (targets: [Int], surface: Bool) {
        var targets: [Int] = []
        for c in view.children(of: n) where view.relation(of: c) == "nmod" || view.relation(of: c) == "acl" {
            if let prep = view.children(of: c, "case").first.map({ lemma($0) }), pat.targetSlots.contains(prep) {
                targets.append(contentsOf: view.conjuncts(of: c))
            }
        }
        if !targets.contains(where: { actor($0) != nil || owner($0) != nil }), !pat.targetSlots.isEmpty,
            let s = surfaceTarget(after: n, pat.targetSlots)
        {
            return ([s], true)
        }
        return (targets, false)
    }

    mutating func codeNoun(_ n: Int, _ patterns: [EventLexicon.Pattern], sentence: Range<Int>) {
        if consumed.contains(n) { return }
        guard let pat = patterns.first(where: { nounFits($0, n) }) else { return }
        // "no criticism", "without talks"
        if view.children(of: n, "det").contains(where: { lemma($0) == "no" }) { return }
        var rule = "noun:\(pat.lemma)@\(pat.line)"
        // "suggestions for negotiations", "the breakdown in the talks": a noun inside another noun's phrase is
        // talked about, not done; so is one governed by a negated, modal or conditional verb.
        if let h = view.head(of: n) {
            let r = view.relation(of: n) ?? ""
            if view.upos(h) == .noun && (r == "nmod" || r == "compound") { return }
            if view.upos(h) == .verb {
                let g = view.verbGroup(of: h)
                if g.negated || g.mood == .modal || g.mood == .conditional { return }
                if let ps = verbPatterns(h), ps.contains(where: { $0.composition == .refuse }) { return }
                if EventScan.cancelVerbs.contains(lemma(h)) || EventScan.cancelVerbs.contains(lemma(h) + "e") {
                    return
                }
            }
        }
        // Own source: possessor, "by" phrase, an actor modifier ("US sanctions", "Chinese attack").
        var sources: [Int] = []
        var pronounPossessor = false
        for c in view.children(of: n) {
            let r = view.relation(of: c) ?? ""
            if r == "nmod:poss" {
                if view.upos(c) == .pron { pronounPossessor = true } else { sources += view.conjuncts(of: c) }
            } else if r == "nmod", view.children(of: c, "case").contains(where: { lemma($0) == "by" }) {
                sources += view.conjuncts(of: c)
            } else if r == "amod" || r == "compound", actor(c) != nil {
                sources.append(c)
            }
        }
        var (targets, surface) = nounTargets(n, pat)
        var implicit = false
        if sources.isEmpty {
            let governor = view.head(of: n)
            let lightObject =
                governor.map {
                    view.relation(of: n) == "obj" && EventScan.lightVerbs.contains(lemma($0))
                } ?? false
            if pat.explicitSource && !pronounPossessor && !lightObject { return }
            // "their meeting": the pair of actors named together in the sentence.
            // "their meeting", "U.S. and Canadian negotiators opened talks": the pair named together in the
            // clause's subject (or, after "their", in the sentence).
            let subjects = implicitSubjects(of: n)
            let range =
                pronounPossessor
                ? sentence
                : subjects.reduce(nil as Range<Int>?) { r, s in
                    let t = view.subtree(of: s)
                    return r.map { min($0.lowerBound, t.lowerBound)..<max($0.upperBound, t.upperBound) } ?? t
                }
            if pat.symmetric && (pronounPossessor || targets.isEmpty), let range,
                let pair = coordinatedPair(in: range)
            {
                sources = pair
                targets = []
                rule += "+pair"
            } else {
                sources = implicitSubjects(of: n)
                implicit = true
                rule += "+clause-subject"
            }
        }
        // A noun that is the target phrase of its own clause's subject ("Blinken had a meeting with X") keeps
        // the subject as source; one inside another actor's phrase is not an act of the subject.
        if surface { rule += "+surface" }
        let reported = isReported(view.head(of: n) ?? n)
        if reported { rule += "+reported" }
        let confidence = 0.75 - (surface ? 0.1 : 0) - (implicit ? 0.1 : 0) - (reported ? 0.05 : 0)
        emit(
            code: pat.code, trigger: n, sources: sources, targets: targets, symmetric: pat.symmetric,
            sentence: sentence, rule: rule, confidence: confidence)
    }

    /// Two actors named together ("Biden and Xi Jinping"): the mentions on either side of a lone "and".
    func coordinatedPair(in sentence: Range<Int>) -> [Int]? {
        for t in sentence where t > sentence.lowerBound && t + 1 < sentence.upperBound && t + 1 < tokenEntity.count {
            guard lemma(t) == "and", view.upos(t) == .cconj else { continue }
            let a = tokenEntity[t - 1]
            let b = tokenEntity[t + 1]
            if a >= 0 && b >= 0 && a != b { return [t - 1, t + 1] }
        }
        return nil
    }
}
