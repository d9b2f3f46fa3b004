/// What a pattern element captured: the units it covers and a number, or the word class whose entry for the
/// unit's word holds the value (looked up only when the value is computed, not while matching).
struct TimeCapture: BitwiseCopyable {
    var set = false
    var number = 0
    /// A word class id, or -1 when ``number`` is the value.
    var wordClass: Int16 = -1
    /// A two-digit year (`'98`).
    var twoDigitYear = false
    var hash: UInt64 = 0
    var lo = 0
    var hi = 0
}

/// A pattern element compiled for matching: a trivial struct, so the engine copies no arrays.
struct FlatElement: BitwiseCopyable {
    var atomLo: Int32
    var atomHi: Int32
    var optional: Bool
    var capitalized: Bool
    /// Capture index, or -1.
    var capture: Int16
}

/// An atom compiled for matching: a trivial struct instead of a multi-payload enum.
struct FlatAtom: BitwiseCopyable {
    enum Kind: UInt8, BitwiseCopyable { case literal, wordClass, builtin }
    var kind: Kind
    var builtin: TimeBuiltin
    /// The literal's hash, or the class id.
    var payload: UInt64

    init(_ a: TimeRule.Atom) {
        switch a {
        case .literal(let h): (kind, builtin, payload) = (.literal, .int, h)
        case .wordClass(let c): (kind, builtin, payload) = (.wordClass, .int, UInt64(c))
        case .builtin(let b): (kind, builtin, payload) = (.builtin, b, 0)
        }
    }
}

/// A rule compiled for matching: its elements are `elements[elementLo ..< elementLo + elementCount]`.
struct FlatRule: BitwiseCopyable {
    var elementLo: Int32
    var elementCount: Int32
    var leading: Int32
    var trailing: Int32
    var captures: Int32
}

/// One match of a rule: its extent in units and its captures.
struct TimeMatch {
    var rule: Int
    /// Unit indices of the extent, end exclusive.
    var lo: Int
    var hi: Int
    var captures: [TimeCapture]
}

/// The engine that runs the rules over the units of a sentence: every rule at every unit where its first
/// element can match, then the longest extents win (ties: the earlier rule).
struct TimeMatcher {
    let set: TimeRuleSet
    let ones: Int?
    let teens: Int?
    let tens: Int?
    let numword: Int?
    let vague: Int?
    let quoteHash = StableHash.hash("'")
    let hyphenHash = StableHash.hash("-")
    let dollarHash = StableHash.hash("$")
    let percentHashes: [UInt64] = ["%", "percent", "per", "pct", "pct."].map { StableHash.hash($0) }
    /// The rules each unit can start, by the unit's lowercase hash, word classes and numeric shape: a unit is
    /// tried only against these (rule indices in file order).
    let byLiteral: [UInt64: [Int]]
    let byClass: [[Int]]
    let byShape: [[Int]]
    /// Word classes that start some rule, for a one-test skip of all other units.
    let startClasses: UInt64

    /// The rules compiled into flat tables.
    let flatRules: ContiguousArray<FlatRule>
    let flatElements: ContiguousArray<FlatElement>
    let flatAtoms: ContiguousArray<FlatAtom>

    init(_ set: TimeRuleSet) {
        self.set = set
        let lex = set.lexicon
        var fr = ContiguousArray<FlatRule>()
        var fe = ContiguousArray<FlatElement>()
        var fa = ContiguousArray<FlatAtom>()
        for r in set.rules {
            fr.append(
                FlatRule(
                    elementLo: Int32(fe.count), elementCount: Int32(r.elements.count), leading: Int32(r.leadingContext),
                    trailing: Int32(r.trailingContext), captures: Int32(r.captureNames.count)))
            for e in r.elements {
                let lo = Int32(fa.count)
                fa.append(contentsOf: e.atoms.map(FlatAtom.init))
                fe.append(
                    FlatElement(
                        atomLo: lo, atomHi: Int32(fa.count), optional: e.optional, capitalized: e.capitalized,
                        capture: Int16(e.capture ?? -1)))
            }
        }
        flatRules = fr
        flatElements = fe
        flatAtoms = fa
        ones = lex.classID("ones")
        teens = lex.classID("teens")
        tens = lex.classID("tens")
        numword = lex.classID("numword")
        vague = lex.classID("vague")
        var lits: [UInt64: [Int]] = [:]
        var classes = [[Int]](repeating: [], count: 64)
        var shapes = [[Int]](repeating: [], count: 8)
        func add(_ list: inout [Int], _ r: Int) { if list.last != r { list.append(r) } }
        for (ri, r) in set.rules.enumerated() {
            for a in r.firstAtoms {
                switch a {
                case .literal(let h): add(&lits[h, default: []], ri)
                case .wordClass(let c): add(&classes[c], ri)
                case .builtin(let b):
                    switch b {
                    case .int, .day, .year, .hhmm: add(&shapes[Int(TimeUnit.Shape.digits.rawValue)], ri)
                    case .ord, .day2: add(&shapes[Int(TimeUnit.Shape.ordinal.rawValue)], ri)
                    case .decade: add(&shapes[Int(TimeUnit.Shape.decade.rawValue)], ri)
                    case .clock: add(&shapes[Int(TimeUnit.Shape.clock.rawValue)], ri)
                    case .isodate: add(&shapes[Int(TimeUnit.Shape.isoDate.rawValue)], ri)
                    case .isomonth: add(&shapes[Int(TimeUnit.Shape.isoMonth.rawValue)], ri)
                    case .slashdate: add(&shapes[Int(TimeUnit.Shape.slashDate.rawValue)], ri)
                    case .yy: add(&lits[StableHash.hash("'"), default: []], ri)
                    case .num:
                        add(&shapes[Int(TimeUnit.Shape.digits.rawValue)], ri)
                        for c in [ones, teens, tens, numword, vague].compactMap({ $0 }) { add(&classes[c], ri) }
                    }
                }
            }
        }
        var mask: UInt64 = 0
        for (c, list) in classes.enumerated() where !list.isEmpty { mask |= 1 << UInt64(c) }
        byLiteral = lits
        byClass = classes
        byShape = shapes
        startClasses = mask
    }

