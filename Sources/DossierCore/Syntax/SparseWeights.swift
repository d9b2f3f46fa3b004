/// The weights of one perceptron as the model files hold them: rows of a 32-bit feature key and its non-zero
/// (class, weight) pairs, classes ascending, weights as 16-bit integers of one scale.
struct SparseRows: Equatable {
    var classes: Int
    /// The value of one weight unit.
    var scale: Float
    var keys: [UInt32] = []
    /// Row `i`'s pairs are `classIDs[starts[i]..<starts[i + 1]]` and the same range of `weights`.
    var starts: [Int] = [0]
    var classIDs: [UInt8] = []
    var weights: [Int16] = []

    var count: Int { keys.count }

    init(classes: Int, scale: Float) {
        self.classes = classes
        self.scale = scale
    }

    /// The rows of a trained perceptron in its row order, weights quantized to 16 bits (the largest magnitude
    /// to 32767); weights below `prune` times the largest magnitude are dropped, and rows left empty.
    init(_ p: AveragedPerceptron, prune: Float) {
        let pairs = p.table.pairs().sorted(by: { $0.row < $1.row })
        let c = p.classes
        var maxAbs: Float = 0
        for x in p.weights { maxAbs = max(maxAbs, abs(x)) }
        self.init(classes: c, scale: maxAbs > 0 ? maxAbs / 32767 : 1)
        let cut = maxAbs * prune
        for (f, r) in pairs {
            let base = Int(r) * c
            for k in 0..<c {
                let x = p.weights[base + k]
                if abs(x) >= cut && abs(x) > 0 {
                    let q = Int16((x / scale).rounded())
                    if q != 0 {
                        classIDs.append(UInt8(k))
                        weights.append(q)
                    }
                }
            }
            closeRow(UInt32(truncatingIfNeeded: f))
        }
    }

    /// The rows of a scorer exactly (same scale and 16-bit weights), in the order of its rows. With `prune`,
    /// weights whose magnitude rounds below `prune` x 32767 units are dropped: pruning a scorer read from a
    /// file at the fraction the file was written with keeps every weight, so re-encoding is lossless. When the
    /// scorer's weights are all on the grid of `step` (a model written with ``coarsened(step:)``), the cut is
    /// rounded down to the grid, where the weights that passed it before rounding are; otherwise it is exact.
    init(_ s: CompactScorer, prune: Float = 0, step: Int = 1) {
        self.init(classes: s.classes, scale: s.scale)
        var cut = Int((prune * 32767).rounded())
        if step > 1 && s.entriesOnGrid(step) { cut = cut / step * step }
        var rows: [(start: Int, key: UInt64)] = []
        for e in s.slots where e != 0 { rows.append((Int(e & 0xffff_ffff) - 1, e >> 32)) }
        rows.sort { $0.start < $1.start }
        var row: [(UInt8, Int16)] = []
        for r in rows {
            row.removeAll(keepingCapacity: true)
            let n = Int(s.entries[r.start])
            for j in (r.start + 1)..<(r.start + 1 + n) {
                let x = s.entries[j]
                let q = Int16(truncatingIfNeeded: x >> 16)
                if q != 0 && Int(q.magnitude) >= cut { row.append((UInt8(truncatingIfNeeded: x & 0xffff), q)) }
            }
            row.sort { $0.0 < $1.0 }
            for (k, q) in row {
                classIDs.append(k)
                weights.append(q)
            }
            closeRow(UInt32(truncatingIfNeeded: r.key))
        }
    }

    /// Ends the row of `key` (its pairs appended since the last row); an empty row is dropped.
    mutating func closeRow(_ key: UInt32) {
        if classIDs.count == starts[starts.count - 1] { return }
        keys.append(key)
        starts.append(classIDs.count)
    }

    /// The rows with every weight rounded to a multiple of `step` units (the largest to the multiple below
    /// 32768); weights that round to zero are dropped, and rows left empty. Rounding rows already on the grid of
    /// `step` changes nothing, so a coarsened model re-encodes to itself.
    func coarsened(step: Int) -> SparseRows {
        guard step > 1 else { return self }
        var out = SparseRows(classes: classes, scale: scale)
        let top = Int(Int16.max) / step * step
        for i in 0..<count {
            for j in starts[i]..<starts[i + 1] {
                let q = Int(weights[j])
                let m: Int = min((abs(q) + step / 2) / step * step, top)
                if m == 0 { continue }
                out.classIDs.append(classIDs[j])
                out.weights.append(Int16(q < 0 ? -m : m))
            }
            out.closeRow(keys[i])
        }
        return out
    }

