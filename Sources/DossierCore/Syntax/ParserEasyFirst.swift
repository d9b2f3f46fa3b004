/// The easy-first parser (Goldberg and Elhadad 2010; config `system` = `easy-first`): the words not yet
/// attached form a list, and each step makes the surest arc between two neighbours of that list (the left one
/// the head of the right one, or the other way round, with a relation), wherever it lies in the sentence. The
/// arcs are not made in reading order, so it errs elsewhere than the left-to-right and right-to-left parsers.
extension ParserModel {
    /// Whether the model parses easy-first (labelled classes: ``easyFirstClass(label:headLeft:)``).
    public var easyFirst: Bool { self["system"] == "easy-first" }

    /// The class of an arc between neighbours x < y with relation `label`: even when x is the head.
    @inline(__always) static func easyFirstClass(label: UInt8, headLeft: Bool) -> Int {
        Int(label) * 2 + (headLeft ? 0 : 1)
    }

    /// Features of the pair of list positions `i`, `i + 1` (words x < y), with two list neighbours each side.
    static func easyFirstFeatures(
        _ st: State, _ v: Values, _ p: [Int32], at i: Int, into f: UnsafeMutablePointer<UInt64>
    ) -> Int {
        var k = 0
        @inline(__always) func add(_ x: UInt64) {
            f[k] = x
            k += 1
        }
        let m = p.count
        @inline(__always) func P(_ o: Int) -> Int {
            let j = i + o
            return j >= 0 && j < m ? Int(p[j]) : -1
        }
        @inline(__always) func W(_ x: Int) -> UInt64 { x < 0 ? none : v.w[x] }
        @inline(__always) func T(_ x: Int) -> UInt64 { x < 0 ? none : v.t[x] }
        @inline(__always) func U(_ x: Int) -> UInt64 { x < 0 ? none : v.u[x] }
        @inline(__always) func C(_ x: Int) -> UInt64 { x < 0 ? none : v.c[x] }
        @inline(__always) func L(_ x: Int) -> UInt64 { x < 0 ? none : UInt64(st.label[x]) }
        let x = P(0), y = P(1), l1 = P(-1), l2 = P(-2), r1 = P(2), r2 = P(3)
        let xw = W(x), xt = T(x), yw = W(y), yt = T(y)
        let l1t = T(l1), l2t = T(l2), r1t = T(r1), r2t = T(r2)
        let d = dist(y - x)
        add(FH.f(300, 1))
        add(FH.f(301, xw)); add(FH.f(302, xt)); add(FH.f(303, xw, xt))
        add(FH.f(304, yw)); add(FH.f(305, yt)); add(FH.f(306, yw, yt))
        add(FH.f(307, W(l1), l1t)); add(FH.f(308, l1t)); add(FH.f(309, W(r1), r1t)); add(FH.f(310, r1t))
        add(FH.f(311, l2t)); add(FH.f(312, r2t))
        add(FH.f(313, xw, yw)); add(FH.f(314, xt, yt)); add(FH.f(315, xw, xt, yt)); add(FH.f(316, xt, yw, yt))
        add(FH.f(317, FH.f(0, xw, xt), FH.f(0, yw, yt))); add(FH.f(318, xw, yt)); add(FH.f(319, xt, yw))
        add(FH.f(320, l1t, xt, yt)); add(FH.f(321, xt, yt, r1t)); add(FH.f(322, l2t, l1t, xt))
        add(FH.f(323, yt, r1t, r2t)); add(FH.f(324, FH.f(0, l1t, xt), yt, r1t))
        add(FH.f(325, FH.f(0, l2t, l1t), xt, yt)); add(FH.f(326, FH.f(0, xt, yt), r1t, r2t))
        add(FH.f(327, d)); add(FH.f(328, xt, yt, d)); add(FH.f(329, xw, yt, d)); add(FH.f(330, xt, yw, d))
        add(FH.f(331, xt, yt, v.between(x, y)))
        // What x and y have gathered so far.
        let xl1 = Int(st.lc1[x]), xr1 = Int(st.rc1[x]), xr2 = Int(st.rc2[x])
        let yl1 = Int(st.lc1[y]), yl2 = Int(st.lc2[y]), yr1 = Int(st.rc1[y])
        add(FH.f(332, xt, T(xl1), L(xl1))); add(FH.f(333, xt, T(xr1), L(xr1))); add(FH.f(334, FH.f(0, xt, yt), L(xr1)))
        add(FH.f(335, xt, UInt64(st.nl[x]), UInt64(st.nr[x]))); add(FH.f(336, xt, st.lset[x]))
        add(FH.f(337, xt, st.rset[x])); add(FH.f(338, xt, L(xr2), L(xr1)))
        add(FH.f(339, yt, T(yl1), L(yl1))); add(FH.f(340, yt, T(yr1), L(yr1))); add(FH.f(341, FH.f(0, xt, yt), L(yl1)))
        add(FH.f(342, yt, UInt64(st.nl[y]), UInt64(st.nr[y]))); add(FH.f(343, yt, st.lset[y]))
        add(FH.f(344, yt, st.rset[y])); add(FH.f(345, yt, L(yl2), L(yl1)))
        add(FH.f(346, xw, W(xr1))); add(FH.f(347, yw, W(yl1))); add(FH.f(348, xt, W(xr1), yt))
        add(FH.f(349, FH.f(0, xt, yt), UInt64(min(st.nr[x], 3)) << 2 | UInt64(min(st.nl[y], 3))))
        if l1 >= 0 { add(FH.f(350, l1t, L(Int(st.rc1[l1])), xt)) }
        if r1 >= 0 { add(FH.f(351, yt, L(Int(st.lc1[r1])), r1t)) }
        add(FH.f(352, C(x))); add(FH.f(353, C(y))); add(FH.f(354, C(x), yt)); add(FH.f(355, xt, C(y)))
        add(FH.f(356, v.c0[x], v.c0[y])); add(FH.f(357, C(l1))); add(FH.f(358, C(r1)))
        let xu = U(x), yu = U(y), l1u = U(l1), r1u = U(r1)
        add(FH.f(360, xu, yu)); add(FH.f(361, l1u, xu, yu)); add(FH.f(362, xu, yu, r1u)); add(FH.f(363, xu, yu, d))
        add(FH.f(364, xw, yu)); add(FH.f(365, xu, yw)); add(FH.f(366, FH.f(0, l1u, xu), yu, r1u))
        add(FH.f(367, v.sfx[x], yt)); add(FH.f(368, xt, v.sfx[y]))
        add(FH.f(369, l1 < 0 ? 1 : 0, r1 < 0 ? 1 : 0, UInt64(min(m, 4))))
        add(FH.f(370, FH.f(0, xt, yt), l1 < 0 ? 1 : 0, r1 < 0 ? 1 : 0))
        if v.version >= 5 {
            @inline(__always) func A(_ x: Int) -> UInt64 { x < 0 ? none : v.a[x] }
            let xa = A(x), ya = A(y)
            add(FH.f(371, xa)); add(FH.f(372, ya)); add(FH.f(373, xa, xt)); add(FH.f(374, ya, yt))
            add(FH.f(375, xa, ya)); add(FH.f(376, xa, yt)); add(FH.f(377, xt, ya)); add(FH.f(378, xw, ya))
            add(FH.f(379, xa, yw)); add(FH.f(380, A(l1), xa, ya)); add(FH.f(381, xa, ya, A(r1)))
        }
        return k
    }

