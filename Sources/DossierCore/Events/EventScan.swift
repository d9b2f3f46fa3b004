/// The working state of the events stage over one document.
struct EventScan {
    let doc: Document
    let view: SyntaxView
    let lexicon: EventLexicon
    let codebook: CAMEOCodebook
    /// The actor entity each token belongs to (through its mentions), -1 for none.
    var tokenEntity: [Int32]
    /// Place mentions as (first token, place index), in text order.
    var placeTokens: [(token: Int, place: Int32)] = []
    /// Tokens already coded as part of another event (the complement of "intends to send", the noun of
    /// "imposed sanctions").
    var consumed: Set<Int> = []
    var events: [Event] = []

    /// Verbs whose object noun carries the event ("held talks", "launched air strikes", "imposed sanctions").
    static let lightVerbs: Set<String> = [
        "hold", "have", "launch", "conduct", "carry", "stage", "mount", "make", "issue", "lodge", "begin", "start",
        "resume", "continue", "impose", "announce", "open", "use", "pay", "undertake", "order", "step",
    ]

    static let irrealisNouns: Set<String> = [
        "bid", "attempt", "effort", "plan", "proposal", "offer", "threat", "call", "demand", "request", "hope",
        "chance", "possibility", "willingness", "readiness", "intention", "refusal", "failure",
    ]

    /// Verbs that put off or call off what their object noun names: "postponed their meeting" is no meeting.
    static let cancelVerbs: Set<String> = [
        "postpone", "delay", "defer", "cancel", "scrap", "shelve", "reschedule", "adjourn",
    ]

    static let hypotheticalMarks: Set<String> = ["although", "though", "if", "unless", "whether", "lest"]

    static let forceLemmas: Set<UInt64> = Set(
        ["force", "attack", "strike", "action", "war", "invasion"].map {
            StableHash.hash($0)
        })

    init(document: Document, lexicon: EventLexicon, codebook: CAMEOCodebook) {
        doc = document
        view = SyntaxView(document)
        self.lexicon = lexicon
        self.codebook = codebook
        tokenEntity = [Int32](repeating: -1, count: document.tokens.count)
        // Longer mentions first, so a shorter one inside it ("Japan" in "Japan's Foreign Minister ...") wins
        // its own tokens.
        let order = document.mentions.indices.filter { document.mentions[$0].entity != nil }.sorted {
            let a = document.mentions[$0].span
            let b = document.mentions[$1].span
            return (a.end - a.start) > (b.end - b.start)
        }
        for m in order {
            let mention = document.mentions[m]
            guard let e = mention.entity, EventScan.isActor(document.entities[Int(e)]) else { continue }
            let first = document.tokenIndex(at: Int(mention.span.start))
            var t = first
            while t < document.tokens.count && Int(document.tokens[t].start) < Int(mention.span.end) {
                tokenEntity[t] = e
                t += 1
            }
        }
        for (i, p) in document.places.enumerated() {
            for s in p.mentions { placeTokens.append((document.tokenIndex(at: Int(s.start)), Int32(i))) }
        }
        placeTokens.sort { $0.token < $1.token }
    }

    static func isActor(_ e: Entity) -> Bool { e.code != nil || e.country != nil }

    mutating func run() {
        guard let syn = doc.syntax else { return }
        for s in doc.sentences where !s.flags.contains(.ignored) {
            // Every argument of an event is in its sentence: without two actors there is nothing to code.
            var first: Int32 = -1
            var two = false
            for t in s.tokens where tokenEntity[t] >= 0 {
                if first < 0 {
                    first = tokenEntity[t]
                } else if tokenEntity[t] != first {
                    two = true
                    break
                }
            }
            guard two else { continue }
            for t in s.tokens where syn.analysed[t] && !doc.tokens[t].flags.contains(.ignored) {
                let u = syn.upos[t]
                guard u == .verb || u == .noun else { continue }
                let key = doc.interner.hash(of: syn.lemma[t])
                if u == .verb, let ps = lexicon.verbs[key] ?? verbPatterns(t) {
                    codeVerb(t, ps, sentence: s.tokens)
                } else if u == .noun, let ps = lexicon.nouns[key] {
                    codeNoun(t, ps, sentence: s.tokens)
                }
            }
        }
    }