    /// The rows sorted by key.
    func sortedByKey() -> SparseRows { reordered((0..<count).sorted(by: { keys[$0] < keys[$1] })) }

    /// The rows in the given order (of row indices).
    func reordered(_ order: [Int]) -> SparseRows {
        var out = SparseRows(classes: classes, scale: scale)
        for i in order {
            classIDs.withUnsafeBufferPointer { out.classIDs.append(contentsOf: $0[starts[i]..<starts[i + 1]]) }
            weights.withUnsafeBufferPointer { out.weights.append(contentsOf: $0[starts[i]..<starts[i + 1]]) }
            out.closeRow(keys[i])
        }
        return out
    }
}

/// The file forms of a perceptron's weights (``SparseRows``) and their decoding into a ``CompactScorer``.
///
/// - `plain` (the first form): `u32` classes, `u32` rows, `f32` scale, then per row the key (`u32`), the
///   number of pairs (`u8`) and the pairs as class (`u8`) and weight (`i16`): 5 bytes a row and 3 a weight.
/// - `packed` (form 2, issue 4's sixth session): a `u32` 0 (no plain block has zero classes, so readers
///   of the plain form reject it rather than misread it), the form byte 2, `u32` classes, rows, weights and
///   head rows, `f32` scale, `u16` the smallest weight magnitude, six Rice parameters (`u8`), the number of
///   entries (rows plus weights) of the head and of each of the 8 order tiers (`u32`), a rank table of the
///   classes (`classes` bytes, the class of rank 0 first), then a `u32` byte count and a bit stream (least
///   significant bit first). The head rows come first, in the writer's order (a trained perceptron's: first
///   seen first, so the frequent features), each key as 32 bits; the other rows follow sorted by key, each
///   with the key minus the previous one minus one, then 7 minus its order tier (where it was in the
///   writer's order after the head: the first 1/128 of those rows is tier 0, the next 1/128 tier 1, then
///   1/64, ... the last half tier 7). Then per row: the number of pairs minus one, the rank of the first class,
///   for each pair after the first the class minus the previous class minus one, and after each class its
///   weight as (magnitude minus the smallest magnitude) times two plus the sign. Each number is Rice-coded with
///   its field's parameter k: the quotient `v >> k` in unary (that many 0 bits, then a 1), then the `k` low
///   bits; a quotient of 24 or more is written as 24 zero bits and the 32-bit value. Lossless: the same keys,
///   classes, 16-bit weights and scale; 33-40% fewer bytes for the bundled models (the keys of sorted 32-bit
///   hashes are about 14 bits apart, the weights take 10-12 bits). The decoder lays out the head, then the
///   rows tier by tier, so the rows of frequent features stay together at the start of the scorer's memory as
///   in a trained perceptron (with all rows in key order the files were 10% smaller but scoring 15-20% slower).
/// - `packed` with a unit (form 3, issue 4's twelfth session): the same with a `u16` unit after the smallest
///   magnitude; every magnitude is a multiple of it (weights rounded to a grid, `SparseRows.coarsened(step:)`,
///   config `weight.step`) and a weight is coded as (magnitude minus the smallest magnitude) / unit times two
///   plus the sign. The writer uses it whenever the magnitudes have a common divisor above 1.
enum SparseWeights {
    enum Form: Sendable { case plain, packed }

    static let packedForm: UInt8 = 2
    /// The packed form with a weight unit: every magnitude a multiple of a `u16` unit that follows the smallest
    /// magnitude in the header, weights coded in units (written when the weights have a common divisor > 1).
    static let packedUnitForm: UInt8 = 3
    /// Rice quotients from this value up are escaped (written as 32 bits).
    static let unaryLimit = 24
    /// Order tiers of the packed form's rows after the head: tier `t` < 7 holds the rows at positions
    /// `count >> (7 - t)` up to `count >> (6 - t)` of their order (1/128 of them, 1/128, 1/64, ... the last half).
    static let tiers = 8

