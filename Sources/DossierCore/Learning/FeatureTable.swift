/// An open-addressing hash table from 64-bit feature hashes to dense row numbers.
///
/// Features are kept exactly (no collisions between features), so the model stores only the features it saw.
/// Key 0 marks an empty slot; the feature hash 0 is remapped to 1 by ``FeatureTable/key(_:)``.
public struct FeatureTable: Sendable {
    @usableFromInline var keys: ContiguousArray<UInt64>
    @usableFromInline var rows: ContiguousArray<Int32>
    @usableFromInline var mask: Int
    /// The number of features.
    public private(set) var count: Int = 0

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = ContiguousArray(repeating: 0, count: size)
        rows = ContiguousArray(repeating: -1, count: size)
        mask = size - 1
    }

    @inlinable @inline(__always)
    static func key(_ feature: UInt64) -> UInt64 { feature == 0 ? 1 : feature }

    @inlinable @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        // Multiply, then take high bits: they depend on every bit of the key.
        Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0xbf58_476d_1ce4_e5b9) >> 32) & mask
    }

    /// The row of a feature, or -1 when the model does not know it.
    /// - Complexity: O(1) expected.
    @inlinable @inline(__always)
    public func row(_ feature: UInt64) -> Int32 {
        let k = FeatureTable.key(feature)
        return keys.withUnsafeBufferPointer { kp in
            var s = FeatureTable.slot(k, mask)
            while true {
                let e = kp[s]
                if e == k { return rows[s] }
                if e == 0 { return -1 }
                s = (s + 1) & mask
            }
        }
    }

    /// The row of a feature, adding it with row number ``count`` when new.
    public mutating func insert(_ feature: UInt64) -> Int32 {
        let k = FeatureTable.key(feature)
        var s = FeatureTable.slot(k, mask)
        while true {
            let e = keys[s]
            if e == k { return rows[s] }
            if e == 0 { break }
            s = (s + 1) & mask
        }
        let r = Int32(count)
        keys[s] = k
        rows[s] = r
        count += 1
        if count * 2 > keys.count { grow() }
        return r
    }

    /// Every (feature, row) pair, in slot order.
    public func pairs() -> [(feature: UInt64, row: Int32)] {
        var out: [(UInt64, Int32)] = []
        out.reserveCapacity(count)
        for s in 0..<keys.count where keys[s] != 0 { out.append((keys[s], rows[s])) }
        return out
    }

    mutating func grow() {
        let size = keys.count * 2
        var nk = ContiguousArray<UInt64>(repeating: 0, count: size)
        var nr = ContiguousArray<Int32>(repeating: -1, count: size)
        let m = size - 1
        for s in 0..<keys.count where keys[s] != 0 {
            var t = FeatureTable.slot(keys[s], m)
            while nk[t] != 0 { t = (t + 1) & m }
            nk[t] = keys[s]
            nr[t] = rows[s]
        }
        keys = nk
        rows = nr
        mask = m
    }
}
