/// Per-token values the tagger and the parser read, computed once per document: hashed forms, affixes,
/// shapes and word clusters. Extraction then allocates nothing.
public struct SyntaxTables: Sendable {
    public var lower: [UInt64]
    public var form: [UInt64]
    public var shape: [UInt64]
    /// Hashes of the last 1, 2, 3 and 4 bytes of the lowercase form, and of its first byte (5 per token).
    public var affix: [UInt64]
    /// Cluster ids at three granularities (3 per token), -1 when unknown.
    public var cluster: [Int32]
    /// Bit 0 capitalized, 1 all caps, 2 digits/number, 3 hyphenated, 4 punctuation, 5 sentence start.
    public var bits: [UInt8]
    /// The tagger's ambiguity class of each token (``POSModel/ambiguityClasses(of:)``), read by parsers of
    /// feature version 5; empty until filled.
    public var ambiguity: [UInt64] = []
    /// The tagger's runner-up tag of each token (as the hash the parser reads) and how far behind the best it
    /// scored (``TagAlternatives``), read by parsers that choose tags (``ParserModel/jointMargin``) and by
    /// parsers of feature version 6; empty until filled.
    public var runnerUp: [UInt64] = []
    public var tagMargin: [Float] = []

    /// Token `i`'s runner-up tag and margin when the tables have them, the margin is under `limit` and the
    /// runner-up is not `tag` (the tag the token is parsed with); else nil.
    @inline(__always) func runnerUp(_ i: Int, besides tag: UInt64, under limit: Float) -> (tag: UInt64, margin: Float)?
    {
        guard runnerUp.count == lower.count, tagMargin.count == lower.count, tagMargin[i] < limit,
            runnerUp[i] != tag
        else { return nil }
        return (runnerUp[i], tagMargin[i])
    }

    public init(_ doc: Document, clusters: WordClusters?) {
        let n = doc.tokens.count
        lower = [UInt64](repeating: 0, count: n)
        form = [UInt64](repeating: 0, count: n)
        shape = [UInt64](repeating: 0, count: n)
        affix = [UInt64](repeating: 0, count: n * 5)
        cluster = [Int32](repeating: -1, count: n * 3)
        bits = [UInt8](repeating: 0, count: n)
        // Affixes per interned lowercase form, computed once per distinct word.
        var cache = [Int32](repeating: -1, count: doc.interner.count)
        var affixes: [UInt64] = []
        // Cluster row per interned form (-2: not looked up yet), so each distinct form is looked up once.
        var clusterRow = [Int32](repeating: -2, count: clusters == nil ? 0 : doc.interner.count)
        for (i, t) in doc.tokens.enumerated() {
            lower[i] = doc.interner.hash(of: t.lower)
            form[i] = doc.interner.hash(of: t.form)
            shape[i] = doc.interner.hash(of: t.shape)
            var slot = Int(cache[Int(t.lower)])
            if slot < 0 {
                slot = affixes.count / 5
                cache[Int(t.lower)] = Int32(slot)
                doc.interner.withBytes(of: t.lower) { b in
                    for k in 1...4 {
                        let m = min(k, b.count)
                        affixes.append(
                            StableHash.hash(
                                UnsafeBufferPointer(rebasing: b[(b.count - m)...]), seed: UInt64(k) &* 0x51_7cc1))
                    }
                    affixes.append(StableHash.hash(UnsafeBufferPointer(rebasing: b[..<min(1, b.count)]), seed: 0x7f4a))
                }
            }
            for k in 0..<5 { affix[i * 5 + k] = affixes[slot * 5 + k] }
            if let c = clusters {
                var r = clusterRow[Int(t.form)]
                if r == -2 {
                    r = c.row(form[i])
                    if r < 0 { r = c.row(lower[i]) }
                    clusterRow[Int(t.form)] = r
                }
                if r >= 0 {
                    for l in 0..<min(3, c.sizes.count) { cluster[i * 3 + l] = Int32(c.id(row: r, level: l)) }
                }
            }
            let f = t.flags
            var b: UInt8 = 0
            if f.contains(.capitalized) { b |= 1 }
            if f.contains(.allCaps) { b |= 2 }
            if f.contains(.digits) || f.contains(.number) { b |= 4 }
            if f.contains(.hyphenated) { b |= 8 }
            if f.contains(.punct) { b |= 16 }
            if f.contains(.sentenceStart) { b |= 32 }
            bits[i] = b
        }
        for s in doc.sentences where !s.tokens.isEmpty { bits[s.tokens.lowerBound] |= 32 }
    }
}

/// Feature hashing shared by the tagger and the parser: a template number and one to three values mixed into
/// 32 significant bits (the model files store 32-bit keys).
@usableFromInline enum FH {
    @inline(__always) @usableFromInline
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    @inline(__always) @usableFromInline
    static func f(_ t: UInt64, _ a: UInt64) -> UInt64 {
        (mix(a &+ t &* 0x9e37_79b9_7f4a_7c15) & 0xffff_ffff) | 1
    }
    @inline(__always) @usableFromInline
    static func f(_ t: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        (mix(mix(a &+ t &* 0x9e37_79b9_7f4a_7c15) ^ b) & 0xffff_ffff) | 1
    }
    @inline(__always) @usableFromInline
    static func f(_ t: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        (mix(mix(mix(a &+ t &* 0x9e37_79b9_7f4a_7c15) ^ b) ^ c) & 0xffff_ffff) | 1
    }
}

extension SyntaxTables {
    /// The clusters bundled with the engine (shared with the name tagger).
    public static func bundledClusters() throws(DossierError) -> WordClusters {
        try WordClusters(fileBytes: try NERModel.resourceBytes("models", "clusters.bin"), name: "clusters.bin")
    }
}

