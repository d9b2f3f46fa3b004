/// The tagger's optional second pass (`train pos --second-pass 1`): a small perceptron that sees the first
/// pass's tags of the next two words, added to the first pass's scores of the tokens it was unsure of.
///
/// The first pass tags a sentence as a one-pass tagger does and keeps the scores of every token whose best
/// class beats the second by less than ``margin``. The second pass goes through the sentence again, left to
/// right, and re-decides those tokens only: their first-pass scores plus this perceptron's scores of a few
/// templates that read the first-pass classes of i+1 and i+2 (and its own decisions for i-1 and i-2). It is
/// trained on jackknifed first-pass scores and tags (``POSTrainer/jackknife(_:clusters:log:)``), so the right
/// context it learns from is as noisy as at tagging time.
public struct POSSecondPass: Sendable {
    /// Template sets of the second pass (config `second`).
    /// 1: a few templates whose scores are added to the first pass's; 2: the first pass's templates as well,
    /// trained from scratch (a second full tagger that sees the right context's tags); 3: as 2 with a smaller
    /// set of the first pass's templates (``extractBase(_:_:_:_:_:_:_:into:)``: no word pairs or words i-2, i+2).
    public static let templateVersions = 1...3

    /// The weights; a model read from file keeps only ``scorer``.
    public internal(set) var perceptron: AveragedPerceptron {
        get { held ?? scorer.expanded() }
        set {
            held = newValue
            scorer = CompactScorer(newValue)
        }
    }
    private var held: AveragedPerceptron?

    /// The weights as a model file holds them (exactly the scorer's for a pass read from file).
    func rows(prune: Float, step: Int = 1) -> SparseRows {
        held.map { SparseRows($0, prune: prune) } ?? SparseRows(scorer, prune: prune, step: step)
    }
    public private(set) var scorer: CompactScorer
    /// The template set (config `second`).
    public let templates: Int
    /// Tokens whose first-pass margin (best score minus second best) is below this are re-decided (config
    /// `second.margin`).
    public var margin: Float
    /// The weight of the first pass's scores against this perceptron's (config `second.scale`): larger values
    /// make the second pass need more evidence to overrule the first.
    public var scale: Float
    /// Re-decide only tokens whose two best first-pass classes have different universal tags (config
    /// `second.upos`): fewer tokens, the same UPOS gain, less of the XPOS one.
    public var uposOnly = false

    public init(perceptron: AveragedPerceptron, templates: Int, margin: Float, scale: Float = 1) {
        self.held = perceptron
        self.scorer = CompactScorer(perceptron)
        self.templates = templates
        self.margin = margin
        self.scale = scale
    }

    init(scorer: CompactScorer, templates: Int, margin: Float, scale: Float) {
        self.held = nil
        self.scorer = scorer
        self.templates = templates
        self.margin = margin
        self.scale = scale
    }

    static let endTag: UInt64 = 0xfffe

    /// The first-pass templates a version 3 second pass keeps (same template numbers as `POSModel.extract`).
    @inline(__always)
    static func extractBase(
        _ t: SyntaxTables, _ amb: UnsafeBufferPointer<UInt64>, _ i: Int, _ lo: Int, _ hi: Int, _ p1: UInt64,
        _ p2: UInt64, into f: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let w = t.lower[i]
        let a = i * 5
        let ap1 = i + 1 < hi ? amb[i + 1] : POSModel.noWord
        let ap2 = i + 2 < hi ? amb[i + 2] : POSModel.noWord
        f[0] = FH.f(1, 0)
        f[1] = FH.f(2, w)
        f[2] = FH.f(4, t.affix[a + 0])
        f[3] = FH.f(5, t.affix[a + 1])
        f[4] = FH.f(6, t.affix[a + 2])
        f[5] = FH.f(7, t.affix[a + 3])
        f[6] = FH.f(9, t.shape[i])
        f[7] = FH.f(10, p1)
        f[8] = FH.f(12, p1, p2)
        f[9] = FH.f(14, i > lo ? t.lower[i - 1] : POSModel.noWord)
        f[10] = FH.f(17, i + 1 < hi ? t.lower[i + 1] : POSModel.noWord)
        f[11] = FH.f(20, amb[i])
        f[12] = FH.f(21, ap1)
        f[13] = FH.f(22, ap2)
        f[14] = FH.f(24, amb[i], ap1)
        f[15] = FH.f(25, p1, amb[i])
        f[16] = FH.f(26, UInt64(t.bits[i]))
        f[17] = FH.f(27, UInt64(t.bits[i]), t.affix[a + 2])
        f[18] = FH.f(32, UInt64(bitPattern: Int64(t.cluster[i * 3 + 1])))
        return 19
    }

