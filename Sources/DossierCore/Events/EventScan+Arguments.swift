// Finding the actors of arguments, and making events.

extension EventScan {
    static let physicalTargets: Set<UInt64> = Set(
        [
            "ship", "tanker", "supertanker", "vessel", "boat", "base", "village", "town", "city", "convoy", "plane",
            "aircraft", "embassy", "position", "troop", "force", "soldier", "territory", "border", "post", "camp",
            "facility", "port", "oil", "platform", "installation", "target", "civilian", "patrol", "outpost",
            "drone", "helicopter", "jet", "warship", "road", "area", "district", "neighborhood", "neighbourhood",
        ].map { StableHash.hash($0) })

    static let actorRelationRank: [String: Int] = [
        "appos": 0, "flat": 0, "flat:name": 0, "fixed": 0, "nmod:poss": 1, "nmod:desc": 2, "compound": 3, "amod": 3,
        "nmod": 4,
    ]

    /// The actor entity an argument stands for: its own mention, else one inside its phrase ("President Joe
    /// Biden's administration" -> Biden, "a senior Indian diplomat" -> the group), else an apposition after it
    /// ("the front-runner, Lai Ching-te").
    func actor(_ t: Int, strict: Bool = false) -> Int32? {
        if tokenEntity[t] >= 0 { return tokenEntity[t] }
        // Breadth first, two levels; at each level a name in apposition beats a possessor, which beats a
        // country modifier ("US Secretary of State Antony Blinken" is Blinken, not the US).
        var frontier = [t]
        for _ in 0..<2 {
            var next: [Int] = []
            var best: (rank: Int, entity: Int32)?
            for x in frontier {
                for c in view.children(of: x) {
                    guard let r = view.relation(of: c), var rank = EventScan.actorRelationRank[r] else { continue }
                    // A party met or visited is an actor itself, not a thing of one ("met U.S. complaints").
                    if strict && rank > 2 { continue }
                    if r == "nmod" {
                        // "thousands of Armenians", "a group of Chinese officials", "soldiers from Russia"
                        guard view.upos(x) == .num || view.upos(x) == .noun,
                            view.children(of: c, "case").contains(where: { lemma($0) == "of" || lemma($0) == "from" })
                        else { continue }
                        rank = 4
                    }
                    if tokenEntity[c] >= 0, best.map({ rank < $0.rank }) ?? true { best = (rank, tokenEntity[c]) }
                    next.append(c)
                }
            }
            if let best { return best.entity }
            frontier = next
        }
        if view.upos(t) == .noun, t + 2 < doc.tokens.count, doc.string(of: doc.tokens[t + 1]) == ",",
            tokenEntity[t + 2] >= 0
        {
            return tokenEntity[t + 2]
        }
        return nil
    }

    /// The actor an argument belongs to when it is no actor itself: "the policy of China", "an attack by
    /// Russia" (a possessor or an actor modifier is found by ``actor(_:strict:)`` already).
    func owner(_ t: Int) -> Int32? {
        for c in view.children(of: t) {
            let r = view.relation(of: c) ?? ""
            if r == "nmod", view.children(of: c, "case").contains(where: { lemma($0) == "of" || lemma($0) == "by" }),
                let e = actor(c)
            {
                return e
            }
        }
        return nil
    }

    /// The target found by reading on from the predicate when the parse attached it elsewhere: the first of the
    /// prepositions, then the head actor of its phrase ("a second round of talks at the Foreign Ministry on Monday
    /// with Kenya's Trade Minister Amina Odhiambo"). Stops at the next clause.
    func surfaceTarget(after p: Int, _ preps: [String]) -> Int? {
        guard !preps.isEmpty, let syn = doc.syntax else { return nil }
        let end = min(doc.tokens.count, p + 16)
        var i = p + 1
        while i < end {
            let u = syn.upos[i]
            if u == .verb || u == .sconj || u == .cconj && i > p + 1 || lemma(i) == ";" || lemma(i) == "." {
                return nil
            }
            if u == .adp, preps.contains(lemma(i)) {
                var best: Int?
                var j = i + 1
                while j < min(doc.tokens.count, i + 9) {
                    let uj = syn.upos[j]
                    if uj == .verb || uj == .punct && lemma(j) != "'s" || uj == .adp && lemma(j) != "of" { break }
                    if tokenEntity[j] >= 0 { best = j }
                    j += 1
                }
                return best
            }
            i += 1
        }
        return nil
    }

    func code(of e: Int32) -> String? {
        let x = doc.entities[Int(e)]
        return x.code ?? x.country
    }

    func country(of e: Int32) -> String? {
        let x = doc.entities[Int(e)]
        return x.country ?? x.code.map { String($0.prefix(3)) }
    }

    /// Whether an act between two actors is a self-event to skip: the same actor or country, unless both are
    /// coded domestic actors of different sectors (USAGOV -> USALEG).
    func isSelfEvent(_ a: Int32, _ b: Int32) -> Bool {
        if a == b { return true }
        guard let ca = code(of: a), let cb = code(of: b) else { return true }
        if ca == cb { return true }
        if country(of: a) == country(of: b) { return ca.count <= 3 || cb.count <= 3 }
        return false
    }

