/// The part-of-speech tagger: an averaged perceptron over (UPOS, XPOS) pairs, decoded greedily left to right
/// with the two previous tags as features (Honnibal 2013), plus a tag dictionary that tags frequent
/// unambiguous words without scoring them, and "ambiguity classes" (the set of tags a word took in training)
/// of the word and the two next words.
public struct POSModel: Sendable {
    public static let kind = "pos"
    /// The feature templates of newly trained models by default (and of the jackknife taggers of parser
    /// training); models of every version in ``featureVersions`` load. Version 2 (`train pos --features 2`)
    /// adds five right-context conjunctions: +0.1 UPOS on EWT dev, but 15% slower tagging and a 40% larger
    /// model. Version 3 (`--features 3 --extras MASK`) adds the optional templates of ``extras``; the committed
    /// model is version 3 with mask 13 (three of version 2's templates).
    public static let featureVersion = 1
    public static let featureVersions = 1...3
    public static let maxFeatures = 64

    /// Class names `UPOS|XPOS`.
    public let classes: [String]
    public let upos: [UPOS]
    public let xpos: [String]
    /// The weights. A model read from file keeps only their scoring form (``scorer``, a fraction of the memory
    /// of the flat rows) and rebuilds the perceptron from it when asked (re-encoding, pruning).
    public internal(set) var perceptron: AveragedPerceptron {
        get { held ?? scorer.expanded() }
        set {
            held = newValue
            scorer = CompactScorer(newValue)
        }
    }
    /// The perceptron as trained; nil for a model read from file.
    private var held: AveragedPerceptron?
    /// The inference form of ``perceptron``.
    public private(set) var scorer: CompactScorer
    /// Lowercase word hash -> class, for frequent words that always take one tag.
    public internal(set) var dictionary: [UInt64: UInt8]
    /// Lowercase word hash -> hash of the set of tags seen with it.
    public internal(set) var ambiguity: [UInt64: UInt64]
    public let clusters: WordClusters?
    /// The feature templates of this model (config `features`): 2 adds right-context conjunctions.
    public let featureSet: Int
    /// The optional templates in use, a bit mask (bit k adds the k-th optional template of ``extract``, 38...):
    /// config `extras` in version 3, the first five in version 2, none in version 1.
    public let extras: Int
    /// ``dictionary`` and ``ambiguity`` in one table for tagging (255: not in the dictionary; 0: no class).
    let words: FeatureTable
    let wordDictionary: [UInt8]
    let wordAmbiguity: [UInt64]
    /// The optional second pass (``POSSecondPass``): nil for a one-pass tagger.
    public var second: POSSecondPass?
    public var config: [(key: String, value: String)]

    public init(
        classes: [String], perceptron: AveragedPerceptron, dictionary: [UInt64: UInt8], ambiguity: [UInt64: UInt64],
        clusters: WordClusters?, config: [(key: String, value: String)], keepWeights: Bool = true,
        scorer given: CompactScorer? = nil
    ) {
        self.classes = classes
        self.upos = classes.map { UPOS(name: String($0.split(separator: "|").first ?? "X")) ?? .x }
        self.xpos = classes.map { String($0.split(separator: "|").last ?? "_") }
        self.held = keepWeights ? perceptron : nil
        self.scorer = given ?? CompactScorer(perceptron)
        self.dictionary = dictionary
        self.ambiguity = ambiguity
        var words = FeatureTable(capacity: ambiguity.count + dictionary.count)
        var dict: [UInt8] = []
        var amb: [UInt64] = []
        for k in Set(ambiguity.keys).union(dictionary.keys).sorted() {
            _ = words.insert(k)
            dict.append(dictionary[k] ?? 255)
            amb.append(ambiguity[k] ?? 0)
        }
        self.words = words
        self.wordDictionary = dict
        self.wordAmbiguity = amb
        self.clusters = clusters
        self.config = config
        let fs = Int(config.first(where: { $0.key == "features" })?.value ?? "") ?? POSModel.featureVersion
        self.featureSet = fs
        self.extras = fs == 2 ? 0x1f : fs >= 3 ? Int(config.first(where: { $0.key == "extras" })?.value ?? "") ?? 0 : 0
    }

    public subscript(key: String) -> String? { config.first(where: { $0.key == key })?.value }

    static let startTag: UInt64 = 0xffff
    static let noWord: UInt64 = 0x5f5f_4e4f_4e45

