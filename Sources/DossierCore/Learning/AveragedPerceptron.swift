/// A multiclass averaged perceptron over hashed sparse features (Collins 2002; Honnibal's tagger).
///
/// Each known feature owns one row of `classes` weights in a flat array; a feature the model never saw in
/// training scores nothing. Averaging uses the lazy timestamp trick: each weight remembers when it last
/// changed, so an update costs O(features) instead of O(model).
public struct AveragedPerceptron: Sendable {
    /// The number of classes scored.
    public let classes: Int
    /// Feature hash -> row.
    public private(set) var table: FeatureTable
    /// `rows * classes` weights, row-major.
    @usableFromInline var weights: ContiguousArray<Float>
    // Training state: running sums and the time of each weight's last change.
    var totals: ContiguousArray<Double> = []
    var stamps: ContiguousArray<Int32> = []
    /// The scoring layout of a finished model (nil while training).
    var packed: PackedWeights?
    /// Training instances seen so far (the averaging clock).
    public private(set) var instances: Int32 = 0

    public init(classes: Int, capacity: Int = 1 << 16) {
        self.classes = classes
        self.table = FeatureTable(capacity: capacity)
        self.weights = []
    }

    /// A model from trained parts (used by ``AveragedPerceptron/decode(_:)``). Without `packed`, ``score(_:into:)``
    /// reads the flat weights: for models scored through another form (the syntax models' `CompactScorer`), whose
    /// packed copy would only take memory (about 130 MB for the tagger).
    init(classes: Int, table: FeatureTable, weights: ContiguousArray<Float>, packed: Bool = true) {
        self.classes = classes
        self.table = table
        self.weights = weights
        self.packed = packed ? PackedWeights(table: table, weights: weights, classes: classes) : nil
    }

    /// The number of feature rows.
    public var featureCount: Int { table.count }

    /// Adds the weights of `features` to `scores` (which must hold ``classes`` values).
    /// - Complexity: O(features × classes).
    public func score(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>) {
        if let packed {
            packed.score(features, into: scores)
            return
        }
        let c = classes
        weights.withUnsafeBufferPointer { w in
            for f in features {
                let r = table.row(f)
                if r < 0 { continue }
                let base = Int(r) * c
                for k in 0..<c { scores[k] += w[base + k] }
            }
        }
    }

    /// The highest-scoring class among `allowed` (ties go to the lower class number: deterministic).
    @inlinable
    public static func best(_ scores: UnsafeBufferPointer<Float>, allowed: (Int) -> Bool) -> Int {
        var best = -1
        var top = -Float.infinity
        for k in 0..<scores.count where allowed(k) && (best < 0 || scores[k] > top) {
            best = k
            top = scores[k]
        }
        return max(best, 0)
    }

    /// Advances the averaging clock by one training instance.
    public mutating func tick() { instances += 1 }

    /// The perceptron update: rewards `truth` and penalizes `guess` on every feature (nothing if equal).
    public mutating func update(_ features: UnsafeBufferPointer<UInt64>, truth: Int, guess: Int) {
        guard truth != guess else { return }
        packed = nil
        for f in features {
            let r = row(adding: f)
            bump(r * classes + truth, 1)
            bump(r * classes + guess, -1)
        }
    }

    /// Adds `delta` to the weight of class `cls` on every feature (structured updates, e.g. a beam's).
    public mutating func add(_ features: UnsafeBufferPointer<UInt64>, class cls: Int, _ delta: Float) {
        packed = nil
        for f in features { bump(row(adding: f) * classes + cls, delta) }
    }

    /// The row of feature `f`, added with zero weights when new.
    mutating func row(adding f: UInt64) -> Int {
        let before = table.count
        let r = Int(table.insert(f))
        if r == before {
            weights.append(contentsOf: repeatElement(0, count: classes))
            totals.append(contentsOf: repeatElement(0, count: classes))
            stamps.append(contentsOf: repeatElement(instances, count: classes))
        }
        return r
    }

    mutating func bump(_ j: Int, _ delta: Float) {
        totals[j] += Double(instances - stamps[j]) * Double(weights[j])
        stamps[j] = instances
        weights[j] += delta
    }

