import Foundation

/// The compact place gazetteer (`Resources/places/gazetteer.tsv`, built by `Scripts/build-places.py`):
/// countries, first-level divisions, cities of 5,000 people or more, and the project's own seas, straits and regions.
///
/// Loaded once into flat arrays. Names are indexed by the ``StableHash`` of a folded key (lowercase letters and
/// digits only, so "Washington, D.C." and "Washington D.C." meet) in one open-addressing table that also holds
/// every name's prefixes at word boundaries, so a scan over tokens costs one probe per token and stops as soon as
/// no name goes on. (64-bit hashes of some 400,000 keys: a collision is about one chance in 10^8.)
public struct PlaceGazetteer: Sendable {
    /// One place.
    public struct Entry: Sendable, Hashable {
        /// `g<geonameid>`, `a:<CC.admin1>` or `d:<slug>` (the project's own features).
        public var key: String
        public var name: String
        /// ISO 3166 alpha-3, or nil for features that span countries.
        public var country: String?
        /// The first-level division (state, province) of a city.
        public var admin1: String?
        public var lat: Double
        public var lon: Double
        /// People for countries, divisions and cities; for the project's features, their radius in km.
        public var population: Int
        /// GeoNames feature class: A (country, division), P (city), H (water), L (region), T (relief).
        public var featureClass: String
        public var geonameid: Int?

        public var kind: Kind

        /// What an entry is, decided once when the gazetteer is read.
        public enum Kind: UInt8, Sendable, Hashable {
            case country, division, city, feature
        }

        public var isCountry: Bool { kind == .country }
        public var isAdmin1: Bool { kind == .division }
        public var isFeature: Bool { kind == .feature }
    }

    public let entries: [Entry]
    /// Entries of name id `k`: `postings[postingStarts[k] ..< postingStarts[k + 1]]`.
    let postingStarts: [Int32]
    let postings: [Int32]
    /// Open addressing: `slotKeys[i]` is the hash of a folded name or name prefix ("new", "newyork",
    /// "newyorkcity"), `slotValues[i]` its name id, or -1 for a prefix that is no name; key 0 marks an empty slot.
    let slotKeys: [UInt64]
    let slotValues: [Int32]
    let slotMask: Int
    /// A 512 KiB bit filter over the same keys, which stays in cache: most capitalized words are no place name's
    /// start, and are turned away without touching the table.
    let filter: [UInt64]
    static let filterBits = 1 << 22

    /// The gazetteer shipped with the engine, loaded once per process and shared (it is immutable).
    public static func standard() throws(DossierError) -> PlaceGazetteer {
        try shipped.get()
    }

    static let shipped: Result<PlaceGazetteer, DossierError> = Result { () throws(DossierError) in try load() }