    /// The tier of the row at `position` of `count` rows.
    @inline(__always) static func tier(_ position: Int, of count: Int) -> Int {
        var t = 0
        while t < tiers - 1 && position >= count >> (tiers - 1 - t) { t += 1 }
        return t
    }

    /// The default share of the head rows of the packed form (one in `defaultHead`; config `packed.head`).
    static let defaultHead = 4

    /// `head`: in the packed form, one row in `head` is a head row (0: none).
    static func write(_ rows: SparseRows, form: Form, head: Int = defaultHead, into w: inout ByteWriter) {
        switch form {
        case .plain: writePlain(rows, into: &w)
        case .packed: writePacked(rows, head: head > 0 ? rows.count / head : 0, into: &w)
        }
    }

    static func writePlain(_ s: SparseRows, into w: inout ByteWriter) {
        w.u32(UInt32(s.classes))
        w.u32(UInt32(s.count))
        w.f32(s.scale)
        for i in 0..<s.count {
            w.u32(s.keys[i])
            w.u8(UInt8(s.starts[i + 1] - s.starts[i]))
            for j in s.starts[i]..<s.starts[i + 1] {
                w.u8(s.classIDs[j])
                w.i16(s.weights[j])
            }
        }
    }

    /// The numbers of the five fields of the packed form, in stream order per field.
    private struct Fields {
        var keys: [UInt32] = []
        var counts: [UInt32] = []
        var firsts: [UInt32] = []
        var deltas: [UInt32] = []
        var weights: [UInt32] = []
        var tiers: [UInt32] = []
    }

