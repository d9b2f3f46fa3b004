/// Multi-word name lists (countries, cities, regions, continents, nationalities, regions and seas, organizations,
/// personal names) matched on token sequences.
///
/// Entries are stored as the hash of their lowercase tokens (as the ``Tokenizer`` splits them), so matching a
/// document costs a few table probes per capitalized token and no strings. The data is the engine's own
/// `Resources/gazetteers/names.tsv` (`KIND<TAB>name`), built by `Scripts/build-gazetteers.py`.
public struct Gazetteer: Sendable {
    /// The kinds of names, in the order of their bits.
    public enum Kind: Int, Sendable, CaseIterable {
        case country, city, admin, continent, norp, region, org
        /// Common given names and family names (a name part, not a whole name).
        case person

        init?(_ s: Substring) {
            switch s {
            case "COUNTRY": self = .country
            case "CITY": self = .city
            case "ADMIN": self = .admin
            case "CONTINENT": self = .continent
            case "NORP": self = .norp
            case "REGION": self = .region
            case "ORG": self = .org
            case "PERSON": self = .person
            default: return nil
            }
        }
    }

    var table: FeatureTable
    var kinds: ContiguousArray<UInt8>
    /// The longest entry, in tokens.
    public private(set) var maxLength: Int = 1

    public init() {
        table = FeatureTable(capacity: 64)
        kinds = []
    }

    public var count: Int { table.count }

    /// The hash of a token sequence from the stable hashes of its lowercase forms.
    public static func extend(_ h: UInt64, _ lowerHash: UInt64) -> UInt64 { StableHash.combine(h, lowerHash) }
    public static let seed: UInt64 = 0x6761_7a65_7474_6565

    /// Adds a name, tokenized by `tokenizer`.
    public mutating func add(_ name: String, kind: Kind, tokenizer: Tokenizer) {
        let (tokens, interner) = tokenizer.tokenize(name)
        guard !tokens.isEmpty else { return }
        var h = Gazetteer.seed
        for t in tokens { h = Gazetteer.extend(h, interner.hash(of: t.lower)) }
        add(hash: h, length: tokens.count, kind: kind)
    }

    mutating func add(hash: UInt64, length: Int, kind: Kind) {
        let before = table.count
        let r = Int(table.insert(hash))
        if r == before { kinds.append(0) }
        kinds[r] |= 1 << UInt8(kind.rawValue)
        maxLength = max(maxLength, length)
    }

    /// The kinds (bit set of ``Kind`` raw values) of the entry with this sequence hash, 0 if none.
    public func kinds(of hash: UInt64) -> UInt8 {
        let r = table.row(hash)
        return r < 0 ? 0 : kinds[Int(r)]
    }

    /// The kinds of a token range of a document.
    public func kinds(of range: Range<Int>, in doc: Document) -> UInt8 {
        var h = Gazetteer.seed
        for i in range { h = Gazetteer.extend(h, doc.interner.hash(of: doc.tokens[i].lower)) }
        return kinds(of: h)
    }

    /// Reads `KIND<TAB>name` lines. The whole file is tokenized as one text, one entry a line.
    public init(parsing text: String, name: String) throws(DossierError) {
        self.init()
        let tokenizer = Tokenizer(abbreviations: (try? Abbreviations.standard()) ?? Abbreviations())
        var entryKinds: [Kind] = []
        var body: [UInt8] = []
        var text = text
        var badLine: String? = nil
        text.withUTF8 { p in
            body.reserveCapacity(p.count)
            var i = 0
            let n = p.count
            while i < n {
                var e = i
                while e < n && p[e] != 0x0A { e += 1 }
                defer { i = e + 1 }
                if e == i || p[i] == UInt8(ascii: "#") { continue }
                var tab = i
                while tab < e && p[tab] != 0x09 { tab += 1 }
                let kindName = String(decoding: UnsafeBufferPointer(rebasing: p[i..<tab]), as: UTF8.self)
                guard tab < e, let kind = Kind(Substring(kindName)) else {
                    if badLine == nil {
                        badLine = String(decoding: UnsafeBufferPointer(rebasing: p[i..<min(e, i + 40)]), as: UTF8.self)
                    }
                    continue
                }
                entryKinds.append(kind)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: p[(tab + 1)..<e]))
                body.append(0x0A)
            }
        }
        if let badLine {
            throw DossierError(.resource, "gazetteer line is not KIND<TAB>name: \(badLine)", input: name)
        }
        let (tokens, interner) = tokenizer.tokenize(String(decoding: body, as: UTF8.self))
        var entry = -1
        var h = Gazetteer.seed
        var length = 0
        for t in tokens {
            if entry < 0 || t.flags.contains(.newlineBefore) {
                if entry >= 0 && length > 0 { add(hash: h, length: length, kind: entryKinds[entry]) }
                entry += 1
                h = Gazetteer.seed
                length = 0
            }
            h = Gazetteer.extend(h, interner.hash(of: t.lower))
            length += 1
        }
        if entry >= 0 && length > 0 && entry < entryKinds.count {
            add(hash: h, length: length, kind: entryKinds[entry])
        }
    }
}
