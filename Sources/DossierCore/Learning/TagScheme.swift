/// How typed spans are encoded as one label per token: BIO or BILOU, over a list of span types.
///
/// Label 0 is `O`. With BIO, type `t` has `B = 1 + 2t`, `I = 2 + 2t`; with BILOU it has `B, I, L, U` at
/// `1 + 4t ... 4 + 4t`. The scheme knows which label may follow which, so decoders never produce an `I-X`
/// after `O` or an unfinished span.
public struct TagScheme: Sendable, Hashable {
    public enum Encoding: String, Sendable, Hashable {
        case bio, bilou
    }

    /// The position of a token in a span.
    public enum Part: Sendable, Hashable {
        case outside, begin, inside, last, unit
    }

    public let encoding: Encoding
    /// Span type names, e.g. `["PER", "ORG", "LOC", "MISC"]`.
    public let types: [String]

    public init(_ encoding: Encoding, types: [String]) {
        self.encoding = encoding
        self.types = types
    }

    var width: Int { encoding == .bio ? 2 : 4 }

    /// The number of labels, `O` included.
    public var count: Int { 1 + width * types.count }

    /// The label of a part of a span of type `type`.
    public func label(_ part: Part, _ type: Int) -> Int {
        switch (encoding, part) {
        case (_, .outside): return 0
        case (.bio, .begin), (.bio, .unit): return 1 + 2 * type
        case (.bio, .inside), (.bio, .last): return 2 + 2 * type
        case (.bilou, .begin): return 1 + 4 * type
        case (.bilou, .inside): return 2 + 4 * type
        case (.bilou, .last): return 3 + 4 * type
        case (.bilou, .unit): return 4 + 4 * type
        }
    }

    /// The part of a label.
    public func part(_ label: Int) -> Part {
        if label == 0 { return .outside }
        if encoding == .bio { return (label - 1) % 2 == 0 ? .begin : .inside }
        switch (label - 1) % 4 {
        case 0: return .begin
        case 1: return .inside
        case 2: return .last
        default: return .unit
        }
    }

    /// The span type of a label (nil for `O`).
    public func type(_ label: Int) -> Int? { label == 0 ? nil : (label - 1) / width }

    /// Whether `label` may follow `previous` (nil: the sequence starts).
    public func allows(_ previous: Int?, _ label: Int) -> Bool {
        let cur = part(label)
        guard let previous else { return cur == .outside || cur == .begin || cur == .unit }
        let prev = part(previous)
        switch encoding {
        case .bio:
            if cur == .inside { return prev != .outside && type(previous) == type(label) }
            return true
        case .bilou:
            let open = prev == .begin || prev == .inside
            if open { return (cur == .inside || cur == .last) && type(previous) == type(label) }
            return cur == .outside || cur == .begin || cur == .unit
        }
    }

    /// Whether a sequence may end with `label`.
    public func allowsEnd(_ label: Int) -> Bool {
        encoding == .bio || part(label) == .outside || part(label) == .last || part(label) == .unit
    }

    /// The label name: `O`, `B-PER`, `U-LOC`.
    public func name(_ label: Int) -> String {
        guard let t = type(label) else { return "O" }
        let p: String
        switch part(label) {
        case .begin: p = "B"
        case .inside: p = "I"
        case .last: p = "L"
        case .unit: p = "U"
        case .outside: p = "O"
        }
        return "\(p)-\(types[t])"
    }

    /// Labels for spans `(start, end, type)` over `n` tokens (spans must not overlap).
    public func labels(count n: Int, spans: [(start: Int, end: Int, type: Int)]) -> [Int] {
        var out = [Int](repeating: 0, count: n)
        for s in spans where s.start < s.end && s.end <= n {
            if s.end - s.start == 1 {
                out[s.start] = label(.unit, s.type)
                continue
            }
            out[s.start] = label(.begin, s.type)
            for i in (s.start + 1)..<(s.end - 1) { out[i] = label(.inside, s.type) }
            out[s.end - 1] = label(.last, s.type)
        }
        return out
    }

    /// The spans of a label sequence. Ill-formed sequences are read leniently: an `I`/`L` that does not
    /// continue a span of its type starts one.
    public func spans(_ labels: [Int]) -> [(start: Int, end: Int, type: Int)] {
        var out: [(Int, Int, Int)] = []
        var open: (start: Int, type: Int)? = nil
        func close(_ end: Int) {
            if let o = open { out.append((o.start, end, o.type)) }
            open = nil
        }
        for (i, l) in labels.enumerated() {
            guard let t = type(l) else {
                close(i)
                continue
            }
            switch part(l) {
            case .begin, .unit:
                close(i)
                open = (i, t)
            case .inside, .last, .outside:
                if open?.type != t {
                    close(i)
                    open = (i, t)
                }
            }
            if encoding == .bilou && (part(l) == .last || part(l) == .unit) { close(i + 1) }
        }
        close(labels.count)
        return out
    }
}