    static func writePacked(_ unsorted: SparseRows, head: Int, into w: inout ByteWriter) {
        // The head rows in the given order (a trained perceptron's: first seen first), the others by key, each
        // with its region: 0 for the head, 1 + its tier (where it was in the given order) for the others.
        let tail = (head..<unsorted.count).sorted { unsorted.keys[$0] < unsorted.keys[$1] }
        let s = unsorted.reordered(Array(0..<head) + tail)
        let regionOf = [Int](repeating: 0, count: head) + tail.map { 1 + tier($0 - head, of: unsorted.count - head) }
        var regionEntries = [Int](repeating: 0, count: 1 + tiers)
        for i in 0..<s.count { regionEntries[regionOf[i]] += 1 + s.starts[i + 1] - s.starts[i] }
        let c = s.classes
        var minMag = Int(Int16.max) + 1
        var unit = 0
        for q in s.weights {
            minMag = min(minMag, Int(q.magnitude))
            unit = gcd(unit, Int(q.magnitude))
        }
        if s.weights.isEmpty { (minMag, unit) = (1, 1) }
        // Classes by how often they come first in a row, most frequent first.
        var firstCount = [Int](repeating: 0, count: c)
        for i in 0..<s.count { firstCount[Int(s.classIDs[s.starts[i]])] += 1 }
        let byRank = (0..<c).sorted { firstCount[$0] != firstCount[$1] ? firstCount[$0] > firstCount[$1] : $0 < $1 }
        var rank = [UInt32](repeating: 0, count: c)
        for (r, k) in byRank.enumerated() { rank[k] = UInt32(r) }
        var f = Fields()
        var previousKey: Int64 = -1
        for i in 0..<s.count {
            if i >= head {
                f.keys.append(UInt32(Int64(s.keys[i]) - previousKey - 1))
                previousKey = Int64(s.keys[i])
                f.tiers.append(UInt32(tiers - regionOf[i]))
            }
            f.counts.append(UInt32(s.starts[i + 1] - s.starts[i] - 1))
            var previous = -1
            for j in s.starts[i]..<s.starts[i + 1] {
                let k = Int(s.classIDs[j])
                if previous < 0 { f.firsts.append(rank[k]) } else { f.deltas.append(UInt32(k - previous - 1)) }
                previous = k
                let q = s.weights[j]
                f.weights.append(UInt32((Int(q.magnitude) - minMag) / unit) << 1 | (q < 0 ? 1 : 0))
            }
        }
        let k = [f.keys, f.counts, f.firsts, f.deltas, f.weights, f.tiers].map(bestParameter)
        var bits = BitWriter()
        var first = 0
        var delta = 0
        for i in 0..<s.count {
            if i < head {
                bits.put(UInt64(s.keys[i]), 32)
            } else {
                bits.rice(f.keys[i - head], k[0])
                bits.rice(f.tiers[i - head], k[5])
            }
            bits.rice(f.counts[i], k[1])
            for j in s.starts[i]..<s.starts[i + 1] {
                if j == s.starts[i] {
                    bits.rice(f.firsts[first], k[2])
                    first += 1
                } else {
                    bits.rice(f.deltas[delta], k[3])
                    delta += 1
                }
                bits.rice(f.weights[j], k[4])
            }
        }
        bits.flush()
        w.u32(0)
        w.u8(unit > 1 ? packedUnitForm : packedForm)
        w.u32(UInt32(c))
        w.u32(UInt32(s.count))
        w.u32(UInt32(s.weights.count))
        w.u32(UInt32(head))
        w.f32(s.scale)
        w.u16(UInt16(minMag))
        if unit > 1 { w.u16(UInt16(unit)) }
        for x in k { w.u8(UInt8(x)) }
        for x in regionEntries { w.u32(UInt32(x)) }
        for x in byRank { w.u8(UInt8(x)) }
        w.u32(UInt32(bits.bytes.count))
        w.raw(bits.bytes)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The Rice parameter that codes `values` in the fewest bits, of the seven around the logarithm of their mean
    /// (where the best one is for the near-geometric numbers of a model).
    static func bestParameter(_ values: [UInt32]) -> Int {
        var sum = 0
        for v in values { sum += Int(v) }
        let mean = values.isEmpty ? 0 : sum / values.count
        let center = mean > 0 ? Int.bitWidth - 1 - mean.leadingZeroBitCount : 0
        var best = (bits: Int.max, k: 0)
        let low = min(max(0, center - 3), 23)
        for k in low...min(23, low + 6) {
            var n = 0
            for v in values {
                let q = Int(v >> UInt32(k))
                n += q < unaryLimit ? q + 1 + k : unaryLimit + 32
            }
            if n < best.bits { best = (n, k) }
        }
        return best.k
    }

    /// The scoring form of the weights, built straight from the file's rows (no flat weights in between),
    /// from either form.
    static func decodeScorer(_ r: inout ByteReader) throws(DossierError) -> CompactScorer {
        let c = Int(try r.u32())
        if c == 0 { return try decodePacked(&r) }
        let rows = Int(try r.u32())
        guard c < 256, rows < 1 << 26 else {
            throw DossierError(.resource, "sparse perceptron header is malformed", input: r.name)
        }
        let scale = try r.f32()
        var table = ScorerBuilder(rows: rows, pairs: rows * 2)
        for _ in 0..<rows {
            let key = UInt64(try r.u32())
            let nz = Int(try r.u8())
            table.startRow(count: nz)
            for _ in 0..<nz {
                let k = UInt32(try r.u8())
                let q = try r.u16()
                guard k < c else {
                    throw DossierError(.resource, "sparse perceptron class out of range", input: r.name)
                }
                table.entries.append(UInt32(q) << 16 | k)
            }
            guard table.insert(key) else {
                throw DossierError(.resource, "sparse perceptron has duplicate features", input: r.name)
            }
        }
        return table.scorer(scale: scale, classes: c)
    }

    static func decodePacked(_ r: inout ByteReader) throws(DossierError) -> CompactScorer {
        let form = try r.u8()
        guard form == packedForm || form == packedUnitForm else {
            throw DossierError(.resource, "sparse perceptron form \(form) is not known", input: r.name)
        }
        let c = Int(try r.u32())
        let rows = Int(try r.u32())
        let pairs = Int(try r.u32())
        let head = Int(try r.u32())
        let scale = try r.f32()
        let minMag = Int(try r.u16())
        let unit = form == packedUnitForm ? Int(try r.u16()) : 1
        let (kKey, kCount, kFirst, kDelta, kWeight, kTier) = (
            Int(try r.u8()), Int(try r.u8()), Int(try r.u8()), Int(try r.u8()), Int(try r.u8()), Int(try r.u8())
        )
        var regionStart = [Int](repeating: 0, count: tiers + 2)
        for t in 0...tiers { regionStart[t + 1] = regionStart[t] + Int(try r.u32()) }
        guard c > 0, c < 256, rows < 1 << 26, pairs <= rows * c, minMag > 0, unit > 0, head <= rows,
            max(kKey, kCount, kFirst, kDelta, kWeight, kTier) < 32, regionStart[tiers + 1] == rows + pairs
        else {
            throw DossierError(.resource, "sparse perceptron header is malformed", input: r.name)
        }
        var byRank: [UInt32] = []
        for _ in 0..<c {
            let x = try r.u8()
            guard Int(x) < c else {
                throw DossierError(.resource, "sparse perceptron class out of range", input: r.name)
            }
            byRank.append(UInt32(x))
        }
        let stream = try r.raw(Int(try r.u32()))
        // Rows are filed region by region (the head in its order, then each tier's rows in key order), each
        // region's rows where the header says.
        var table = ScorerBuilder(rows: rows, pairs: pairs, size: regionStart[tiers + 1])
        var cursor = regionStart
        let fault: String? = stream.withUnsafeBytes { raw in
            var bits = BitReader(raw)
            var previousKey: Int64 = -1
            var total = 0
            for row in 0..<rows {
                var key: Int64
                var t = 0
                if row < head {
                    key = Int64(bits.raw32())
                } else {
                    key = previousKey + 1 + Int64(bits.rice(kKey))
                    guard key <= 0xffff_ffff else { return "sparse perceptron keys are malformed" }
                    previousKey = key
                    t = tiers - Int(bits.rice(kTier))
                    guard t >= 1 else { return "sparse perceptron row is malformed" }
                }
                let n = Int(bits.rice(kCount)) + 1
                total += n
                guard n <= c, total <= pairs, cursor[t] + 1 + n <= regionStart[t + 1] else {
                    return "sparse perceptron row is malformed"
                }
                table.startRow(count: n, at: cursor[t])
                cursor[t] += 1 + n
                var cls = -1
                for j in 0..<n {
                    if j == 0 {
                        let rank = Int(bits.rice(kFirst))
                        guard rank < c else { return "sparse perceptron class out of range" }
                        cls = Int(byRank[rank])
                    } else {
                        cls += 1 + Int(bits.rice(kDelta))
                        guard cls < c else { return "sparse perceptron class out of range" }
                    }
                    let v = bits.rice(kWeight)
                    let mag = Int(v >> 1) * unit + minMag
                    let q = v & 1 == 1 ? -mag : mag
                    guard q >= Int(Int16.min), q <= Int(Int16.max) else {
                        return "sparse perceptron weight out of range"
                    }
                    table.put(UInt32(UInt16(truncatingIfNeeded: q)) << 16 | UInt32(cls))
                }
                guard table.insert(UInt64(key)) else { return "sparse perceptron has duplicate features" }
                if bits.overrun { return "model data ends early in a sparse perceptron" }
            }
            return total == pairs ? nil : "sparse perceptron has \(total) weights, its header \(pairs)"
        }
        if let fault { throw DossierError(.resource, fault, input: r.name) }
        return table.scorer(scale: scale, classes: c)
    }
}

/// Builds a ``CompactScorer`` row by row.
private struct ScorerBuilder {
    var slots: ContiguousArray<UInt64>
    var entries = ContiguousArray<UInt32>()
    var start: UInt64 = 0

