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

    /// Reads the text form (``textRows(_:name:)``).
    public init(parsing text: String, name: String) throws(DossierError) {
        let (sizes, _, rows) = try WordClusters.textRows(text, name: name)
        self.init(sizes: sizes)
        table = FeatureTable(capacity: rows.count)
        ids.reserveCapacity(rows.count * sizes.count)
        for r in rows { add(hash: r.word.withUnsafeBufferPointer { StableHash.hash($0) }, ids: r.ids) }
    }
}

extension WordClusters {
    /// The model-file kind of the binary form.
    public static let fileKind = "dossier.clusters"

    /// The rows of the text form: the sizes of its header, its other comment lines, and each word's bytes with
    /// its ids.
    static func textRows(_ text: String, name: String) throws(DossierError) -> (
        sizes: [Int], comments: [String], rows: [(word: [UInt8], ids: [Int])]
    ) {
        var sizes: [Int] = []
        var comments: [String] = []
        var rows: [(word: [UInt8], ids: [Int])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                if parts.count > 2 && parts[1] == "clusters" {
                    sizes = parts.dropFirst(2).compactMap { Int($0) }
                } else {
                    comments.append(String(line))
                }
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let ids = fields.dropFirst().compactMap { Int($0) }
            guard !sizes.isEmpty, ids.count == sizes.count, fields.count == sizes.count + 1,
                ids.allSatisfy({ $0 >= 0 && $0 <= Int(UInt16.max) })
            else {
                throw DossierError(.resource, "cluster lines do not have \(sizes.count + 1) fields", input: name)
            }
            rows.append((Array(fields[0].utf8), ids))
        }
        return (sizes, comments, rows)
    }

    /// The binary form of a table in the text form, about a third of its size: a Dossier model file (kind
    /// ``fileKind``; config `sizes` and the text's comment lines as `note`) whose payload is the number of
    /// levels (u8), each level's bits per id (u8), the number of words (u32), the words in byte order each
    /// as the length of the prefix it shares with the one before and the rest's length (LEB128) and bytes, then
    /// every word's ids bit-packed (a word's levels together, least significant bit first). A word given twice
    /// keeps its last ids, as the text reader does.
    public static func binaryForm(ofText text: String, name: String) throws(DossierError) -> [UInt8] {
        let (sizes, comments, rows) = try textRows(text, name: name)
        var last: [[UInt8]: Int] = [:]
        for (i, r) in rows.enumerated() { last[r.word] = i }
        let order = last.values.sorted { rows[$0].word.lexicographicallyPrecedes(rows[$1].word) }
        var bits = [Int](repeating: 1, count: sizes.count)
        for r in rows {
            for (l, x) in r.ids.enumerated() { bits[l] = max(bits[l], Int.bitWidth - x.leadingZeroBitCount) }
        }
        var w = ByteWriter()
        w.u8(UInt8(sizes.count))
        for b in bits { w.u8(UInt8(b)) }
        w.u32(UInt32(order.count))
        func leb(_ v: Int) {
            var v = v
            while v >= 0x80 {
                w.u8(UInt8(v & 0x7f) | 0x80)
                v >>= 7
            }
            w.u8(UInt8(v))
        }
        var previous: [UInt8] = []
        var ids = BitWriter()
        for i in order {
            let word = rows[i].word
            var shared = 0
            while shared < min(word.count, previous.count) && word[shared] == previous[shared] { shared += 1 }
            leb(shared)
            leb(word.count - shared)
            w.raw(Array(word[shared...]))
            previous = word
            for (l, x) in rows[i].ids.enumerated() { ids.put(UInt64(x), bits[l]) }
        }
        ids.flush()
        w.raw(ids.bytes)
        var config: [(key: String, value: String)] = [("sizes", sizes.map(String.init).joined(separator: ","))]
        for c in comments { config.append(("note", c)) }
        return ModelFile(kind: fileKind, config: config, payload: w.bytes).encoded()
    }

    /// Reads either file form: the binary one (``binaryForm(ofText:name:)``) or the text.
    public init(fileBytes bytes: [UInt8], name: String) throws(DossierError) {
        guard bytes.starts(with: ModelFile.magic) else {
            try self.init(parsing: String(decoding: bytes, as: UTF8.self), name: name)
            return
        }
        let file = try ModelFile(decoding: bytes, name: name)
        guard file.kind == WordClusters.fileKind else {
            throw DossierError(.resource, "not a word-cluster file (kind \(file.kind))", input: name)
        }
        let sizes = (file["sizes"] ?? "").split(separator: ",").compactMap { Int($0) }
        var r = ByteReader(file.payload, name: name)
        let levels = Int(try r.u8())
        var bits: [Int] = []
        for _ in 0..<levels { bits.append(Int(try r.u8())) }
        guard levels == sizes.count, levels > 0, bits.allSatisfy({ (1...16).contains($0) }) else {
            throw DossierError(.resource, "word clusters: bad level header", input: name)
        }
        let count = Int(try r.u32())
        // Every word takes two bytes at least: a count beyond that is damage, not a size to allocate.
        guard count <= file.payload.count / 2 else {
            throw DossierError(.resource, "word clusters: \(count) words cannot fit in the file", input: name)
        }
        func leb() throws(DossierError) -> Int {
            var v = 0
            var shift = 0
            while true {
                let b = try r.u8()
                v |= Int(b & 0x7f) << shift
                if b < 0x80 { return v }
                shift += 7
                guard shift < 28 else { throw DossierError(.resource, "word clusters: bad length", input: name) }
            }
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(count)
        var word: [UInt8] = []
        for _ in 0..<count {
            let shared = try leb()
            let rest = try leb()
            guard shared <= word.count else {
                throw DossierError(.resource, "word clusters: bad shared prefix", input: name)
            }
            word.removeLast(word.count - shared)
            word += try r.raw(rest)
            hashes.append(word.withUnsafeBufferPointer { StableHash.hash($0) })
        }
        let packed = try r.raw(r.bytes.count - r.offset)
        let need = (count * bits.reduce(0, +) + 7) / 8
        guard packed.count >= need else {
            throw DossierError(.resource, "word clusters: the ids are cut short", input: name)
        }
        self.init(sizes: sizes)
        table = FeatureTable(capacity: count)
        ids.reserveCapacity(count * levels)
        var row = [Int](repeating: 0, count: levels)
        packed.withUnsafeBytes { raw in
            var b = BitReader(raw)
            for h in hashes {
                for l in 0..<levels { row[l] = Int(b.get(bits[l])) }
                add(hash: h, ids: row)
            }
        }
    }
}