    /// Writes the second-pass features of token `i` (sentence `lo..<hi`): `first` holds the first-pass classes,
    /// `p1` and `p2` the final classes of i-1 and i-2.
    @inline(__always)
    static func extract(
        _ t: SyntaxTables, _ amb: UnsafeBufferPointer<UInt64>, _ first: UnsafeBufferPointer<UInt8>, _ i: Int,
        _ hi: Int, _ p1: UInt64, _ p2: UInt64, into f: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let n1 = i + 1 < hi ? UInt64(first[i + 1]) : endTag
        let n2 = i + 2 < hi ? UInt64(first[i + 2]) : endTag
        let w = t.lower[i]
        let a = amb[i]
        f[0] = FH.f(60, n1)
        f[1] = FH.f(61, n1, n2)
        f[2] = FH.f(62, w, n1)
        f[3] = FH.f(63, p1, n1)
        f[4] = FH.f(64, a, n1)
        f[5] = FH.f(65, a, n1, n2)
        f[6] = FH.f(66, t.affix[i * 5 + 2], n1)
        f[7] = FH.f(67, UInt64(bitPattern: Int64(t.cluster[i * 3 + 1])), n1)
        f[8] = FH.f(68, p1, a, n1)
        f[9] = FH.f(69, p2, p1, n1)
        return 10
    }
}

/// First-pass results over a corpus: each token's class, and for tokens that were scored (not tagged by the
/// dictionary) their scores. Made by jackknifing to train a second pass.
public struct POSPassOne: Sendable, Equatable {
    public let classes: Int
    public var tags: [UInt8]
    public var scored: [Bool]
    /// `tokens * classes` scores (zeros for tokens not scored).
    public var scores: [Float]

    public init(classes: Int, tokens: Int) {
        self.classes = classes
        tags = [UInt8](repeating: 0, count: tokens)
        scored = [Bool](repeating: false, count: tokens)
        scores = [Float](repeating: 0, count: tokens * classes)
    }

    /// Best score minus second best of token `i` (infinity for a token not scored).
    public func margin(_ i: Int) -> Float {
        guard scored[i] else { return .infinity }
        var top = -Float.infinity
        var next = -Float.infinity
        for x in scores[(i * classes)..<((i + 1) * classes)] {
            if x > top {
                next = top
                top = x
            } else if x > next {
                next = x
            }
        }
        return top - next
    }

    /// A byte form (for a training cache).
    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(classes))
        w.u32(UInt32(tags.count))
        for k in 0..<tags.count {
            w.u8(tags[k])
            w.u8(scored[k] ? 1 : 0)
        }
        for x in scores { w.f32(x) }
        return w.bytes
    }

    public init(decoding bytes: [UInt8], name: String) throws(DossierError) {
        var r = ByteReader(bytes, name: name)
        classes = Int(try r.u32())
        let n = Int(try r.u32())
        guard classes > 0, classes < 256, bytes.count == 8 + n * 2 + n * classes * 4 else {
            throw DossierError(.resource, "first-pass cache is malformed", input: name)
        }
        var tags = [UInt8](repeating: 0, count: n)
        var scored = [Bool](repeating: false, count: n)
        for k in 0..<n {
            tags[k] = try r.u8()
            scored[k] = try r.u8() != 0
        }
        var scores = [Float](repeating: 0, count: n * classes)
        for k in 0..<(n * classes) { scores[k] = try r.f32() }
        self.tags = tags
        self.scored = scored
        self.scores = scores
    }
}

extension POSModel {
    /// The first pass over `sentences`, with every scored token's scores (jackknifing).
    func passOne(_ t: SyntaxTables, sentences: [Range<Int>], into out: inout POSPassOne) {
        let (amb, dict) = ambiguityClasses(t)
        let c = classes.count
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: POSModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: c)
        defer { scores.deallocate() }
        amb.withUnsafeBufferPointer { ab in
            for s in sentences {
                var p1 = POSModel.startTag
                var p2 = POSModel.startTag
                for i in s {
                    var best: Int
                    if dict[i] != 255 {
                        best = Int(dict[i])
                        out.scored[i] = false
                    } else {
                        let k = extract(t, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                        for j in 0..<c { scores[j] = 0 }
                        scorer.score(UnsafeBufferPointer(start: buf, count: k), into: scores)
                        best = 0
                        var top = -Float.infinity
                        for j in 0..<c where scores[j] > top {
                            best = j
                            top = scores[j]
                        }
                        out.scored[i] = true
                        for j in 0..<c { out.scores[i * c + j] = scores[j] }
                    }
                    out.tags[i] = UInt8(best)
                    p2 = p1
                    p1 = UInt64(best)
                }
            }
        }
    }

    /// The best of the first `c` scores, the runner-up and the margin between them (the first on ties).
    @inline(__always)
    static func topTwo(_ scores: UnsafeMutableBufferPointer<Float>, _ c: Int) -> (
        best: Int, runnerUp: Int, margin: Float
    ) {
        var best = 0
        var runnerUp = 0
        var top = -Float.infinity
        var next = -Float.infinity
        for j in 0..<c {
            let x = scores[j]
            if x > top {
                next = top
                runnerUp = best
                top = x
                best = j
            } else if x > next {
                next = x
                runnerUp = j
            }
        }
        return (best, runnerUp, top - next)
    }