    /// Where ``put(_:)`` writes next (filled entries only).
    var next = 0

    /// A builder that appends rows; with `size`, one whose rows are placed (``startRow(count:at:)``) in
    /// `size` entries.
    init(rows: Int, pairs: Int, size entryCount: Int? = nil) {
        var size = 16
        while size < rows * 2 { size <<= 1 }
        slots = ContiguousArray<UInt64>(repeating: 0, count: size)
        if let entryCount {
            entries = ContiguousArray<UInt32>(repeating: 0, count: entryCount)
        } else {
            entries.reserveCapacity(rows + pairs)
        }
    }

    /// Starts a row of `count` pairs (appended to `entries` next).
    @inline(__always) mutating func startRow(count: Int) {
        start = UInt64(entries.count)
        entries.append(UInt32(count))
    }

    /// Starts a row of `count` pairs at entry `position` (its pairs follow with ``put(_:)``).
    @inline(__always) mutating func startRow(count: Int, at position: Int) {
        start = UInt64(position)
        entries[position] = UInt32(count)
        next = position + 1
    }

    @inline(__always) mutating func put(_ pair: UInt32) {
        entries[next] = pair
        next += 1
    }

    /// Files the row just written under `key`; false when the key has a row already.
    @inline(__always) mutating func insert(_ key: UInt64) -> Bool {
        let mask = slots.count - 1
        var s = CompactScorer.slot(key, mask)
        while slots[s] != 0 {
            if slots[s] >> 32 == key { return false }
            s = (s + 1) & mask
        }
        slots[s] = key << 32 | (start + 1)
        return true
    }

