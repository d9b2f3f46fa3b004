/// The dependency parser: the arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) with
/// a greedy averaged-perceptron classifier trained with a dynamic oracle (Goldberg and Nivre 2013).
///
/// Two perceptrons share one configuration: `actions` chooses SHIFT, LEFT or RIGHT from features of the stack,
/// the buffer, the children found so far, distances and valencies (Zhang and Nivre 2011); `labels` chooses
/// the relation of each arc when it is made, from features of the dependent (whose children are all known by
/// then in arc-hybrid), its head and the direction. Other models of this type search labelled transitions with
/// a beam (`ParserBeam.swift`), in the arc-eager system (`ParserArcEager.swift`) or easy-first
/// (`ParserEasyFirst.swift`), as their config says.
public struct ParserModel: Sendable {
    public static let kind = "parser"
    /// The feature templates of newly trained models (the committed models'); models of every version in
    /// ``featureVersions`` load. Version 3 (`train parser --features 3`) adds head-choice conjunctions (s1 and b0
    /// against s0 with one word), counts of verbs and punctuation between the words compared, children words,
    /// and relation templates with the dependent's first child word and the head word: +0.3 UAS before
    /// pruning, but about 20% slower parsing and most of the gain lost when pruned to a few MB. Version 4 has
    /// version 2's action templates and version 3's relation templates. Version 5 (issue 4's sixth session) is
    /// version 4 with action templates on the ambiguity classes of s0, s1, b0 and b1 (the set of tags the word
    /// took in the tagger's training data, ``SyntaxTables/ambiguity``, filled from the tagger), alone, with the
    /// predicted tag and in pairs: features that depend less on the single predicted tag. Version 6 (sixteenth
    /// session) is version 5 with ten action templates on the tagger's runner-up tag of s0, s1, b0 and b1 where
    /// the tagger was unsure (margin under ``runnerUpMargin``; ``SyntaxTables/runnerUp``), with the word's tag,
    /// word and a margin step, and in pairs: the parser learns how far to trust an unsure tag.
    public static let featureVersion = 2
    public static let featureVersions = 2...6
    static let maxFeatures = 128
    /// Version 6: the tagger margin under which a word's runner-up tag is read, and the margin under which it
    /// counts as very unsure.
    static let runnerUpMargin: Float = 30
    static let runnerUpClose: Float = 10

    /// Relation names (UD, with subtypes).
    public let labels: [String]
    /// The action and relation weights. A model read from file keeps only their scoring forms (`actionScorer`,
    /// `labelScorer`) and rebuilds a perceptron from them when asked (re-encoding, pruning).
    public internal(set) var actions: AveragedPerceptron {
        get { held?.actions ?? actionScorer.expanded() }
        set {
            held = (newValue, held?.labeler ?? labelScorer.expanded())
            actionScorer = CompactScorer(newValue)
        }
    }
    public internal(set) var labeler: AveragedPerceptron {
        get { held?.labeler ?? labelScorer.expanded() }
        set {
            held = (held?.actions ?? actionScorer.expanded(), newValue)
            labelScorer = CompactScorer(newValue)
        }
    }
    /// The perceptrons as trained; nil for a model read from file.
    private var held: (actions: AveragedPerceptron, labeler: AveragedPerceptron)?
    /// Inference forms of the two perceptrons.
    public private(set) var actionScorer: CompactScorer
    public private(set) var labelScorer: CompactScorer
    public var config: [(key: String, value: String)]
    /// The feature templates of this model (config `features`).
    public let featureSet: Int
    /// Labelled transitions (config `transitions` = `labelled`): `actions` scores SHIFT, LEFT-rel and
    /// RIGHT-rel together (``classCount(labels:)`` classes) and `labeler` is empty.
    public let labelled: Bool

    public init(
        labels: [String], actions: AveragedPerceptron, labeler: AveragedPerceptron,
        config: [(key: String, value: String)], keepWeights: Bool = true,
        scorers given: (actions: CompactScorer, labels: CompactScorer)? = nil
    ) {
        self.featureSet = Int(config.first(where: { $0.key == "features" })?.value ?? "") ?? ParserModel.featureVersion
        self.labelled = config.contains { $0.key == "transitions" && $0.value == "labelled" }
        self.labels = labels
        self.held = keepWeights ? (actions, labeler) : nil
        self.actionScorer = given?.actions ?? CompactScorer(actions)
        self.labelScorer = given?.labels ?? CompactScorer(labeler)
        self.config = config
    }

    public subscript(key: String) -> String? { config.first(where: { $0.key == key })?.value }

    /// Parses each sentence from its last word to its first (config `direction` = `right-to-left`): the same
    /// transitions over the reversed words, heads mapped back. A parser of the other direction errs elsewhere,
    /// which ``ParserEnsemble`` puts to use.
    public var rightToLeft: Bool { self["direction"] == "right-to-left" }

    /// Joint tagging (config `joint.margin`; 0: none, the tags are the tagger's): a labelled beam model that,
    /// when it shifts a word whose tagger margin is under this, chooses between the tagger's best and
    /// runner-up tags (``SyntaxTables/runnerUp``) with tag features of the configuration, trained with the
    /// parse (Hatori et al. 2011; Bohnet and Nivre 2012). The word's tag in the features from then on is the
    /// chosen one.
    public var jointMargin: Float { Float(self["joint.margin"] ?? "") ?? 0 }
    /// The tag templates of a joint-tagging model (``tagFeatures(_:_:j:tag:into:)``; config `joint.features`).
    public var jointFeatures: Int { Int(self["joint.features"] ?? "") ?? 1 }
    /// The score added to a runner-up tag of a joint-tagging model (config `joint.bias`, 0 by default).
    public var jointBias: Float { Float(self["joint.bias"] ?? "") ?? 0 }
    /// Whether the model reads the tagger's runner-up tags from the tables (``SyntaxTables/runnerUp``): a
    /// joint-tagging model or one of feature version 6.
    public var readsRunnerUps: Bool { ParserModel.readsRunnerUps(featureSet: featureSet, jointMargin: jointMargin) }
    /// Whether a model of these templates and joint-tagging margin reads the runner-ups (before it exists: training).
    public static func readsRunnerUps(featureSet: Int, jointMargin: Float) -> Bool {
        jointMargin > 0 || featureSet >= 6
    }

    /// The beam width used by ``parse(_:tags:sentences:)`` (config `beam`; 1 = greedy).
    public var beamWidth: Int {
        get { max(1, Int(self["beam"] ?? "") ?? 1) }
        set {
            config.removeAll { $0.key == "beam" }
            config.append(("beam", String(max(1, newValue))))
        }
    }

    public static let shift = 0
    public static let left = 1
    public static let right = 2
    /// Arc-eager only (``arcEager``): pops a word that has its head.
    public static let reduce = 3