    /// Writes the features of token `i` (sentence `lo..<hi`), given the previous two classes.
    @inline(__always)
    func extract(
        _ t: SyntaxTables, _ amb: UnsafeBufferPointer<UInt64>, _ i: Int, _ lo: Int, _ hi: Int,
        _ p1: UInt64, _ p2: UInt64, into f: UnsafeMutablePointer<UInt64>
    ) -> Int {
        var k = 0
        @inline(__always) func add(_ x: UInt64) {
            f[k] = x
            k += 1
        }
        let w = t.lower[i]
        let a = i * 5
        let wm1 = i > lo ? t.lower[i - 1] : POSModel.noWord
        let wm2 = i - 1 > lo ? t.lower[i - 2] : POSModel.noWord
        let wp1 = i + 1 < hi ? t.lower[i + 1] : POSModel.noWord
        let wp2 = i + 2 < hi ? t.lower[i + 2] : POSModel.noWord
        let ap1 = i + 1 < hi ? amb[i + 1] : POSModel.noWord
        let ap2 = i + 2 < hi ? amb[i + 2] : POSModel.noWord
        add(FH.f(1, 0))
        add(FH.f(2, w))
        add(FH.f(3, t.form[i]))
        add(FH.f(4, t.affix[a + 0]))
        add(FH.f(5, t.affix[a + 1]))
        add(FH.f(6, t.affix[a + 2]))
        add(FH.f(7, t.affix[a + 3]))
        add(FH.f(8, t.affix[a + 4]))
        add(FH.f(9, t.shape[i]))
        add(FH.f(10, p1))
        add(FH.f(11, p2))
        add(FH.f(12, p1, p2))
        add(FH.f(13, p1, w))
        add(FH.f(14, wm1))
        add(FH.f(15, i > lo ? t.affix[(i - 1) * 5 + 2] : POSModel.noWord))
        add(FH.f(16, wm2))
        add(FH.f(17, wp1))
        add(FH.f(18, i + 1 < hi ? t.affix[(i + 1) * 5 + 2] : POSModel.noWord))
        add(FH.f(19, wp2))
        add(FH.f(20, amb[i]))
        add(FH.f(21, ap1))
        add(FH.f(22, ap2))
        add(FH.f(23, p1, ap1))
        add(FH.f(24, amb[i], ap1))
        add(FH.f(25, p1, amb[i]))
        add(FH.f(26, UInt64(t.bits[i])))
        add(FH.f(27, UInt64(t.bits[i]), t.affix[a + 2]))
        add(FH.f(28, w, wp1))
        add(FH.f(29, wm1, w))
        add(FH.f(30, p1, t.affix[a + 2]))
        for l in 0..<3 {
            let c = t.cluster[i * 3 + l]
            add(FH.f(31 + UInt64(l), UInt64(bitPattern: Int64(c))))
        }
        if i + 1 < hi { add(FH.f(34, UInt64(bitPattern: Int64(t.cluster[(i + 1) * 3 + 1])))) }
        if i > lo { add(FH.f(35, UInt64(bitPattern: Int64(t.cluster[(i - 1) * 3 + 1])))) }
        add(FH.f(36, p1, UInt64(bitPattern: Int64(t.cluster[i * 3 + 1]))))
        add(FH.f(37, t.shape[i], ap1))
        let x = extras
        if x != 0 {
            if x & 1 != 0 { add(FH.f(38, w, ap1)) }
            if x & 2 != 0 { add(FH.f(39, p2, p1, w)) }
            if x & 4 != 0 { add(FH.f(40, amb[i], ap1, ap2)) }
            if x & 8 != 0 { add(FH.f(41, t.affix[a + 2], ap1)) }
            if x & 16 != 0 { add(FH.f(42, wm1, w, wp1)) }
            if x & 32 != 0 { add(FH.f(43, p1, amb[i], ap1)) }
            if x & 64 != 0 { add(FH.f(44, UInt64(bitPattern: Int64(t.cluster[i * 3 + 1])), ap1)) }
            if x & 128 != 0 { add(FH.f(45, p1, wp1)) }
            if x & 256 != 0 { add(FH.f(46, p1, t.affix[a + 1])) }
            if x & 512 != 0 { add(FH.f(47, wm1, amb[i])) }
            if x & 1024 != 0 {
                add(FH.f(48, i + 2 < hi ? UInt64(bitPattern: Int64(t.cluster[(i + 2) * 3 + 1])) : POSModel.noWord))
                add(FH.f(49, i + 1 < hi ? UInt64(bitPattern: Int64(t.cluster[(i + 1) * 3 + 2])) : POSModel.noWord))
            }
            if x & 2048 != 0 { add(FH.f(50, UInt64(t.bits[i]), i + 1 < hi ? UInt64(t.bits[i + 1]) : 0xff)) }
            if x & 4096 != 0 { add(FH.f(51, p2, p1, amb[i])) }
        }
        return k
    }