    // MARK: - Verbs

    /// A verb pattern applied to a predicate: the code and the target candidates it found.
    struct Match {
        var pattern: EventLexicon.Pattern
        var code: String
        var targets: [Int]
        var surfaceTarget: Bool
        var rule: String
    }

    func lemmaHash(_ t: Int) -> UInt64 {
        guard let syn = doc.syntax else { return 0 }
        return doc.interner.hash(of: syn.lemma[t])
    }

    func lemma(_ t: Int) -> String { view.lemma(t) ?? "" }

    /// The verb patterns of a token, also when the lemmatizer cut a past form short ("accused" -> "accus",
    /// "expelled" -> "expell"): the lemma plus "e", or without its doubled last consonant.
    func verbPatterns(_ t: Int) -> [EventLexicon.Pattern]? {
        guard let syn = doc.syntax else { return nil }
        let id = syn.lemma[t]
        let h = doc.interner.hash(of: id)
        if let ps = lexicon.verbs[h] { return ps }
        let withE = (h ^ 0x65) &* StableHash.prime
        if let ps = lexicon.verbs[withE] { return ps }
        return doc.interner.withBytes(of: id) { b -> [EventLexicon.Pattern]? in
            guard b.count > 3, b[b.count - 1] == b[b.count - 2] else { return nil }
            return lexicon.verbs[StableHash.hash(UnsafeBufferPointer(rebasing: b[..<(b.count - 1)]))]
        }
    }

    /// The pattern of verb `p` (particle and object constraint checked) with its targets.
    func match(_ p: Int, _ patterns: [EventLexicon.Pattern], passive: Bool) -> Match? {
        let objects = passive ? [] : view.objects(of: p)
        let particles = Set(view.children(of: p, "compound:prt").map { lemma($0) })
        let obliques = view.obliques(of: p)
        for pat in patterns {
            if let prt = pat.particle {
                guard particles.contains(prt) || obliques.contains(where: { $0.preposition == prt }) else { continue }
            }
            var constrained: Int?
            if !pat.objectLemmas.isEmpty {
                let pool = passive ? view.subjects(of: p) : objects
                constrained = pool.first { o in
                    pat.objectLemmas.contains(lemmaHash(o))
                        || view.children(of: o).contains {
                            ["amod", "compound"].contains(view.relation(of: $0) ?? "")
                                && pat.objectLemmas.contains(lemmaHash($0))
                        }
                }
                guard constrained != nil else { continue }
            }
            var targets: [Int] = []
            for slot in pat.targetSlots {
                if slot == "obj" {
                    targets += (passive ? view.subjects(of: p) : objects).filter { $0 != constrained }
                } else {
                    // "met with Xi and Modi": every conjunct of the phrase.
                    targets += obliques.filter { $0.preposition == slot }.flatMap { view.conjuncts(of: $0.token) }
                    if let o = constrained ?? objects.first {
                        targets += view.children(of: o, "nmod").filter { n in
                            view.children(of: n, "case").contains { lemma($0) == slot }
                        }.flatMap { view.conjuncts(of: $0) }
                    }
                }
            }
            if let prt = pat.particle {
                targets += obliques.filter { $0.preposition == prt }.flatMap { view.conjuncts(of: $0.token) }
            }
            if let c = constrained { targets.append(c) }  // its owner: "released Japanese prisoners"
            var surface = false
            if !pat.targetSlots.isEmpty && !pat.speech
                && !targets.contains(where: { actor($0) != nil || owner($0) != nil })
            {
                let preps = pat.targetSlots.filter { $0 != "obj" }
                if let s = surfaceTarget(after: p, preps) {
                    targets.append(s)
                    surface = true
                }
            }
            var rule = "verb:\(pat.lemma)" + (pat.particle.map { " \($0)" } ?? "") + "@\(pat.line)"
            if constrained != nil { rule += "+object" }
            return Match(pattern: pat, code: pat.code, targets: targets, surfaceTarget: surface, rule: rule)
        }
        return nil
    }