    /// Classes of a labelled-transition model: SHIFT (0), then LEFT-rel (1 + 2 rel), RIGHT-rel (2 + 2 rel).
    public static func classCount(labels: Int) -> Int { 1 + 2 * labels }
    /// Classes of the action perceptron: an easy-first model's arcs (2 per relation,
    /// ``easyFirstClass(label:headLeft:)``), labelled transitions (``classCount(labels:)``), or SHIFT, LEFT, RIGHT.
    /// An arc-eager model has one more class, REDUCE, after the labelled ones.
    static func actionClasses(labels: Int, labelled: Bool, easyFirst: Bool, arcEager: Bool = false) -> Int {
        easyFirst ? 2 * labels : arcEager ? classCount(labels: labels) + 1 : labelled ? classCount(labels: labels) : 3
    }
    /// The transition of a labelled class.
    @inline(__always) static func action(ofClass c: Int) -> Int { c == 0 ? shift : (c - 1) & 1 == 0 ? left : right }
    /// The relation of a labelled arc class.
    @inline(__always) static func label(ofClass c: Int) -> UInt8 { c == 0 ? 0 : UInt8((c - 1) >> 1) }

    // MARK: - State

    /// The parser configuration of one sentence of `n` words; node `n` is the root.
    struct State {
        let n: Int
        var stack: [Int32]
        var b: Int
        var head: [Int32]
        var label: [UInt8]
        var lc1: [Int32], lc2: [Int32], rc1: [Int32], rc2: [Int32]
        var nl: [UInt8], nr: [UInt8]
        var lset: [UInt64], rset: [UInt64]
        /// Each node's tag as the configuration reads it (joint tagging: the chosen tag of shifted words);
        /// empty: the tagger's (``Values/t``).
        var jt: [UInt64] = []
        /// The arc-eager system (``ParserModel/arcEager``) instead of arc-hybrid.
        var eager = false

        /// Node `x`'s tag as the configuration reads it, and its universal tag.
        @inline(__always) func tag(_ x: Int, _ v: Values) -> UInt64 { jt.isEmpty ? v.t[x] : jt[x] }
        @inline(__always) func upos(_ x: Int, _ v: Values) -> UInt64 { jt.isEmpty ? v.u[x] : jt[x] & 0xff }

        init(_ n: Int) {
            self.n = n
            stack = [Int32(n)]
            stack.reserveCapacity(n + 1)
            b = 0
            head = [Int32](repeating: -1, count: n + 1)
            label = [UInt8](repeating: 0, count: n + 1)
            lc1 = head
            lc2 = head
            rc1 = head
            rc2 = head
            nl = [UInt8](repeating: 0, count: n + 1)
            nr = nl
            lset = [UInt64](repeating: 0, count: n + 1)
            rset = lset
        }

        @inline(__always) var terminal: Bool { b >= n && stack.count == 1 }
        @inline(__always) func s(_ k: Int) -> Int { k < stack.count ? Int(stack[stack.count - 1 - k]) : -1 }
        @inline(__always) func buf(_ k: Int) -> Int { b + k < n ? b + k : -1 }

        func legal(_ a: Int) -> Bool {
            if eager { return legalEager(a) }
            switch a {
            case ParserModel.shift: return b < n
            case ParserModel.left: return b < n && stack.count >= 2
            default:
                guard stack.count >= 2 else { return false }
                return stack[stack.count - 2] != Int32(n) || b >= n
            }
        }

        /// Applies a legal action; arcs get `lab`.
        mutating func apply(_ a: Int, _ lab: UInt8) {
            if eager {
                applyEager(a, lab)
                return
            }
            if a == ParserModel.shift {
                stack.append(Int32(b))
                b += 1
                return
            }
            let d = Int(stack.removeLast())
            let h = a == ParserModel.left ? b : Int(stack[stack.count - 1])
            attach(d, to: h, label: lab)
        }

        /// The number of gold arcs an action makes unreachable (projective gold `gold`, root = n).
        func cost(_ a: Int, _ gold: [Int32]) -> Int {
            let s0 = s(0)
            if a == ParserModel.shift {
                var c = 0
                let b0 = Int32(b)
                for x in stack where Int(x) < n && gold[Int(x)] == b0 { c += 1 }
                let g = Int(gold[b])
                if g != s0 && stack.contains(Int32(g)) { c += 1 }
                return c
            }
            var c = 0
            for x in b..<n where gold[x] == Int32(s0) { c += 1 }
            let g = Int(gold[s0])
            let s1 = s(1)
            if a == ParserModel.left {
                if g != b && (g == s1 || (g >= b && g < n)) { c += 1 }
            } else {
                if g != s1 && g >= b && g < n { c += 1 }
            }
            return c
        }

        /// The cost of a labelled class: the unlabelled cost of its transition (`costs`, by transition) plus 1
        /// when it attaches a word to its gold head with another relation than the gold one.
        @inline(__always)
        func labelledCost(_ cls: Int, _ costs: (Int, Int, Int), _ gold: [Int32], _ goldLabels: [UInt8]) -> Int {
            let a = ParserModel.action(ofClass: cls)
            if a == ParserModel.shift { return costs.0 }
            let d = s(0)
            let h = a == ParserModel.left ? b : s(1)
            let wrong = gold[d] == Int32(h) && goldLabels[d] != ParserModel.label(ofClass: cls) ? 1 : 0
            return (a == ParserModel.left ? costs.1 : costs.2) + wrong
        }
    }

    // MARK: - Features

    static let none: UInt64 = 0x6e6f_6e65
    static let rootValue: UInt64 = 0x726f_6f74

    /// Per-sentence values by node (words `0..<n`, root `n`).
    struct Values {
        var w: [UInt64]
        var t: [UInt64]
        var c: [UInt64]
        var c0: [UInt64]
        var sfx: [UInt64]
        /// Universal tag (low byte of the tag hash).
        var u: [UInt64]
        /// Feature templates (``ParserModel/featureVersions``).
        var version = ParserModel.featureVersion
        /// Ambiguity classes (version 5; `none` when the tables have none).
        var a: [UInt64] = []
        /// Joint tagging: each node's runner-up tag, 0 where the tag is not chosen by the parser, and the
        /// tagger margin in steps of 5 (0-7); the gold tags when training.
        var alt: [UInt64] = []
        var altMargin: [UInt8] = []
        var goldTag: [UInt64] = []
        /// Version 6: each node's runner-up tag (`none` where the tagger is sure or gave none) and its margin
        /// step (0 under ``ParserModel/runnerUpClose``, 1 under ``ParserModel/runnerUpMargin``, 2 sure).
        var ru: [UInt64] = []
        var rm: [UInt64] = []
        /// The tag templates of a joint-tagging model (config `joint.features`: 1, or 2 with the right context).
        var jointFeatures = 1
        /// Added to the score of a runner-up tag (config `joint.bias`): calibrates a joint model to the margins
        /// of the tagger it runs with (its training margins are those of the jackknife taggers).
        var jointBias: Float = 0
        /// The arc-eager system (``ParserModel/arcEager``): the parsers' states are made for it.
        var eager = false
        /// Verbs and punctuation marks before each node (prefix counts; version 3).
        var verbs: [UInt16] = []
        var puncts: [UInt16] = []