    /// The ambiguity class of each token (hash of its tag set, or a shape-based unknown marker), and its
    /// class in the tag dictionary (255: none).
    func ambiguityClasses(_ t: SyntaxTables) -> (classes: [UInt64], dictionary: [UInt8]) {
        var out = [UInt64](repeating: 0, count: t.lower.count)
        var dict = [UInt8](repeating: 255, count: t.lower.count)
        for i in 0..<t.lower.count {
            let r = words.row(t.lower[i])
            let a = r >= 0 ? wordAmbiguity[Int(r)] : 0
            if r >= 0 { dict[i] = wordDictionary[Int(r)] }
            out[i] = a != 0 ? a : FH.f(99, t.shape[i])
        }
        return (out, dict)
    }

    /// The ambiguity class of each token of the tables (what parsers of feature version 5 read).
    public func ambiguityClasses(of t: SyntaxTables) -> [UInt64] { ambiguityClasses(t).classes }

    /// Tags every sentence of `doc` (the tables of `doc`); returns one class per token (0 for ignored ones).
    public func tag(_ doc: Document, _ t: SyntaxTables) -> [UInt8] {
        var p = AveragedPerceptron(classes: classes.count)  // not read: tagging scores with `scorer`
        var out = [UInt8](repeating: 0, count: doc.tokens.count)
        let sentences = doc.sentences.filter { !$0.flags.contains(.ignored) }.map(\.tokens)
        if let second {
            tagTwoPass(t, sentences: sentences, second: second, into: &out)
            return out
        }
        POSModel.decode(self, t, sentences: sentences, perceptron: &p, gold: nil, into: &out)
        return out
    }

    /// Greedy decoding over sentences; with `gold`, updates the perceptron at each scored token.
    static func decode(
        _ m: POSModel, _ t: SyntaxTables, sentences: [Range<Int>], perceptron: inout AveragedPerceptron,
        gold: [UInt8]?, into out: inout [UInt8], alternatives: UnsafeMutablePointer<TagAlternatives>? = nil
    ) {
        let (amb, dict) = m.ambiguityClasses(t)
        let c = perceptron.classes
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: c)
        defer { scores.deallocate() }
        amb.withUnsafeBufferPointer { ab in
            for s in sentences {
                var p1 = startTag
                var p2 = startTag
                for i in s {
                    var best: Int
                    if gold == nil && dict[i] != 255 {
                        best = Int(dict[i])
                    } else {
                        let k = m.extract(t, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                        let fs = UnsafeBufferPointer(start: buf, count: k)
                        for j in 0..<c { scores[j] = 0 }
                        if gold == nil { m.scorer.score(fs, into: scores) } else { perceptron.score(fs, into: scores) }
                        best = 0
                        var top = -Float.infinity
                        for j in 0..<c where scores[j] > top {
                            best = j
                            top = scores[j]
                        }
                        if let alternatives {
                            let (_, runnerUp, margin) = POSModel.topTwo(scores, c)
                            alternatives.pointee.runnerUp[i] = UInt8(runnerUp)
                            alternatives.pointee.margin[i] = margin
                        }
                        if let gold {
                            perceptron.tick()
                            perceptron.update(fs, truth: Int(gold[i]), guess: best)
                        }
                    }
                    out[i] = UInt8(best)
                    p2 = p1
                    p1 = UInt64(best)
                }
            }
        }
    }

    // MARK: - Files

    /// The engine's bundled tagger (`Resources/models/pos.model`).
    public static func bundled(clusters: WordClusters) throws(DossierError) -> POSModel {
        try POSModel(decoding: try NERModel.resourceBytes("models", "pos.model"), name: "pos.model", clusters: clusters)
    }

    public func encoded() -> [UInt8] { encoded(form: .packed) }

