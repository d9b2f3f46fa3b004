/// A finished perceptron laid out for scoring: an open-addressing table whose slots hold the feature key and
/// its class weights side by side, so scoring a feature touches one slot instead of three arrays (key table,
/// row table, weight rows), and 16-bit weights keep the table small enough to stay mostly in cache.
///
/// Slot layout in 32-bit words: key low, key high, then the weights as 16-bit integers, two per word
/// (times ``scale``, the same quantization as the model file). A zero key marks an empty slot
/// (``FeatureTable/key(_:)`` never yields zero).
struct PackedWeights: Sendable {
    let classes: Int
    let stride: Int
    let mask: Int
    let scale: Float
    let storage: ContiguousArray<UInt32>

    init(table: FeatureTable, weights: ContiguousArray<Float>, classes: Int) {
        self.classes = classes
        stride = 2 + (classes + 1) / 2
        var size = 16
        while size * 2 < table.count * 3 { size <<= 1 }
        mask = size - 1
        var maxAbs: Float = 0
        for w in weights { maxAbs = max(maxAbs, abs(w)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        self.scale = scale
        var s = ContiguousArray<UInt32>(repeating: 0, count: size * stride)
        for (key, row) in table.pairs() {
            var slot = FeatureTable.slot(key, mask)
            while s[slot * stride] != 0 || s[slot * stride + 1] != 0 { slot = (slot + 1) & mask }
            let base = slot * stride
            s[base] = UInt32(truncatingIfNeeded: key)
            s[base + 1] = UInt32(truncatingIfNeeded: key >> 32)
            for c in 0..<classes {
                let q = Int16((weights[Int(row) * classes + c] / scale).rounded())
                let bits = UInt32(UInt16(bitPattern: q))
                s[base + 2 + c / 2] |= c % 2 == 0 ? bits : bits << 16
            }
        }
        storage = s
    }

    /// Adds the weights of `features` to `scores`.
    @inline(__always)
    func score(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>) {
        let c = classes
        let st = stride
        let m = mask
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: c + 1) { acc in
            for j in 0...c { acc[j] = 0 }
            storage.withUnsafeBufferPointer { p in
                for f in features {
                    let k = FeatureTable.key(f)
                    let lo = UInt32(truncatingIfNeeded: k)
                    let hi = UInt32(truncatingIfNeeded: k >> 32)
                    var slot = FeatureTable.slot(k, m)
                    while true {
                        let base = slot * st
                        let a = p[base]
                        let b = p[base + 1]
                        if a == lo && b == hi {
                            var j = 0
                            var w = base + 2
                            while j < c {
                                let word = p[w]
                                acc[j] &+= Int32(Int16(truncatingIfNeeded: word))
                                acc[j + 1] &+= Int32(Int16(truncatingIfNeeded: word >> 16))
                                j += 2
                                w += 1
                            }
                            break
                        }
                        if a == 0 && b == 0 { break }
                        slot = (slot + 1) & m
                    }
                }
            }
            for j in 0..<c { scores[j] += Float(acc[j]) * scale }
        }
    }
}