        /// Verbs (0-2) and punctuation marks (0-2) strictly between nodes `a < b` as one value.
        @inline(__always) func between(_ a: Int, _ b: Int) -> UInt64 {
            guard a >= 0, b > a + 1, b < verbs.count else { return 0 }
            let nv = min(Int(verbs[b]) - Int(verbs[a + 1]), 2)
            let np = min(Int(puncts[b]) - Int(puncts[a + 1]), 2)
            return UInt64(nv * 3 + np + 1)
        }
    }

    static func values(
        _ tables: SyntaxTables, _ tags: [UInt64], _ r: Range<Int>, version: Int = ParserModel.featureVersion,
        reversed: Bool = false, joint: Float = 0
    ) -> Values {
        if reversed { return values(tables, tags, Array(r.reversed()), version: version, joint: joint) }
        return values(tables, tags, Array(r), version: version, joint: joint)
    }

    /// Values for the words at `r` (a sentence's token indices, in the order parsed). With `joint` (a
    /// margin) and the tables' runner-up tags, the runner-up of each token under that margin.
    static func values(_ tables: SyntaxTables, _ tags: [UInt64], _ r: [Int], version: Int, joint: Float = 0) -> Values {
        let n = r.count
        var v = Values(
            w: [UInt64](repeating: rootValue, count: n + 1), t: [UInt64](repeating: rootValue, count: n + 1),
            c: [UInt64](repeating: rootValue, count: n + 1), c0: [UInt64](repeating: rootValue, count: n + 1),
            sfx: [UInt64](repeating: rootValue, count: n + 1), u: [UInt64](repeating: rootValue, count: n + 1))
        for (k, i) in r.enumerated() {
            v.w[k] = tables.lower[i]
            v.t[k] = tags[i]
            v.c[k] = UInt64(bitPattern: Int64(tables.cluster[i * 3 + 1]))
            v.c0[k] = UInt64(bitPattern: Int64(tables.cluster[i * 3]))
            v.sfx[k] = tables.affix[i * 5 + 2]
            v.u[k] = tags[i] & 0xff
        }
        v.version = version
        if joint > 0 && tables.runnerUp.count == tables.lower.count && tables.tagMargin.count == tables.lower.count {
            v.alt = [UInt64](repeating: 0, count: n + 1)
            v.altMargin = [UInt8](repeating: 7, count: n + 1)
            for (k, i) in r.enumerated() {
                if let (t, m) = tables.runnerUp(i, besides: tags[i], under: joint) {
                    v.alt[k] = t
                    v.altMargin[k] = UInt8(min(max(Int(m / 5), 0), 7))
                }
            }
        }
        if version >= 6 {
            v.ru = [UInt64](repeating: rootValue, count: n + 1)
            v.rm = [UInt64](repeating: rootValue, count: n + 1)
            for (k, i) in r.enumerated() {
                let u = tables.runnerUp(i, besides: tags[i], under: ParserModel.runnerUpMargin)
                v.ru[k] = u?.tag ?? none
                v.rm[k] = u.map { $0.margin < ParserModel.runnerUpClose ? 0 : 1 } ?? 2
            }
        }
        if version >= 5 {
            var a = [UInt64](repeating: rootValue, count: n + 1)
            let known = tables.ambiguity.count == tables.lower.count
            for (k, i) in r.enumerated() { a[k] = known ? tables.ambiguity[i] : none }
            v.a = a
        }
        if version >= 3 {
            var verbs = [UInt16](repeating: 0, count: n + 1)
            var puncts = verbs
            var nv: UInt16 = 0
            var np: UInt16 = 0
            for k in 0..<n {
                verbs[k] = nv
                puncts[k] = np
                let u = v.u[k]
                if u == UInt64(UPOS.verb.rawValue) || u == UInt64(UPOS.aux.rawValue) { nv &+= 1 }
                if u == UInt64(UPOS.punct.rawValue) { np &+= 1 }
            }
            verbs[n] = nv
            puncts[n] = np
            v.verbs = verbs
            v.puncts = puncts
        }
        return v
    }

    /// The values of the words at `order` (a sentence's token indices, in the order parsed) as this model reads
    /// them: its feature templates and, for joint tagging, its margin, tag templates and bias.
    func sentenceValues(_ tables: SyntaxTables, _ tags: [UInt64], _ order: [Int]) -> Values {
        var v = ParserModel.values(tables, tags, order, version: featureSet, joint: jointMargin)
        v.jointFeatures = jointFeatures
        v.jointBias = jointBias
        v.eager = arcEager
        return v
    }

    @inline(__always) static func dist(_ d: Int) -> UInt64 {
        d <= 4 ? UInt64(d) : d <= 6 ? 5 : d <= 9 ? 6 : 7
    }

