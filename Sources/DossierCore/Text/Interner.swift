/// Interns byte strings to dense integer ids, without allocating per string.
///
/// All strings live in one byte arena; an open-addressing table maps a string to its id. Each id also
/// keeps the string's ``StableHash``, which learned models use as the feature key of a word.
/// Id 0 is always the empty string.
public struct Interner: Sendable {
    @usableFromInline var arena: ContiguousArray<UInt8> = []
    /// `offsets[id] ..< offsets[id + 1]` is the string of `id` in the arena.
    @usableFromInline var offsets: ContiguousArray<Int32> = [0]
    @usableFromInline var hashes: ContiguousArray<UInt64> = []
    /// Slots hold `id + 1`; 0 is an empty slot.
    @usableFromInline var table: ContiguousArray<UInt32>
    @usableFromInline var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = ContiguousArray(repeating: 0, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 6)
        _ = intern(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The number of distinct strings.
    public var count: Int { hashes.count }

    /// The id of `bytes`, adding it when new.
    /// - Complexity: O(n) in the length of `bytes`, amortized.
    @inlinable
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = StableHash.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == h && equals(id, bytes) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        arena.append(contentsOf: bytes)
        offsets.append(Int32(arena.count))
        hashes.append(h)
        table[slot] = UInt32(id + 1)
        if hashes.count * 2 > table.count { grow() }
        return UInt32(id)
    }

    /// The id of a string, adding it when new.
    public mutating func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { intern($0) }
    }

    /// The id of `bytes` if it was interned, else nil.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = StableHash.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if hashes[id] == h && equals(id, bytes) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
    }

    /// The stable hash of the string with this id.
    @inlinable
    public func hash(of id: UInt32) -> UInt64 { hashes[Int(id)] }

    /// The string with this id (allocates: for output and tests, not the hot path).
    public func string(_ id: UInt32) -> String {
        let lo = Int(offsets[Int(id)])
        let hi = Int(offsets[Int(id) + 1])
        return String(decoding: arena[lo..<hi], as: UTF8.self)
    }

    /// Calls `body` with the bytes of the string with this id.
    @inlinable
    public func withBytes<R>(of id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let lo = Int(offsets[Int(id)])
        let hi = Int(offsets[Int(id) + 1])
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }

    @usableFromInline
    func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = Int(offsets[id])
        let hi = Int(offsets[id + 1])
        guard hi - lo == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            var i = 0
            while i < bytes.count {
                if a[lo + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    @usableFromInline
    mutating func grow() {
        let size = table.count * 2
        var newTable = ContiguousArray<UInt32>(repeating: 0, count: size)
        let newMask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & newMask
            while newTable[slot] != 0 { slot = (slot + 1) & newMask }
            newTable[slot] = UInt32(id + 1)
        }
        table = newTable
        mask = newMask
    }
}
