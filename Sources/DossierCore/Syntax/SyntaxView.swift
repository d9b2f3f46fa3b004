/// Read-only questions about the syntax of a document, for later stages (quotes, time, events).
///
/// All tokens are document token indices. A view over a document without a syntax layer answers nothing
/// (nil, empty arrays, false).
///
///     let v = SyntaxView(doc)
///     for s in v.subjects(of: said) { ... }        // "said Miller": Miller
///     v.verbGroup(of: met).tense                   // .past
public struct SyntaxView: Sendable {
    public let document: Document
    let a: SyntaxAnnotations?
    /// Children of each token in order (CSR form).
    let childStart: [Int32]
    let childList: [Int32]

    public init(_ document: Document) {
        self.document = document
        self.a = document.syntax
        let n = document.tokens.count
        var counts = [Int32](repeating: 0, count: n + 1)
        if let a = document.syntax {
            for h in a.head where h >= 0 { counts[Int(h) + 1] += 1 }
        }
        for i in 0..<n { counts[i + 1] += counts[i] }
        var list = [Int32](repeating: 0, count: Int(counts[n]))
        var fill = counts
        if let a = document.syntax {
            for (d, h) in a.head.enumerated() where h >= 0 {
                list[Int(fill[Int(h)])] = Int32(d)
                fill[Int(h)] += 1
            }
        }
        childStart = counts
        childList = list
    }

    /// Whether the token was tagged and parsed.
    public func isAnalysed(_ t: Int) -> Bool { a?.analysed[t] ?? false }

    public func upos(_ t: Int) -> UPOS? { a.map { $0.upos[t] } }
    public func xpos(_ t: Int) -> String? { a.map { $0.xposNames[Int($0.xpos[t])] } }
    public func lemma(_ t: Int) -> String? { a.map { document.interner.string($0.lemma[t]) } }

    /// The head of a token; nil for a sentence root or without syntax.
    public func head(of t: Int) -> Int? {
        guard let a, a.head[t] >= 0 else { return nil }
        return Int(a.head[t])
    }

    /// The relation of a token to its head (`nsubj`, `obl:tmod`, `root`...); nil without syntax.
    public func relation(of t: Int) -> String? {
        guard let a, a.analysed[t], !a.relations.isEmpty else { return nil }
        return a.relations[Int(a.relation[t])]
    }

    /// The universal part of the relation (`obl` for `obl:tmod`).
    public func baseRelation(of t: Int) -> Substring? {
        relation(of: t).map { $0.split(separator: ":").first ?? Substring($0) }
    }

    /// The dependents of a token, left to right.
    public func children(of t: Int) -> [Int] {
        childList[Int(childStart[t])..<Int(childStart[t + 1])].map { Int($0) }
    }

    /// The dependents with a relation (exact, or any subtype of it when `relation` has no colon).
    public func children(of t: Int, _ relation: String) -> [Int] {
        children(of: t).filter { c in
            guard let r = self.relation(of: c) else { return false }
            return r == relation || (!relation.contains(":") && r.hasPrefix(relation + ":"))
        }
    }

    /// The token range of the subtree headed by `t` (contiguous for projective trees; else its span).
    public func subtree(of t: Int) -> Range<Int> {
        var lo = t
        var hi = t
        var stack = [t]
        while let x = stack.popLast() {
            lo = min(lo, x)
            hi = max(hi, x)
            stack += children(of: x)
        }
        return lo..<(hi + 1)
    }

    /// Subjects of a predicate (`nsubj`, `nsubj:pass`, `csubj`); a verb coordinated with an earlier one
    /// without a subject of its own shares the first conjunct's ("Miller arrived and spoke").
    public func subjects(of p: Int) -> [Int] {
        let own = children(of: p).filter {
            ["nsubj", "nsubj:pass", "csubj", "csubj:pass"].contains(relation(of: $0) ?? "")
        }
        if own.isEmpty, relation(of: p) == "conj", let h = head(of: p) { return subjects(of: h) }
        return expand(own)
    }

    /// Direct and indirect objects of a predicate (`obj`, `iobj`), with their conjuncts.
    public func objects(of p: Int) -> [Int] {
        expand(children(of: p).filter { ["obj", "iobj"].contains(relation(of: $0) ?? "") })
    }

    /// Oblique arguments and adjuncts of a predicate (`obl`, `obl:tmod`, `obl:agent`...) with the lemma of
    /// their preposition (`case` dependent), if any: "met with Xi" -> (Xi, "with").
    public func obliques(of p: Int) -> [(token: Int, preposition: String?)] {
        children(of: p, "obl").map { o in (o, children(of: o, "case").first.flatMap { lemma($0) }) }
    }

    /// The token and its conjuncts ("Biden and Xi": both).
    public func conjuncts(of t: Int) -> [Int] {
        var out = [t]
        var i = 0
        while i < out.count {
            out += children(of: out[i], "conj")
            i += 1
        }
        return out
    }