/// A read-only, cache-friendly form of a trained perceptron for tagging and parsing: one open-addressing
/// table whose slots hold a 32-bit feature key and the start of its row together, and rows stored sparsely
/// as a count followed by (weight, class) pairs packed in 32 bits (the weight as a 16-bit integer of one
/// scale, as in the model files). A lookup touches about two cache lines instead of a dense row of every class.
public struct CompactScorer: Sendable {
    let slots: ContiguousArray<UInt64>
    let mask: Int
    /// Per row: the number of pairs, then the pairs (weight << 16 | class).
    let entries: ContiguousArray<UInt32>
    /// The value of one weight unit.
    let scale: Float
    public let classes: Int

    init(slots: ContiguousArray<UInt64>, mask: Int, entries: ContiguousArray<UInt32>, scale: Float, classes: Int) {
        self.slots = slots
        self.mask = mask
        self.entries = entries
        self.scale = scale
        self.classes = classes
    }

    public init(_ p: AveragedPerceptron) {
        classes = p.classes
        let pairs = p.table.pairs().sorted(by: { $0.row < $1.row })
        var size = 16
        while size < pairs.count * 2 { size <<= 1 }
        var slots = ContiguousArray<UInt64>(repeating: 0, count: size)
        var entries = ContiguousArray<UInt32>()
        let c = p.classes
        var maxAbs: Float = 0
        for x in p.weights { maxAbs = max(maxAbs, abs(x)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        var row: [UInt32] = []
        for (f, r) in pairs {
            let base = Int(r) * c
            row.removeAll(keepingCapacity: true)
            for k in 0..<c {
                let q = Int16((p.weights[base + k] / scale).rounded())
                if q != 0 { row.append(UInt32(UInt16(bitPattern: q)) << 16 | UInt32(k)) }
            }
            if row.isEmpty { continue }
            let start = UInt64(entries.count)
            entries.append(UInt32(row.count))
            entries.append(contentsOf: row)
            let key = f & 0xffff_ffff
            var s = CompactScorer.slot(key, size - 1)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = key << 32 | (start + 1)
        }
        self.slots = slots
        self.mask = size - 1
        self.entries = entries
        self.scale = scale
    }

    /// The perceptron this scorer was made from (rows in their original order, weights at the scorer's 16-bit
    /// precision, i.e. as read from a model file); rows without weights are left out.
    public func expanded() -> AveragedPerceptron {
        var rows: [(start: Int, key: UInt64)] = []
        for e in slots where e != 0 { rows.append((Int(e & 0xffff_ffff) - 1, e >> 32)) }
        rows.sort { $0.start < $1.start }
        var table = FeatureTable(capacity: max(rows.count, 16))
        var weights = ContiguousArray<Float>(repeating: 0, count: rows.count * classes)
        for (i, r) in rows.enumerated() {
            _ = table.insert(r.key)
            let count = Int(entries[r.start])
            for j in (r.start + 1)..<(r.start + 1 + count) {
                let x = entries[j]
                let k = Int(x & 0xffff)
                if k < classes { weights[i * classes + k] = Float(Int16(bitPattern: UInt16(x >> 16))) * scale }
            }
        }
        return AveragedPerceptron(classes: classes, table: table, weights: weights, packed: false)
    }

    /// Whether every weight is a multiple of `step` units.
    func entriesOnGrid(_ step: Int) -> Bool {
        for e in slots where e != 0 {
            let start = Int(e & 0xffff_ffff) - 1
            let n = Int(entries[start])
            for j in (start + 1)..<(start + 1 + n) where Int(Int16(truncatingIfNeeded: entries[j] >> 16)) % step != 0 {
                return false
            }
        }
        return true
    }

    /// The feature keys that have a row.
    public var keys: Set<UInt64> {
        var out = Set<UInt64>(minimumCapacity: slots.count / 2)
        for e in slots where e != 0 { out.insert(e >> 32) }
        return out
    }

    /// The first slot of a 32-bit key: its top bits (keys are hashes already), so that rows filed in key order
    /// (the packed file form) fill the table from start to end instead of at random places.
    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key & 0xffff_ffff) &* UInt64(mask &+ 1)) >> 32)
    }

    /// Adds the weights of `features` (32-bit keys) to `scores`.
    ///
    /// Three passes of independent loads the processor overlaps: every feature's first slot, then the
    /// resolved rows' starts (collisions followed), then the rows added.
    @inline(__always)
    public func score(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>) {
        let n = min(features.count, 256)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { first in
            slots.withUnsafeBufferPointer { sl in
                for i in 0..<n { first[i] = sl[CompactScorer.slot(features[i] & 0xffff_ffff, mask)] }
                var m = 0
                for i in 0..<n {
                    let key = features[i] & 0xffff_ffff
                    var e = first[i]
                    var s = CompactScorer.slot(key, mask)
                    while e != 0 && e >> 32 != key {
                        s = (s &+ 1) & mask
                        e = sl[s]
                    }
                    if e == 0 { continue }
                    first[m] = (e & 0xffff_ffff) &- 1
                    m &+= 1
                }
                let sc = scale
                entries.withUnsafeBufferPointer { en in
                    for i in 0..<m {
                        var j = Int(first[i])
                        let end = j &+ 1 &+ Int(en[j])
                        j &+= 1
                        while j < end {
                            let x = en[j]
                            scores[Int(x & 0xffff)] += Float(Int16(truncatingIfNeeded: x >> 16)) * sc
                            j &+= 1
                        }
                    }
                }
            }
        }
    }
}
