/// Maps the tagger's CoNLL types to Dossier's output types.
///
/// PER -> PERSON and ORG -> ORG. LOC -> GPE for countries, cities and administrative regions of the gazetteer
/// (and for places it does not know, which in news are mostly towns), LOC for continents and natural or
/// regional places (a last word such as *Sea*, *Strait*, *River*, *East*). MISC -> NORP for nationalities and
/// peoples (*Chinese*, *Americans*), else MISC. The geographic head words are data
/// (`Resources/gazetteers/location-heads.tsv`).
public struct NameTypes: Sendable {
    let gazetteer: Gazetteer?
    var locationHeads: Set<UInt64> = []

    public init(gazetteer: Gazetteer?) {
        self.gazetteer = gazetteer
        if let rows = try? NERModel.resourceText("gazetteers", "location-heads.tsv") {
            for line in rows.split(separator: "\n") where !line.hasPrefix("#") {
                let w = line.split(separator: "\t").first.map { String($0).lowercased() } ?? ""
                if !w.isEmpty { locationHeads.insert(StableHash.hash(w)) }
            }
        }
    }

    /// The output type of a span of tokens labeled `conll` (PER, ORG, LOC, MISC).
    public func type(_ conll: String, _ range: Range<Int>, in doc: Document) -> EntityType {
        switch conll {
        case "PER": return .person
        case "ORG": return .org
        case "LOC":
            let kinds = gazetteer?.kinds(of: range, in: doc) ?? 0
            let gpe = UInt8(
                1 << Gazetteer.Kind.country.rawValue | 1 << Gazetteer.Kind.city.rawValue
                    | 1 << Gazetteer.Kind.admin.rawValue)
            if kinds & gpe != 0 { return .gpe }
            let natural = UInt8(1 << Gazetteer.Kind.continent.rawValue | 1 << Gazetteer.Kind.region.rawValue)
            if kinds & natural != 0 { return .loc }
            let last = doc.interner.hash(of: doc.tokens[range.upperBound - 1].lower)
            if locationHeads.contains(last) { return .loc }
            if range.count > 1 && locationHeads.contains(doc.interner.hash(of: doc.tokens[range.lowerBound].lower)) {
                return .loc
            }
            return .gpe
        case "MISC":
            guard let g = gazetteer else { return .misc }
            let norp = UInt8(1 << Gazetteer.Kind.norp.rawValue)
            if g.kinds(of: range, in: doc) & norp != 0 { return .norp }
            // Plurals of nationalities: "Americans", "Israelis".
            if range.count == 1 {
                let t = doc.tokens[range.lowerBound]
                let singular = doc.interner.withBytes(of: t.lower) { p -> UInt64? in
                    guard p.count > 3, p[p.count - 1] == UInt8(ascii: "s") else { return nil }
                    return StableHash.hash(UnsafeBufferPointer(rebasing: p[0..<(p.count - 1)]))
                }
                if let h = singular, g.kinds(of: Gazetteer.extend(Gazetteer.seed, h)) & norp != 0 { return .norp }
            }
            return .misc
        default: return .misc
        }
    }
}