    mutating func codeVerb(_ p: Int, _ patterns: [EventLexicon.Pattern], sentence: Range<Int>) {
        if consumed.contains(p) { return }
        let group = view.verbGroup(of: p)
        let rel = view.relation(of: p) ?? ""
        // A complement of a verb that has a pattern of its own is coded with it ("urged X to release").
        if rel == "xcomp", let h = view.head(of: p), verbPatterns(h) != nil, view.upos(h) == .verb {
            return
        }
        guard var m = match(p, patterns, passive: group.passive) else { return }
        var rule = m.rule
        if group.negated != m.pattern.negated { return }
        // "offering no criticism"; "although recognizing", "if it attacks": no act stated.
        if view.objects(of: p).contains(where: { o in view.children(of: o, "det").contains { lemma($0) == "no" } }) {
            return
        }
        if view.children(of: p, "mark").contains(where: { EventScan.hypotheticalMarks.contains(lemma($0)) }) {
            return
        }
        // "Neither Russia nor China attacked Japan": denied for every subject.
        if !m.pattern.negated,
            (view.children(of: p) + view.subjects(of: p).flatMap { view.children(of: $0) }).contains(where: {
                (lemma($0) == "neither" || lemma($0) == "nor") && (view.relation(of: $0) ?? "").hasPrefix("cc")
            })
        {
            return
        }
        var code = m.code
        let aboutTo = rel == "xcomp" && view.head(of: p).map { EventScan.isAboutTo($0, view) } == true
        var future = group.tense == .future || aboutTo
        if group.mood == .conditional {
            // "said it would send troops": future in reported speech.
            guard group.modal == "would", isReported(p) else { return }
            future = true
        } else if group.mood == .modal {
            return
        }
        var targets = m.targets
        var surface = m.surfaceTarget
        if m.pattern.composition != .none {
            if let (c, comp, compTargets, compSurface) = complement(of: p, m.pattern) {
                guard let composed = EventCodes.compose(m.pattern.composition, verb: m.code, complement: c) else {
                    return
                }
                code = composed
                rule += "+\(m.pattern.composition.rawValue)"
                consumed.formUnion(comp)
                for c in comp { consumed.formUnion(view.objects(of: c)) }
                if m.pattern.composition != .appeal && !compTargets.isEmpty {
                    targets = compTargets
                    surface = compSurface
                }
            } else if m.pattern.negated {
                return
            } else {
                // No complement: only a target named as the object or after the pattern's preposition.
                targets = targets.filter { actor($0) != nil }
            }
        } else if future {
            let r = EventCodes.root(code)
            if (4...8).contains(r) {
                guard let c = EventCodes.intent(code) else { return }
                code = c
            } else if r >= 13 {
                code = EventCodes.threat(code)
            } else {
                return
            }
            rule += "+future"
        }
        m.code = code
        // Objects that are event nouns are coded here, not again on their own ("imposed sanctions on").
        for o in view.objects(of: p) where lexicon.nouns[lemmaHash(o)] != nil { consumed.insert(o) }
        var sources: [Int]
        var implicit = false
        if group.passive {
            sources = view.obliques(of: p).filter { $0.preposition == "by" }.map(\.token)
        } else {
            sources = view.subjects(of: p)
            if sources.isEmpty {
                sources = implicitSubjects(of: p)
                implicit = true
            }
        }
        sources = sources.map { relativeAntecedent($0) }
        if group.passive { rule += "+passive" }
        if surface { rule += "+surface" }
        if implicit { rule += "+implicit-subject" }
        let reported = isReported(p)
        if reported { rule += "+reported" }
        var confidence = 0.85 - (surface ? 0.15 : 0) - (implicit ? 0.1 : 0) - (reported ? 0.05 : 0)
        if m.pattern.speech { confidence -= 0.1 }
        let slots = m.pattern.targetSlots
        emit(
            code: code, trigger: p, sources: sources, targets: targets, symmetric: m.pattern.symmetric,
            sentence: sentence, rule: rule, confidence: confidence,
            locativeTargets: m.pattern.composition == .none && (slots.contains("in") || slots.contains("at")))
    }