    /// Replaces each weight by its average over the training run and drops the training state.
    /// Rows whose averaged weights are all below `threshold` in magnitude are removed.
    public mutating func finish(threshold: Float = 1e-3) {
        let t = Double(max(instances, 1))
        var avg = ContiguousArray<Float>(repeating: 0, count: weights.count)
        for j in 0..<weights.count {
            let total = totals[j] + Double(instances - stamps[j]) * Double(weights[j])
            avg[j] = Float(total / t)
        }
        var newTable = FeatureTable(capacity: table.count)
        var newWeights = ContiguousArray<Float>()
        newWeights.reserveCapacity(avg.count)
        for (f, r) in table.pairs().sorted(by: { $0.row < $1.row }) {
            let base = Int(r) * classes
            var keep = false
            for k in 0..<classes where abs(avg[base + k]) >= threshold { keep = true }
            if !keep { continue }
            _ = newTable.insert(f)
            newWeights.append(contentsOf: avg[base..<(base + classes)])
        }
        table = newTable
        weights = newWeights
        totals = []
        stamps = []
        packed = PackedWeights(table: table, weights: weights, classes: classes)
    }

    /// The mean of finished models over the same classes (an ensemble that scores as one model): the union of
    /// their features, in order of first appearance, each weight averaged (a model without a feature counts 0).
    public static func mean(_ models: [AveragedPerceptron]) -> AveragedPerceptron? {
        guard let first = models.first, models.allSatisfy({ $0.classes == first.classes }) else { return nil }
        if models.count == 1 { return first }
        let c = first.classes
        var table = FeatureTable(capacity: first.table.count * 2)
        var weights = ContiguousArray<Float>()
        let n = Float(models.count)
        for m in models {
            for (f, r) in m.table.pairs().sorted(by: { $0.row < $1.row }) {
                let before = table.count
                let row = Int(table.insert(f))
                if row == before { weights.append(contentsOf: repeatElement(0, count: c)) }
                for k in 0..<c { weights[row * c + k] += m.weights[Int(r) * c + k] / n }
            }
        }
        return AveragedPerceptron(classes: c, table: table, weights: weights)
    }

    /// The weights of a feature (for tests and inspection); nil if unknown.
    public func weights(of feature: UInt64) -> [Float]? {
        let r = table.row(feature)
        guard r >= 0 else { return nil }
        let base = Int(r) * classes
        return Array(weights[base..<(base + classes)])
    }

    // MARK: - Binary form