    /// Two-pass tagging (see ``POSSecondPass``).
    func tagTwoPass(
        _ t: SyntaxTables, sentences: [Range<Int>], second: POSSecondPass, into out: inout [UInt8],
        alternatives: UnsafeMutablePointer<TagAlternatives>? = nil
    ) {
        let (amb, dict) = ambiguityClasses(t)
        let c = classes.count
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: POSModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: c)
        defer { scores.deallocate() }
        var saved = [Float](repeating: 0, count: 64 * c)
        var unsure = [Bool](repeating: false, count: 64)
        let theta = second.margin
        let alpha = second.scale
        amb.withUnsafeBufferPointer { ab in
            for s in sentences {
                if s.count > unsure.count {
                    unsure = [Bool](repeating: false, count: s.count)
                    saved = [Float](repeating: 0, count: s.count * c)
                }
                var p1 = POSModel.startTag
                var p2 = POSModel.startTag
                var any = false
                for i in s {
                    var best: Int
                    let r = i - s.lowerBound
                    unsure[r] = false
                    if dict[i] != 255 {
                        best = Int(dict[i])
                    } else {
                        let k = extract(t, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                        for j in 0..<c { scores[j] = 0 }
                        scorer.score(UnsafeBufferPointer(start: buf, count: k), into: scores)
                        let (b, runnerUp, margin) = POSModel.topTwo(scores, c)
                        best = b
                        if let alternatives {
                            alternatives.pointee.runnerUp[i] = UInt8(runnerUp)
                            alternatives.pointee.margin[i] = margin
                        }
                        if margin < theta && (!second.uposOnly || upos[best] != upos[runnerUp]) {
                            unsure[r] = true
                            any = true
                            for j in 0..<c { saved[r * c + j] = scores[j] }
                        }
                    }
                    out[i] = UInt8(best)
                    p2 = p1
                    p1 = UInt64(best)
                }
                if !any { continue }
                p1 = POSModel.startTag
                p2 = POSModel.startTag
                out.withUnsafeMutableBufferPointer { o in
                    let first = UnsafeBufferPointer(o)
                    for i in s {
                        let r = i - s.lowerBound
                        var best = Int(first[i])
                        if unsure[r] {
                            var k = 0
                            if second.templates == 2 {
                                k = extract(t, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                            } else if second.templates == 3 {
                                k = POSSecondPass.extractBase(t, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                            }
                            k += POSSecondPass.extract(t, ab, first, i, s.upperBound, p1, p2, into: buf + k)
                            for j in 0..<c { scores[j] = alpha * saved[r * c + j] }
                            second.scorer.score(UnsafeBufferPointer(start: buf, count: k), into: scores)
                            let (b, runnerUp, margin) = POSModel.topTwo(scores, c)
                            best = b
                            if let alternatives {
                                alternatives.pointee.runnerUp[i] = UInt8(runnerUp)
                                alternatives.pointee.margin[i] = margin
                            }
                        }
                        // Only i+1 and i+2 are read as the first pass's: writing i's decision changes neither.
                        o[i] = UInt8(best)
                        p2 = p1
                        p1 = UInt64(best)
                    }
                }
            }
        }
    }
}

/// Each token's second-best tag class and how far behind the best it scored (best minus second; infinity for
/// tokens the tag dictionary tagged without scoring), from ``POSModel/tagWithAlternatives(_:_:)``.
public struct TagAlternatives: Sendable {
    public var runnerUp: [UInt8]
    public var margin: [Float]

    public init(count: Int) {
        runnerUp = [UInt8](repeating: 0, count: count)
        margin = [Float](repeating: .infinity, count: count)
    }
}

extension POSModel {
    /// Tags as ``tag(_:_:)`` does, and keeps each scored token's runner-up class and margin (a two-pass model's
    /// final scores for the tokens its second pass re-decided; a one-pass model's scores).
    public func tagWithAlternatives(_ doc: Document, _ t: SyntaxTables) -> (
        classes: [UInt8], alternatives: TagAlternatives
    ) {
        var alt = TagAlternatives(count: doc.tokens.count)
        var out = [UInt8](repeating: 0, count: doc.tokens.count)
        let sentences = doc.sentences.filter { !$0.flags.contains(.ignored) }.map(\.tokens)
        guard let second else {
            var p = AveragedPerceptron(classes: classes.count)  // not read: tagging scores with `scorer`
            withUnsafeMutablePointer(to: &alt) {
                POSModel.decode(self, t, sentences: sentences, perceptron: &p, gold: nil, into: &out, alternatives: $0)
            }
            return (out, alt)
        }
        withUnsafeMutablePointer(to: &alt) {
            tagTwoPass(t, sentences: sentences, second: second, into: &out, alternatives: $0)
        }
        return (out, alt)
    }
}
