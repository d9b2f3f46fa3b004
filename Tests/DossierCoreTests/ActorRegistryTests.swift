import Testing

@testable import DossierCore

@Suite("ActorRegistry: the same actor across articles")
struct ActorRegistryTests {
    static func person(_ name: String, country: String? = nil, title: String? = nil) -> Entity {
        Entity(
            id: "e1", name: name, type: .person, country: country, code: nil,
            roles: title.map { [Role(title: $0, country: country)] } ?? [],
            provenance: Provenance(stage: "test", rule: "test", confidence: 1))
    }

    static let jan2024 = CalendarDate(year: 2024, month: 1, day: 12)

    @Test func surnameInANewArticleIsTheKnownActor() {
        var r = ActorRegistry()
        let first = r.add(
            Self.person("Antony Blinken", country: "USA", title: "Secretary of State"), date: Self.jan2024)
        #expect(first.match == nil)
        let m = r.resolve(Self.person("Blinken"), date: Self.jan2024)
        #expect(m?.id == first.id)
        #expect(m?.rule == "surname")
        #expect(r.resolve(Self.person("Mr. Blinken"))?.id == first.id)
        #expect(r.resolve(Self.person("Antony Blinken"))?.rule == "exact-name")
    }

    @Test func twoPeopleWithTheSameSurnameStayApart() {
        var r = ActorRegistry()
        let matthew = r.add(Self.person("Matthew Miller", country: "USA", title: "spokesman"))
        let stephen = r.add(Self.person("Stephen Miller", country: "USA", title: "adviser"))
        #expect(matthew.id != stephen.id)
        // A lone "Miller" is ambiguous ...
        #expect(r.resolve(Self.person("Miller")) == nil)
        // ... unless a stated title singles one out.
        #expect(r.resolve(Self.person("Miller", title: "spokesman"))?.id == matthew.id)
        // Adding "Miller" alone makes a new actor rather than a wrong merge.
        #expect(r.add(Self.person("Miller")).match == nil)
    }

    @Test func contradictingCountryIsNotMerged() {
        var r = ActorRegistry()
        r.add(Self.person("Ali Hassan", country: "EGY"))
        #expect(r.resolve(Self.person("Hassan", country: "JOR")) == nil)
        #expect(r.resolve(Self.person("Hassan", country: "EGY")) != nil)
    }

    @Test func oldActorsAreNotMatchedByASurname() {
        var r = ActorRegistry()
        r.add(Self.person("John Carter"), date: CalendarDate(year: 1990, month: 5, day: 1))
        #expect(r.resolve(Self.person("Carter"), date: Self.jan2024) == nil)
        #expect(r.resolve(Self.person("John Carter"), date: Self.jan2024) != nil)
    }

    @Test func fullerNameBecomesCanonical() {
        var r = ActorRegistry()
        let a = r.add(Self.person("Kamikawa", country: "JPN"))
        r.add(Self.person("Yoko Kamikawa", country: "JPN"), aliases: ["Kamikawa"])
        #expect(r.actors.count == 1)
        #expect(r.actors.first?.id == a.id)
        #expect(r.actors.first?.name == "Yoko Kamikawa")
    }
}

@Suite("ActorEvaluation: GUM coreference reader and link scores")
struct ActorEvaluationTests {
    // A made-up document in GUM's CoNLL-U style: two mentions of one person, one of a city.
    static let conllu = """
        # newdoc id = GUM_news_made
        # newpar
        # text = Ada Okafor spoke in Lagos.
        1\tAda\tAda\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-x-x-2-coref
        2\tOkafor\tOkafor\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)
        3\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_
        4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_
        5\tLagos\tLagos\tPROPN\tNNP\t_\t3\tobl\t_\tEntity=(2-place-new-x-x-1-coref)|SpaceAfter=No
        6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

        # text = Okafor left.
        1\tOkafor\tOkafor\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-x-1-coref)
        2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
        3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        """

    @Test func readsMentionsAndScoresLinks() throws {
        let docs = ActorEvaluation.readGUM(Self.conllu)
        let d = try #require(docs.first)
        #expect(d.genre == "news")
        #expect(d.text == "Ada Okafor spoke in Lagos.\nOkafor left.\n")
        #expect(d.mentions.filter(\.isName).count == 3)
        let doc = try ActorFixture.document("[PER Ada Okafor] spoke in [GPE Lagos].\n[PER Okafor] left.\n")
        let s = ActorEvaluation.score(d, doc)
        #expect(s.matched == 3)
        #expect(s.precision == 1)
        #expect(s.recall == 1)
    }
}