    /// The model file with its weights in the given file form (``SparseWeights``). A model read from file
    /// writes its weights exactly as read (at the same `prune`).
    func encoded(form: SparseWeights.Form) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(classes.count))
        for c in classes { w.string(c) }
        let dict = dictionary.sorted { $0.key < $1.key }
        w.u32(UInt32(dict.count))
        for (k, v) in dict {
            w.u64(k)
            w.u8(v)
        }
        let am = ambiguity.sorted { $0.key < $1.key }
        w.u32(UInt32(am.count))
        for (k, v) in am {
            w.u64(k)
            w.u64(v)
        }
        let prune = Float(self["prune"] ?? "") ?? 0.002
        let head = Int(self["packed.head"] ?? "") ?? SparseWeights.defaultHead
        let step = Int(self["weight.step"] ?? "") ?? 1
        SparseWeights.write(
            (held.map { SparseRows($0, prune: prune) } ?? SparseRows(scorer, prune: prune, step: step))
                .coarsened(step: step),
            form: form, head: head, into: &w)
        if let second {
            let rows = second.rows(prune: Float(self["second.prune"] ?? "") ?? prune, step: step)
            SparseWeights.write(rows.coarsened(step: step), form: form, head: head, into: &w)
        }
        var cfg = config.filter {
            $0.key != "features" && $0.key != "extras"
                && !["second", "second.margin", "second.scale", "second.upos"].contains($0.key)
        }
        if let second {
            cfg.append(("second", String(second.templates)))
            cfg.append(("second.margin", String(second.margin)))
            cfg.append(("second.scale", String(second.scale)))
            if second.uposOnly { cfg.append(("second.upos", "yes")) }
        }
        if featureSet >= 3 { cfg.insert(("extras", String(extras)), at: 0) }
        cfg.insert(("features", String(featureSet)), at: 0)
        return ModelFile(kind: POSModel.kind, config: cfg, payload: w.bytes).encoded()
    }

    public init(decoding bytes: [UInt8], name: String, clusters: WordClusters?) throws(DossierError) {
        let file = try ModelFile(decoding: bytes, name: name)
        guard file.kind == POSModel.kind else {
            throw DossierError(.resource, "model kind is '\(file.kind)', not '\(POSModel.kind)'", input: name)
        }
        guard let fv = Int(file["features"] ?? ""), POSModel.featureVersions.contains(fv) else {
            throw DossierError(
                .resource,
                "tagger feature templates v\(file["features"] ?? "?") are not v\(POSModel.featureVersions.lowerBound)-\(POSModel.featureVersions.upperBound)",
                input: name)
        }
        var r = ByteReader(file.payload, name: name)
        let nc = Int(try r.u32())
        guard nc > 0, nc < 256 else { throw DossierError(.resource, "tagger has \(nc) classes", input: name) }
        var classes: [String] = []
        for _ in 0..<nc { classes.append(try r.string()) }
        var dict: [UInt64: UInt8] = [:]
        for _ in 0..<Int(try r.u32()) {
            let k = try r.u64()
            dict[k] = try r.u8()
        }
        var amb: [UInt64: UInt64] = [:]
        for _ in 0..<Int(try r.u32()) {
            let k = try r.u64()
            amb[k] = try r.u64()
        }
        let scorer = try SparseWeights.decodeScorer(&r)
        guard scorer.classes == nc else {
            throw DossierError(.resource, "tagger weights do not match its classes", input: name)
        }
        var pass: POSSecondPass?
        if let v = file["second"] {
            guard let templates = Int(v), POSSecondPass.templateVersions.contains(templates),
                let margin = Float(file["second.margin"] ?? ""), let scale = Float(file["second.scale"] ?? "1")
            else { throw DossierError(.resource, "tagger second pass '\(v)' is not known", input: name) }
            let s = try SparseWeights.decodeScorer(&r)
            guard s.classes == nc else {
                throw DossierError(.resource, "tagger second-pass weights do not match its classes", input: name)
            }
            pass = POSSecondPass(scorer: s, templates: templates, margin: margin, scale: scale)
            pass?.uposOnly = file["second.upos"] == "yes"
        }
        self.init(
            classes: classes, perceptron: AveragedPerceptron(classes: nc), dictionary: dict, ambiguity: amb,
            clusters: file["clusters"] == "none" ? nil : clusters, config: file.config, keepWeights: false,
            scorer: scorer)
        self.second = pass
    }
}

/// Universal part-of-speech tags (https://universaldependencies.org/u/pos/).
public enum UPOS: UInt8, Sendable, CaseIterable {
    case adj, adp, adv, aux, cconj, det, intj, noun, num, part, pron, propn, punct, sconj, sym, verb, x

    public var name: String { String(describing: self).uppercased() }

    public init?(name: String) {
        guard let u = UPOS.allCases.first(where: { $0.name == name }) else { return nil }
        self = u
    }

    /// Nouns, proper nouns and pronouns.
    public var isNominal: Bool { self == .noun || self == .propn || self == .pron }
}
