/// A finished perceptron laid out for scoring: an open-addressing table whose slots hold the feature key and
/// its class weights side by side, so scoring a feature costs one cache line instead of three
/// (key table, row table, weight rows).
///
/// Slot layout in 32-bit words: key low, key high, then `classes` weights (as `Float` bit patterns). A zero
/// key marks an empty slot (``FeatureTable/key(_:)`` never yields zero).
struct PackedWeights: Sendable {
    let classes: Int
    let stride: Int
    let mask: Int
    let storage: ContiguousArray<UInt32>

    init(table: FeatureTable, weights: ContiguousArray<Float>, classes: Int) {
        self.classes = classes
        stride = classes + 2
        var size = 16
        while size * 2 < table.count * 3 { size <<= 1 }
        mask = size - 1
        var s = ContiguousArray<UInt32>(repeating: 0, count: size * stride)
        for (key, row) in table.pairs() {
            var slot = FeatureTable.slot(key, mask)
            while s[slot * stride] != 0 || s[slot * stride + 1] != 0 { slot = (slot + 1) & mask }
            let base = slot * stride
            s[base] = UInt32(truncatingIfNeeded: key)
            s[base + 1] = UInt32(truncatingIfNeeded: key >> 32)
            for c in 0..<classes { s[base + 2 + c] = weights[Int(row) * classes + c].bitPattern }
        }
        storage = s
    }

    /// Adds the weights of `features` to `scores`.
    @inline(__always)
    func score(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>) {
        let c = classes
        let st = stride
        let m = mask
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
                        for j in 0..<c { scores[j] += Float(bitPattern: p[base + 2 + j]) }
                        break
                    }
                    if a == 0 && b == 0 { break }
                    slot = (slot + 1) & m
                }
            }
        }
    }
}
