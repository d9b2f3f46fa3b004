/// Beam search for the arc-hybrid parser, and its global training (Zhang and Clark 2008; Zhang and Nivre
/// 2011; max-violation updates of Huang, Fayong and Guo 2012).
///
/// The beam keeps the `width` best configurations by the sum of their action scores; every sequence of a
/// sentence of n words has 2n actions, so all items finish together. Relations are chosen, as in greedy
/// parsing, by the relation perceptron when an arc is made. With width 1 the beam makes the greedy parser's
/// choices (ties go to the lower action and relation number in both).
extension ParserModel {
    struct BeamItem {
        var st: State
        var score: Float
        /// Node in the history (parent, action, relation), so an item's action sequence can be rebuilt.
        var node: Int32
    }

    struct Candidate {
        var score: Float
        var item: Int32
        var action: Int32
    }

    /// The action sequence of the gold tree (heads with root = n) in a canonical order: arcs as soon as
    /// they cost nothing, SHIFT otherwise.
    static func goldAction(_ st: State, _ gold: [Int32]) -> Int {
        for a in [left, right, shift] where st.legal(a) && st.cost(a, gold) == 0 { return a }
        for a in [shift, left, right] where st.legal(a) { return a }
        return shift
    }

    /// Parses one sentence with a beam of `width`. With `gold`, updates `actions` globally (max-violation)
    /// and `labeler` locally on the gold arcs; returns the best parse found before the update.
    static func beamParse(
        _ v: Values, n: Int, width: Int, actions: inout AveragedPerceptron, labeler: inout AveragedPerceptron,
        gold: (heads: [Int32], labels: [UInt8])?, buf: UnsafeMutablePointer<UInt64>,
        scores: UnsafeMutableBufferPointer<Float>, scorers: (actions: CompactScorer, labels: CompactScorer)? = nil
    ) -> (heads: [Int32], labels: [UInt8]) {
        let width = max(1, width)
        let lc = labeler.classes
        var parents: [Int32] = [-1]
        var acts: [UInt8] = [0]
        var labs: [UInt8] = [0]
        let steps = 2 * n
        parents.reserveCapacity(steps * width + 1)
        acts.reserveCapacity(steps * width + 1)
        labs.reserveCapacity(steps * width + 1)
        var beam = [BeamItem(st: State(n), score: 0, node: 0)]
        var next: [BeamItem] = []
        next.reserveCapacity(width)
        var cands: [Candidate] = []
        cands.reserveCapacity(3 * width)

        @inline(__always) func scoreActions(_ st: State, _ a: inout AveragedPerceptron) -> Int {
            let k = actionFeatures(st, v, into: buf)
            let fs = UnsafeBufferPointer(start: buf, count: k)
            scores[0] = 0
            scores[1] = 0
            scores[2] = 0
            if let sc = scorers { sc.actions.score(fs, into: scores) } else { a.score(fs, into: scores) }
            return k
        }
        @inline(__always) func bestLabel(_ st: State, d: Int, h: Int, _ l: inout AveragedPerceptron) -> UInt8 {
            let k = labelFeatures(st, v, d: d, h: h, into: buf)
            let fl = UnsafeBufferPointer(start: buf, count: k)
            for j in 0..<lc { scores[j] = 0 }
            if let sc = scorers { sc.labels.score(fl, into: scores) } else { l.score(fl, into: scores) }
            var best = 0
            for j in 1..<lc where scores[j] > scores[best] { best = j }
            return UInt8(best)
        }

        // Training: the gold path, its score under the current weights, and the worst violation.
        var gst = State(n)
        var goldActs: [UInt8] = []
        var goldLabs: [UInt8] = []
        var goldScore: Float = 0
        var goldIndex = 0  // index of the gold item in the beam, -1 once it fell out
        var worst: (violation: Float, step: Int, node: Int32)? = nil

        for step in 0..<steps {
            cands.removeAll(keepingCapacity: true)
            for (i, it) in beam.enumerated() {
                _ = scoreActions(it.st, &actions)
                for a in 0..<3 where it.st.legal(a) {
                    cands.append(Candidate(score: it.score + scores[a], item: Int32(i), action: Int32(a)))
                }
            }
            if cands.isEmpty { break }
            // Best first; ties by item then action (deterministic, and greedy's choice at width 1).
            cands.sort { x, y in
                x.score != y.score ? x.score > y.score : x.item != y.item ? x.item < y.item : x.action < y.action
            }
            var goldAct = -1
            if let g = gold {
                goldAct = goldAction(gst, g.heads)
                _ = scoreActions(gst, &actions)
                goldScore += scores[goldAct]
            }
            next.removeAll(keepingCapacity: true)
            var newGold = -1
            for c in cands.prefix(width) {
                let parent = beam[Int(c.item)]
                var st = parent.st
                let a = Int(c.action)
                var lab: UInt8 = 0
                if a != shift {
                    let d = st.s(0)
                    let h = a == left ? st.b : st.s(1)
                    if let g = gold, g.heads[d] == Int32(h) {
                        lab = g.labels[d]
                    } else {
                        lab = bestLabel(st, d: d, h: h, &labeler)
                    }
                }
                st.apply(a, lab)
                parents.append(parent.node)
                acts.append(UInt8(a))
                labs.append(lab)
                if Int(c.item) == goldIndex && a == goldAct { newGold = next.count }
                next.append(BeamItem(st: st, score: c.score, node: Int32(parents.count - 1)))
            }
            swap(&beam, &next)
            if let g = gold {
                // The relation perceptron learns on the gold arcs.
                var lab: UInt8 = 0
                if goldAct != shift {
                    let d = gst.s(0)
                    let h = goldAct == left ? gst.b : gst.s(1)
                    let k = labelFeatures(gst, v, d: d, h: h, into: buf)
                    let fl = UnsafeBufferPointer(start: buf, count: k)
                    for j in 0..<lc { scores[j] = 0 }
                    labeler.score(fl, into: scores)
                    var best = 0
                    for j in 1..<lc where scores[j] > scores[best] { best = j }
                    labeler.tick()
                    labeler.update(fl, truth: Int(g.labels[d]), guess: best)
                    lab = g.labels[d]
                }
                gst.apply(goldAct, lab)
                goldActs.append(UInt8(goldAct))
                goldLabs.append(lab)
                goldIndex = newGold
                if goldIndex != 0 {
                    let violation = beam[0].score - goldScore
                    if violation > (worst?.violation ?? -.infinity) {
                        worst = (violation, step, beam[0].node)
                    }
                }
            }
        }
        let bestState = beam[0].st
        if gold != nil, let w = worst {
            // Rebuild the predicted sequence up to the worst step and update from the first difference.
            var predActs: [UInt8] = []
            var predLabs: [UInt8] = []
            var node = Int(w.node)
            while node > 0 {
                predActs.append(acts[node])
                predLabs.append(labs[node])
                node = Int(parents[node])
            }
            predActs.reverse()
            predLabs.reverse()
            actions.tick()
            var ps = State(n)
            var gs = State(n)
            var diverged = false
            for j in 0..<predActs.count {
                let pa = Int(predActs[j]), ga = Int(goldActs[j])
                if !diverged && (pa != ga || predLabs[j] != goldLabs[j]) { diverged = true }
                if diverged {
                    var k = actionFeatures(gs, v, into: buf)
                    actions.add(UnsafeBufferPointer(start: buf, count: k), class: ga, 1)
                    k = actionFeatures(ps, v, into: buf)
                    actions.add(UnsafeBufferPointer(start: buf, count: k), class: pa, -1)
                }
                gs.apply(ga, goldLabs[j])
                ps.apply(pa, predLabs[j])
            }
        } else if gold != nil {
            actions.tick()
        }
        var heads = [Int32](repeating: -1, count: n)
        for i in 0..<n { heads[i] = bestState.head[i] == Int32(n) ? -1 : bestState.head[i] }
        return (heads, Array(bestState.label[0..<n]))
    }
}