    /// Features for the action classifier.
    static func actionFeatures(_ st: State, _ v: Values, into f: UnsafeMutablePointer<UInt64>) -> Int {
        var k = 0
        @inline(__always) func add(_ x: UInt64) {
            f[k] = x
            k += 1
        }
        @inline(__always) func W(_ x: Int) -> UInt64 { x < 0 ? none : v.w[x] }
        @inline(__always) func T(_ x: Int) -> UInt64 { x < 0 ? none : st.tag(x, v) }
        @inline(__always) func L(_ x: Int) -> UInt64 { x < 0 ? none : UInt64(st.label[x]) }
        @inline(__always) func C(_ x: Int) -> UInt64 { x < 0 ? none : v.c[x] }
        let s0 = st.s(0), s1 = st.s(1), s2 = st.s(2)
        let b0 = st.buf(0), b1 = st.buf(1), b2 = st.buf(2)
        let s0w = W(s0), s0t = T(s0), s1w = W(s1), s1t = T(s1), b0w = W(b0), b0t = T(b0)
        let b1w = W(b1), b1t = T(b1), b2t = T(b2), s2t = T(s2)
        add(FH.f(1, s0w)); add(FH.f(2, s0t)); add(FH.f(3, s0w, s0t))
        add(FH.f(4, s1w)); add(FH.f(5, s1t)); add(FH.f(6, s1w, s1t))
        add(FH.f(7, b0w)); add(FH.f(8, b0t)); add(FH.f(9, b0w, b0t))
        add(FH.f(10, b1w)); add(FH.f(11, b1t)); add(FH.f(12, b1w, b1t))
        add(FH.f(13, b2t)); add(FH.f(14, W(b2))); add(FH.f(15, s2t))
        add(FH.f(16, FH.f(0, s0w, s0t), b0w, b0t)); add(FH.f(17, s0w, s0t, b0w)); add(FH.f(18, s0w, b0w, b0t))
        add(FH.f(19, s0w, s0t, b0t)); add(FH.f(20, s0t, b0w, b0t)); add(FH.f(21, s0w, b0w)); add(FH.f(22, s0t, b0t))
        add(FH.f(23, b0t, b1t)); add(FH.f(24, s0t, b0t, b1t)); add(FH.f(25, s1t, s0t, b0t)); add(FH.f(26, s1t, s0t))
        add(FH.f(27, s1w, s0w)); add(FH.f(28, s1w, s1t, s0t)); add(FH.f(29, b0t, b1t, b2t));
        add(FH.f(30, s2t, s1t, s0t))
        add(FH.f(84, s1t, s0w, s0t)); add(FH.f(85, s1t, s0t, b1t))
        let hasWords = s0 >= 0 && s0 < st.n && b0 >= 0
        let d = hasWords ? dist(b0 - s0) : 15
        add(FH.f(31, s0w, d)); add(FH.f(32, s0t, d)); add(FH.f(33, b0w, d)); add(FH.f(34, b0t, d));
        add(FH.f(35, s0t, b0t, d))
        let d2 = s1 >= 0 && s1 < st.n && s0 >= 0 ? dist(s0 - s1) : 15
        add(FH.f(36, s1t, s0t, d2))
        if s0 >= 0 {
            let nl = UInt64(st.nl[s0]), nr = UInt64(st.nr[s0])
            add(FH.f(37, s0w, nl)); add(FH.f(38, s0t, nl)); add(FH.f(39, s0w, nr)); add(FH.f(40, s0t, nr))
            let l1 = Int(st.lc1[s0]), l2 = Int(st.lc2[s0]), r1 = Int(st.rc1[s0]), r2 = Int(st.rc2[s0])
            add(FH.f(44, W(l1))); add(FH.f(45, T(l1))); add(FH.f(46, L(l1)))
            add(FH.f(47, W(r1))); add(FH.f(48, T(r1))); add(FH.f(49, L(r1)))
            add(FH.f(50, T(l2))); add(FH.f(51, L(l2))); add(FH.f(52, T(r2))); add(FH.f(53, L(r2)))
            add(FH.f(63, s0t, T(l1), T(l2))); add(FH.f(64, s0t, T(r1), T(r2)))
            add(FH.f(66, s0t, b0t, T(l1))); add(FH.f(67, s0t, b0t, T(r1)))
            add(FH.f(70, s0w, st.lset[s0])); add(FH.f(71, s0t, st.lset[s0]))
            add(FH.f(72, s0w, st.rset[s0])); add(FH.f(73, s0t, st.rset[s0]))
            add(FH.f(86, s0t, L(l1), L(r1)))
        }
        if b0 >= 0 {
            let nl = UInt64(st.nl[b0])
            add(FH.f(41, b0w, nl)); add(FH.f(42, b0t, nl))
            let l1 = Int(st.lc1[b0]), l2 = Int(st.lc2[b0])
            add(FH.f(54, W(l1))); add(FH.f(55, T(l1))); add(FH.f(56, L(l1))); add(FH.f(57, T(l2))); add(FH.f(58, L(l2)))
            add(FH.f(65, b0t, T(l1), T(l2))); add(FH.f(68, s0t, b0t, T(l1)))
            add(FH.f(74, b0w, st.lset[b0])); add(FH.f(75, b0t, st.lset[b0]))
        }
        if s1 >= 0 {
            add(FH.f(43, s1t, UInt64(st.nr[s1])))
            let r1 = Int(st.rc1[s1]), l1 = Int(st.lc1[s1])
            add(FH.f(59, T(r1))); add(FH.f(60, L(r1))); add(FH.f(61, T(l1))); add(FH.f(62, L(l1)))
            add(FH.f(69, s1t, s0t, T(r1)))
        }
        add(FH.f(76, C(s0))); add(FH.f(77, C(b0))); add(FH.f(78, C(s1))); add(FH.f(79, C(b1)))
        add(FH.f(80, s0 < 0 ? none : v.c0[s0], b0 < 0 ? none : v.c0[b0]))
        add(FH.f(81, C(s0), b0t)); add(FH.f(82, s0t, C(b0)))
        add(FH.f(83, UInt64(min(st.stack.count, 4)), b0 < 0 ? 1 : 0, s1 == st.n ? 1 : 0))
        @inline(__always) func U(_ x: Int) -> UInt64 { x < 0 ? none : st.upos(x, v) }
        let s0u = U(s0), b0u = U(b0), s1u = U(s1), b1u = U(b1)
        add(FH.f(90, s0u, b0u)); add(FH.f(91, s1u, s0u, b0u)); add(FH.f(92, s0u, b0u, b1u))
        add(FH.f(93, s0u, b0u, d)); add(FH.f(94, s0w, b0u)); add(FH.f(95, s0u, b0w))
        add(FH.f(96, b0u, b1u, U(b2))); add(FH.f(97, U(s2), s1u, s0u))
        if st.eager { eagerFeatures(st, v, s0: s0, b0: b0, add) }
        if v.version >= 6 {
            @inline(__always) func R(_ x: Int) -> UInt64 { x < 0 ? none : v.ru[x] }
            @inline(__always) func M(_ x: Int) -> UInt64 { x < 0 ? none : v.rm[x] }
            let s0r = R(s0), b0r = R(b0), s1r = R(s1), b1r = R(b1)
            add(FH.f(140, b0t, b0r, M(b0))); add(FH.f(141, s0t, s0r, M(s0))); add(FH.f(142, s1t, s1r))
            add(FH.f(143, b1t, b1r)); add(FH.f(144, s0r, b0t)); add(FH.f(145, s0t, b0r)); add(FH.f(146, s0r, b0r))
            add(FH.f(147, b0w, b0r)); add(FH.f(148, s0w, s0r)); add(FH.f(149, s0t, b0r, b1t))
        }
        if v.version >= 5 {
            @inline(__always) func A(_ x: Int) -> UInt64 { x < 0 ? none : v.a[x] }
            let s0a = A(s0), b0a = A(b0), s1a = A(s1), b1a = A(b1)
            add(FH.f(120, s0a)); add(FH.f(121, b0a)); add(FH.f(122, s1a)); add(FH.f(123, b1a))
            add(FH.f(124, s0a, s0t)); add(FH.f(125, b0a, b0t)); add(FH.f(126, s1a, s1t)); add(FH.f(127, b1a, b1t))
            add(FH.f(128, s0a, b0a)); add(FH.f(129, s1a, s0a)); add(FH.f(130, s0a, b0t)); add(FH.f(131, s0t, b0a))
            add(FH.f(132, s0a, b0a, b1a)); add(FH.f(133, s0w, b0a)); add(FH.f(134, s0a, b0w))
        }
        if v.version == 3 {
            // Which head for s0: s1 (RIGHT) or b0 (LEFT), with one word each time.
            add(FH.f(100, s1w, s0t, b0t)); add(FH.f(101, s1t, s0w, b0t)); add(FH.f(102, s1t, s0t, b0w))
            add(FH.f(103, s1w, b0w))
            let ds1b0 = s1 >= 0 && s1 < st.n && b0 >= 0 ? dist(b0 - s1) : 15
            add(FH.f(104, s1t, b0t, ds1b0))
            add(FH.f(105, s0t, b0t, hasWords ? v.between(s0, b0) : 15))
            add(FH.f(106, s1t, s0t, s1 >= 0 && s1 < st.n && s0 >= 0 ? v.between(s1, s0) : 15))
            if s0 >= 0 {
                let r1 = Int(st.rc1[s0])
                add(FH.f(107, s0w, W(r1))); add(FH.f(109, s0t, W(r1), b0w))
                add(FH.f(111, s0t, b0t, UInt64(min(st.nl[s0], 3)) << 2 | UInt64(min(st.nr[s0], 3))))
            }
            if b0 >= 0 { add(FH.f(108, b0w, W(Int(st.lc1[b0])))) }
            if s1 >= 0 { add(FH.f(112, s1t, L(Int(st.rc1[s1])), s0t)) }
            add(FH.f(110, b1t, b2t, T(st.buf(3))))
        }
        return k
    }

