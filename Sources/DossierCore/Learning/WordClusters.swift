/// Word -> cluster ids at several granularities, learned by ``ExchangeClustering`` from unlabeled text.
///
/// The file form is text: a header line `# clusters K1 K2 ...`, then `word<TAB>id1<TAB>id2...` lines.
/// Lookups go by the word's ``StableHash`` (as ``Interner/hash(of:)`` gives it), not by string.
public struct WordClusters: Sendable {
    /// The number of classes at each granularity.
    public let sizes: [Int]
    var table: FeatureTable
    var ids: ContiguousArray<UInt16>

    public init(sizes: [Int]) {
        self.sizes = sizes
        self.table = FeatureTable(capacity: 1024)
        self.ids = []
    }

    public var count: Int { table.count }

    /// Adds a word with its ids (one per granularity).
    public mutating func add(hash: UInt64, ids wordIDs: [Int]) {
        let before = table.count
        let r = Int(table.insert(hash))
        if r == before {
            for x in wordIDs { ids.append(UInt16(truncatingIfNeeded: x)) }
        } else {
            for (k, x) in wordIDs.enumerated() { ids[r * sizes.count + k] = UInt16(truncatingIfNeeded: x) }
        }
    }

    /// The cluster id of a word at granularity `level`, or -1 for an unknown word.
    public func id(_ hash: UInt64, level: Int) -> Int {
        let r = table.row(hash)
        return r < 0 ? -1 : Int(ids[Int(r) * sizes.count + level])
    }

    /// The row of a word (-1 if unknown), to read several levels with ``id(row:level:)``.
    public func row(_ hash: UInt64) -> Int32 { table.row(hash) }
    public func id(row: Int32, level: Int) -> Int { Int(ids[Int(row) * sizes.count + level]) }

    /// Reads the text form (on bytes: it is loaded with every model).
    public init(parsing text: String, name: String) throws(DossierError) {
        var text = text
        var sizes: [Int] = []
        var rows: [(UInt64, [Int])] = []
        var bad = false
        text.withUTF8 { p in
            var i = 0
            let n = p.count
            while i < n {
                var e = i
                while e < n && p[e] != 0x0A { e += 1 }
                defer { i = e + 1 }
                if e == i { continue }
                if p[i] == UInt8(ascii: "#") {
                    let line = String(decoding: UnsafeBufferPointer(rebasing: p[i..<e]), as: UTF8.self)
                    let parts = line.split(separator: " ")
                    if parts.count > 2 && parts[1] == "clusters" { sizes = parts.dropFirst(2).compactMap { Int($0) } }
                    continue
                }
                var tab = i
                while tab < e && p[tab] != 0x09 { tab += 1 }
                let h = StableHash.hash(UnsafeBufferPointer(rebasing: p[i..<tab]))
                var ids: [Int] = []
                ids.reserveCapacity(sizes.count)
                var k = tab
                while k < e {
                    k += 1
                    var v = 0
                    while k < e && p[k] >= 0x30 && p[k] <= 0x39 {
                        v = v * 10 + Int(p[k] - 0x30)
                        k += 1
                    }
                    ids.append(v)
                }
                if ids.count != sizes.count || sizes.isEmpty { bad = true }
                rows.append((h, ids))
            }
        }
        guard !bad else {
            throw DossierError(.resource, "cluster lines do not have \(sizes.count + 1) fields", input: name)
        }
        self.init(sizes: sizes)
        table = FeatureTable(capacity: rows.count)
        ids.reserveCapacity(rows.count * sizes.count)
        for (h, x) in rows { add(hash: h, ids: x) }
    }
}