    /// Writes the model: classes, rows, feature keys in row order, and the weights as 16-bit integers with
    /// one scale (the largest magnitude maps to 32767).
    public func encode(into w: inout ByteWriter) {
        let pairs = table.pairs().sorted(by: { $0.row < $1.row })
        w.u32(UInt32(classes))
        w.u32(UInt32(pairs.count))
        for p in pairs { w.u64(p.feature) }
        var maxAbs: Float = 0
        for x in weights { maxAbs = max(maxAbs, abs(x)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        w.f32(scale)
        for x in weights { w.i16(Int16((x / scale).rounded())) }
    }

    /// Writes the model in the sparse form (issue 4's twelfth session): a `u32` 0 (no dense model has zero
    /// classes), the form byte 1, `u32` classes, rows and non-zero weights, `f32` scale (as ``encode(into:)``),
    /// `u16` the smallest magnitude, four Rice parameters (`u8`), a `u32` byte count and a bit stream (least
    /// significant bit first, as the syntax models' packed form, `SparseWeights`). Rows come sorted by feature
    /// key; per row the key's high 32 bits minus the previous row's (Rice), its low 32 bits as they are, the
    /// number of non-zero weights (Rice), and per weight its class minus the previous one's minus one (the
    /// first: the class) and (magnitude minus the smallest) times two plus the sign (Rice). The same keys and
    /// 16-bit weights as the dense form, without the zeros: about 40% of the bytes for the name tagger, whose rows
    /// are half zeros.
    public func encodeSparse(into w: inout ByteWriter) {
        let pairs = table.pairs().sorted(by: { $0.feature < $1.feature })
        var maxAbs: Float = 0
        for x in weights { maxAbs = max(maxAbs, abs(x)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        var highs: [UInt32] = []
        var counts: [UInt32] = []
        var deltas: [UInt32] = []
        var mags: [(class: Int, q: Int16)] = []
        var rowEnds: [Int] = []
        var previousHigh: UInt64 = 0
        for p in pairs {
            let high = p.feature >> 32
            highs.append(UInt32(high - previousHigh))
            previousHigh = high
            var previous = -1
            var n = 0
            for k in 0..<classes {
                let q = Int16((weights[Int(p.row) * classes + k] / scale).rounded())
                if q == 0 { continue }
                deltas.append(UInt32(k - previous - 1))
                previous = k
                mags.append((k, q))
                n += 1
            }
            counts.append(UInt32(n))
            rowEnds.append(mags.count)
        }
        var minMag = Int(Int16.max) + 1
        for m in mags { minMag = min(minMag, Int(m.q.magnitude)) }
        if mags.isEmpty { minMag = 1 }
        let coded = mags.map { UInt32(Int($0.q.magnitude) - minMag) << 1 | ($0.q < 0 ? 1 : 0) }
        let k = [highs, counts, deltas, coded].map(SparseWeights.bestParameter)
        var bits = BitWriter()
        var j = 0
        for (i, p) in pairs.enumerated() {
            bits.rice(highs[i], k[0])
            bits.put(p.feature & 0xffff_ffff, 32)
            bits.rice(counts[i], k[1])
            while j < rowEnds[i] {
                bits.rice(deltas[j], k[2])
                bits.rice(coded[j], k[3])
                j += 1
            }
        }
        bits.flush()
        w.u32(0)
        w.u8(1)
        w.u32(UInt32(classes))
        w.u32(UInt32(pairs.count))
        w.u32(UInt32(mags.count))
        w.f32(scale)
        w.u16(UInt16(minMag))
        for x in k { w.u8(UInt8(x)) }
        w.u32(UInt32(bits.bytes.count))
        w.raw(bits.bytes)
    }

    /// Reads a model written by ``encode(into:)`` or ``encodeSparse(into:)``.
    public static func decode(_ r: inout ByteReader) throws(DossierError) -> AveragedPerceptron {
        let classes = Int(try r.u32())
        if classes == 0 { return try decodeSparse(&r) }
        let rows = Int(try r.u32())
        guard classes > 0, classes < 4096, rows < 1 << 26 else {
            throw DossierError(.resource, "perceptron header is malformed", input: r.name)
        }
        var table = FeatureTable(capacity: rows)
        for _ in 0..<rows { _ = table.insert(try r.u64()) }
        guard table.count == rows else {
            throw DossierError(.resource, "perceptron has duplicate features", input: r.name)
        }
        let scale = try r.f32()
        let weights = try r.i16Array(rows * classes, scale: scale)
        return AveragedPerceptron(classes: classes, table: table, weights: weights)
    }

    static func decodeSparse(_ r: inout ByteReader) throws(DossierError) -> AveragedPerceptron {
        let form = try r.u8()
        guard form == 1 else {
            throw DossierError(.resource, "perceptron form \(form) is not known", input: r.name)
        }
        let classes = Int(try r.u32())
        let rows = Int(try r.u32())
        let nonZero = Int(try r.u32())
        let scale = try r.f32()
        let minMag = Int(try r.u16())
        let k = [Int(try r.u8()), Int(try r.u8()), Int(try r.u8()), Int(try r.u8())]
        guard classes > 0, classes < 4096, rows < 1 << 26, nonZero <= rows * classes, minMag > 0,
            (scale * 32768).isFinite, scale > 0, k.allSatisfy({ $0 < 32 })
        else {
            throw DossierError(.resource, "sparse perceptron header is malformed", input: r.name)
        }
        let stream = try r.raw(Int(try r.u32()))
        // Every row takes at least 34 bits (its key's low half, two Rice codes), every weight 2.
        guard rows * 34 + nonZero * 2 <= stream.count * 8 else {
            throw DossierError(.resource, "sparse perceptron is shorter than its header says", input: r.name)
        }
        var table = FeatureTable(capacity: max(rows, 16))
        var weights = ContiguousArray<Float>(repeating: 0, count: rows * classes)
        let fault: String? = stream.withUnsafeBytes { raw in
            var bits = BitReader(raw)
            var high: UInt64 = 0
            var total = 0
            for row in 0..<rows {
                high += UInt64(bits.rice(k[0]))
                guard high <= 0xffff_ffff else { return "sparse perceptron keys are malformed" }
                let key = high << 32 | UInt64(bits.raw32())
                let n = Int(bits.rice(k[1]))
                total += n
                guard n <= classes, total <= nonZero else { return "sparse perceptron row is malformed" }
                var cls = -1
                for _ in 0..<n {
                    cls += 1 + Int(bits.rice(k[2]))
                    guard cls < classes else { return "sparse perceptron class out of range" }
                    let v = bits.rice(k[3])
                    let mag = Int(v >> 1) + minMag
                    guard mag <= Int(Int16.max) + 1 else { return "sparse perceptron weight out of range" }
                    weights[row * classes + cls] = Float(v & 1 == 1 ? -mag : mag) * scale
                }
                guard key != 0, table.insert(key) == Int32(row) else {
                    return "sparse perceptron has duplicate or invalid features"
                }
                if bits.overrun { return "model data ends early in a sparse perceptron" }
            }
            return total == nonZero ? nil : "sparse perceptron has \(total) weights, its header \(nonZero)"
        }
        if let fault { throw DossierError(.resource, fault, input: r.name) }
        return AveragedPerceptron(classes: classes, table: table, weights: weights)
    }
}