    /// Features of tag `tag` for word `j` (b0, about to be shifted) in configuration `st` (joint tagging): the
    /// word, the tagger's two tags and margin, the left context as parsed so far (s0, s1 with their chosen
    /// tags), `j`'s left children, the next word.
    static func tagFeatures(_ st: State, _ v: Values, j: Int, tag: UInt64, into f: UnsafeMutablePointer<UInt64>) -> Int
    {
        var k = 0
        @inline(__always) func add(_ x: UInt64) {
            f[k] = x
            k += 1
        }
        @inline(__always) func W(_ x: Int) -> UInt64 { x < 0 ? none : v.w[x] }
        @inline(__always) func T(_ x: Int) -> UInt64 { x < 0 ? none : st.tag(x, v) }
        @inline(__always) func L(_ x: Int) -> UInt64 { x < 0 ? none : UInt64(st.label[x]) }
        let s0 = st.s(0), s1 = st.s(1), b1 = j + 1 < st.n ? j + 1 : -1
        let best: UInt64 = tag == v.t[j] ? 1 : 0
        let m = UInt64(v.altMargin[j])
        let s0t = T(s0), b1t = T(b1), w = v.w[j]
        let l1 = Int(st.lc1[j])
        add(FH.f(200, tag)); add(FH.f(201, tag, best, m)); add(FH.f(202, tag, w))
        add(FH.f(203, tag, FH.f(0, v.t[j], v.alt[j]), best)); add(FH.f(204, tag, v.sfx[j]))
        add(FH.f(205, tag, s0t)); add(FH.f(206, tag, W(s0))); add(FH.f(207, tag, s0t, T(s1)))
        add(FH.f(208, tag, b1t)); add(FH.f(209, tag, W(b1))); add(FH.f(210, tag, s0t, b1t))
        add(FH.f(211, tag, UInt64(min(st.nl[j], 3)), L(l1))); add(FH.f(212, tag, T(l1), L(l1)))
        add(FH.f(213, tag, v.c[j])); add(FH.f(214, tag, w, s0t)); add(FH.f(215, tag, w, b1t))
        add(FH.f(216, tag, s0t, s0 >= 0 ? L(Int(st.rc1[s0])) : none))
        if !v.a.isEmpty { add(FH.f(217, tag, v.a[j])) }
        if v.jointFeatures >= 2 {
            let b2 = j + 2 < st.n ? j + 2 : -1
            add(FH.f(218, tag, b1t, T(b2))); add(FH.f(219, tag, w, W(b1))); add(FH.f(220, tag, W(s0), w))
            if !v.a.isEmpty { add(FH.f(221, tag, b1 < 0 ? none : v.a[b1])) }
        }
        return k
    }

    /// Features for the relation of an arc from `h` to `d`.
    static func labelFeatures(_ st: State, _ v: Values, d: Int, h: Int, into f: UnsafeMutablePointer<UInt64>) -> Int {
        var k = 0
        @inline(__always) func add(_ x: UInt64) {
            f[k] = x
            k += 1
        }
        @inline(__always) func W(_ x: Int) -> UInt64 { x < 0 ? none : v.w[x] }
        @inline(__always) func T(_ x: Int) -> UInt64 { x < 0 ? none : v.t[x] }
        @inline(__always) func L(_ x: Int) -> UInt64 { x < 0 ? none : UInt64(st.label[x]) }
        let n = st.n
        let dir: UInt64 = h == n ? 2 : d < h ? 0 : 1
        let dw = W(d), dt = T(d), hw = W(h), ht = T(h)
        let dd = h == n ? 15 : dist(abs(h - d))
        add(FH.f(1, dir, dw)); add(FH.f(2, dir, dt)); add(FH.f(3, dir, hw)); add(FH.f(4, dir, ht))
        add(FH.f(5, dir, dt, ht)); add(FH.f(6, dir, FH.f(0, dw, dt), ht)); add(FH.f(7, dir, dt, FH.f(0, hw, ht)))
        add(FH.f(8, dir, dw, hw)); add(FH.f(9, FH.f(0, dir, dd), dt, ht))
        let l1 = Int(st.lc1[d]), l2 = Int(st.lc2[d]), r1 = Int(st.rc1[d])
        add(FH.f(10, st.lset[d], st.rset[d])); add(FH.f(11, dt, st.lset[d])); add(FH.f(12, dt, L(l1)))
        add(FH.f(13, dt, L(r1))); add(FH.f(14, FH.f(0, dir, W(l1)), ht)); add(FH.f(15, dt, T(l1), dir))
        add(FH.f(16, FH.f(0, dir, dt), d < h ? st.lset[h] : st.rset[h]))
        add(FH.f(17, dir, L(Int(st.lc1[h])), dt)); add(FH.f(18, dir, L(Int(st.rc1[h])), dt))
        add(FH.f(19, dir, v.c[d], ht)); add(FH.f(20, dir, dt, v.c[h]))
        add(FH.f(21, dt, d + 1 < n ? v.t[d + 1] : none, dir)); add(FH.f(22, dt, d > 0 ? v.t[d - 1] : none, dir))
        add(FH.f(24, FH.f(0, dir, L(l2)), L(l1), dt)); add(FH.f(25, dir, W(r1), dt))
        add(FH.f(26, dt, UInt64(st.nl[d]), UInt64(st.nr[d])))
        add(FH.f(27, dir, v.sfx[d], ht)); add(FH.f(28, dir, dt, T(st.buf(0))))
        add(FH.f(29, dir, dw, ht)); add(FH.f(30, dir, FH.f(0, dw, dt), FH.f(0, hw, ht)))
        add(FH.f(31, dir, W(l1), dt)); add(FH.f(32, FH.f(0, dir, ht), h > 0 && h < n ? v.t[h - 1] : none, dt))
        add(FH.f(33, dir, v.u[d], v.u[h])); add(FH.f(34, FH.f(0, dir, v.u[d]), v.u[h], L(l1)))
        if v.version >= 3 {
            add(FH.f(40, FH.f(0, dir, hw), dt, W(l1))); add(FH.f(41, FH.f(0, dir, ht), dw, W(l1)))
            add(FH.f(42, FH.f(0, dir, dt), ht, h == n ? 15 : v.between(min(d, h), max(d, h))))
            add(FH.f(43, dir, FH.f(0, dw, hw), ht)); add(FH.f(44, dir, ht, T(r1)))
            add(FH.f(45, d == 0 ? 1 : 0, dir, FH.f(0, dt, ht)))
        }
        return k
    }

