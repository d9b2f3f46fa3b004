import Foundation

/// Several parsers voting on each word's head (reparsing, Sagae and Lavie 2006): every parser's arcs count
/// with its weight, the projective tree with one root word that has the largest total is found by Eisner's
/// algorithm, and each word's relation is the one the parsers that chose its head gave the most weight. Parsers
/// that err in different places (left-to-right and right-to-left, greedy and beam) correct one another.
public struct ParserEnsemble: Sendable {
    public struct Member: Sendable {
        public var model: ParserModel
        public var weight: Double
        public init(model: ParserModel, weight: Double) {
            self.model = model
            self.weight = weight
        }
    }

    /// The parsers; the first one's relation names are the output's, and it breaks ties.
    public var members: [Member]
    /// With a temperature, a beam member votes with every parse of its last beam, each weighted by the
    /// softmax of the beam scores at this temperature (its confidence), instead of its best parse alone.
    public var temperature: Float?
    /// With a greedy temperature above 0, an unlabelled greedy member splits each word's vote between the head it
    /// chose and the head the other arc action would have given (``ParserModel/parseWithRivals(_:tags:sentence:)``),
    /// by the logistic of the score margin at this temperature: an unsure attachment weighs less.
    public var greedyTemperature: Float?

    /// One parse's vote: sentence-local heads (-1 root) and relation ids of `member`, with its share of the
    /// member's weight, and per word the rival head that takes part of that share (a greedy member's).
    struct Vote {
        var member: Int
        var heads: [Int32]
        var labels: [UInt8]
        var share: Double
        var rivals: [(head: Int32, share: Double)?] = []
    }

    /// Tag hypotheses (with ``parse(_:tags:sentences:alternatives:)``; 0: none): the tokens whose tagger margin
    /// (best score minus runner-up) is below this are the unsure ones (at most ``tagHypotheses`` per sentence,
    /// the least sure first). Every member also parses the sentence with their runner-up tags, and those parses
    /// vote with ``tagWeight``: a wrong tag then costs less of the tree.
    public var tagMargin: Float = 0
    /// The weight of the votes of a tag hypothesis, against 1 for the tagger's tags.
    public var tagWeight: Double = 0.5
    /// The most unsure tokens per sentence.
    public var tagHypotheses = 3
    /// One hypothesis with every unsure token's runner-up tag (true), or one per unsure token (false: about
    /// twice the parses for the same accuracy).
    public var tagFlipAll = true

    /// Every member parses the tags the first joint-tagging member (``ParserModel/jointMargin``) chose
    /// (``ParserModel/chosenTags(_:tags:sentences:)``) instead of the tagger's; the tagger's tag becomes the
    /// alternative of a token whose tag it changed.
    public var jointTagsForAll = false

    public init(_ members: [Member], temperature: Float? = nil) {
        self.members = members
        self.temperature = temperature
    }

    /// Whether member `k` votes with its rival heads (an unlabelled greedy member, with a greedy temperature).
    func splitsVotes(_ k: Int) -> Bool {
        let m = members[k].model
        return (greedyTemperature ?? 0) > 0 && !m.labelled && m.beamWidth == 1
    }

    /// The relation names of the output (the first member's).
    public var labels: [String] { members.first?.model.labels ?? [] }

    /// Whether a member reads ambiguity classes (feature version 5): the tables need them.
    public var needsAmbiguity: Bool { members.contains { $0.model.featureSet >= 5 } }
    /// Whether a member reads the tagger's runner-up tags from the tables (``ParserModel/readsRunnerUps``).
    public var readsRunnerUps: Bool { members.contains { $0.model.readsRunnerUps } }

