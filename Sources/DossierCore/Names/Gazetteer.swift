/// Multi-word name lists (countries, cities, regions, continents, nationalities, regions and seas, organizations) matched on token sequences.
///
/// Entries are stored as the hash of their lowercase tokens (as the ``Tokenizer`` splits them), so matching a
/// document costs a few table probes per capitalized token and no strings. The data is the engine's own
/// `Resources/gazetteers/names.tsv` (`KIND<TAB>name`), built by `Scripts/build-gazetteers.py`.
public struct Gazetteer: Sendable {
    /// The kinds of names, in the order of their bits.
    public enum Kind: Int, Sendable, CaseIterable {
        case country, city, admin, continent, norp, region, org

        init?(_ s: Substring) {
            switch s {
            case "COUNTRY": self = .country
            case "CITY": self = .city
            case "ADMIN": self = .admin
            case "CONTINENT": self = .continent
            case "NORP": self = .norp
            case "REGION": self = .region
            case "ORG": self = .org
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
        var body = ""
        body.reserveCapacity(text.utf8.count)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", maxSplits: 1)
            guard f.count == 2, let kind = Kind(f[0]) else {
                throw DossierError(.resource, "gazetteer line is not KIND<TAB>name: \(line.prefix(40))", input: name)
            }
            entryKinds.append(kind)
            body += f[1]
            body += "\n"
        }
        let (tokens, interner) = tokenizer.tokenize(body)
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
        if entry >= 0 && length > 0 && entry < entryKinds.count { add(hash: h, length: length, kind: entryKinds[entry]) }
    }
}