    // MARK: - Parsing

    /// Parses one sentence: heads (sentence-local, -1 = root) and relation ids.
    /// With `gold`, trains both perceptrons (dynamic oracle; `explore` follows the model's own choices).
    static func parse(
        _ v: Values, n: Int, actions: inout AveragedPerceptron, labeler: inout AveragedPerceptron,
        gold: (heads: [Int32], labels: [UInt8])?, explore: Bool, rng: inout SplitMix64,
        buf: UnsafeMutablePointer<UInt64>, scores: UnsafeMutableBufferPointer<Float>,
        scorers: (actions: CompactScorer, labels: CompactScorer)? = nil,
        rivals: UnsafeMutablePointer<(head: Int32, margin: Float)>? = nil
    ) -> (heads: [Int32], labels: [UInt8]) {
        var st = State(n)
        let lc = labeler.classes
        while !st.terminal {
            let k = actionFeatures(st, v, into: buf)
            let fs = UnsafeBufferPointer(start: buf, count: k)
            scores[0] = 0
            scores[1] = 0
            scores[2] = 0
            if let sc = scorers { sc.actions.score(fs, into: scores) } else { actions.score(fs, into: scores) }
            var guess = -1
            for a in 0..<3 where st.legal(a) && (guess < 0 || scores[a] > scores[guess]) { guess = a }
            var next = guess
            if let g = gold {
                var truth = -1
                var gcost = 0
                for a in 0..<3 where st.legal(a) {
                    let c = st.cost(a, g.heads)
                    if a == guess { gcost = c }
                    if c == 0 && (truth < 0 || scores[a] > scores[truth]) { truth = a }
                }
                if truth < 0 {
                    // No zero-cost action (only after non-projective gold): the cheapest.
                    var bestCost = Int.max
                    for a in 0..<3 where st.legal(a) {
                        let c = st.cost(a, g.heads)
                        if c < bestCost {
                            bestCost = c
                            truth = a
                        }
                    }
                    gcost = st.cost(guess, g.heads) > bestCost ? 1 : 0
                }
                actions.tick()
                if gcost > 0 { actions.update(fs, truth: truth, guess: guess) }
                next = explore && rng.below(10) < 9 ? guess : truth
            }
            var lab: UInt8 = 0
            if next != shift {
                let d = st.s(0)
                let h = next == left ? st.b : st.s(1)
                // The head the other arc action would have given d, and by how much it lost.
                let other = next == left ? right : left
                if let rivals, st.legal(other) {
                    let oh = other == left ? st.b : st.s(1)
                    rivals[d] = (oh >= n ? -1 : Int32(oh), scores[next] - scores[other])
                }
                let kl = labelFeatures(st, v, d: d, h: h, into: buf)
                let fl = UnsafeBufferPointer(start: buf, count: kl)
                for j in 0..<lc { scores[j] = 0 }
                if let sc = scorers { sc.labels.score(fl, into: scores) } else { labeler.score(fl, into: scores) }
                var best = 0
                for j in 1..<lc where scores[j] > scores[best] { best = j }
                if let g = gold, g.heads[d] == Int32(h) {
                    labeler.tick()
                    labeler.update(fl, truth: Int(g.labels[d]), guess: best)
                    lab = g.labels[d]
                } else {
                    lab = UInt8(best)
                }
                if gold == nil { lab = UInt8(best) }
            }
            st.apply(next, lab)
        }
        var heads = [Int32](repeating: -1, count: n)
        for i in 0..<n { heads[i] = st.head[i] == Int32(n) ? -1 : st.head[i] }
        return (heads, Array(st.label[0..<n]))
    }

    /// Parses one sentence with labelled transitions: one perceptron over SHIFT, LEFT-rel and RIGHT-rel.
    /// With `gold`, trains it with the dynamic oracle extended to relations (a zero-cost arc class makes
    /// the gold arc with the gold relation, or an arc the gold tree has no longer anyway).
    static func parseLabelled(
        _ v: Values, n: Int, actions: inout AveragedPerceptron, gold: (heads: [Int32], labels: [UInt8])?,
        explore: Bool, rng: inout SplitMix64, buf: UnsafeMutablePointer<UInt64>,
        scores: UnsafeMutableBufferPointer<Float>, scorer: CompactScorer? = nil
    ) -> (heads: [Int32], labels: [UInt8]) {
        var st = State(n)
        let cc = actions.classes
        while !st.terminal {
            let k = actionFeatures(st, v, into: buf)
            let fs = UnsafeBufferPointer(start: buf, count: k)
            for j in 0..<cc { scores[j] = 0 }
            if let scorer { scorer.score(fs, into: scores) } else { actions.score(fs, into: scores) }
            let canShift = st.legal(shift), canLeft = st.legal(left), canRight = st.legal(right)
            var guess = -1
            var top = -Float.infinity
            if canShift {
                guess = 0
                top = scores[0]
            }
            if canLeft || canRight {
                var j = 1
                while j < cc {
                    if canLeft && (guess < 0 || scores[j] > top) {
                        guess = j
                        top = scores[j]
                    }
                    if canRight && (guess < 0 || scores[j + 1] > top) {
                        guess = j + 1
                        top = scores[j + 1]
                    }
                    j += 2
                }
            }
            if guess < 0 { break }
            var next = guess
            if let g = gold {
                let costs = (
                    canShift ? st.cost(shift, g.heads) : Int.max, canLeft ? st.cost(left, g.heads) : Int.max,
                    canRight ? st.cost(right, g.heads) : Int.max
                )
                var truth = -1
                var best = Int.max
                for c in 0..<cc {
                    let a = action(ofClass: c)
                    if (a == shift && !canShift) || (a == left && !canLeft) || (a == right && !canRight) { continue }
                    let cost = st.labelledCost(c, costs, g.heads, g.labels)
                    if cost < best || (cost == best && scores[c] > scores[truth]) {
                        best = cost
                        truth = c
                    }
                }
                // Without a zero-cost class (only after non-projective gold) the cheapest counts as right.
                let gcost = st.labelledCost(guess, costs, g.heads, g.labels)
                actions.tick()
                if gcost > best { actions.update(fs, truth: truth, guess: guess) }
                next = explore && rng.below(10) < 9 ? guess : truth
            }
            st.apply(action(ofClass: next), label(ofClass: next))
        }
        var heads = [Int32](repeating: -1, count: n)
        for i in 0..<n { heads[i] = st.head[i] == Int32(n) ? -1 : st.head[i] }
        return (heads, Array(st.label[0..<n]))
    }