    /// Scratch space reused across sentences.
    struct Scratch {
        var captures: [TimeCapture] = Array(repeating: TimeCapture(), count: 8)
        var positions: [Int] = Array(repeating: 0, count: 24)
        var candidates: [TimeMatch] = []
        var rules: [Int] = []
    }

    /// The accepted matches of a sentence, in text order.
    func run(_ units: UnsafeBufferPointer<TimeUnit>, bytes p: UnsafeBufferPointer<UInt8>, scratch: inout Scratch)
        -> [TimeMatch]
    {
        scratch.candidates.removeAll(keepingCapacity: true)
        let n = units.count
        for i in 0..<n {
            let u = units[i]
            let lits = byLiteral[u.hash]
            if u.classMask & startClasses == 0 && u.shape == .word && lits == nil { continue }
            // The rules this unit can start, each once.
            scratch.rules.removeAll(keepingCapacity: true)
            if let lits { scratch.rules.append(contentsOf: lits) }
            var m = u.classMask & startClasses
            while m != 0 {
                let c = m.trailingZeroBitCount
                scratch.rules.append(contentsOf: byClass[c])
                m &= m - 1
            }
            scratch.rules.append(contentsOf: byShape[Int(u.shape.rawValue)])
            if scratch.rules.count > 1 { scratch.rules.sort() }
            var previous = -1
            for ri in scratch.rules where ri != previous {
                previous = ri
                attempt(ri, at: i, units, p, &scratch)
            }
        }
        if scratch.candidates.isEmpty { return [] }
        // Longest extent in bytes first; then the earlier rule; then the earlier start.
        scratch.candidates.sort { a, b in
            let la = units[a.hi - 1].end - units[a.lo].start
            let lb = units[b.hi - 1].end - units[b.lo].start
            if la != lb { return la > lb }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.lo < b.lo
        }
        var taken: [TimeMatch] = []
        for c in scratch.candidates where !taken.contains(where: { $0.lo < c.hi && c.lo < $0.hi }) {
            taken.append(c)
        }
        taken.sort { $0.lo < $1.lo }
        return taken
    }

    /// Tries rule `ri` at unit `i` and records a candidate when it matches.
    private func attempt(
        _ ri: Int, at i: Int, _ units: UnsafeBufferPointer<TimeUnit>, _ p: UnsafeBufferPointer<UInt8>,
        _ scratch: inout Scratch
    ) {
        let rule = flatRules[ri]
        let count = Int(rule.elementCount)
        guard count + 1 <= scratch.positions.count, Int(rule.captures) <= scratch.captures.count else { return }
        for c in 0..<Int(rule.captures) { scratch.captures[c] = TimeCapture() }
        guard match(rule, 0, i, units, p, &scratch) != nil else { return }
        let lo = scratch.positions[Int(rule.leading)]
        let hi = scratch.positions[count - Int(rule.trailing)]
        if hi <= lo { return }
        scratch.candidates.append(
            TimeMatch(rule: ri, lo: lo, hi: hi, captures: Array(scratch.captures[0..<Int(rule.captures)])))
    }

