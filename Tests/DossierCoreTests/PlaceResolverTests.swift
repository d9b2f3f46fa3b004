import DossierCore
import Foundation
import Testing

@Suite("PlaceGazetteer")
struct PlaceGazetteerTests {
    static let gazetteer = Result { try PlaceGazetteer.standard() }

    @Test("loads the shipped gazetteer; names, other names and folded forms find their entries")
    func lookup() throws {
        let g = try Self.gazetteer.get()
        #expect(g.entries.count > 70_000)
        let davos = g.candidates("Davos")
        #expect(davos.contains { $0.country == "CHE" && $0.featureClass == "P" })
        // "New York" is an other name of New York City, and the name of the state.
        let ny = g.candidates("New York")
        #expect(ny.contains { $0.name == "New York City" })
        #expect(ny.contains { $0.isAdmin1 })
        // Punctuation and case do not matter.
        #expect(g.candidates("washington, d.c.").contains { $0.geonameid == 4_140_963 })
        #expect(g.candidates("SOUTH CHINA SEA").first?.isFeature == true)
        #expect(g.candidates("Atlantis of the North").isEmpty)
    }

    @Test("malformed gazetteer text is a resource error naming the line")
    func malformed() {
        let bad = Array("# comment\nkey\tname\tonly three fields\n".utf8)
        #expect(throws: DossierError.self) { try PlaceGazetteer(tsv: bad) }
    }

    @Test("great-circle distance")
    func distance() {
        // Paris to London is about 344 km.
        let d = PlaceGazetteer.distance(48.853, 2.349, 51.507, -0.128)
        #expect(abs(d - 344) < 5)
    }
}

@Suite("PlaceResolver")
struct PlaceResolverTests {
    /// Each case: a sentence of our own, and the places expected as "name/ISO3" (features have "-").
    static let cases: [(String, [String])] = [
        ("The delegation flew from Nairobi to Addis Ababa.", ["Nairobi/KEN", "Addis Ababa/ETH"]),
        ("Tankers crossed the Strait of Hormuz and the Red Sea.", ["Strait of Hormuz/-", "Red Sea/-"]),
        // Metonymy: capitals that act are actors, not places.
        ("Beijing said the drills were routine, and Washington views them as a threat.", []),
        ("The claim was rejected by Moscow.", []),
        ("Officials met back in Washington on Friday.", ["Washington/USA"]),
        // Apposition picks the right Paris, and the state is not a place of its own.
        ("The festival moved from Paris, Texas, to Austin.", ["Paris/USA", "Austin/USA"]),
        ("Crowds gathered in Paris and Lyon.", ["Paris/FRA", "Lyon/FRA"]),
        // Inside longer names: a person, a newspaper, a legislature, a building.
        ("Michael Jordan spoke to The New York Times at the White House.", []),
        ("Support is strong in the United States Congress.", []),
        // A country that acts is no place; one that is a location is.
        ("China has not ruled out force, analysts in Japan said.", ["Japan/JPN"]),
        ("Fighting spread toward Kharkiv, Ukraine's second city.", ["Kharkiv/UKR"]),
        ("Storms hit the coast near Sydney and the Pacific islands.", ["Sydney/AUS", "Pacific Ocean/-"]),
    ]

    @Test("finds and resolves places, and leaves actors alone", arguments: cases)
    func resolves(_ text: String, _ expected: [String]) throws {
        let doc = try Pipeline.standard().run(Article(title: nil, text: text, source: "t"))
        #expect(doc.places.map { "\($0.name)/\($0.country ?? "-")" } == expected)
        for p in doc.places {
            #expect(!p.mentions.isEmpty)
            #expect(p.provenance.stage == "places")
            #expect(p.provenance.confidence > 0 && p.provenance.confidence <= 1)
        }
    }

    @Test("all mentions of a place are grouped; mentions that act are not listed")
    func grouping() throws {
        let text = "Voters in Taiwan go to the polls. Taiwan's leaders urged calm, and ships near Taiwan waited."
        let doc = try Pipeline.standard().run(Article(title: nil, text: text, source: "t"))
        #expect(doc.places.count == 1)
        let mentions = doc.places.first?.mentions.map { doc.string($0.range) }
        #expect(mentions == ["Taiwan", "Taiwan"])
    }

    @Test("boilerplate is not searched for places")
    func boilerplate() throws {
        let text = "Talks Resume\nEnvoys met in Geneva.\nAlso read: Storm Hits Coast Off Somalia"
        let doc = try Pipeline.standard().run(
            Article(title: "Talks Resume", text: text, source: "t", titleRange: 0..<12))
        #expect(doc.places.map(\.name) == ["Geneva"])
    }

    @Test(
        "the seed's nine places, each within its tolerance",
        .enabled(if: PlaceSeed.available, "needs ../shared/examples/seed"))
    func seed() throws {
        let text = try String(contentsOfFile: PlaceSeed.text, encoding: .utf8)
        let doc = try Pipeline.standard().run(
            Article(title: nil, text: text, published: CalendarDate(iso: "2024-01-12"), source: "seed"))
        let gold = try PlaceSeed.gold()
        var evaluation = PlaceEvaluation()
        evaluation.add(doc, gold: gold)
        #expect(gold.count == 9)
        #expect(evaluation.truePositives == 9, "\(evaluation.report)")
    }

    @Test(
        "the project's own gold set scores well",
        .enabled(if: FileManager.default.fileExists(atPath: PlaceSeed.goldSet)))
    func goldSet() throws {
        var evaluation = PlaceEvaluation()
        let pipeline = try Pipeline.standard()
        let lines = try String(contentsOfFile: PlaceSeed.goldSet, encoding: .utf8).split(separator: "\n")
        struct Doc: Decodable {
            var text: String
            var places: [PlaceEvaluation.Gold]
        }
        for line in lines {
            let d = try JSONDecoder().decode(Doc.self, from: Data(line.utf8))
            evaluation.add(try pipeline.run(Article(title: nil, text: d.text, source: "gold")), gold: d.places)
        }
        #expect(evaluation.f1 >= 0.9, "\(evaluation.report)")
    }
}

enum PlaceSeed {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let text = root.deletingLastPathComponent().appendingPathComponent("shared/examples/seed/seed.txt").path
    static let goldPath = root.deletingLastPathComponent().appendingPathComponent("shared/examples/seed/seed.gold.json")
        .path
    static let goldSet = root.appendingPathComponent("Examples/places/gold.jsonl").path
    static var available: Bool { FileManager.default.fileExists(atPath: text) }

    static func gold() throws -> [PlaceEvaluation.Gold] {
        struct G: Decodable { var places: [PlaceEvaluation.Gold] }
        return try JSONDecoder().decode(G.self, from: Data(contentsOf: URL(fileURLWithPath: goldPath))).places
    }
}