    /// Parses the sentences with every member and combines their trees. Document-level heads (-1 root) and
    /// relation ids (of ``labels``), as ``ParserModel/parse(_:tags:sentences:)``.
    public func parse(
        _ tables: SyntaxTables, tags: [UInt64], sentences: [Range<Int>],
        alternatives: (tags: [UInt64], margin: [Float])? = nil
    ) -> (
        heads: [Int32], labels: [UInt8]
    ) {
        var heads = [Int32](repeating: -1, count: tags.count)
        var labs = [UInt8](repeating: 0, count: tags.count)
        guard let first = members.first else { return (heads, labs) }
        let (tags, given) = memberTags(tables, tags: tags, sentences: sentences, alternatives: alternatives)
        // Each member's relation ids in the first member's list (by name; unknown names map to 0).
        var index: [String: UInt8] = [:]
        for (i, l) in first.model.labels.enumerated() { index[l] = UInt8(i) }
        let maps: [[UInt8]] = members.map { m in m.model.labels.map { index[$0] ?? 0 } }
        // Without a temperature, each member's best parse of every sentence, parsed at once (a member that splits
        // its votes parses sentence by sentence, with its rivals).
        let best = members.indices.map { k in
            temperature == nil && !splitsVotes(k)
                ? members[k].model.parse(tables, tags: tags, sentences: sentences) : nil
        }
        var hypothesisTags = tags
        // Members that read each word's runner-up: in a hypothesis, a flipped word's is the tagger's best.
        let swapsRunnerUps = readsRunnerUps && tables.runnerUp.count == tags.count
        var hypothesisTables = tables
        // Alternatives of another length than the tags are not read.
        let alternatives = given.flatMap { a in
            a.tags.count == tags.count && a.margin.count == tags.count && tagMargin > 0 ? a : nil
        }
        for r in sentences where !r.isEmpty {
            var voters: [Vote] = []
            /// Member `k`'s parse of `r` with tags `t` (with a temperature, every parse of its last beam, by
            /// softmax share), each share times `weight`.
            func vote(_ k: Int, _ t: [UInt64], _ weight: Double, _ tables: SyntaxTables) {
                let model = members[k].model
                if let greedyTemperature, splitsVotes(k) {
                    let p = model.parseWithRivals(tables, tags: t, sentence: r)
                    // The chosen head keeps the logistic of the margin; the rival gets the rest.
                    let rivals = p.rivals.map { x in
                        x.map { (head: $0.head, share: 1 / (1 + exp(Double($0.margin / greedyTemperature)))) }
                    }
                    voters.append(Vote(member: k, heads: p.heads, labels: p.labels, share: weight, rivals: rivals))
                    return
                }
                if let temperature {
                    let parses = model.kbest(tables, tags: t, sentence: r)
                    guard let top = parses.first else { return }
                    let x = parses.map { exp(Double(($0.score - top.score) / temperature)) }
                    let z = x.reduce(0, +)
                    for (j, p) in parses.enumerated() {
                        voters.append(Vote(member: k, heads: p.heads, labels: p.labels, share: weight * x[j] / z))
                    }
                } else {
                    let p = model.parse(tables, tags: t, sentences: [r])
                    let h = p.heads[r].map { $0 < 0 ? -1 : $0 - Int32(r.lowerBound) }
                    voters.append(Vote(member: k, heads: h, labels: Array(p.labels[r]), share: weight))
                }
            }
            for k in members.indices {
                if let parsed = best[k] {
                    let h = parsed.heads[r].map { $0 < 0 ? -1 : $0 - Int32(r.lowerBound) }
                    voters.append(Vote(member: k, heads: h, labels: Array(parsed.labels[r]), share: 1))
                } else {
                    vote(k, tags, 1, tables)
                }
            }
            if let alternatives {
                // The least sure tokens whose runner-up tag differs, flipped together or one at a time.
                var unsure = r.filter { alternatives.margin[$0] < tagMargin && alternatives.tags[$0] != tags[$0] }
                unsure.sort { alternatives.margin[$0] < alternatives.margin[$1] }
                unsure = Array(unsure.prefix(tagHypotheses))
                let flips = tagFlipAll ? (unsure.isEmpty ? [] : [unsure]) : unsure.map { [$0] }
                for f in flips {
                    for i in f { hypothesisTags[i] = alternatives.tags[i] }
                    if swapsRunnerUps { for i in f { hypothesisTables.runnerUp[i] = tags[i] } }
                    for k in members.indices { vote(k, hypothesisTags, tagWeight, hypothesisTables) }
                    for i in f { hypothesisTags[i] = tags[i] }
                    if swapsRunnerUps { for i in f { hypothesisTables.runnerUp[i] = tables.runnerUp[i] } }
                }
            }
            let out = combine(voters, n: r.count, maps: maps, labelCount: max(first.model.labels.count, 1))
            for d in 0..<r.count {
                heads[r.lowerBound + d] = out.heads[d] < 0 ? -1 : Int32(r.lowerBound) + out.heads[d]
                labs[r.lowerBound + d] = out.labels[d]
            }
        }
        return (heads, labs)
    }

    /// The tags the members parse and their alternatives: the given ones, or with ``jointTagsForAll`` those
    /// the first joint-tagging member chose, each changed token's tagger tag as its alternative.
    public func memberTags(
        _ tables: SyntaxTables, tags: [UInt64], sentences: [Range<Int>],
        alternatives: (tags: [UInt64], margin: [Float])? = nil
    ) -> (tags: [UInt64], alternatives: (tags: [UInt64], margin: [Float])?) {
        guard jointTagsForAll, let joint = members.first(where: { $0.model.jointMargin > 0 }) else {
            return (tags, alternatives)
        }
        var out = tags
        var alt = alternatives
        let chosen = joint.model.chosenTags(tables, tags: tags, sentences: sentences)
        for i in chosen.indices where chosen[i] != tags[i] {
            if alt?.tags.count == tags.count { alt?.tags[i] = tags[i] }
            out[i] = chosen[i]
        }
        return (out, alt)
    }

