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
        let first = r.add(Self.person("Antony Blinken", country: "USA", title: "Secretary of State"), date: Self.jan2024)
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