extension ParserModel {
    /// The tags of the best parse of each sentence: for a joint-tagging model (``jointMargin``) the tags it
    /// chose, else `tags` as given. Document-level, as `tags`.
    public func chosenTags(_ tables: SyntaxTables, tags: [UInt64], sentences: [Range<Int>]) -> [UInt64] {
        guard jointMargin > 0, labelled, beamWidth > 1 else { return tags }
        var out = tags
        var a = AveragedPerceptron(classes: actionScorer.classes)  // not read: the scorer is
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(3, actionScorer.classes))
        defer { scores.deallocate() }
        var chosen: [UInt64] = []
        for r in sentences where !r.isEmpty {
            let order = rightToLeft ? Array(r.reversed()) : Array(r)
            let v = sentenceValues(tables, tags, order)
            _ = ParserModel.beamParseLabelled(
                v, n: order.count, width: beamWidth, actions: &a, gold: nil, buf: buf, scores: scores,
                scorer: actionScorer, tagsOut: &chosen)
            for (k, i) in order.enumerated() where k < chosen.count { out[i] = chosen[k] }
        }
        return out
    }
}

extension ParserModel {
    /// The labelled class of the canonical gold transition (``goldAction(_:_:)``): SHIFT, or the arc with the
    /// dependent's gold relation.
    static func goldClass(_ st: State, _ gold: (heads: [Int32], labels: [UInt8])) -> Int {
        let a = goldAction(st, gold.heads)
        if a == shift { return 0 }
        let d = st.s(0)
        return (a == left ? 1 : 2) + 2 * Int(gold.labels[d])
    }