    /// Matches elements `ei...` of a rule from unit `pos`; returns the end unit of the whole pattern.
    func match(
        _ r: FlatRule, _ ei: Int, _ pos: Int, _ units: UnsafeBufferPointer<TimeUnit>, _ p: UnsafeBufferPointer<UInt8>,
        _ s: inout Scratch
    ) -> Int? {
        s.positions[ei] = pos
        if ei == Int(r.elementCount) { return pos }
        let e = flatElements[Int(r.elementLo) + ei]
        if pos < units.count && (!e.capitalized || units[pos].capitalized) {
            for k in Int(e.atomLo)..<Int(e.atomHi) {
                guard let (end, cap) = atom(flatAtoms[k], pos, units, p) else { continue }
                if e.capture >= 0 { s.captures[Int(e.capture)] = cap }
                if let done = match(r, ei + 1, end, units, p, &s) { return done }
                s.positions[ei] = pos
            }
        }
        if e.optional {
            if e.capture >= 0 { s.captures[Int(e.capture)] = TimeCapture() }
            return match(r, ei + 1, pos, units, p, &s)
        }
        return nil
    }

    /// Matches one atom at `pos`: the end unit and what it captured.
    func atom(_ a: FlatAtom, _ pos: Int, _ units: UnsafeBufferPointer<TimeUnit>, _ p: UnsafeBufferPointer<UInt8>)
        -> (Int, TimeCapture)?
    {
        let u = units[pos]
        func cap(_ n: Int, to end: Int? = nil, wordClass: Int = -1, yy: Bool = false) -> (Int, TimeCapture) {
            let e = end ?? pos + 1
            return (
                e,
                TimeCapture(
                    set: true, number: n, wordClass: Int16(wordClass), twoDigitYear: yy, hash: u.hash, lo: pos, hi: e)
            )
        }
        switch a.kind {
        case .literal:
            return u.hash == a.payload ? cap(Int(u.number)) : nil
        case .wordClass:
            guard u.classMask & (1 << a.payload) != 0 else { return nil }
            return cap(0, wordClass: Int(a.payload))
        case .builtin:
            let v = Int(u.number)
            switch a.builtin {
            case .int:
                return u.shape == .digits ? cap(v) : nil
            case .day:
                return (u.shape == .digits && u.digits <= 2 || u.shape == .ordinal) && v >= 1 && v <= 31 ? cap(v) : nil
            case .day2:
                return u.shape == .ordinal && v >= 1 && v <= 31 ? cap(v) : nil
            case .ord:
                return u.shape == .ordinal ? cap(v) : nil
            case .year:
                guard u.shape == .digits, u.digits == 4, v >= 1000, v <= 2199 else { return nil }
                if pos > 0 && units[pos - 1].hash == dollarHash { return nil }
                if pos + 1 < units.count && percentHashes.contains(units[pos + 1].hash) { return nil }
                return cap(v)
            case .yy:
                guard u.hash == quoteHash, pos + 1 < units.count else { return nil }
                let n = units[pos + 1]
                guard n.shape == .digits, n.digits == 2, !n.spaceBefore else { return nil }
                return cap(Int(n.number), to: pos + 2, yy: true)
            case .decade:
                return u.shape == .decade ? cap(v) : nil
            case .clock:
                return u.shape == .clock ? cap(v) : nil
            case .hhmm:
                return u.shape == .digits && u.digits == 4 && v / 100 <= 23 && v % 100 < 60 ? cap(v) : nil
            case .isodate:
                return u.shape == .isoDate ? cap(v) : nil
            case .isomonth:
                return u.shape == .isoMonth ? cap(v) : nil
            case .slashdate:
                return u.shape == .slashDate ? cap(v) : nil
            case .num:
                if u.shape == .digits { return u.digits <= 3 ? cap(v) : nil }
                return numberWords(pos, units).map { cap($0.1, to: $0.0) }
            }
        }
    }

    /// `twenty-four`, `twenty four`, `five`, `fifteen`, `a dozen`, `several`: (end, value; -1 for vague).
    func numberWords(_ pos: Int, _ units: UnsafeBufferPointer<TimeUnit>) -> (Int, Int)? {
        let lex = set.lexicon
        func value(_ u: TimeUnit, _ cls: Int?) -> Int? {
            guard let c = cls, u.classMask & (1 << UInt64(c)) != 0,
                let e = lex.entries(u.hash)?.first(where: { $0.cls == c })
            else { return nil }
            return e.number
        }
        let u = units[pos]
        if let t = value(u, tens) {
            var j = pos + 1
            if j < units.count && units[j].hash == hyphenHash { j += 1 }
            if j < units.count, let o = value(units[j], ones) { return (j + 1, t + o) }
            return (pos + 1, t)
        }
        if let o = value(u, ones) { return (pos + 1, o) }
        if let o = value(u, teens) { return (pos + 1, o) }
        if let o = value(u, numword) { return (pos + 1, o) }
        if value(u, vague) != nil { return (pos + 1, -1) }
        return nil
    }
}
