/// A 64-bit FNV-1a hash: stable across processes and machines, unlike `Hasher`.
///
/// Learned models hash their features with it, so a model trained on one machine scores the same on another.
public enum StableHash {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Hashes a run of bytes.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = offsetBasis) -> UInt64 {
        var h = seed
        for b in bytes {
            h = (h ^ UInt64(b)) &* prime
        }
        return h
    }

    /// Hashes the UTF-8 bytes of a string.
    public static func hash(_ string: String, seed: UInt64 = offsetBasis) -> UInt64 {
        var s = string
        return s.withUTF8 { hash($0, seed: seed) }
    }

    /// Mixes two hashes (for feature conjunctions); order matters.
    @inlinable
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = a ^ (b &+ 0x9e37_79b9_7f4a_7c15 &+ (a << 6) &+ (a >> 2))
        h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
        return h ^ (h >> 33)
    }
}
