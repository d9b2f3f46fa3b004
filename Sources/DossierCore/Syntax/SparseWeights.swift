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
    /// file at the fraction the file was written with keeps every weight, so re-encoding is lossless.
    init(_ s: CompactScorer, prune: Float = 0) {
        self.init(classes: s.classes, scale: s.scale)
        let cut = Int((prune * 32767).rounded())
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

    /// The rows sorted by key.
    func sortedByKey() -> SparseRows {
        var out = SparseRows(classes: classes, scale: scale)
        for i in (0..<count).sorted(by: { keys[$0] < keys[$1] }) {
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
///   of the plain form reject it rather than misread it), the form byte 2, `u32` classes, rows and weights,
///   `f32` scale, `u16` the smallest weight magnitude, five Rice parameters (`u8`), a rank table of the classes
///   (`classes` bytes, the class of rank 0 first), then a `u32` byte count and a bit stream (least significant
///   bit first). Rows come sorted by key; per row: the key minus the previous key minus one, the number of
///   pairs minus one, the rank of the first class, then for each pair after the first the class minus the
///   previous class minus one, and after each class its weight as (magnitude minus the smallest magnitude)
///   times two plus the sign. Each number is Rice-coded with its field's parameter k: the quotient `v >> k` in
///   unary (that many 0 bits, then a 1), then the `k` low bits; a quotient of 24 or more is written as 24 zero
///   bits and the 32-bit value. Lossless: the same keys, classes, 16-bit weights and scale; about 45% fewer
///   bytes (the keys of sorted 32-bit hashes are about 14 bits apart, the weights take 10-12 bits).
enum SparseWeights {
    enum Form: Sendable { case plain, packed }

    static let packedForm: UInt8 = 2
    /// Rice quotients from this value up are escaped (written as 32 bits).
    static let unaryLimit = 24

    static func write(_ rows: SparseRows, form: Form, into w: inout ByteWriter) {
        switch form {
        case .plain: writePlain(rows, into: &w)
        case .packed: writePacked(rows, into: &w)
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
    }

    static func writePacked(_ unsorted: SparseRows, into w: inout ByteWriter) {
        let s = unsorted.sortedByKey()
        let c = s.classes
        var minMag = Int(Int16.max) + 1
        for q in s.weights { minMag = min(minMag, Int(q.magnitude)) }
        if s.weights.isEmpty { minMag = 1 }
        // Classes by how often they come first in a row, most frequent first.
        var firstCount = [Int](repeating: 0, count: c)
        for i in 0..<s.count { firstCount[Int(s.classIDs[s.starts[i]])] += 1 }
        let byRank = (0..<c).sorted { firstCount[$0] != firstCount[$1] ? firstCount[$0] > firstCount[$1] : $0 < $1 }
        var rank = [UInt32](repeating: 0, count: c)
        for (r, k) in byRank.enumerated() { rank[k] = UInt32(r) }
        var f = Fields()
        var previousKey: Int64 = -1
        for i in 0..<s.count {
            f.keys.append(UInt32(Int64(s.keys[i]) - previousKey - 1))
            previousKey = Int64(s.keys[i])
            f.counts.append(UInt32(s.starts[i + 1] - s.starts[i] - 1))
            var previous = -1
            for j in s.starts[i]..<s.starts[i + 1] {
                let k = Int(s.classIDs[j])
                if previous < 0 { f.firsts.append(rank[k]) } else { f.deltas.append(UInt32(k - previous - 1)) }
                previous = k
                let q = s.weights[j]
                f.weights.append(UInt32(Int(q.magnitude) - minMag) << 1 | (q < 0 ? 1 : 0))
            }
        }
        let k = [f.keys, f.counts, f.firsts, f.deltas, f.weights].map(bestParameter)
        var bits = BitWriter()
        var first = 0
        var delta = 0
        for i in 0..<s.count {
            bits.rice(f.keys[i], k[0])
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
        w.u8(packedForm)
        w.u32(UInt32(c))
        w.u32(UInt32(s.count))
        w.u32(UInt32(s.weights.count))
        w.f32(s.scale)
        w.u16(UInt16(minMag))
        for x in k { w.u8(UInt8(x)) }
        for x in byRank { w.u8(UInt8(x)) }
        w.u32(UInt32(bits.bytes.count))
        w.raw(bits.bytes)
    }

    /// The Rice parameter that codes `values` in the fewest bits.
    static func bestParameter(_ values: [UInt32]) -> Int {
        var best = (bits: Int.max, k: 0)
        for k in 0..<24 {
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
        guard form == packedForm else {
            throw DossierError(.resource, "sparse perceptron form \(form) is not known", input: r.name)
        }
        let c = Int(try r.u32())
        let rows = Int(try r.u32())
        let pairs = Int(try r.u32())
        let scale = try r.f32()
        let minMag = Int(try r.u16())
        let (kKey, kCount, kFirst, kDelta, kWeight) = (
            Int(try r.u8()), Int(try r.u8()), Int(try r.u8()), Int(try r.u8()), Int(try r.u8())
        )
        guard c > 0, c < 256, rows < 1 << 26, pairs <= rows * c, minMag > 0,
            max(kKey, kCount, kFirst, kDelta, kWeight) < 32
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
        var table = ScorerBuilder(rows: rows, pairs: pairs)
        let fault: String? = stream.withUnsafeBytes { raw in
            var bits = BitReader(raw)
            var previousKey: Int64 = -1
            var total = 0
            for _ in 0..<rows {
                let key = previousKey + 1 + Int64(bits.rice(kKey))
                guard key <= 0xffff_ffff else { return "sparse perceptron keys are malformed" }
                previousKey = key
                let n = Int(bits.rice(kCount)) + 1
                total += n
                guard n <= c, total <= pairs else { return "sparse perceptron row is malformed" }
                table.startRow(count: n)
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
                    let mag = Int(v >> 1) + minMag
                    let q = v & 1 == 1 ? -mag : mag
                    guard q >= Int(Int16.min), q <= Int(Int16.max) else {
                        return "sparse perceptron weight out of range"
                    }
                    table.entries.append(UInt32(UInt16(truncatingIfNeeded: q)) << 16 | UInt32(cls))
                }
                _ = table.insert(UInt64(key))
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

    init(rows: Int, pairs: Int) {
        var size = 16
        while size < rows * 2 { size <<= 1 }
        slots = ContiguousArray<UInt64>(repeating: 0, count: size)
        entries.reserveCapacity(rows + pairs)
    }

    /// Starts a row of `count` pairs (appended to `entries` next).
    @inline(__always) mutating func startRow(count: Int) {
        start = UInt64(entries.count)
        entries.append(UInt32(count))
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