    /// The first conjunct of a coordination the token belongs to (itself if it is not a conjunct).
    public func coordinationHead(of t: Int) -> Int {
        var x = t
        while relation(of: x) == "conj", let h = head(of: x) { x = h }
        return x
    }

    /// The appositions of a nominal ("Miller, the minister": the minister).
    public func appositions(of t: Int) -> [Int] { children(of: t, "appos") }

    func expand(_ heads: [Int]) -> [Int] { heads.flatMap { conjuncts(of: $0) } }

    static let clauseRelations: Set<String> = [
        "root", "ccomp", "xcomp", "advcl", "acl", "acl:relcl", "csubj", "csubj:pass", "parataxis", "conj",
    ]

    /// The head of the clause a token belongs to: the nearest ancestor (or itself) that is a verb or a
    /// predicate heading a clause relation (`root`, `ccomp`, `advcl`, `acl:relcl`, `parataxis`, ...).
    public func clause(of t: Int) -> Int {
        var x = t
        var steps = 0
        while steps < 1000 {
            steps += 1
            if let r = relation(of: x), SyntaxView.clauseRelations.contains(r) {
                if r != "conj" || upos(x) == .verb || !subjects(of: x).isEmpty { return x }
            }
            guard let h = head(of: x) else { return x }
            x = h
        }
        return x
    }

    /// The predicate a token depends on as an argument (its head when it is a subject, object or oblique).
    public func predicate(of t: Int) -> Int? {
        guard let r = baseRelation(of: t) else { return nil }
        if ["nsubj", "obj", "iobj", "obl", "csubj", "ccomp", "xcomp", "advcl"].contains(String(r)) {
            return head(of: coordinationHead(of: t))
        }
        return nil
    }

    // MARK: - Verb groups

    public enum Tense: String, Sendable { case past, present, future, none }
    public enum Mood: String, Sendable { case indicative, modal, conditional, imperative, infinitive }

    /// Tense, aspect, mood, voice and polarity of the verb group of a predicate.
    public struct VerbGroup: Sendable, Hashable {
        /// The content verb (or predicate) and its auxiliaries, left to right.
        public var predicate: Int
        public var auxiliaries: [Int]
        public var tense: Tense
        public var perfect: Bool
        public var progressive: Bool
        public var mood: Mood
        /// The modal's lemma (`can`, `must`, `would`...) when there is one.
        public var modal: String?
        public var passive: Bool
        public var negated: Bool
    }

    /// The verb group of a predicate: "had not been told" -> past perfect passive, negated.
    public func verbGroup(of p: Int) -> VerbGroup {
        let auxes = children(of: p).filter { ["aux", "aux:pass", "cop"].contains(relation(of: $0) ?? "") }
        var g = VerbGroup(
            predicate: p, auxiliaries: auxes, tense: .none, perfect: false, progressive: false, mood: .indicative,
            modal: nil, passive: false, negated: false)
        g.passive = children(of: p).contains {
            ["aux:pass", "nsubj:pass", "csubj:pass", "expl:pass"].contains(relation(of: $0) ?? "")
        }
        g.negated = children(of: p).contains { c in
            let l = lemma(c) ?? ""
            return (relation(of: c) == "advmod" || relation(of: c) == "det" || relation(of: c) == "neg")
                && (l == "not" || l == "never" || l == "no")
        }
        let verbs = (auxes + [p]).sorted()
        for (k, v) in verbs.enumerated() {
            let x = xpos(v) ?? ""
            let l = lemma(v) ?? ""
            if x == "MD" {
                if l == "will" || l == "shall" || l == "'ll" || l == "wo" {
                    if g.tense == .none { g.tense = .future }
                } else if l == "would" || l == "could" || l == "might" || l == "should" {
                    g.mood = .conditional
                    g.modal = l
                } else {
                    g.mood = .modal
                    g.modal = l
                }
                continue
            }
            if g.tense == .none {
                if x == "VBD" { g.tense = .past } else if x == "VBZ" || x == "VBP" { g.tense = .present }
            }
            if l == "have" && k + 1 < verbs.count && xpos(verbs[k + 1]) == "VBN" { g.perfect = true }
            if l == "be" && k + 1 < verbs.count && xpos(verbs[k + 1]) == "VBG" { g.progressive = true }
        }
        if g.tense == .none && g.mood == .indicative && xpos(verbs[0]) == "VB" {
            let hasTo = children(of: p, "mark").contains { lemma($0) == "to" }
            if hasTo || relation(of: p) == "xcomp" {
                g.mood = .infinitive
            } else if subjects(of: p).isEmpty && relation(of: p) == "root" {
                g.mood = .imperative
                g.tense = .present
            }
        }
        return g
    }
}
