/// TempEval-3 measures for time expressions: strict and relaxed extent precision/recall/F1, value and type
/// scores over relaxed matches, per gold type, and the most frequent value errors.
///
/// Modelled on spaCy's `Scorer`: documents are added one at a time, the report is computed at the end.
/// Values are compared after a light normalization: ISO week numbers without their leading zero (`2024-W01` =
/// `2024-W1`), since the gold data writes both.
public struct TimexScorer: Sendable {
    /// A system or gold timex for scoring: byte offsets into the same text.
    public struct Item: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String
        public var value: String?
        public var text: String
        /// The rule that produced a system timex (for error analysis).
        public var rule: String?

        public init(start: Int, end: Int, type: String, value: String?, text: String, rule: String? = nil) {
            self.start = start
            self.end = end
            self.type = type
            self.value = value
            self.text = text
            self.rule = rule
        }
    }

    /// Counts of one gold type.
    public struct TypeCounts: Sendable {
        public var gold = 0
        public var found = 0
        public var valueCorrect = 0
    }

    public private(set) var gold = 0
    public private(set) var system = 0
    public private(set) var strict = 0
    public private(set) var relaxed = 0
    public private(set) var valueCorrect = 0
    public private(set) var typeCorrect = 0
    public private(set) var perType: [String: TypeCounts] = [:]
    /// `gold -> system` value pairs that differ, with their counts.
    public private(set) var valueErrors: [String: Int] = [:]
    /// Gold timexes not found and system timexes not in the gold, with their document id (for inspection).
    public private(set) var missed: [(String, Item)] = []
    public private(set) var spurious: [(String, Item)] = []
    public private(set) var wrongValues: [(String, Item, Item)] = []
    /// Relaxed matches with the right value (gold, system), for inspection.
    public private(set) var rightValues: [(String, Item, Item)] = []

    public init() {}

    /// Adds one document.
    public mutating func add(gold g: [Item], system s: [Item], document: String = "") {
        gold += g.count
        system += s.count
        for x in g { perType[x.type, default: TypeCounts()].gold += 1 }
        var used = [Bool](repeating: false, count: g.count)
        for x in s {
            // Exact match first, else the first overlapping unused gold timex.
            var k = g.indices.first(where: { !used[$0] && g[$0].start == x.start && g[$0].end == x.end })
            if k == nil { k = g.indices.first(where: { !used[$0] && g[$0].start < x.end && x.start < g[$0].end }) }
            guard let j = k else {
                spurious.append((document, x))
                continue
            }
            used[j] = true
            let y = g[j]
            relaxed += 1
            perType[y.type, default: TypeCounts()].found += 1
            if y.start == x.start && y.end == x.end { strict += 1 }
            if y.type == x.type { typeCorrect += 1 }
            if let v = x.value, TimexScorer.normalize(v) == TimexScorer.normalize(y.value ?? "") {
                valueCorrect += 1
                perType[y.type, default: TypeCounts()].valueCorrect += 1
                rightValues.append((document, y, x))
            } else {
                valueErrors["\(y.value ?? "nil") -> \(x.value ?? "nil")", default: 0] += 1
                wrongValues.append((document, y, x))
            }
        }
        for (j, y) in g.enumerated() where !used[j] { missed.append((document, y)) }
    }

    static func normalize(_ v: String) -> String {
        let u = Array(v.utf8)
        var i = 0
        while i + 2 < u.count {
            if u[i] == UInt8(ascii: "-") && u[i + 1] == UInt8(ascii: "W") && u[i + 2] == UInt8(ascii: "0") {
                return String(decoding: u[0...(i + 1)] + u[(i + 3)...], as: UTF8.self)
            }
            i += 1
        }
        return v
    }

    static func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    public var strictPrecision: Double { TimexScorer.ratio(strict, system) }
    public var strictRecall: Double { TimexScorer.ratio(strict, gold) }
    public var strictF1: Double { TimexScorer.f1(strictPrecision, strictRecall) }
    public var relaxedPrecision: Double { TimexScorer.ratio(relaxed, system) }
    public var relaxedRecall: Double { TimexScorer.ratio(relaxed, gold) }
    public var relaxedF1: Double { TimexScorer.f1(relaxedPrecision, relaxedRecall) }
    /// TempEval-3 value F1: correct values over system and over gold timexes.
    public var valueF1: Double {
        TimexScorer.f1(TimexScorer.ratio(valueCorrect, system), TimexScorer.ratio(valueCorrect, gold))
    }
    /// Correct values among relaxed matches.
    public var valueAccuracy: Double { TimexScorer.ratio(valueCorrect, relaxed) }
    public var typeAccuracy: Double { TimexScorer.ratio(typeCorrect, relaxed) }
    public var typeF1: Double {
        TimexScorer.f1(TimexScorer.ratio(typeCorrect, system), TimexScorer.ratio(typeCorrect, gold))
    }

    /// A plain-text report.
    public func report(errors: Int = 15) -> String {
        func pct(_ x: Double) -> String {
            let v = (x * 1000).rounded() / 10
            return String(v)
        }
        var out = "timexes: gold \(gold), system \(system)\n"
        out += "strict extent   P \(pct(strictPrecision))  R \(pct(strictRecall))  F1 \(pct(strictF1))\n"
        out += "relaxed extent  P \(pct(relaxedPrecision))  R \(pct(relaxedRecall))  F1 \(pct(relaxedF1))\n"
        out += "value           F1 \(pct(valueF1))  accuracy \(pct(valueAccuracy))\n"
        out += "type            F1 \(pct(typeF1))  accuracy \(pct(typeAccuracy))\n"
        out += "per gold type (recall, value recall):\n"
        for (t, c) in perType.sorted(by: { $0.key < $1.key }) {
            let name = t + String(repeating: " ", count: max(0, 9 - t.count))
            out += "  \(name) gold \(c.gold)  found \(pct(TimexScorer.ratio(c.found, c.gold)))"
            out += "  value \(pct(TimexScorer.ratio(c.valueCorrect, c.gold)))\n"
        }
        if errors > 0 {
            out += "most frequent value errors (gold -> system):\n"
            for (k, v) in valueErrors.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key })
                .prefix(errors)
            {
                out += "  \(v)\t\(k)\n"
            }
        }
        return out
    }
}
