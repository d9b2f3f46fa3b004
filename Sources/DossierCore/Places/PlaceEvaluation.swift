import Foundation

/// Scores resolved places against gold places given as name, country and a point with a tolerance.
///
/// A gold place is found when a predicted place has the same country (or both have none), lies within the gold
/// tolerance of the gold point, and shares a name with it (folded: "New York" matches "New York City").
/// Precision counts predicted places that match some gold place.
public struct PlaceEvaluation: Sendable {
    /// A gold place.
    public struct Gold: Sendable, Hashable, Codable {
        public var name: String
        public var country: String?
        public var lat: Double
        public var lon: Double
        public var toleranceKm: Double

        enum CodingKeys: String, CodingKey {
            case name, country, lat, lon
            case toleranceKm = "tolerance_km"
        }

        public init(name: String, country: String?, lat: Double, lon: Double, toleranceKm: Double) {
            self.name = name
            self.country = country
            self.lat = lat
            self.lon = lon
            self.toleranceKm = toleranceKm
        }
    }

    public private(set) var truePositives = 0
    public private(set) var predicted = 0
    public private(set) var gold = 0
    /// Gold places not found, with what was predicted instead (for the report).
    public private(set) var misses: [String] = []
    public private(set) var extras: [String] = []

    public init() {}

    static func folded(_ s: String) -> [UInt8] {
        var key: [UInt8] = []
        var s = s
        s.withUTF8 { PlaceGazetteer.fold($0, into: &key) }
        return key
    }

    static func namesMatch(_ gold: String, _ place: Place, _ doc: Document) -> Bool {
        let g = folded(gold)
        var names = [place.name]
        names += place.mentions.map { doc.string($0.range) }
        return names.contains { n in
            let f = folded(n)
            return f == g || (!g.isEmpty && (f.starts(with: g) || g.starts(with: f)))
        }
    }

    /// Adds one document's places.
    public mutating func add(_ doc: Document, gold golds: [Gold]) {
        gold += golds.count
        predicted += doc.places.count
        var used = Set<Int>()
        for g in golds {
            let match = doc.places.indices.first { k in
                let p = doc.places[k]
                return !used.contains(k) && p.country == g.country && Self.namesMatch(g.name, p, doc)
                    && PlaceGazetteer.distance(p.lat, p.lon, g.lat, g.lon) <= g.toleranceKm
            }
            if let k = match {
                used.insert(k)
                truePositives += 1
            } else {
                misses.append("\(g.name) (\(g.country ?? "-"))")
            }
        }
        for (k, p) in doc.places.enumerated() where !used.contains(k) {
            extras.append("\(p.name) (\(p.country ?? "-"))")
        }
    }

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// The report printed by `dossier evaluate places`.
    public var report: String {
        var out = String(
            format: "places: gold %d, predicted %d, correct %d\nprecision %.2f  recall %.2f  F1 %.2f\n", gold,
            predicted, truePositives, precision * 100, recall * 100, f1 * 100)
        if !misses.isEmpty { out += "missed: " + misses.joined(separator: ", ") + "\n" }
        if !extras.isEmpty { out += "extra: " + extras.joined(separator: ", ") + "\n" }
        return out
    }
}