    /// The parses of one sentence a labelled beam model ends with, best first, each with its score; one parse
    /// with score 0 from any other model. Sentence-local heads (-1 root), in the sentence's order.
    public func kbest(_ tables: SyntaxTables, tags: [UInt64], sentence r: Range<Int>) -> [(
        heads: [Int32], labels: [UInt8], score: Float
    )] {
        guard labelled && (beamWidth > 1 || arcEager), !r.isEmpty else {
            let out = parse(tables, tags: tags, sentences: [r])
            return [(out.heads[r].map { $0 < 0 ? -1 : $0 - Int32(r.lowerBound) }, Array(out.labels[r]), 0)]
        }
        var a = AveragedPerceptron(classes: actionScorer.classes)  // not read: the scorer is
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(3, actionScorer.classes))
        defer { scores.deallocate() }
        // The words in the order parsed; heads are mapped back through it, as in parse(_:tags:words:).
        let order = rightToLeft ? Array(r.reversed()) : Array(r)
        let lo = Int32(r.lowerBound)
        let v = sentenceValues(tables, tags, order)
        var out: [(heads: [Int32], labels: [UInt8], score: Float)] = []
        _ = ParserModel.beamParseLabelled(
            v, n: order.count, width: beamWidth, actions: &a, gold: nil, buf: buf, scores: scores, scorer: actionScorer
        ) { h, l, sc in
            var heads = [Int32](repeating: -1, count: order.count)
            var labs = [UInt8](repeating: 0, count: order.count)
            for k in order.indices {
                heads[order[k] - r.lowerBound] = h[k] < 0 ? -1 : Int32(order[Int(h[k])]) - lo
                labs[order[k] - r.lowerBound] = l[k]
            }
            out.append((heads, labs, sc))
        }
        return out
    }

    /// The greedy parse of one sentence (an unlabelled greedy model's) with, for each word, the head the other
    /// arc action would have given it when it was attached (the stack word below it or the buffer front) and
    /// the score margin of the chosen action over that one; `nil` for a word whose attachment had no rival, and
    /// `nil` for every word of a beam or labelled model. Sentence-local heads (-1 root), in the sentence's order.
    public func parseWithRivals(_ tables: SyntaxTables, tags: [UInt64], sentence r: Range<Int>) -> (
        heads: [Int32], labels: [UInt8], rivals: [(head: Int32, margin: Float)?]
    ) {
        let n = r.count
        guard !labelled && beamWidth == 1, n > 0 else {
            let out = parse(tables, tags: tags, sentences: [r])
            return (
                out.heads[r].map { $0 < 0 ? -1 : $0 - Int32(r.lowerBound) }, Array(out.labels[r]),
                [(head: Int32, margin: Float)?](repeating: nil, count: n)
            )
        }
        var a = AveragedPerceptron(classes: actionScorer.classes)  // not read: the scorers are
        var l = AveragedPerceptron(classes: labelScorer.classes)
        var rng = SplitMix64(seed: 0)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(3, labelScorer.classes))
        defer { scores.deallocate() }
        let found = UnsafeMutablePointer<(head: Int32, margin: Float)>.allocate(capacity: n)
        defer { found.deallocate() }
        found.initialize(repeating: (-2, 0), count: n)
        // The words in the order parsed; heads are mapped back through it, as in kbest(_:tags:sentence:).
        let order = rightToLeft ? Array(r.reversed()) : Array(r)
        let lo = Int32(r.lowerBound)
        let out = ParserModel.parse(
            sentenceValues(tables, tags, order), n: n, actions: &a, labeler: &l, gold: nil, explore: false,
            rng: &rng, buf: buf, scores: scores, scorers: (actionScorer, labelScorer), rivals: found)
        func local(_ h: Int32) -> Int32 { h < 0 ? -1 : Int32(order[Int(h)]) - lo }
        var heads = [Int32](repeating: -1, count: n)
        var labs = [UInt8](repeating: 0, count: n)
        var rivals = [(head: Int32, margin: Float)?](repeating: nil, count: n)
        for k in 0..<n {
            let w = order[k] - r.lowerBound
            heads[w] = local(out.heads[k])
            labs[w] = out.labels[k]
            if found[k].head != -2 { rivals[w] = (local(found[k].head), found[k].margin) }
        }
        return (heads, labs, rivals)
    }

    /// Parses the sentences of a document given its tables and the tagger's classes per token (as hashes).
    /// Returns document-level heads (-1 root or unparsed) and relation ids.
    public func parse(_ tables: SyntaxTables, tags: [UInt64], sentences: [Range<Int>]) -> (
        heads: [Int32], labels: [UInt8]
    ) {
        parse(tables, tags: tags, words: sentences.map { Array($0) })
    }

    /// Parses sentences given as lists of token indices in reading order (tokens left out of a list, such as
    /// quote marks, are left unparsed: head -1). Document-level heads and relation ids.
    public func parse(_ tables: SyntaxTables, tags: [UInt64], words: [[Int]]) -> (heads: [Int32], labels: [UInt8]) {
        let total = tags.count
        var heads = [Int32](repeating: -1, count: total)
        var labs = [UInt8](repeating: 0, count: total)
        // Not read when parsing (the scorers are): they carry the class counts.
        var a = AveragedPerceptron(classes: actionScorer.classes)
        var l = AveragedPerceptron(classes: labelScorer.classes)
        var rng = SplitMix64(seed: 0)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(
            capacity: max(3, labelScorer.classes, actionScorer.classes))
        defer { scores.deallocate() }
        let width = beamWidth
        let rtl = rightToLeft
        let ef = easyFirst
        let rootLabel = ef ? UInt8(labels.firstIndex(of: "root") ?? 0) : 0
        for sentence in words where !sentence.isEmpty {
            let order = rtl ? Array(sentence.reversed()) : sentence
            let n = order.count
            let v = sentenceValues(tables, tags, order)
            let out: (heads: [Int32], labels: [UInt8])
            if ef {
                out = ParserModel.easyFirstParse(
                    v, n: n, rootLabel: rootLabel, actions: &a, gold: nil, rng: &rng, buf: buf, scorer: actionScorer)
            } else if labelled {
                out =
                    width > 1 || v.eager
                    ? ParserModel.beamParseLabelled(
                        v, n: n, width: width, actions: &a, gold: nil, buf: buf, scores: scores, scorer: actionScorer)
                    : ParserModel.parseLabelled(
                        v, n: n, actions: &a, gold: nil, explore: false, rng: &rng, buf: buf, scores: scores,
                        scorer: actionScorer)
            } else {
                out =
                    width > 1
                    ? ParserModel.beamParse(
                        v, n: n, width: width, actions: &a, labeler: &l, gold: nil, buf: buf, scores: scores,
                        scorers: (actionScorer, labelScorer))
                    : ParserModel.parse(
                        v, n: n, actions: &a, labeler: &l, gold: nil, explore: false, rng: &rng, buf: buf,
                        scores: scores, scorers: (actionScorer, labelScorer))
            }
            for k in 0..<n {
                let h = out.heads[k]
                heads[order[k]] = h < 0 ? -1 : Int32(order[Int(h)])
                labs[order[k]] = out.labels[k]
            }
        }
        return (heads, labs)
    }

    /// The model whose weights are the mean of these models' (parameter averaging): parsers of one recipe
    /// trained with different seeds make one parser with less of a single training run's luck, stronger alone
    /// than each of them (docs/syntax.md, twentieth session). The models must have the same relations,
    /// templates, transitions, system and direction (`names` name them in the error); the first one's
    /// configuration is kept. A mean of one model is that model.
    public static func mean(_ models: [ParserModel], names: [String]) throws(DossierError) -> ParserModel {
        guard let first = models.first else { throw DossierError(.usage, "no parser models to average") }
        for (k, m) in models.enumerated().dropFirst() {
            let same =
                m.labels == first.labels && m.featureSet == first.featureSet && m.labelled == first.labelled
                && m["system"] == first["system"] && m["direction"] == first["direction"]
                && m.jointMargin == first.jointMargin && m.jointFeatures == first.jointFeatures
            guard same else {
                let input = k < names.count ? names[k] : "parser \(k + 1)"
                throw DossierError(
                    .usage,
                    "not a parser of the same relations, templates and transition system as \(names.first ?? "the first")",
                    input: input)
            }
        }
        if models.count == 1 { return first }
        guard let actions = AveragedPerceptron.mean(models.map(\.actions)),
            let labeler = AveragedPerceptron.mean(models.map(\.labeler))
        else { throw DossierError(.usage, "parser weights of different class counts", input: names.first) }
        return ParserModel(labels: first.labels, actions: actions, labeler: labeler, config: first.config)
    }

    // MARK: - Files

    public func encoded() -> [UInt8] { encoded(form: .packed) }

    /// The model file with its weights in the given file form (``SparseWeights``). A model read from file
    /// writes its weights exactly as read (at the same `prune`).
    func encoded(form: SparseWeights.Form) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(labels.count))
        for l in labels { w.string(l) }
        let prune = Float(self["prune"] ?? "") ?? 0.002
        let head = Int(self["packed.head"] ?? "") ?? SparseWeights.defaultHead
        let step = Int(self["weight.step"] ?? "") ?? 1
        if let held {
            for p in [held.actions, held.labeler] {
                SparseWeights.write(
                    SparseRows(p, prune: prune).coarsened(step: step), form: form, head: head, into: &w)
            }
        } else {
            for s in [actionScorer, labelScorer] {
                SparseWeights.write(
                    SparseRows(s, prune: prune, step: step).coarsened(step: step), form: form, head: head, into: &w)
            }
        }
        var cfg = config.filter { $0.key != "features" }
        cfg.insert(("features", String(featureSet)), at: 0)
        return ModelFile(kind: ParserModel.kind, config: cfg, payload: w.bytes).encoded()
    }

    public init(decoding bytes: [UInt8], name: String) throws(DossierError) {
        let file = try ModelFile(decoding: bytes, name: name)
        guard file.kind == ParserModel.kind else {
            throw DossierError(.resource, "model kind is '\(file.kind)', not '\(ParserModel.kind)'", input: name)
        }
        guard let fv = Int(file["features"] ?? ""), ParserModel.featureVersions.contains(fv) else {
            throw DossierError(
                .resource,
                "parser feature templates v\(file["features"] ?? "?") are not v\(ParserModel.featureVersions.lowerBound)-\(ParserModel.featureVersions.upperBound)",
                input: name)
        }
        var r = ByteReader(file.payload, name: name)
        let nl = Int(try r.u32())
        guard nl > 1, nl < 64 else { throw DossierError(.resource, "parser has \(nl) relations", input: name) }
        var labels: [String] = []
        for _ in 0..<nl { labels.append(try r.string()) }
        let a = try SparseWeights.decodeScorer(&r)
        let l = try SparseWeights.decodeScorer(&r)
        let labelled = file["transitions"] == "labelled"
        let classes = ParserModel.actionClasses(
            labels: nl, labelled: labelled, easyFirst: file["system"] == "easy-first",
            arcEager: file["system"] == "arc-eager")
        guard a.classes == classes, l.classes == nl else {
            throw DossierError(.resource, "parser weights do not match", input: name)
        }
        self.init(
            labels: labels, actions: AveragedPerceptron(classes: a.classes), labeler: AveragedPerceptron(classes: nl),
            config: file.config, keepWeights: false, scorers: (a, l))
    }
}

