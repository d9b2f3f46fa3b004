/// Beam decoding for the name tagger, and its global training (a structured perceptron with LaSO updates).
///
/// A hypothesis is a label sequence over the sentence so far; its score is the sum of its labels' scores. The
/// features of a token that do not depend on the previous labels are extracted and scored once per token; the
/// few that do (``NERFeatures/labelFeatures(_:_:previous:into:)``) once per previous label. Hypotheses that
/// end in the same two labels score the same from there on (no feature looks further back), so only the best
/// of them is kept (recombination). In training, when the gold sequence falls out of the beam, the perceptron
/// is updated towards the gold prefix and away from the best hypothesis (Collins and Roark 2004), and decoding
/// goes on from the gold prefix (Daumé and Marcu's LaSO), so that every sentence is learned from to its end.
extension NERModel {
    /// One hypothesis of the beam.
    struct Hypothesis {
        var score: Float
        var p1: Int
        var p2: Int
        /// Its last label's node (-1: none yet).
        var node: Int32
    }

    /// One extension of a hypothesis: its score, the hypothesis' index in the beam and the label.
    struct Candidate {
        var score: Float
        var from: Int
        var label: Int
    }

    /// The scores of the transition features (``NERFeatures/transitionFeatures(previous:into:)``) for every
    /// pair of previous labels: `(p1 * classes + p2) * classes + label`.
    static func transitionScores(_ perceptron: AveragedPerceptron) -> [Float] {
        let classes = perceptron.classes
        var out = [Float](repeating: 0, count: classes * classes * classes)
        let lf = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxLabelFeatures)
        defer { lf.deallocate() }
        out.withUnsafeMutableBufferPointer { o in
            for q in 0..<(classes * classes) {
                let k = NERFeatures.transitionFeatures(previous: (q / classes, q % classes), into: lf)
                perceptron.score(
                    UnsafeBufferPointer(start: lf, count: k),
                    into: UnsafeMutableBufferPointer(rebasing: o[(q * classes)..<((q + 1) * classes)]))
            }
        }
        return out
    }

    /// Beam decoding of a document; with `gold`, global perceptron training (see the type's comment).
    ///
    /// The document-level history (the label the same word got earlier) is updated at the end of each
    /// sentence from the sentence's best sequence.
    ///
    /// - Parameters:
    ///   - transitions: tagging only, ``transitionScores(_:)`` of `perceptron` (training scores them as it goes).
    ///   - margin: tagging drops hypotheses scoring more than this below the best.
    ///   - openMargin: tagging with BIO scores a word that cannot start a name only if a hypothesis with an open
    ///     span scores within this of the best; otherwise every hypothesis takes `O` at no cost.
    static func decodeBeam(
        _ doc: Document, _ tables: inout NERFeatures.Tables, features: NERFeatures, scheme: TagScheme,
        perceptron: inout AveragedPerceptron, gold: [Int]?, width: Int, transitions: [Float]? = nil,
        margin: Float = .infinity, openMargin: Float = .infinity
    ) -> [Int] {
        let n = doc.tokens.count
        var labels = [Int](repeating: 0, count: n)
        var history = [UInt8](repeating: 0, count: doc.interner.count)
        let extendedHistory = features.options.contains(.extendedHistory)
        let typeWidth = scheme.types.count + 1
        var counts = [UInt16](repeating: 0, count: extendedHistory ? doc.interner.count * typeWidth : 0)
        let training = gold != nil
        let bilou = scheme.encoding == .bilou
        let classes = scheme.count
        let B = max(width, 1)
        let maxF = NERFeatures.maxFeatures
        let longest = max(doc.sentences.reduce(0) { max($0, $1.tokens.count) }, 1)

        // Scratch memory (pointers: no copy-on-write or exclusivity checks in the loop).
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            b.initialize(repeating: value)
            return b
        }
        // The label-independent features of every token of the sentence (kept for the training updates).
        let stat = UnsafeMutablePointer<UInt64>.allocate(capacity: maxF * longest)
        let statCount = buffer(longest, 0)
        let lf = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxLabelFeatures)
        let lf2 = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxLabelFeatures)
        let staticScores = buffer(classes, Float(0))
        // Per token: the scores of the word-label features for each previous label, computed on demand
        // (`wordLabelAt[p1] == i` when done for token `i`).
        let wordLabel = buffer(classes * classes, Float(0))
        let wordLabelAt = buffer(classes, -1)
        let oneRow = buffer(classes, Float(0))
        let trans = buffer(classes * classes * classes, Float(0))
        if let transitions, !training, transitions.count == trans.count {
            for j in 0..<trans.count { trans[j] = transitions[j] }
        } else if !training {
            let t = transitionScores(perceptron)
            for j in 0..<trans.count { trans[j] = t[j] }
        }
        let allowed = buffer((classes + 1) * classes, false)
        for l in 0..<classes {
            allowed[l] = scheme.allows(nil, l)
            for p in 0..<classes { allowed[(p + 1) * classes + l] = scheme.allows(p, l) }
        }
        let ends = buffer(classes, false)
        let isOpen = buffer(classes, false)
        for l in 0..<classes {
            ends[l] = scheme.allowsEnd(l)
            isOpen[l] = scheme.part(l) == .begin || scheme.part(l) == .inside
        }
        // Nodes of the sentence's hypotheses: label and parent node. Each token adds at most B + 1.
        let maxNodes = longest * (B + 1) + 1
        let nodeLabel = buffer(maxNodes, 0)
        let nodeParent = buffer(maxNodes, Int32(-1))
        var nodes = 0
        var beam = buffer(B, Hypothesis(score: 0, p1: 0, p2: 0, node: -1))
        var next = buffer(B, Hypothesis(score: 0, p1: 0, p2: 0, node: -1))
        var beamCount = 0
        // Candidates in the order they are made (hypothesis, then label).
        let cands = buffer(B * classes, Candidate(score: 0, from: 0, label: 0))
        // Recombination: the best candidate of each state (label, previous label), -1 none.
        let bestOfState = buffer(classes * classes, -1)
        let states = buffer(classes * classes, 0)
        let chosen = buffer(B, 0)
        let predicted = buffer(longest, 0)
        defer {
            for p in [stat, lf, lf2] { p.deallocate() }
            for p in [staticScores, wordLabel, oneRow, trans] { p.deallocate() }
            for p in [statCount, wordLabelAt, nodeLabel, bestOfState, states, chosen, predicted] { p.deallocate() }
            allowed.deallocate()
            ends.deallocate()
            isOpen.deallocate()
            nodeParent.deallocate()
            beam.deallocate()
            next.deallocate()
            cands.deallocate()
        }

        /// Writes the labels of the path ending at `node` for positions `lo...upTo` into `predicted`.
        func path(_ node: Int32, _ lo: Int, _ upTo: Int) {
            var k = node
            var j = upTo
            while k >= 0 && j >= lo {
                predicted[j - lo] = nodeLabel[Int(k)]
                k = nodeParent[Int(k)]
                j -= 1
            }
        }

        /// The perceptron update of positions `from...to` of a sentence: towards gold, away from `predicted`
        /// (both sequences equal gold before `from`).
        func update(_ lo: Int, _ from: Int, _ to: Int, _ g: [Int]) {
            for j in from...to {
                let c = statCount[j - lo]
                if c == 0 { continue }
                let yg = g[j]
                let yp = predicted[j - lo]
                let gp1 = j > lo ? g[j - 1] : 0
                let gp2 = j > lo + 1 ? g[j - 2] : 0
                let pp1 = j > lo ? (j - 1 >= from ? predicted[j - 1 - lo] : g[j - 1]) : 0
                let pp2 = j > lo + 1 ? (j - 2 >= from ? predicted[j - 2 - lo] : g[j - 2]) : 0
                if yg == yp && gp1 == pp1 && gp2 == pp2 { continue }
                if yg != yp {
                    let fs = UnsafeBufferPointer(start: stat + (j - lo) * maxF, count: c)
                    perceptron.add(fs, class: yg, 1)
                    perceptron.add(fs, class: yp, -1)
                }
                let kg = features.labelFeatures(tables, j, previous: (gp1, gp2), into: lf)
                let kp = features.labelFeatures(tables, j, previous: (pp1, pp2), into: lf2)
                perceptron.add(UnsafeBufferPointer(start: lf, count: kg), class: yg, 1)
                perceptron.add(UnsafeBufferPointer(start: lf2, count: kp), class: yp, -1)
            }
        }

        for s in doc.sentences {
            if s.flags.contains(.ignored) { continue }
            let lo = s.tokens.lowerBound
            let hi = s.tokens.upperBound
            if lo == hi { continue }
            nodes = 0
            beam[0] = Hypothesis(score: 0, p1: 0, p2: 0, node: -1)
            beamCount = 1
            // Training: the beam index of the gold prefix (-1 once it fell out), its last node, and where the
            // current segment (since the last update) starts.
            var goldAt = 0
            var goldNode: Int32 = -1
            var segment = lo
            for i in lo..<hi {
                let tok = doc.tokens[i]
                let candidate = training || NERFeatures.isCandidate(tok)
                if !candidate {
                    var anyOpen = false
                    let floor = bilou ? -Float.infinity : beam[0].score - openMargin
                    for b in 0..<beamCount where isOpen[beam[b].p1] && beam[b].score >= floor { anyOpen = true }
                    if !anyOpen {
                        // Every hypothesis takes O; those with the same last label merge (the beam is sorted:
                        // the first of them is kept).
                        statCount[i - lo] = 0
                        var m = 0
                        for b in 0..<beamCount {
                            let h = beam[b]
                            var seen = false
                            for x in 0..<m where next[x].p2 == h.p1 { seen = true }
                            if seen { continue }
                            nodeLabel[nodes] = 0
                            nodeParent[nodes] = h.node
                            next[m] = Hypothesis(score: h.score, p1: 0, p2: h.p1, node: Int32(nodes))
                            nodes += 1
                            m += 1
                        }
                        swap(&beam, &next)
                        beamCount = m
                        continue
                    }
                }
                let hist = history[Int(tok.lower)]
                let ext =
                    extendedHistory ? NERFeatures.extendedHistory(counts, lower: Int(tok.lower), width: typeWidth) : 0
                if i > lo { features.fill(&tables, i - 1) }
                features.fill(&tables, i)
                if i + 1 < hi { features.fill(&tables, i + 1) }
                let sp = stat + (i - lo) * maxF
                let k = features.extract(
                    doc, tables, i, lo, hi, previous: (0, 0), history: hist, extended: ext, stacked: nil,
                    labelFeatures: false, into: sp)
                statCount[i - lo] = k
                for c in 0..<classes { staticScores[c] = 0 }
                perceptron.score(UnsafeBufferPointer(start: sp, count: k), into: staticScores)
                let last = i + 1 == hi
                var nc = 0
                for b in 0..<beamCount {
                    let h = beam[b]
                    let w = h.p1 * classes
                    if wordLabelAt[h.p1] != i {
                        wordLabelAt[h.p1] = i
                        let kl = features.wordLabelFeatures(tables, i, previous: h.p1, into: lf)
                        let row = UnsafeMutableBufferPointer(rebasing: wordLabel[w..<(w + classes)])
                        for c in 0..<classes { row[c] = 0 }
                        perceptron.score(UnsafeBufferPointer(start: lf, count: kl), into: row)
                    }
                    var tr = (h.p1 * classes + h.p2) * classes
                    if training {
                        let kt = NERFeatures.transitionFeatures(previous: (h.p1, h.p2), into: lf)
                        for c in 0..<classes { oneRow[c] = 0 }
                        perceptron.score(UnsafeBufferPointer(start: lf, count: kt), into: oneRow)
                        tr = -1
                    }
                    if !candidate && !isOpen[h.p1] {
                        // Not a name token and no open span: only O, scored like the others.
                        let t = tr >= 0 ? trans[tr] : oneRow[0]
                        cands[nc] = Candidate(score: h.score + staticScores[0] + wordLabel[w] + t, from: b, label: 0)
                        nc += 1
                        continue
                    }
                    let row = i == lo ? 0 : (h.p1 + 1) * classes
                    for c in 0..<classes where allowed[row + c] && (!last || ends[c]) {
                        let t = tr >= 0 ? trans[tr + c] : oneRow[c]
                        let score = h.score + staticScores[c] + wordLabel[w + c] + t
                        cands[nc] = Candidate(score: score, from: b, label: c)
                        nc += 1
                    }
                }
                // The best candidate of each state, then the best `B` of those (ties: the earlier candidate).
                var ns = 0
                for x in 0..<nc {
                    let c = cands[x]
                    let st = c.label * classes + beam[c.from].p1
                    let y = bestOfState[st]
                    if y < 0 {
                        bestOfState[st] = x
                        states[ns] = st
                        ns += 1
                    } else if c.score > cands[y].score {
                        bestOfState[st] = x
                    }
                }
                var count = 0
                for q in 0..<ns {
                    let x = bestOfState[states[q]]
                    bestOfState[states[q]] = -1
                    let sc = cands[x].score
                    var pos = count
                    while pos > 0 {
                        let y = chosen[pos - 1]
                        if cands[y].score > sc || (cands[y].score == sc && y < x) { break }
                        pos -= 1
                    }
                    if pos >= B { continue }
                    var j = min(count, B - 1)
                    while j > pos {
                        chosen[j] = chosen[j - 1]
                        j -= 1
                    }
                    chosen[pos] = x
                    if count < B { count += 1 }
                }
                if !training && count > 1 {
                    // Hypotheses far below the best are dropped.
                    let floor = cands[chosen[0]].score - margin
                    while count > 1 && cands[chosen[count - 1]].score < floor { count -= 1 }
                }
                var newGold = -1
                for r in 0..<count {
                    let c = cands[chosen[r]]
                    let h = beam[c.from]
                    nodeLabel[nodes] = c.label
                    nodeParent[nodes] = h.node
                    next[r] = Hypothesis(score: c.score, p1: c.label, p2: h.p1, node: Int32(nodes))
                    nodes += 1
                    if let gold, goldAt >= 0, c.from == goldAt, c.label == gold[i] { newGold = r }
                }
                var m = count
                if let gold {
                    perceptron.tick()
                    if goldAt >= 0 {
                        // The gold hypothesis' node (whether or not it stayed in the beam).
                        nodeLabel[nodes] = gold[i]
                        nodeParent[nodes] = beam[goldAt].node
                        goldNode = Int32(nodes)
                        nodes += 1
                    }
                    if newGold < 0 {
                        // The gold prefix fell out: update on the segment, then go on from the gold prefix.
                        path(next[0].node, lo, i)
                        update(lo, segment, i, gold)
                        next[0] = Hypothesis(score: 0, p1: gold[i], p2: i > lo ? gold[i - 1] : 0, node: goldNode)
                        m = 1
                        newGold = 0
                        segment = i + 1
                    }
                    goldAt = newGold
                }
                swap(&beam, &next)
                beamCount = m
            }
            if let gold, segment < hi, goldAt > 0 {
                // The sentence ends with the gold sequence in the beam but not first.
                path(beam[0].node, lo, hi - 1)
                update(lo, segment, hi - 1, gold)
            }
            path(beam[0].node, lo, hi - 1)
            for i in lo..<hi {
                let l = predicted[i - lo]
                labels[i] = l
                let tok = doc.tokens[i]
                if NERFeatures.isCandidate(tok) {
                    history[Int(tok.lower)] = scheme.type(l).map { UInt8(2 + $0) } ?? 1
                    if extendedHistory {
                        let c = Int(tok.lower) * typeWidth + (scheme.type(l).map { $0 + 1 } ?? 0)
                        if counts[c] < UInt16.max { counts[c] += 1 }
                    }
                }
            }
        }
        return labels
    }
}
