import Foundation

/// Word clustering with the exchange algorithm on a predictive class-bigram model
/// (Kneser and Ney 1993; Uszkoreit and Brants 2008).
///
/// Each word gets one of `K` classes so that the class of a word predicts the next word well: the algorithm
/// maximizes `Σ N(c,w) log N(c,w) − Σ N(c) log N(c)`, where `N(c,w)` counts word `w` after a word of class `c`.
/// It moves one word at a time (most frequent first) to the class that raises the objective most, for a fixed
/// number of passes. Deterministic: initial classes by frequency rank, ties broken by class number.
public struct ExchangeClustering: Sendable {
    /// The number of classes.
    public let classes: Int
    public let iterations: Int

    public init(classes: Int, iterations: Int = 10) {
        self.classes = classes
        self.iterations = iterations
    }

    /// Clusters a corpus given as word ids `0..<vocabularySize`, where ids are ranked by frequency (0 = most
    /// frequent). Returns each word's class. `progress` is called after each pass with the objective.
    public func cluster(
        corpus: [Int32], vocabularySize V: Int, progress: (Int, Double) -> Void = { _, _ in }
    ) -> [Int32] {
        let K = classes
        // Bigram counts, grouped by predecessor: succ[start[v]..<start[v+1]] = (w, n).
        var pairs = [UInt64]()
        pairs.reserveCapacity(corpus.count)
        for i in 1..<max(corpus.count, 1) {
            pairs.append(UInt64(UInt32(corpus[i - 1])) << 32 | UInt64(UInt32(corpus[i])))
        }
        pairs.sort()
        var start = [Int](repeating: 0, count: V + 1)
        var succWord = [Int32]()
        var succCount = [Int32]()
        var i = 0
        while i < pairs.count {
            var j = i + 1
            while j < pairs.count && pairs[j] == pairs[i] { j += 1 }
            let v = Int(pairs[i] >> 32)
            succWord.append(Int32(truncatingIfNeeded: pairs[i] & 0xffff_ffff))
            succCount.append(Int32(j - i))
            start[v + 1] += 1
            i = j
        }
        pairs = []
        for v in 0..<V { start[v + 1] += start[v] }
        var wordCount = [Int](repeating: 0, count: V)  // as a predecessor
        for v in 0..<V {
            for k in start[v]..<start[v + 1] { wordCount[v] += Int(succCount[k]) }
        }
        // x log x, tabulated.
        let total = corpus.count + 1
        var xlogx = [Double](repeating: 0, count: total + 1)
        for x in 1...total { xlogx[x] = Double(x) * log(Double(x)) }

        var cls = [Int32](repeating: 0, count: V)
        for v in 0..<V { cls[v] = Int32(v % K) }
        var m = [Int32](repeating: 0, count: V * K)  // m[w * K + c] = N(c, w)
        var nc = [Int](repeating: 0, count: K)
        for v in 0..<V {
            let c = Int(cls[v])
            nc[c] += wordCount[v]
            for k in start[v]..<start[v + 1] { m[Int(succWord[k]) * K + c] += succCount[k] }
        }
        var delta = [Double](repeating: 0, count: K)
        for pass in 0..<iterations {
            var moved = 0
            m.withUnsafeMutableBufferPointer { mp in
                xlogx.withUnsafeBufferPointer { f in
                    delta.withUnsafeMutableBufferPointer { d in
                        for v in 0..<V where wordCount[v] > 0 {
                            let a = Int(cls[v])
                            let nv = wordCount[v]
                            for k in start[v]..<start[v + 1] { mp[Int(succWord[k]) * K + a] -= succCount[k] }
                            nc[a] -= nv
                            for c in 0..<K { d[c] = -(f[nc[c] + nv] - f[nc[c]]) }
                            for k in start[v]..<start[v + 1] {
                                let base = Int(succWord[k]) * K
                                let n = Int(succCount[k])
                                for c in 0..<K {
                                    let x = Int(mp[base + c])
                                    d[c] += f[x + n] - f[x]
                                }
                            }
                            var best = a
                            for c in 0..<K where d[c] > d[best] + 1e-9 { best = c }
                            for k in start[v]..<start[v + 1] { mp[Int(succWord[k]) * K + best] += succCount[k] }
                            nc[best] += nv
                            if best != a {
                                cls[v] = Int32(best)
                                moved += 1
                            }
                        }
                    }
                }
            }
            var objective = 0.0
            for x in m where x > 0 { objective += xlogx[Int(x)] }
            for c in 0..<K { objective -= xlogx[nc[c]] }
            progress(pass, objective)
            if moved == 0 { break }
        }
        return cls
    }
}