    /// The tree and relations of one sentence of `n` words from the voting parses (sentence-local heads, -1
    /// root): arc scores summed (member weight x share; the first member's a little more, which breaks ties; a
    /// word's rival head takes its part of the share), Eisner's tree, and per word the relation with the most
    /// weight among the parses that chose its head (the first voter's when none did).
    func combine(
        _ voters: [Vote], n: Int, maps: [[UInt8]],
        labelCount: Int
    ) -> (heads: [Int32], labels: [UInt8]) {
        guard let lead = voters.first else {
            return ([Int32](repeating: -1, count: n), [UInt8](repeating: 0, count: n))
        }
        func weight(_ v: Vote) -> Double {
            (members[v.member].weight + (v.member == 0 ? 1e-3 : 0)) * v.share
        }
        // score[h * n + d]: votes for head h of word d (h = n: the root).
        var score = [Double](repeating: 0, count: (n + 1) * n)
        for v in voters {
            let w = weight(v)
            for d in 0..<n {
                var own = w
                if d < v.rivals.count, let rival = v.rivals[d] {
                    own -= w * rival.share
                    score[(rival.head < 0 ? n : Int(rival.head)) * n + d] += w * rival.share
                }
                score[(v.heads[d] < 0 ? n : Int(v.heads[d])) * n + d] += own
            }
        }
        let tree = ParserEnsemble.eisner(score, n: n)
        var heads = [Int32](repeating: -1, count: n)
        var labs = [UInt8](repeating: 0, count: n)
        var votes = [Double](repeating: 0, count: labelCount)
        for d in 0..<n {
            let h = tree[d]
            heads[d] = h == n ? -1 : Int32(h)
            for i in 0..<labelCount { votes[i] = 0 }
            var any = false
            for v in voters where (v.heads[d] < 0 ? n : Int(v.heads[d])) == h {
                votes[Int(maps[v.member][Int(v.labels[d])])] += weight(v)
                any = true
            }
            if any {
                var best = 0
                for i in 1..<labelCount where votes[i] > votes[best] { best = i }
                labs[d] = UInt8(best)
            } else {
                labs[d] = maps[lead.member][Int(lead.labels[d])]
            }
        }
        return (heads, labs)
    }

    /// The best projective tree with exactly one word under the root, by Eisner's algorithm over words
    /// `0..<n`. `score[h * n + d]` is the score of head `h` for word `d`, `h = n` the root. Returns each word's
    /// head (`n` for the root word).
    static func eisner(_ score: [Double], n: Int) -> [Int] {
        // Tables over spans i...j (i <= j), flattened as i * n + j; direction 0: head j (left-facing), 1: head i.
        let size = n * n
        var complete = [[Double]](repeating: [Double](repeating: 0, count: size), count: 2)
        var incomplete = [[Double]](repeating: [Double](repeating: 0, count: size), count: 2)
        var completeSplit = [[Int]](repeating: [Int](repeating: 0, count: size), count: 2)
        var incompleteSplit = [Int](repeating: 0, count: size)
        /// The best split r in `range` by `value(r)`, first one on ties.
        @inline(__always) func best(_ range: ClosedRange<Int>, _ value: (Int) -> Double) -> (Double, Int) {
            var top = -Double.infinity
            var arg = range.lowerBound
            for r in range {
                let v = value(r)
                if v > top {
                    top = v
                    arg = r
                }
            }
            return (top, arg)
        }
        for k in 1..<n {
            for i in 0..<(n - k) {
                let j = i + k
                // Incomplete spans: the arc j -> i or i -> j over the best split.
                let (split, arg) = best(i...(j - 1)) { r in complete[1][i * n + r] + complete[0][(r + 1) * n + j] }
                incomplete[0][i * n + j] = split + score[j * n + i]
                incomplete[1][i * n + j] = split + score[i * n + j]
                incompleteSplit[i * n + j] = arg
                // Complete spans headed at j (left) and at i (right).
                let (left, al) = best(i...(j - 1)) { r in complete[0][i * n + r] + incomplete[0][r * n + j] }
                complete[0][i * n + j] = left
                completeSplit[0][i * n + j] = al
                let (right, ar) = best((i + 1)...j) { r in incomplete[1][i * n + r] + complete[1][r * n + j] }
                complete[1][i * n + j] = right
                completeSplit[1][i * n + j] = ar
            }
        }
        // One root word r: everything left of it hangs under it, and everything right of it.
        var root = 0
        var bestRoot = -Double.infinity
        for r in 0..<n {
            let v = complete[0][r] + complete[1][r * n + (n - 1)] + score[n * n + r]
            if v > bestRoot {
                bestRoot = v
                root = r
            }
        }
        var heads = [Int](repeating: n, count: n)
        // Backtracking with an explicit stack: (i, j, complete?, direction).
        var stack: [(Int, Int, Bool, Int)] = [(0, root, true, 0), (root, n - 1, true, 1)]
        while let (i, j, isComplete, dir) = stack.popLast() {
            guard i < j else { continue }
            if isComplete {
                let r = completeSplit[dir][i * n + j]
                if dir == 0 {
                    stack.append((i, r, true, 0))
                    stack.append((r, j, false, 0))
                } else {
                    stack.append((i, r, false, 1))
                    stack.append((r, j, true, 1))
                }
            } else {
                if dir == 0 { heads[i] = j } else { heads[j] = i }
                let r = incompleteSplit[i * n + j]
                stack.append((i, r, true, 1))
                stack.append((r + 1, j, true, 0))
            }
        }
        heads[root] = n
        return heads
    }
}
