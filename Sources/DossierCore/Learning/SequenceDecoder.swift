/// Best label sequences under a ``TagScheme``'s transition constraints.
public enum SequenceDecoder {
    /// Viterbi decoding: the allowed sequence with the highest sum of label scores and transition scores.
    ///
    /// - Parameters:
    ///   - scores: `n × L` label scores, row-major.
    ///   - transitions: `L × L` scores of `previous -> label` (row = previous), or empty for none.
    /// - Complexity: O(n × L²).
    public static func viterbi(scores: [Float], count n: Int, scheme: TagScheme, transitions: [Float] = []) -> [Int] {
        let L = scheme.count
        guard n > 0 else { return [] }
        var delta = [Float](repeating: -.infinity, count: n * L)
        var back = [Int32](repeating: 0, count: n * L)
        for l in 0..<L where scheme.allows(nil, l) { delta[l] = scores[l] }
        for i in 1..<n {
            for l in 0..<L {
                var best = -Float.infinity
                var arg = 0
                for p in 0..<L where delta[(i - 1) * L + p] > -.infinity && scheme.allows(p, l) {
                    let s = delta[(i - 1) * L + p] + (transitions.isEmpty ? 0 : transitions[p * L + l])
                    if s > best {
                        best = s
                        arg = p
                    }
                }
                if best > -.infinity {
                    delta[i * L + l] = best + scores[i * L + l]
                    back[i * L + l] = Int32(arg)
                }
            }
        }
        var last = 0
        var best = -Float.infinity
        for l in 0..<L where scheme.allowsEnd(l) && delta[(n - 1) * L + l] > best {
            best = delta[(n - 1) * L + l]
            last = l
        }
        var path = [Int](repeating: 0, count: n)
        path[n - 1] = last
        var i = n - 1
        while i > 0 {
            path[i - 1] = Int(back[i * L + path[i]])
            i -= 1
        }
        return path
    }

    /// The best label allowed after `previous` (greedy left-to-right decoding, one step). When `last` is
    /// true the label must also be able to end the sequence.
    public static func greedyStep(
        _ scores: UnsafeBufferPointer<Float>, previous: Int?, last: Bool, scheme: TagScheme
    ) -> Int {
        AveragedPerceptron.best(scores) { l in
            scheme.allows(previous, l) && (!last || scheme.allowsEnd(l))
        }
    }
}
