/// The arc-eager transition system (Nivre 2003; config `system` = `arc-eager`), for labelled beam parsers:
/// SHIFT; LEFT-rel (s0 gets b0 as its head and is popped); RIGHT-rel (b0 gets s0 as its head and is pushed);
/// REDUCE (s0, which has its head, is popped). A right dependent is attached as soon as it is read, where
/// arc-hybrid waits until it has all its own right dependents, so the two systems err in different places.
///
/// The root is at the bottom of the stack and takes one word: RIGHT from the root only while it has none, and
/// the word it took is not reduced before the buffer is empty. When the buffer is empty a word still without a
/// head gets the word below it as its head (RIGHT-rel then pops, as in arc-hybrid), so every sequence has 2n
/// transitions and ends in one tree. The gold trees (projective, lifted) are followed with the static oracle:
/// LEFT, then RIGHT, then REDUCE when a word under s0 has an arc with b0, SHIFT otherwise.
extension ParserModel {
    /// Whether the model parses with the arc-eager system (a labelled beam model; the class after the labelled
    /// ones is REDUCE).
    public var arcEager: Bool { self["system"] == "arc-eager" }
}

extension ParserModel.State {
    /// Whether the root has its word.
    @inline(__always) var rootTaken: Bool { nl[n] > 0 }

    func legalEager(_ a: Int) -> Bool {
        let s0 = s(0)
        switch a {
        case ParserModel.shift:
            return b < n
        case ParserModel.left:
            return b < n && s0 >= 0 && s0 < n && head[s0] < 0
        case ParserModel.right:
            if b < n { return s0 >= 0 && (s0 < n || !rootTaken) }
            guard s0 >= 0, s0 < n, head[s0] < 0 else { return false }
            return s(1) != n || !rootTaken
        default:
            guard s0 >= 0, s0 < n, head[s0] >= 0 else { return false }
            return Int(head[s0]) != n || b >= n
        }
    }

    mutating func applyEager(_ a: Int, _ lab: UInt8) {
        switch a {
        case ParserModel.shift:
            stack.append(Int32(b))
            b += 1
        case ParserModel.left:
            let d = Int(stack.removeLast())
            attach(d, to: b, label: lab)
        case ParserModel.right:
            if b < n {
                attach(b, to: Int(stack[stack.count - 1]), label: lab)
                stack.append(Int32(b))
                b += 1
            } else {
                let d = Int(stack.removeLast())
                attach(d, to: Int(stack[stack.count - 1]), label: lab)
            }
        default:
            stack.removeLast()
        }
    }
}

extension ParserModel {
    /// The labelled class of the static oracle's transition on a projective gold tree (heads with root = n):
    /// LEFT and RIGHT when they make a gold arc, REDUCE when a word under s0 has a gold arc with b0, else
    /// SHIFT. `reduceClass` is the REDUCE class.
    static func eagerGoldClass(_ st: State, _ gold: (heads: [Int32], labels: [UInt8]), reduceClass: Int) -> Int {
        let n = st.n
        let s0 = st.s(0)
        guard st.b < n else {
            if s0 >= 0 && s0 < n && st.head[s0] >= 0 { return reduceClass }
            // Not on a gold path: a word left without its head takes the one below it.
            return s0 >= 0 && s0 < n ? 2 + 2 * Int(gold.labels[s0]) : reduceClass
        }
        let b0 = st.b
        if s0 >= 0 && s0 < n && st.head[s0] < 0 && gold.heads[s0] == Int32(b0) {
            return 1 + 2 * Int(gold.labels[s0])
        }
        if s0 >= 0 && gold.heads[b0] == Int32(s0) && st.legal(right) { return 2 + 2 * Int(gold.labels[b0]) }
        if s0 >= 0 && s0 < n && st.head[s0] >= 0 && st.legal(reduce) {
            for x in st.stack.dropLast() {
                if gold.heads[b0] == x || (Int(x) < n && gold.heads[Int(x)] == Int32(b0)) { return reduceClass }
            }
        }
        return 0
    }

    /// Action templates of an arc-eager state: whether s0 has its head and with which relation, the head's word
    /// and tag, and how many words under s0 still wait for theirs.
    @inline(__always)
    static func eagerFeatures(_ st: State, _ v: Values, s0: Int, b0: Int, _ add: (UInt64) -> Void) {
        let h0 = s0 >= 0 && s0 < st.n ? Int(st.head[s0]) : -1
        let hl: UInt64 = h0 < 0 ? 0 : UInt64(st.label[s0]) + 1
        let s0t = s0 < 0 ? none : st.tag(s0, v), b0t = b0 < 0 ? none : st.tag(b0, v)
        let s0w = s0 < 0 ? none : v.w[s0]
        let h0t = h0 < 0 ? none : st.tag(h0, v), h0w = h0 < 0 ? none : v.w[h0]
        var waiting = 0
        for x in st.stack.dropLast() where Int(x) < st.n && st.head[Int(x)] < 0 { waiting += 1 }
        add(FH.f(160, hl, s0t, b0t)); add(FH.f(161, hl, s0w)); add(FH.f(162, h0t, s0t, b0t)); add(FH.f(163, h0w, b0t))
        add(FH.f(164, h0t, hl, b0t)); add(FH.f(165, UInt64(min(waiting, 3)), hl == 0 ? 0 : 1, b0t))
        add(FH.f(166, UInt64(min(waiting, 3)), s0t, b0 < 0 ? 1 : 0))
    }
}

extension ParserModel {
    /// Follows the arc-eager static oracle alone on gold heads (1-based, 0 root) and relation ids (`labels`
    /// relations); returns the heads and relations it builds (equal to the gold for every projective tree)
    /// and the number of transitions (2n).
    public static func eagerOracleArcs(_ gold: [Int], _ goldLabels: [UInt8], labels: Int) -> (
        heads: [Int], labels: [UInt8], steps: Int
    ) {
        let n = gold.count
        let g = (heads: gold.map { Int32($0 == 0 ? n : $0 - 1) }, labels: goldLabels)
        let reduceClass = actionClasses(labels: labels, labelled: true, easyFirst: false, arcEager: true) - 1
        var st = State(n)
        st.eager = true
        var steps = 0
        while !st.terminal && steps < 4 * n + 4 {
            let c = eagerGoldClass(st, g, reduceClass: reduceClass)
            let a = c == reduceClass ? reduce : action(ofClass: c)
            guard st.legal(a) else { break }
            st.apply(a, c == reduceClass ? 0 : label(ofClass: c))
            steps += 1
        }
        let heads = (0..<n).map { st.head[$0] < 0 ? -1 : (Int(st.head[$0]) == n ? 0 : Int(st.head[$0]) + 1) }
        return (heads, Array(st.label[0..<n]), steps)
    }
}
