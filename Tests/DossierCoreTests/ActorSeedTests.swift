import Foundation
import Testing

@testable import DossierCore

@Suite("ActorResolver on the seed article")
struct ActorSeedTests {
    struct Gold: Decodable {
        struct Actor: Decodable {
            var name: String
            var type: String
            var country: String
            var roles: [String]
            var aliases: [String]
        }
        var actors: [Actor]
    }

    static func seed() throws -> (Document, Gold) {
        let dir = NERSharedData.root.appendingPathComponent("examples/seed")
        let text = try String(contentsOf: dir.appendingPathComponent("seed.txt"), encoding: .utf8)
        let gold = try JSONDecoder().decode(
            Gold.self, from: Data(contentsOf: dir.appendingPathComponent("seed.gold.json")))
        let firstLine = text.prefix(while: { $0 != "\n" })
        let article = Article(
            title: String(firstLine), text: text, published: CalendarDate(iso: "2024-01-12"), source: "seed.txt",
            titleRange: 0..<firstLine.utf8.count)
        return (try Pipeline.standard().run(article), gold)
    }

    /// A gold role ("State Department spokesman") is matched by a role as stated: its title, or its organization
    /// and title together.
    static func matches(_ gold: String, _ role: Role) -> Bool {
        let g = gold.lowercased()
        let t = role.title.lowercased()
        if g == t { return true }
        if let o = role.organization?.lowercased(), g == o + " " + t { return true }
        return false
    }

    @Test(.enabled(if: NERSharedData.available, "needs ../shared (the seed article is not in the repository)"))
    func peopleCountriesRolesAliases() throws {
        let (doc, gold) = try Self.seed()
        for g in gold.actors {
            let e = try #require(
                doc.entities.first { $0.name == g.name && $0.type.rawValue == g.type }, "missing \(g.name)")
            #expect(e.country == g.country, "\(g.name): country \(e.country ?? "nil")")
            for r in g.roles {
                #expect(e.roles.contains { Self.matches(r, $0) }, "\(g.name): role '\(r)' not in \(e.roles)")
            }
            let texts = Set(doc.mentionTexts(of: e))
            for a in g.aliases {
                #expect(texts.contains(a), "\(g.name): alias '\(a)' not among \(texts.sorted())")
            }
        }
        // Each gold person is one entity: no second entity with the same name or one of its aliases as name.
        let people = doc.entities.filter { $0.type == .person && $0.provenance.rule != "group-nominal" }
        for g in gold.actors {
            #expect(people.filter { $0.name == g.name || g.aliases.contains($0.name) }.count == 1, "\(g.name) split")
        }
    }

    @Test(.enabled(if: NERSharedData.available, "needs ../shared (the seed article is not in the repository)"))
    func capitalsAsActors() throws {
        let (doc, _) = try Self.seed()
        var beijing = 0
        for m in doc.mentions where doc.string(m.span.range) == "Beijing" {
            let e = try #require(m.entity.map { doc.entities[Int($0)] })
            #expect(e.country == "CHN")
            #expect(e.code == "CHN")
            beijing += 1
        }
        #expect(beijing >= 3)
        let washington = doc.mentions.filter { doc.string($0.span.range) == "Washington" }
        #expect(washington.count == 2)
        // "back in Washington" is the city; "which Washington views as essential" the US government.
        let views = try #require(washington.last?.entity.map { doc.entities[Int($0)] })
        #expect(views.code == "USA")
        #expect(views.country == "USA")
        let city = try #require(washington.first?.entity.map { doc.entities[Int($0)] })
        #expect(city.country == "USA")
    }

    @Test(.enabled(if: NERSharedData.available, "needs ../shared (the seed article is not in the repository)"))
    func codesAndNominals() throws {
        let (doc, _) = try Self.seed()
        #expect(doc.entity(mentioning: "State Department")?.code == "USAGOV")
        #expect(doc.entity(mentioning: "Antony Blinken", occurrence: 1)?.code == "USAGOV")
        #expect(doc.entity(mentioning: "Chinese Communist Party")?.code == "CHNGOV")
        #expect(doc.entity(mentioning: "US officials")?.code == "USAGOV")
        #expect(doc.entity(mentioning: "a top Chinese official")?.country == "CHN")
        #expect(doc.entity(mentioning: "he")?.name == "Antony Blinken")
    }
}
