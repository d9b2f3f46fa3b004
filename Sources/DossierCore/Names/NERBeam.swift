/// Beam decoding for the name tagger, and its global training (a structured perceptron with LaSO updates).
///
/// A hypothesis is a label sequence over the sentence so far; its score is the sum of its labels' scores. The
/// features of a token that do not depend on the previous labels are extracted and scored once per token;
/// the few that do (``NERFeatures/labelFeatures(_:_:previous:into:)``) once per hypothesis. In training, when
/// the gold sequence falls out of the beam, the perceptron is updated towards the gold prefix and away from
/// the best hypothesis (Collins and Roark 2004; Daumé and Marcu's LaSO), and decoding resumes from the gold
/// prefix, so that the whole sentence is learned from.
extension NERModel {
    /// One hypothesis of the beam.
    struct Hypothesis {
        var score: Float
        var p1: Int
        var p2: Int
        /// Its last label's node (-1: none yet).
        var node: Int32
    }

    /// Beam decoding of a document; with `gold`, global perceptron training (see the type's comment).
    ///
    /// The document-level history (the label the same word got earlier) is updated at the end of each
    /// sentence from the sentence's best sequence.
    static func decodeBeam(
        _ doc: Document, _ tables: inout NERFeatures.Tables, features: NERFeatures, scheme: TagScheme,
        perceptron: inout AveragedPerceptron, gold: [Int]?, width: Int
    ) -> [Int] {
        let n = doc.tokens.count
        var labels = [Int](repeating: 0, count: n)
        var history = [UInt8](repeating: 0, count: doc.interner.count)
        let extendedHistory = features.options.contains(.extendedHistory)
        let typeWidth = scheme.types.count + 1
        var counts = [UInt16](repeating: 0, count: extendedHistory ? doc.interner.count * typeWidth : 0)
        let scoreAll = gold != nil
        let classes = scheme.count
        let B = max(width, 1)
        let maxF = NERFeatures.maxFeatures
        let maxSentence = doc.sentences.reduce(0) { max($0, $1.tokens.count) }
        // The label-independent features of every token of the sentence (kept for the training updates).
        let stat = UnsafeMutablePointer<UInt64>.allocate(capacity: maxF * max(maxSentence, 1))
        defer { stat.deallocate() }
        var statCount = [Int](repeating: 0, count: max(maxSentence, 1))
        let lf = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxLabelFeatures)
        defer { lf.deallocate() }
        let lf2 = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxLabelFeatures)
        defer { lf2.deallocate() }
        let staticScores = UnsafeMutableBufferPointer<Float>.allocate(capacity: classes)
        defer { staticScores.deallocate() }
        let labelScores = UnsafeMutableBufferPointer<Float>.allocate(capacity: classes)
        defer { labelScores.deallocate() }
        var allowed = [Bool](repeating: false, count: (classes + 1) * classes)
        for l in 0..<classes {
            allowed[l] = scheme.allows(nil, l)
            for p in 0..<classes { allowed[(p + 1) * classes + l] = scheme.allows(p, l) }
        }
        let ends = (0..<classes).map { scheme.allowsEnd($0) }
        let isOpen = (0..<classes).map { scheme.part($0) == .begin || scheme.part($0) == .inside }
        // Nodes of the sentence's hypotheses: label and parent node.
        var nodeLabel: [Int] = []
        var nodeParent: [Int32] = []
        var beam: [Hypothesis] = []
        var next: [Hypothesis] = []
        // Candidates: (score, hypothesis index, label).
        var cands: [(score: Float, from: Int, label: Int)] = []
        cands.reserveCapacity(B * classes)
        var predicted = [Int](repeating: 0, count: max(maxSentence, 1))

        func path(_ node: Int32, _ lo: Int, _ upTo: Int, into out: inout [Int]) {
            var k = node
            var j = upTo
            while k >= 0 && j >= lo {
                out[j - lo] = nodeLabel[Int(k)]
                k = nodeParent[Int(k)]
                j -= 1
            }
        }

        // The perceptron update of positions `from...to` of a sentence: towards gold, away from `predicted`
        // (both sequences equal gold before `from`).
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
            nodeLabel.removeAll(keepingCapacity: true)
            nodeParent.removeAll(keepingCapacity: true)
            beam.removeAll(keepingCapacity: true)
            beam.append(Hypothesis(score: 0, p1: 0, p2: 0, node: -1))
            // Training: the beam index of the gold prefix (nil once it fell out), and where the current
            // segment (since the last update) starts.
            var goldAt: Int? = 0
            var goldNode: Int32 = -1
            var segment = lo
            for i in lo..<hi {
                let tok = doc.tokens[i]
                let candidate = scoreAll || NERFeatures.isCandidate(tok)
                let anyOpen = beam.contains { isOpen[$0.p1] }
                if !candidate && !anyOpen {
                    statCount[i - lo] = 0
                    for b in beam.indices {
                        nodeLabel.append(0)
                        nodeParent.append(beam[b].node)
                        beam[b].node = Int32(nodeLabel.count - 1)
                        beam[b].p2 = beam[b].p1
                        beam[b].p1 = 0
                    }
                    continue
                }
                let hist = history[Int(tok.lower)]
                var ext: UInt32 = 0
                if extendedHistory {
                    let base = Int(tok.lower) * typeWidth
                    var seen: UInt8 = 0
                    var best = 0
                    var top: UInt16 = 0
                    var total: UInt16 = 0
                    for c in 0..<typeWidth where counts[base + c] > 0 {
                        seen |= 1 << UInt8(c)
                        total &+= counts[base + c]
                        if counts[base + c] > top {
                            top = counts[base + c]
                            best = c + 1
                        }
                    }
                    if seen != 0 {
                        ext = NERFeatures.packHistory(seen: seen, majority: UInt8(best), unanimous: top == total)
                    }
                }
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
                cands.removeAll(keepingCapacity: true)
                for (b, h) in beam.enumerated() {
                    if !candidate && !isOpen[h.p1] {
                        // Not a name token and no open span: only O, scored like the others.
                        let kl = features.labelFeatures(tables, i, previous: (h.p1, h.p2), into: lf)
                        for c in 0..<classes { labelScores[c] = 0 }
                        perceptron.score(UnsafeBufferPointer(start: lf, count: kl), into: labelScores)
                        cands.append((h.score + staticScores[0] + labelScores[0], b, 0))
                        continue
                    }
                    let kl = features.labelFeatures(tables, i, previous: (h.p1, h.p2), into: lf)
                    for c in 0..<classes { labelScores[c] = 0 }
                    perceptron.score(UnsafeBufferPointer(start: lf, count: kl), into: labelScores)
                    let row = i == lo ? 0 : (h.p1 + 1) * classes
                    for c in 0..<classes where allowed[row + c] && (!last || ends[c]) {
                        cands.append((h.score + staticScores[c] + labelScores[c], b, c))
                    }
                }
                // The best `B` candidates; ties go to the earlier hypothesis, then the lower label.
                cands.sort { a, b in
                    a.score != b.score ? a.score > b.score : (a.from != b.from ? a.from < b.from : a.label < b.label)
                }
                next.removeAll(keepingCapacity: true)
                var newGold: Int? = nil
                for (r, c) in cands.prefix(B).enumerated() {
                    let h = beam[c.from]
                    nodeLabel.append(c.label)
                    nodeParent.append(h.node)
                    next.append(Hypothesis(score: c.score, p1: c.label, p2: h.p1, node: Int32(nodeLabel.count - 1)))
                    if let gold, let ga = goldAt, c.from == ga, c.label == gold[i] { newGold = r }
                }
                if let gold {
                    perceptron.tick()
                    if let ga = goldAt {
                        // The gold hypothesis' node (whether or not it stayed in the beam).
                        nodeLabel.append(gold[i])
                        nodeParent.append(beam[ga].node)
                        goldNode = Int32(nodeLabel.count - 1)
                    }
                    if newGold == nil {
                        // The gold prefix fell out: update on the segment, then go on from the gold prefix.
                        path(next[0].node, lo, i, into: &predicted)
                        update(lo, segment, i, gold)
                        next.removeAll(keepingCapacity: true)
                        next.append(
                            Hypothesis(score: 0, p1: gold[i], p2: i > lo ? gold[i - 1] : 0, node: goldNode))
                        newGold = 0
                        segment = i + 1
                    }
                    goldAt = newGold
                }
                swap(&beam, &next)
            }
            if let gold, segment < hi, let ga = goldAt, ga != 0 {
                // The sentence ends with the gold sequence in the beam but not first.
                path(beam[0].node, lo, hi - 1, into: &predicted)
                update(lo, segment, hi - 1, gold)
            }
            path(beam[0].node, lo, hi - 1, into: &predicted)
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