    /// Beam search over labelled transitions (SHIFT, LEFT-rel, RIGHT-rel scored by one perceptron), so the
    /// relations are part of the scored sequence: the beam keeps the `width` best (configuration, relations)
    /// sequences. With `gold`, updates `actions` globally (max-violation) on the labelled gold sequence; returns
    /// the best parse found before the update. With width 1 it makes ``parseLabelled`` 's choices (ties go to
    /// the lower item and class number in both).
    static func beamParseLabelled(
        _ v: Values, n: Int, width: Int, actions: inout AveragedPerceptron,
        gold: (heads: [Int32], labels: [UInt8])?, buf: UnsafeMutablePointer<UInt64>,
        scores: UnsafeMutableBufferPointer<Float>, scorer: CompactScorer? = nil, keep: Set<UInt64>? = nil,
        kbest: ((_ heads: [Int32], _ labels: [UInt8], _ score: Float) -> Void)? = nil,
        tagsOut: UnsafeMutablePointer<[UInt64]>? = nil
    ) -> (heads: [Int32], labels: [UInt8]) {
        let width = max(1, width)
        let cc = scorer?.classes ?? actions.classes
        /// The features of `st` an update may give weights: all, or those in `keep`.
        @inline(__always) func updateFeatures(_ st: State) -> UnsafeBufferPointer<UInt64> {
            var k = actionFeatures(st, v, into: buf)
            if let keep {
                var j = 0
                for i in 0..<k where keep.contains(buf[i] & 0xffff_ffff) {
                    buf[j] = buf[i]
                    j += 1
                }
                k = j
            }
            return UnsafeBufferPointer(start: buf, count: k)
        }
        // Joint tagging (``jointMargin``): class `cc` shifts b0 with its runner-up tag, and a SHIFT of a word
        // with a runner-up adds the score of the tag features of the tag it keeps (class 0's weights).
        let jointTags = !v.alt.isEmpty
        let tbuf = UnsafeMutablePointer<UInt64>.allocate(capacity: jointTags ? 32 : 1)
        defer { tbuf.deallocate() }
        let tscores = UnsafeMutableBufferPointer<Float>.allocate(capacity: jointTags ? cc : 1)
        defer { tscores.deallocate() }
        var start = State(n)
        if jointTags { start.jt = v.t }
        start.eager = v.eager
        // Arc-eager: the last class is REDUCE, the arc classes end before it.
        let reduceClass = v.eager ? cc - 1 : -1
        let arcClasses = v.eager ? cc - 1 : cc
        /// Whether class `cls` in `st` shifts a word whose tag is chosen, and the tag it gets.
        @inline(__always) func chosenTag(_ st: State, _ cls: Int) -> UInt64? {
            guard jointTags, cls == 0 || cls == cc, st.b < n, v.alt[st.b] != 0 else { return nil }
            return cls == cc ? v.alt[st.b] : v.t[st.b]
        }
        @inline(__always) func tagScore(_ st: State, _ tag: UInt64, _ a: inout AveragedPerceptron) -> Float {
            let k = tagFeatures(st, v, j: st.b, tag: tag, into: tbuf)
            let fs = UnsafeBufferPointer(start: tbuf, count: k)
            for j in 0..<cc { tscores[j] = 0 }
            if let scorer { scorer.score(fs, into: tscores) } else { a.score(fs, into: tscores) }
            return tscores[0]
        }
        @inline(__always) func applyClass(_ st: inout State, _ cls: Int) {
            if cls == cc {
                st.jt[st.b] = v.alt[st.b]
                st.apply(shift, 0)
            } else if cls == reduceClass {
                st.apply(reduce, 0)
            } else {
                st.apply(action(ofClass: cls), label(ofClass: cls))
            }
        }
        var parents: [Int32] = [-1]
        var classes: [UInt8] = [0]
        let steps = 2 * n
        parents.reserveCapacity(steps * width + 1)
        classes.reserveCapacity(steps * width + 1)
        var beam = [BeamItem(st: start, score: 0, node: 0)]
        var next: [BeamItem] = []
        next.reserveCapacity(width)
        // The best `width` candidates so far, best first (a candidate's action is its class here).
        var top: [Candidate] = []
        top.reserveCapacity(width + 1)

        @inline(__always) func score(_ st: State, _ a: inout AveragedPerceptron) {
            let k = actionFeatures(st, v, into: buf)
            let fs = UnsafeBufferPointer(start: buf, count: k)
            for j in 0..<cc { scores[j] = 0 }
            if let scorer { scorer.score(fs, into: scores) } else { a.score(fs, into: scores) }
        }
        /// Keeps `c` if it is among the best `width`; an equal score keeps the earlier candidate ahead.
        @inline(__always) func offer(_ c: Candidate) {
            if top.count == width, let last = top.last, !(c.score > last.score) { return }
            var j = top.count
            while j > 0 && c.score > top[j - 1].score { j -= 1 }
            top.insert(c, at: j)
            if top.count > width { top.removeLast() }
        }

        var gst = start
        var goldClasses: [UInt8] = []
        var goldScore: Float = 0
        var goldIndex = 0
        var worst: (violation: Float, step: Int, node: Int32)? = nil

        for step in 0..<steps {
            top.removeAll(keepingCapacity: true)
            for (i, it) in beam.enumerated() {
                score(it.st, &actions)
                let base = it.score
                if it.st.legal(shift) {
                    if let t = chosenTag(it.st, 0) {
                        let s = base + scores[0]
                        offer(Candidate(score: s + tagScore(it.st, t, &actions), item: Int32(i), action: 0))
                        let alt = v.alt[it.st.b]
                        offer(
                            Candidate(
                                score: s + tagScore(it.st, alt, &actions) + v.jointBias, item: Int32(i),
                                action: Int32(cc)))
                    } else {
                        offer(Candidate(score: base + scores[0], item: Int32(i), action: 0))
                    }
                }
                let canLeft = it.st.legal(left), canRight = it.st.legal(right)
                if reduceClass > 0, it.st.legal(reduce) {
                    offer(Candidate(score: base + scores[reduceClass], item: Int32(i), action: Int32(reduceClass)))
                }
                if canLeft || canRight {
                    var j = 1
                    while j < arcClasses {
                        if canLeft { offer(Candidate(score: base + scores[j], item: Int32(i), action: Int32(j))) }
                        if canRight {
                            offer(Candidate(score: base + scores[j + 1], item: Int32(i), action: Int32(j + 1)))
                        }
                        j += 2
                    }
                }
            }
            if top.isEmpty { break }
            var goldCls = -1
            if let g = gold {
                goldCls = v.eager ? eagerGoldClass(gst, g, reduceClass: reduceClass) : goldClass(gst, g)
                if goldCls == 0, chosenTag(gst, 0) != nil, !v.goldTag.isEmpty, v.goldTag[gst.b] == v.alt[gst.b] {
                    goldCls = cc
                }
                score(gst, &actions)
                goldScore += scores[goldCls == cc ? 0 : goldCls]
                if let t = chosenTag(gst, goldCls) { goldScore += tagScore(gst, t, &actions) }
            }
            next.removeAll(keepingCapacity: true)
            var newGold = -1
            for c in top {
                var st = beam[Int(c.item)].st
                let cls = Int(c.action)
                applyClass(&st, cls)
                parents.append(beam[Int(c.item)].node)
                classes.append(UInt8(cls))
                if Int(c.item) == goldIndex && cls == goldCls { newGold = next.count }
                next.append(BeamItem(st: st, score: c.score, node: Int32(parents.count - 1)))
            }
            swap(&beam, &next)
            if gold != nil {
                applyClass(&gst, goldCls)
                goldClasses.append(UInt8(goldCls))
                goldIndex = newGold
                if goldIndex != 0 {
                    let violation = beam[0].score - goldScore
                    if violation > (worst?.violation ?? -.infinity) { worst = (violation, step, beam[0].node) }
                }
            }
        }
        let bestState = beam[0].st
        if gold != nil {
            actions.tick()
            if let w = worst {
                var pred: [UInt8] = []
                var node = Int(w.node)
                while node > 0 {
                    pred.append(classes[node])
                    node = Int(parents[node])
                }
                pred.reverse()
                var ps = start
                var gs = start
                var diverged = false
                for j in 0..<pred.count {
                    let pc = Int(pred[j]), gc = Int(goldClasses[j])
                    if !diverged && pc != gc { diverged = true }
                    if diverged {
                        actions.add(updateFeatures(gs), class: gc == cc ? 0 : gc, 1)
                        if let t = chosenTag(gs, gc) {
                            let k = tagFeatures(gs, v, j: gs.b, tag: t, into: tbuf)
                            actions.add(UnsafeBufferPointer(start: tbuf, count: k), class: 0, 1)
                        }
                        actions.add(updateFeatures(ps), class: pc == cc ? 0 : pc, -1)
                        if let t = chosenTag(ps, pc) {
                            let k = tagFeatures(ps, v, j: ps.b, tag: t, into: tbuf)
                            actions.add(UnsafeBufferPointer(start: tbuf, count: k), class: 0, -1)
                        }
                    }
                    applyClass(&gs, gc)
                    applyClass(&ps, pc)
                }
            }
        }
        if let kbest {
            // Every complete item of the last beam, best first (`kbest` is for parsing, not training).
            for it in beam where it.st.terminal {
                var h = [Int32](repeating: -1, count: n)
                for i in 0..<n { h[i] = it.st.head[i] == Int32(n) ? -1 : it.st.head[i] }
                kbest(h, Array(it.st.label[0..<n]), it.score)
            }
        }
        if let tagsOut { tagsOut.pointee = jointTags ? Array(bestState.jt[0..<n]) : Array(v.t[0..<n]) }
        var heads = [Int32](repeating: -1, count: n)
        for i in 0..<n { heads[i] = bestState.head[i] == Int32(n) ? -1 : bestState.head[i] }
        return (heads, Array(bestState.label[0..<n]))
    }
}
