/// Interns byte strings to dense integer ids, without allocating per string.
///
/// All strings live in one byte arena; an open-addressing table maps a string to its id. Each id also
/// keeps the string's ``StableHash``, which learned models use as the feature key of a word. Look-ups
/// use a cheaper word-at-a-time hash and compare the first eight bytes as one integer; the stable hash is
/// computed once, when a string is added. Id 0 is always the empty string.
public struct Interner: Sendable {
    @usableFromInline var arena: ContiguousArray<UInt8> = []
    /// One record per id, so that a comparison touches one cache line.
    @usableFromInline var records: ContiguousArray<Record> = []

    /// Where a string is and what it hashes to.
    @usableFromInline
    struct Record: Sendable {
        /// The first eight bytes, little-endian, zero-padded: most tokens compare in one step.
        @usableFromInline var head: UInt64
        /// The string's ``StableHash``.
        @usableFromInline var hash: UInt64
        /// `arena[start ..< end]` is the string.
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32

        @usableFromInline init(head: UInt64, hash: UInt64, start: Int32, end: Int32) {
            self.head = head
            self.hash = hash
            self.start = start
            self.end = end
        }
    }
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
    public var count: Int { records.count }

    /// The first eight bytes of `bytes` as an integer, and a probe hash over all of them.
    @inlinable @inline(__always)
    static func probe(_ bytes: UnsafeBufferPointer<UInt8>) -> (head: UInt64, hash: UInt64) {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return (0, 0x9E37_79B9_7F4A_7C15) }
        let raw = UnsafeRawPointer(base)
        var head: UInt64 = 0
        if n >= 8 {
            head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        } else {
            var shift: UInt64 = 0
            for i in 0..<n {
                head |= UInt64(base[i]) << shift
                shift += 8
            }
        }
        var h = (head ^ UInt64(truncatingIfNeeded: n)) &* 0x9E37_79B9_7F4A_7C15
        var i = 8
        while i + 8 <= n {
            h =
                (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                &* 0xff51_afd7_ed55_8ccd
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0xff51_afd7_ed55_8ccd
        }
        return (head, h ^ (h >> 31))
    }

    /// The id of `bytes`, adding it when new.
    /// - Complexity: O(n) in the length of `bytes`, amortized.
    @inlinable
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let (head, h) = Self.probe(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        // The look-up reads through unsafe buffers: no bounds or uniqueness checks on the hot path.
        let found: Int = table.withUnsafeBufferPointer { t in
            records.withUnsafeBufferPointer { r in
                while true {
                    let entry = t[slot]
                    if entry == 0 { return -1 }
                    let id = Int(entry - 1)
                    if r[id].head == head && equals(r[id], bytes) { return id }
                    slot = (slot + 1) & mask
                }
            }
        }
        if found >= 0 { return UInt32(found) }
        let id = records.count
        let start = Int32(arena.count)
        arena.append(contentsOf: bytes)
        records.append(Record(head: head, hash: StableHash.hash(bytes), start: start, end: Int32(arena.count)))
        table[slot] = UInt32(id + 1)
        if records.count * 2 > table.count { grow() }
        return UInt32(id)
    }

    /// The id of a string, adding it when new.
    public mutating func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { intern($0) }
    }

    /// The id of `bytes` if it was interned, else nil.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let (head, h) = Self.probe(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if records[id].head == head && equals(id, bytes) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
    }

    /// The stable hash of the string with this id.
    @inlinable
    public func hash(of id: UInt32) -> UInt64 { records[Int(id)].hash }

    /// The string with this id (allocates: for output and tests, not the hot path).
    public func string(_ id: UInt32) -> String {
        let lo = Int(records[Int(id)].start)
        let hi = Int(records[Int(id)].end)
        return String(decoding: arena[lo..<hi], as: UTF8.self)
    }

    /// Calls `body` with the bytes of the string with this id.
    @inlinable
    public func withBytes<R>(of id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let lo = Int(records[Int(id)].start)
        let hi = Int(records[Int(id)].end)
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
    }

    /// Whether the string `id` equals `bytes`, given that their first eight bytes agree.
    @usableFromInline @inline(__always)
    func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        equals(records[id], bytes)
    }

    /// Whether the string of `record` equals `bytes`, given that their first eight bytes agree.
    @usableFromInline @inline(__always)
    func equals(_ record: Record, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = Int(record.start)
        let hi = Int(record.end)
        let n = bytes.count
        guard hi - lo == n else { return false }
        if n <= 8 { return true }
        return arena.withUnsafeBufferPointer { a in
            var i = 8
            while i < n {
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
        arena.withUnsafeBufferPointer { a in
            for id in 0..<records.count {
                let lo = Int(records[id].start)
                let hi = Int(records[id].end)
                let h = Self.probe(UnsafeBufferPointer(rebasing: a[lo..<hi])).hash
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newTable[slot] != 0 { slot = (slot + 1) & newMask }
                newTable[slot] = UInt32(id + 1)
            }
        }
        table = newTable
        mask = newMask
    }
}