extension ParserModel {
    /// Follows the dynamic oracle alone (the first zero-cost action each time) on gold heads (1-based, 0 root)
    /// and returns the heads it builds: equal to the gold for every projective tree.
    public static func oracleHeads(_ gold: [Int]) -> [Int] {
        let n = gold.count
        let g = gold.map { Int32($0 == 0 ? n : $0 - 1) }
        var st = State(n)
        var steps = 0
        while !st.terminal && steps < 4 * n + 4 {
            steps += 1
            var chosen = -1
            for a in 0..<3 where st.legal(a) && st.cost(a, g) == 0 {
                chosen = a
                break
            }
            if chosen < 0 { chosen = (0..<3).first(where: { st.legal($0) }) ?? 0 }
            st.apply(chosen, 0)
        }
        return (0..<n).map { st.head[$0] < 0 ? -1 : (Int(st.head[$0]) == n ? 0 : Int(st.head[$0]) + 1) }
    }

    /// Follows the labelled dynamic oracle alone (the first zero-cost class each time, over `labels`
    /// relations) on gold heads (1-based, 0 root) and relation ids; returns the heads and relations it builds:
    /// equal to the gold for every projective tree.
    public static func labelledOracleArcs(_ gold: [Int], _ goldLabels: [UInt8], labels: Int) -> (
        heads: [Int], labels: [UInt8]
    ) {
        let n = gold.count
        let g = gold.map { Int32($0 == 0 ? n : $0 - 1) }
        let cc = classCount(labels: labels)
        var st = State(n)
        var steps = 0
        while !st.terminal && steps < 4 * n + 4 {
            steps += 1
            let costs = (
                st.legal(shift) ? st.cost(shift, g) : Int.max, st.legal(left) ? st.cost(left, g) : Int.max,
                st.legal(right) ? st.cost(right, g) : Int.max
            )
            var chosen = -1
            for c in 0..<cc where st.legal(action(ofClass: c)) && st.labelledCost(c, costs, g, goldLabels) == 0 {
                chosen = c
                break
            }
            if chosen < 0 {
                guard let a = (0..<3).first(where: { st.legal($0) }) else { break }
                chosen = a == shift ? 0 : a == left ? 1 : 2
            }
            st.apply(action(ofClass: chosen), label(ofClass: chosen))
        }
        let heads = (0..<n).map { st.head[$0] < 0 ? -1 : (Int(st.head[$0]) == n ? 0 : Int(st.head[$0]) + 1) }
        return (heads, Array(st.label[0..<n]))
    }
}