    func scorer(scale: Float, classes: Int) -> CompactScorer {
        CompactScorer(slots: slots, mask: slots.count - 1, entries: entries, scale: scale, classes: classes)
    }
}

/// Writes bits least significant first.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var acc: UInt64 = 0
    private var count = 0

    /// The low `n` bits of `v` (`n` <= 32).
    mutating func put(_ v: UInt64, _ n: Int) {
        acc |= (v & ((1 << UInt64(n)) &- 1)) << UInt64(count)
        count += n
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8
            count -= 8
        }
    }

    /// `v` Rice-coded with parameter `k` (see ``SparseWeights``).
    mutating func rice(_ v: UInt32, _ k: Int) {
        let q = Int(v >> UInt32(k))
        if q < SparseWeights.unaryLimit {
            put(1 << UInt64(q), q + 1)
            put(UInt64(v), k)
        } else {
            put(0, SparseWeights.unaryLimit)
            put(UInt64(v), 32)
        }
    }

    /// Writes the last partial byte.
    mutating func flush() {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: acc)) }
        acc = 0
        count = 0
    }
}

/// Reads what ``BitWriter`` writes. Reading past the end gives zeros and sets ``overrun``.
struct BitReader {
    private let data: UnsafeRawBufferPointer
    private var position = 0
    /// Bits not consumed yet, the next one lowest; the bits above `count` are the data that follows or zeros.
    private var acc: UInt64 = 0
    private var count = 0
    private(set) var overrun = false

    init(_ data: UnsafeRawBufferPointer) { self.data = data }

    /// Makes at least 56 bits available (fewer at the end of the data).
    @inline(__always) private mutating func refill() {
        if count >= 56 { return }
        if position + 8 <= data.count {
            let word = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            acc |= word << UInt64(count)
            let advance = (63 - count) >> 3
            position += advance
            count += advance << 3
        } else {
            while count <= 56 && position < data.count {
                acc |= UInt64(data[position]) << UInt64(count)
                position += 1
                count += 8
            }
        }
    }

    @inline(__always) private mutating func consume(_ n: Int) {
        if n > count {
            overrun = true
            acc = 0
            count = 0
        } else {
            acc >>= UInt64(n)
            count -= n
        }
    }

    /// The next `n` bits (`n` <= 32).
    @inline(__always) mutating func get(_ n: Int) -> UInt64 {
        refill()
        let v = acc & ((1 << UInt64(n)) &- 1)
        consume(n)
        return v
    }

    /// 32 bits as they are.
    @inline(__always) mutating func raw32() -> UInt32 {
        refill()
        let v = UInt32(truncatingIfNeeded: acc)
        consume(32)
        return v
    }

    /// A Rice-coded number with parameter `k` (< 32).
    @inline(__always) mutating func rice(_ k: Int) -> UInt32 {
        refill()
        let z = acc.trailingZeroBitCount
        if z < SparseWeights.unaryLimit {
            let low = (acc >> UInt64(z + 1)) & ((1 << UInt64(k)) &- 1)
            consume(z + 1 + k)
            return UInt32(truncatingIfNeeded: UInt64(z) << UInt64(k) | low)
        }
        consume(SparseWeights.unaryLimit)
        let v = UInt32(truncatingIfNeeded: acc)
        consume(32)
        return v
    }
}