    /// Parses one sentence easy-first with labelled arcs (`actions` over ``easyFirstClass(label:headLeft:)``);
    /// the last word left is the root, with relation `rootLabel`. With `gold` (projective), trains: when the
    /// surest arc costs more than the cheapest (the gold arcs it makes unreachable), the best-scored cheapest arc
    /// is promoted and the chosen one demoted, and the cheapest is made (with `explore`, the chosen one nine
    /// times in ten).
    static func easyFirstParse(
        _ v: Values, n: Int, rootLabel: UInt8, actions: inout AveragedPerceptron,
        gold: (heads: [Int32], labels: [UInt8])?, explore: Bool = false, rng: inout SplitMix64,
        buf: UnsafeMutablePointer<UInt64>, scorer: CompactScorer? = nil
    ) -> (heads: [Int32], labels: [UInt8]) {
        var st = State(n)
        guard n > 1 else {
            return ([Int32](repeating: -1, count: n), [UInt8](repeating: rootLabel, count: n))
        }
        let cc = actions.classes
        var pending = (0..<n).map { Int32($0) }
        var cache = [Float](repeating: 0, count: (n - 1) * cc)
        // Gold children of each word not yet attached.
        var missing = [Int](repeating: 0, count: n + 1)
        if let g = gold { for h in g.heads { missing[Int(h)] += 1 } }
        func rescore(_ j: Int) {
            let k = easyFirstFeatures(st, v, pending, at: j, into: buf)
            let fs = UnsafeBufferPointer(start: buf, count: k)
            cache.withUnsafeMutableBufferPointer { c in
                let slice = UnsafeMutableBufferPointer(rebasing: c[(j * cc)..<((j + 1) * cc)])
                for q in slice.indices { slice[q] = 0 }
                if let scorer { scorer.score(fs, into: slice) } else { actions.score(fs, into: slice) }
            }
        }
        for j in 0..<(n - 1) { rescore(j) }
        while pending.count > 1 {
            let m = pending.count
            var bi = 0
            var bc = 0
            var top = -Float.infinity
            for q in 0..<((m - 1) * cc) where cache[q] > top {
                top = cache[q]
                bi = q / cc
                bc = q % cc
            }
            var ai = bi
            var ac = bc
            var updated = false
            if let g = gold {
                actions.tick()
                // The gold arcs an arc makes unreachable: the dependent's own (when its gold head, or the root, is
                // still in the list and is not the head chosen) and those of its gold children still in the list;
                // one more for the gold head with another relation.
                @inline(__always) func cost(_ j: Int, _ c: Int) -> Int {
                    let x = Int(pending[j]), y = Int(pending[j + 1])
                    let headLeft = c & 1 == 0
                    let (dd, hh) = headLeft ? (y, x) : (x, y)
                    let gh = Int(g.heads[dd])
                    let headLost = gh != hh && (gh == n || st.head[gh] < 0)
                    return (headLost ? 1 : 0) + missing[dd] + (gh == hh && Int(g.labels[dd]) != c >> 1 ? 1 : 0)
                }
                let chosen = cost(bi, bc)
                var vi = -1
                var vc = 0
                var vt = -Float.infinity
                var vcost = Int.max
                for j in 0..<(m - 1) {
                    for c in 0..<cc {
                        let k = cost(j, c)
                        if k < vcost || (k == vcost && cache[j * cc + c] > vt) {
                            vi = j
                            vc = c
                            vt = cache[j * cc + c]
                            vcost = k
                        }
                    }
                }
                if chosen > vcost {
                    var k = easyFirstFeatures(st, v, pending, at: vi, into: buf)
                    actions.add(UnsafeBufferPointer(start: buf, count: k), class: vc, 1)
                    k = easyFirstFeatures(st, v, pending, at: bi, into: buf)
                    actions.add(UnsafeBufferPointer(start: buf, count: k), class: bc, -1)
                    updated = true
                    if !(explore && rng.below(10) < 9) {
                        ai = vi
                        ac = vc
                    }
                }
            }
            let x = Int(pending[ai]), y = Int(pending[ai + 1])
            let headLeft = ac & 1 == 0
            let (dd, hh) = headLeft ? (y, x) : (x, y)
            st.attach(dd, to: hh, label: UInt8(ac >> 1))
            if let g = gold { missing[Int(g.heads[dd])] -= 1 }
            let r = headLeft ? ai + 1 : ai
            pending.remove(at: r)
            let slot = min(r, m - 2)
            cache.removeSubrange((slot * cc)..<((slot + 1) * cc))
            if updated {
                // The weights changed: every cached score is stale.
                for j in 0..<(pending.count - 1) { rescore(j) }
            } else if pending.count > 1 {
                for j in max(0, r - 4)...min(pending.count - 2, r + 3) { rescore(j) }
            }
        }
        // The last word left is the root: its head stays -1.
        st.label[Int(pending[0])] = rootLabel
        return (Array(st.head[0..<n]), Array(st.label[0..<n]))
    }
}

extension ParserModel.State {
    /// Makes the arc `h` -> `d` with relation `lab` (children, valencies and relation sets of `h`): the arcs of
    /// both the arc-hybrid transitions and the easy-first parser.
    @inline(__always) mutating func attach(_ d: Int, to h: Int, label lab: UInt8) {
        head[d] = Int32(h)
        label[d] = lab
        let bit: UInt64 = 1 << UInt64(lab & 63)
        if d < h {
            if lc1[h] < 0 || d < Int(lc1[h]) {
                lc2[h] = lc1[h]
                lc1[h] = Int32(d)
            } else if lc2[h] < 0 || d < Int(lc2[h]) {
                lc2[h] = Int32(d)
            }
            nl[h] &+= 1
            lset[h] |= bit
        } else {
            if rc1[h] < 0 || d > Int(rc1[h]) {
                rc2[h] = rc1[h]
                rc1[h] = Int32(d)
            } else if rc2[h] < 0 || d > Int(rc2[h]) {
                rc2[h] = Int32(d)
            }
            nr[h] &+= 1
            rset[h] |= bit
        }
    }
}
