import Foundation

/// The compact place gazetteer (`Resources/places/gazetteer.tsv`, built by `Scripts/build-places.py`):
/// countries, first-level divisions, cities of 5,000 people or more, and the project's own seas, straits and regions.
///
/// Loaded once into flat arrays; names are indexed by a folded key (lowercase letters and digits only, so
/// "Washington, D.C." and "Washington D.C." meet) in an ``Interner`` with postings lists.
public struct Gazetteer: Sendable {
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

        /// True for a country (a GeoNames `A` entry with a geonameid).
        public var isCountry: Bool { featureClass == "A" && geonameid != nil }
        /// True for a first-level division.
        public var isAdmin1: Bool { key.hasPrefix("a:") }
        /// True for the project's own features.
        public var isFeature: Bool { key.hasPrefix("d:") }
    }

    public let entries: [Entry]
    /// Folded name -> index into ``postingStarts``.
    let names: Interner
    /// Entries of name id `k`: `postings[postingStarts[k] ..< postingStarts[k + 1]]`.
    let postingStarts: [Int32]
    let postings: [Int32]

    /// Loads the gazetteer shipped with the engine.
    public static func standard() throws(DossierError) -> Gazetteer {
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
        return try Gazetteer(tsv: [UInt8](data))
    }

    /// Parses gazetteer text (the format written by `Scripts/build-places.py`).
    public init(tsv bytes: [UInt8]) throws(DossierError) {
        var entries: [Entry] = []
        entries.reserveCapacity(bytes.count / 60)
        var pairs: [(name: UInt32, entry: Int32)] = []
        pairs.reserveCapacity(bytes.count / 40)
        var names = Interner(capacity: bytes.count / 40)
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
                entries.append(
                    Entry(
                        key: text(fields[0]), name: name, country: fields[3].isEmpty ? nil : text(fields[3]),
                        admin1: fields[4].isEmpty ? nil : text(fields[4]), lat: lat, lon: lon, population: pop,
                        featureClass: text(fields[8]), geonameid: Int(text(fields[9]))))
                // The name and each other name, folded.
                var s = fields[1].lowerBound
                let namesEnd = fields[2].upperBound
                for k in fields[1].lowerBound...namesEnd {
                    let boundary = k == namesEnd || p[k] == 0x09 || p[k] == UInt8(ascii: "|")
                    guard boundary else { continue }
                    if k > s {
                        Gazetteer.fold(UnsafeBufferPointer(rebasing: p[s..<k]), into: &key)
                        if !key.isEmpty {
                            let id = key.withUnsafeBufferPointer { names.intern($0) }
                            pairs.append((id, index))
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
        self.names = names
        self.postingStarts = starts
        self.postings = list
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
        guard let id = key.withUnsafeBufferPointer({ names.lookup($0) }), id != 0 else { return [] }
        return postings[Int(postingStarts[Int(id)])..<Int(postingStarts[Int(id) + 1])]
    }

    /// The entries with this name or other name.
    public func candidates(_ name: String) -> [Entry] {
        var key: [UInt8] = []
        var n = name
        n.withUTF8 { Gazetteer.fold($0, into: &key) }
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