    static func load() throws(DossierError) -> PlaceGazetteer {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv", subdirectory: "places") else {
            throw DossierError(
                .resource, "the place gazetteer is missing from the engine's resources", input: "gazetteer.tsv")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DossierError(.resource, "the place gazetteer cannot be read", input: url.path)
        }
        return try PlaceGazetteer(tsv: [UInt8](data))
    }

    /// Parses gazetteer text (the format written by `Scripts/build-places.py`).
    public init(tsv bytes: [UInt8]) throws(DossierError) {
        var entries: [Entry] = []
        entries.reserveCapacity(bytes.count / 60)
        var pairs: [(name: UInt32, entry: Int32)] = []
        pairs.reserveCapacity(bytes.count / 40)
        var names = Interner(capacity: bytes.count / 40)
        var prefixes: [UInt64] = []
        var lineNumber = 0
        var start = 0
        var key: [UInt8] = []
        try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(DossierError) in
            while start < p.count {
                var end = start
                while end < p.count && p[end] != 0x0A { end += 1 }
                lineNumber += 1
                defer { start = end + 1 }
                if end == start || p[start] == UInt8(ascii: "#") { continue }
                var fields: [Range<Int>] = []
                var f = start
                for k in start...end where k == end || p[k] == 0x09 {
                    fields.append(f..<k)
                    f = k + 1
                }
                guard fields.count >= 10 else {
                    throw DossierError(
                        .resource, "gazetteer line \(lineNumber) has \(fields.count) fields, not 10",
                        input: "gazetteer.tsv")
                }
                func text(_ r: Range<Int>) -> String { String(decoding: p[r], as: UTF8.self) }
                func number(_ r: Range<Int>) -> Double? { Double(text(r)) }
                guard let lat = number(fields[5]), let lon = number(fields[6]), let pop = Int(text(fields[7])) else {
                    throw DossierError(
                        .resource, "gazetteer line \(lineNumber) has a bad number", input: "gazetteer.tsv")
                }
                let index = Int32(entries.count)
                let name = text(fields[1])
                let entryKey = text(fields[0])
                let featureClass = text(fields[8])
                let geonameid = Int(text(fields[9]))
                let kind: Entry.Kind =
                    entryKey.hasPrefix("d:")
                    ? .feature : entryKey.hasPrefix("a:") ? .division : featureClass == "A" ? .country : .city
                entries.append(
                    Entry(
                        key: entryKey, name: name, country: fields[3].isEmpty ? nil : text(fields[3]),
                        admin1: fields[4].isEmpty ? nil : text(fields[4]), lat: lat, lon: lon, population: pop,
                        featureClass: featureClass, geonameid: geonameid, kind: kind))
                // The name and each other name, folded.
                var s = fields[1].lowerBound
                let namesEnd = fields[2].upperBound
                for k in fields[1].lowerBound...namesEnd {
                    let boundary = k == namesEnd || p[k] == 0x09 || p[k] == UInt8(ascii: "|")
                    guard boundary else { continue }
                    if k > s {
                        PlaceGazetteer.fold(UnsafeBufferPointer(rebasing: p[s..<k]), into: &key)
                        if !key.isEmpty {
                            let id = key.withUnsafeBufferPointer { names.intern($0) }
                            pairs.append((id, index))
                            PlaceGazetteer.addPrefixes(UnsafeBufferPointer(rebasing: p[s..<k]), to: &prefixes)
                        }
                    }
                    s = k + 1
                }
            }
        }
        // Postings lists, grouped by name id, without duplicates.
        pairs.sort { $0.name != $1.name ? $0.name < $1.name : $0.entry < $1.entry }
        var starts = [Int32](repeating: 0, count: names.count + 1)
        var list: [Int32] = []
        list.reserveCapacity(pairs.count)
        var k = 0
        for id in 0..<names.count {
            starts[id] = Int32(list.count)
            var last: Int32 = -1
            while k < pairs.count && Int(pairs[k].name) == id {
                if pairs[k].entry != last { list.append(pairs[k].entry) }
                last = pairs[k].entry
                k += 1
            }
        }
        starts[names.count] = Int32(list.count)
        self.entries = entries

        self.postingStarts = starts
        self.postings = list
        // The hash table of names and prefixes.
        var size = 16
        while size < (names.count + prefixes.count) * 2 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        var values = [Int32](repeating: -1, count: size)
        let mask = size - 1
        func slot(_ h: UInt64) -> Int {
            var i = Int(truncatingIfNeeded: h) & mask
            while keys[i] != 0 && keys[i] != h { i = (i + 1) & mask }
            return i
        }
        for id in 1..<max(names.count, 1) {
            let h = names.hash(of: UInt32(id))
            let i = slot(h)
            keys[i] = h
            values[i] = Int32(id)
        }
        for h in prefixes {
            let i = slot(h)
            if keys[i] == 0 { keys[i] = h }
        }
        slotKeys = keys
        slotValues = values
        slotMask = mask
        var bits = [UInt64](repeating: 0, count: Self.filterBits / 64)
        for h in keys where h != 0 {
            let b = Int(truncatingIfNeeded: h >> 40) & (Self.filterBits - 1)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        filter = bits
    }

    /// Adds the hashes of the folded prefixes of `name` that end before a space or hyphen.
    static func addPrefixes(_ name: UnsafeBufferPointer<UInt8>, to list: inout [UInt64]) {
        var h = StableHash.offsetBasis
        for k in 0..<name.count {
            if name[k] == 0x20 || name[k] == UInt8(ascii: "-") { list.append(h) }
            foldHash(name[k], &h)
        }
    }

    /// Folds one byte (see ``fold(_:into:)``) into a running ``StableHash``.
    @inline(__always)
    public static func foldHash(_ b: UInt8, _ h: inout UInt64) {
        let c: UInt8
        if b >= 0x41 && b <= 0x5A {
            c = b | 0x20
        } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 {
            c = b
        } else {
            return
        }
        h = (h ^ UInt64(c)) &* StableHash.prime
    }

    /// What the folded key with this hash is: a name (its entries), a prefix of some name, or neither.
    public func lookup(hash h: UInt64) -> (isPrefix: Bool, entries: ArraySlice<Int32>) {
        let b = Int(truncatingIfNeeded: h >> 40) & (Self.filterBits - 1)
        if filter[b >> 6] & (1 << UInt64(b & 63)) == 0 { return (false, []) }
        var i = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let k = slotKeys[i]
            if k == 0 { return (false, []) }
            if k == h {
                let id = Int(slotValues[i])
                if id < 0 { return (true, []) }
                return (true, postings[Int(postingStarts[id])..<Int(postingStarts[id + 1])])
            }
            i = (i + 1) & slotMask
        }
    }

    /// Folds a name to its look-up key: ASCII letters lowercased, digits and non-ASCII bytes kept, everything
    /// else (spaces, punctuation, hyphens, apostrophes) dropped.
    @inlinable
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        for b in bytes {
            if b >= 0x41 && b <= 0x5A {
                key.append(b | 0x20)
            } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 {
                key.append(b)
            }
        }
    }

    /// The entries named `key` (a folded key), or an empty list.
    public func candidates(folded key: [UInt8]) -> ArraySlice<Int32> {
        guard !key.isEmpty else { return [] }
        return lookup(hash: key.withUnsafeBufferPointer { StableHash.hash($0) }).entries
    }

    /// The entries with this name or other name.
    public func candidates(_ name: String) -> [Entry] {
        var key: [UInt8] = []
        var n = name
        n.withUTF8 { PlaceGazetteer.fold($0, into: &key) }
        return candidates(folded: key).map { entries[Int($0)] }
    }

    /// Great-circle distance in km.
    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6371.0
        let dLat = (lat2 - lat1) * .pi / 180
        let dLon = (lon2 - lon1) * .pi / 180
        let a =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}
