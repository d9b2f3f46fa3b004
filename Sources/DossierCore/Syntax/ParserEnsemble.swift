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

    public init(_ members: [Member], temperature: Float? = nil) {
        self.members = members
        self.temperature = temperature
    }

    /// The relation names of the output (the first member's).
    public var labels: [String] { members.first?.model.labels ?? [] }

    /// Whether a member reads ambiguity classes (feature version 5): the tables need them.
    public var needsAmbiguity: Bool { members.contains { $0.model.featureSet >= 5 } }

    /// Parses the sentences with every member and combines their trees. Document-level heads (-1 root) and
    /// relation ids (of ``labels``), as ``ParserModel/parse(_:tags:sentences:)``.
    public func parse(_ tables: SyntaxTables, tags: [UInt64], sentences: [Range<Int>]) -> (
        heads: [Int32], labels: [UInt8]
    ) {
        guard let first = members.first else {
            return ([Int32](repeating: -1, count: tags.count), [UInt8](repeating: 0, count: tags.count))
        }
        if let temperature { return parseKBest(tables, tags: tags, sentences: sentences, temperature: temperature) }
        let outs = members.map { $0.model.parse(tables, tags: tags, sentences: sentences) }
        // Each member's relation ids in the first member's list (by name; unknown names map to 0).
        var index: [String: UInt8] = [:]
        for (i, l) in first.model.labels.enumerated() { index[l] = UInt8(i) }
        let maps: [[UInt8]] = members.map { m in m.model.labels.map { index[$0] ?? 0 } }
        var heads = outs[0].heads
        var labs = outs[0].labels
        let labelCount = max(first.model.labels.count, 1)
        var votes = [Double](repeating: 0, count: labelCount)
        for r in sentences where r.count > 1 {
            let n = r.count
            let lo = r.lowerBound
            // score[h * n + d]: votes for head h of word d (h = n: the root).
            var score = [Double](repeating: 0, count: (n + 1) * n)
            for (k, m) in members.enumerated() {
                // The first member's arcs weigh a little more, which breaks ties.
                let w = m.weight + (k == 0 ? 1e-3 : 0)
                for d in 0..<n {
                    let h = outs[k].heads[lo + d]
                    let hh = h < 0 ? n : Int(h) - lo
                    score[hh * n + d] += w
                }
            }
            let tree = ParserEnsemble.eisner(score, n: n)
            for d in 0..<n {
                let h = tree[d]
                heads[lo + d] = h == n ? -1 : Int32(lo + h)
                for i in 0..<labelCount { votes[i] = 0 }
                var any = false
                for (k, m) in members.enumerated() {
                    let mh = outs[k].heads[lo + d]
                    guard (mh < 0 ? n : Int(mh) - lo) == h else { continue }
                    let l = Int(maps[k][Int(outs[k].labels[lo + d])])
                    votes[l] += m.weight + (k == 0 ? 1e-3 : 0)
                    any = true
                }
                if any {
                    var best = 0
                    for i in 1..<labelCount where votes[i] > votes[best] { best = i }
                    labs[lo + d] = UInt8(best)
                } else {
                    labs[lo + d] = outs[0].labels[lo + d]
                }
            }
        }
        return (heads, labs)
    }

    /// ``parse(_:tags:sentences:)`` with every member's last beam voting (``temperature``).
    func parseKBest(_ tables: SyntaxTables, tags: [UInt64], sentences: [Range<Int>], temperature: Float) -> (
        heads: [Int32], labels: [UInt8]
    ) {
        var heads = [Int32](repeating: -1, count: tags.count)
        var labs = [UInt8](repeating: 0, count: tags.count)
        guard let first = members.first else { return (heads, labs) }
        var index: [String: UInt8] = [:]
        for (i, l) in first.model.labels.enumerated() { index[l] = UInt8(i) }
        let maps: [[UInt8]] = members.map { m in m.model.labels.map { index[$0] ?? 0 } }
        let labelCount = max(first.model.labels.count, 1)
        for r in sentences where !r.isEmpty {
            let n = r.count
            var score = [Double](repeating: 0, count: (n + 1) * n)
            // Label votes per (word, head): [d][h * labelCount + l], filled lazily.
            var labelVotes = [[Double]](repeating: [], count: n)
            for (k, m) in members.enumerated() {
                let parses = m.model.kbest(tables, tags: tags, sentence: r)
                guard let best = parses.first else { continue }
                var z = 0.0
                let ps = parses.map { p -> Double in
                    let x = exp(Double((p.score - best.score) / temperature))
                    z += x
                    return x
                }
                let w = m.weight + (k == 0 ? 1e-3 : 0)
                for (j, p) in parses.enumerated() {
                    let q = w * ps[j] / z
                    for d in 0..<n {
                        let h = p.heads[d] < 0 ? n : Int(p.heads[d])
                        score[h * n + d] += q
                        if labelVotes[d].isEmpty { labelVotes[d] = [Double](repeating: 0, count: (n + 1) * labelCount) }
                        labelVotes[d][h * labelCount + Int(maps[k][Int(p.labels[d])])] += q
                    }
                }
            }
            let tree = n == 1 ? [1] : ParserEnsemble.eisner(score, n: n)
            for d in 0..<n {
                let h = tree[d]
                heads[r.lowerBound + d] = h == n ? -1 : Int32(r.lowerBound + h)
                var best = 0
                var top = -1.0
                if !labelVotes[d].isEmpty {
                    for l in 0..<labelCount where labelVotes[d][h * labelCount + l] > top {
                        top = labelVotes[d][h * labelCount + l]
                        best = l
                    }
                }
                labs[r.lowerBound + d] = UInt8(best)
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
        for k in 1..<n {
            for i in 0..<(n - k) {
                let j = i + k
                // Incomplete spans: the arc j -> i or i -> j over the best split.
                var best = -Double.infinity
                var arg = i
                for r in i..<j {
                    let v = complete[1][i * n + r] + complete[0][(r + 1) * n + j]
                    if v > best {
                        best = v
                        arg = r
                    }
                }
                incomplete[0][i * n + j] = best + score[j * n + i]
                incomplete[1][i * n + j] = best + score[i * n + j]
                incompleteSplit[i * n + j] = arg
                // Complete spans headed at j (left) and at i (right).
                var bl = -Double.infinity
                var al = i
                for r in i..<j {
                    let v = complete[0][i * n + r] + incomplete[0][r * n + j]
                    if v > bl {
                        bl = v
                        al = r
                    }
                }
                complete[0][i * n + j] = bl
                completeSplit[0][i * n + j] = al
                var br = -Double.infinity
                var ar = j
                for r in (i + 1)...j {
                    let v = incomplete[1][i * n + r] + complete[1][r * n + j]
                    if v > br {
                        br = v
                        ar = r
                    }
                }
                complete[1][i * n + j] = br
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