    /// The code of the complement clause of an intent/threat/refusal/appeal verb, with the complement's token
    /// and its targets: "intends to send a mission to Taiwan" -> (042, send, [Taiwan]).
    func complement(of p: Int, _ pat: EventLexicon.Pattern) -> (String, [Int], [Int], Bool)? {
        var comps = view.children(of: p, "xcomp") + view.children(of: p, "ccomp")
        comps += view.children(of: p, "advcl").filter { a in
            pat.negated || view.children(of: a, "mark").contains { lemma($0) == "to" }
        }
        if pat.negated { comps += view.objects(of: p) }
        for c in comps {
            if view.upos(c) == .verb, let ps = verbPatterns(c),
                let m = match(c, ps, passive: view.verbGroup(of: c).passive)
            {
                return (m.code, [c], m.targets, m.surfaceTarget)
            }
            // "to hold talks", "to impose sanctions": an event noun as the object of a light verb.
            let light = view.upos(c) != .verb || EventScan.lightVerbs.contains(lemma(c))
            for o in [c] + view.objects(of: c) where light || o == c {
                if let ps = lexicon.nouns[lemmaHash(o)], let pat = ps.first(where: { nounFits($0, o) }) {
                    return (pat.code, [c, o], nounTargets(o, pat).targets, false)
                }
                if (pat.composition == .threat || pat.negated) && EventScan.forceLemmas.contains(lemmaHash(o)) {
                    return ("190", [c, o], [], false)
                }
            }
        }
        return nil
    }

    /// Whether the predicate is the content of something somebody said ("X said Y attacked Z").
    func isReported(_ p: Int) -> Bool {
        var x = p
        for _ in 0..<4 {
            guard let r = view.relation(of: x), r == "ccomp" || r == "parataxis" || r == "conj",
                let h = view.head(of: x)
            else { return false }
            if let ps = verbPatterns(h), ps.contains(where: { $0.speech }) { return true }
            x = h
        }
        return false
    }

    /// The subjects a predicate without one takes from the clause it depends on: "passed a resolution praising
    /// Taiwan" (the resolution's verb), "decided to resume talks" (the controlling verb).
    func implicitSubjects(of p: Int) -> [Int] {
        var x = p
        for _ in 0..<6 {
            guard let h = view.head(of: x), let r = view.relation(of: x) else { return [] }
            let hu = view.upos(h)
            // "Russia is about to restore ties": the subject of "about" (an imminent act, coded as intent).
            if r == "xcomp", EventScan.isAboutTo(h, view) { return view.subjects(of: h) }
            // Only through verbs (complements, adverbial clauses, coordination) and through a noun that a
            // participle modifies; never across what somebody said ("..., officials said") or an adjective
            // ("willing to", "likely to": not an act).
            if hu == .verb {
                guard ["xcomp", "advcl", "conj", "acl", "obj", "obl"].contains(r) || r.hasPrefix("advcl") else {
                    return []
                }
                if let ps = verbPatterns(h), ps.contains(where: { $0.speech }) { return [] }
                let s = view.subjects(of: h)
                if !s.isEmpty { return view.verbGroup(of: h).passive ? [] : s }
            } else if hu == .noun {
                guard r.hasPrefix("acl") || r == "nmod" && view.upos(x) == .noun else { return [] }
                // "his failed bid to trade arms", "a plan to visit": attempted or planned, not done.
                if EventScan.irrealisNouns.contains(lemma(h)) { return [] }
            } else {
                return []
            }
            x = h
        }
        return []
    }

    /// Whether `h` is the "about" of "is about to ...".
    static func isAboutTo(_ h: Int, _ view: SyntaxView) -> Bool {
        view.lemma(h) == "about" && view.upos(h) == .adj && !view.children(of: h, "cop").isEmpty
    }

    /// "which" in a relative clause stands for the noun the clause modifies.
    func relativeAntecedent(_ t: Int) -> Int {
        guard view.upos(t) == .pron, ["which", "who", "that"].contains(lemma(t)),
            let v = view.head(of: t), view.relation(of: v) == "acl:relcl", let n = view.head(of: v)
        else { return t }
        return n
    }
}