    /// The span that states the event: from the first to the last of trigger, source and target tokens.
    func evidenceSpan(_ tokens: [Int]) -> ByteSpan {
        let lo = tokens.min() ?? 0
        let hi = tokens.max() ?? 0
        // Extend the last token to the end of its mention ("Yoko Kamikawa", not "Yoko").
        var h = hi
        let e = tokenEntity[hi]
        while e >= 0 && h + 1 < doc.tokens.count && tokenEntity[h + 1] == e && h < hi + 4 { h += 1 }
        return ByteSpan(Int(doc.tokens[lo].start)..<Int(doc.tokens[h].end))
    }

    /// Whether the phrase of a token is introduced by "in" or "at" (a place, not a party).
    func isLocative(_ t: Int) -> Bool {
        // "in Reykjavik, Iceland": the apposition or conjunct of a place phrase is a place too.
        if let r = view.relation(of: t), r == "appos" || r == "conj" || r == "flat", let h = view.head(of: t),
            view.children(of: h, "case").contains(where: { ["in", "at"].contains(lemma($0)) })
        {
            return true
        }
        if view.children(of: t, "case").contains(where: { ["in", "at"].contains(lemma($0)) }) {
            return true
        }
        var s = t
        let e = tokenEntity[t]
        while e >= 0 && s > 0 && tokenEntity[s - 1] == e { s -= 1 }
        return s > 0 && ["in", "at"].contains(lemma(s - 1)) && view.upos(s - 1) == .adp
    }

    /// The place of an event: a place named after "in", "at" or "near" in its sentence, nearest the trigger.
    func place(for trigger: Int, in sentence: Range<Int>) -> Int32? {
        let clause = view.subtree(of: view.clause(of: trigger))
        var best: (Int, Int32)?
        for (t, p) in placeTokens where sentence.contains(t) && clause.contains(t) && t > sentence.lowerBound {
            guard ["in", "at", "near"].contains(lemma(t - 1)) else { continue }
            let d = abs(t - trigger)
            if best.map({ d < $0.0 }) ?? true { best = (d, p) }
        }
        return best?.1
    }

    /// Makes the events of one predicate: every source actor with every target actor; symmetric predicates
    /// with two or more sources and no target code each pair both ways ("Biden and Xi met").
    mutating func emit(
        code: String, trigger: Int, sources: [Int], targets: [Int], symmetric: Bool, sentence: Range<Int>,
        rule: String, confidence: Double, locativeTargets: Bool = false
    ) {
        guard let found = codebook[code] else { return }
        let srcs = sources.compactMap { s in actor(s).map { (s, $0) } }
        // The owner of a non-actor object ("criticized China's policy") is a target for acts about things, not
        // for meetings or visits ("met U.S. complaints"); a place after "in" or "at" is no target, unless the
        // pattern names that preposition ("arrived in Kyiv", "fired shells at Seoul").
        let owners = found.root != "04" && found.root != "01"
        var tgts = targets.filter { locativeTargets || !isLocative($0) }.compactMap { t in
            (actor(t, strict: !owners) ?? (owners ? owner(t) : nil)).map { (t, $0) }
        }
        var code = code
        var entry = found
        var rule = rule
        // Violence against a thing of an actor that is no physical target ("attacked Japan's fiscal policy") is
        // a verbal attack: criticism.
        if entry.root >= "18", let (t, _) = tgts.first, actor(t, strict: true) == nil,
            !EventScan.physicalTargets.contains(lemmaHash(t)), let c = codebook["111"]
        {
            code = "111"
            entry = c
            rule += "+verbal"
        }
        // A symmetric act coded both ways needs exactly two parties; a list of five is no meeting of them all.
        if tgts.isEmpty && symmetric && Set(srcs.map(\.1)).count == 2 {
            tgts = srcs
            rule += "+symmetric"
        }
        guard !srcs.isEmpty, !tgts.isEmpty else { return }
        let date = doc.eventDate(forTokens: trigger..<(trigger + 1))
        let dateRule = date.source == .timex ? "date:timex" : "date:published"
        let placeIndex = place(for: trigger, in: sentence)
        let triggerSpan = ByteSpan(doc.tokens[trigger].range)
        var seen: Set<[Int32]> = []
        for (sTok, s) in srcs {
            for (tTok, t) in tgts where !isSelfEvent(s, t) && seen.insert([s, t]).inserted {
                let span = evidenceSpan([sTok, trigger, tTok])
                let r = rule + ";" + dateRule
                events.append(
                    Event(
                        code: code, root: entry.root, plover: entry.plover, quadClass: entry.quadClass,
                        goldstein: entry.goldstein, source: s, target: t, sourceCode: self.code(of: s),
                        targetCode: self.code(of: t), date: date.value, place: placeIndex, span: span,
                        trigger: triggerSpan,
                        provenance: Provenance(stage: "events", rule: r, confidence: max(0.05, min(1, confidence))),
                        evidence: [EventEvidence(span: span, trigger: triggerSpan, rule: r)]))
            }
        }
    }
}
