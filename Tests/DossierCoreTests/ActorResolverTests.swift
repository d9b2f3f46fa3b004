import Foundation
import Testing

@testable import DossierCore

/// Builds a document from inline gold names (`"[PER Antony Blinken] met [GPE Beijing]"`) and runs the actors
/// stage alone, so that the sieves are tested without the statistical tagger.
enum ActorFixture {
    static let resolver: ActorResolver? = try? ActorResolver.standard()

    static func document(_ annotated: String, published: String? = nil) throws -> Document {
        var text = ""
        var spans: [(Range<Int>, EntityType)] = []
        var rest = Substring(annotated)
        while let open = rest.firstIndex(of: "[") {
            text += rest[..<open]
            let inner = rest[rest.index(after: open)...]
            guard let space = inner.firstIndex(of: " "), let close = inner.firstIndex(of: "]") else { break }
            let label = String(inner[..<space])
            let name = inner[inner.index(after: space)..<close]
            let start = text.utf8.count
            text += name
            let type: EntityType =
                switch label {
                case "PER": .person
                case "ORG": .org
                case "GPE": .gpe
                case "LOC": .loc
                case "NORP": .norp
                default: .misc
                }
            spans.append((start..<text.utf8.count, type))
            rest = inner[inner.index(after: close)...]
        }
        text += rest
        var doc = Document(
            article: Article(
                title: nil, text: text, published: published.flatMap { CalendarDate(iso: $0) }, source: "test"))
        try Tokenizer().apply(to: &doc)
        try SentenceSplitter().apply(to: &doc)
        doc.mentions = spans.map {
            Mention(
                span: ByteSpan($0.0), type: $0.1, kind: .name,
                provenance: Provenance(stage: "test", rule: "gold", confidence: 1))
        }
        doc.layers.insert(.names)
        guard let resolver else { throw DossierError(.resource, "actor data missing", input: "test") }
        try resolver.apply(to: &doc)
        return doc
    }
}

extension Document {
    /// The entity that has a mention with this text (the `occurrence`-th such mention).
    func entity(mentioning text: String, occurrence: Int = 0) -> Entity? {
        let hits = mentions.indices.filter { string(mentions[$0].span.range) == text }
        guard occurrence < hits.count, let e = mentions[hits[occurrence]].entity else { return nil }
        return entities[Int(e)]
    }

    func mentionTexts(of e: Entity) -> [String] { e.mentions.map { string(mentions[Int($0)].span.range) } }
}

@Suite("ActorResolver: coreference sieves")
struct ActorResolverTests {
    @Test func exactNameAndSurname() throws {
        let doc = try ActorFixture.document(
            "[PER Antony Blinken] landed. [PER Blinken] met aides. [PER Antony Blinken] left.")
        let people = doc.entities.filter { $0.type == .person }
        #expect(people.count == 1)
        #expect(people.first?.name == "Antony Blinken")
        #expect(people.first?.mentions.count == 3)
        #expect(people.first?.provenance.rule.contains("surname") == true)
        #expect(people.first?.provenance.rule.contains("exact-name") == true)
    }

    @Test func honorificsAreStripped() throws {
        let doc = try ActorFixture.document(
            "[PER Antony Blinken] spoke first. Later [PER Mr. Blinken] answered, and Mr. [PER Blinken] smiled.")
        let people = doc.entities.filter { $0.type == .person }
        #expect(people.count == 1)
        #expect(people.first?.name == "Antony Blinken")
    }

    @Test func twoMillersStayApart() throws {
        let doc = try ActorFixture.document(
            "[PER Matthew Miller] briefed reporters. [PER Stephen Miller] disagreed on television. [PER Miller] then repeated the claim."
        )
        let people = doc.entities.filter { $0.type == .person }
        #expect(people.count == 2)
        #expect(doc.entity(mentioning: "Miller")?.name == "Stephen Miller")
        #expect(doc.entity(mentioning: "Matthew Miller")?.mentions.count == 1)
    }

    @Test func familyNameFirst() throws {
        let doc = try ActorFixture.document("[PER Liu Jianchao] visited the city. [PER Liu] gave a speech there.")
        #expect(doc.entities.filter { $0.type == .person }.count == 1)
        #expect(doc.entity(mentioning: "Liu")?.name == "Liu Jianchao")
    }

    @Test func surnameBeforeFullName() throws {
        let doc = try ActorFixture.document("[PER Okafor] wins again. Coach [PER Ada Okafor] praised the team.")
        #expect(doc.entities.filter { $0.type == .person }.count == 1)
        #expect(doc.entity(mentioning: "Okafor")?.name == "Ada Okafor")
    }

    @Test func acronyms() throws {
        let doc = try ActorFixture.document(
            "The [ORG National Farmers Alliance] met on Monday. The [ORG NFA] later issued a statement.")
        #expect(doc.entities.filter { $0.type == .org }.count == 1)
        #expect(doc.entity(mentioning: "NFA")?.provenance.rule.contains("acronym") == true)
        let party = try ActorFixture.document("The [ORG Chinese Communist Party] met. The [ORG CCP] said little.")
        #expect(party.entities.count == 1)
        #expect(party.entities.first?.code == "CHNGOV")
    }

    @Test func roleNounToHolder() throws {
        let doc = try ActorFixture.document(
            "[GPE US] Secretary of State [PER Antony Blinken] arrived in [GPE Rome]. \"We agree,\" said a spokesman. The Secretary then left for [GPE Paris]."
        )
        let blinken = try #require(doc.entity(mentioning: "Antony Blinken"))
        #expect(doc.mentionTexts(of: blinken).contains("The Secretary"))
        let nominal = doc.mentions.first { doc.string($0.span.range) == "The Secretary" }
        #expect(nominal?.kind == .nominal)
        #expect(nominal?.provenance.rule == "role-noun")
    }

    @Test func roleNounWithoutHolderIsLeftOut() throws {
        let doc = try ActorFixture.document("The minister resigned on Monday in [GPE Oslo].")
        #expect(!doc.mentions.contains { $0.kind == .nominal })
    }

    @Test func pronounToSubject() throws {
        let doc = try ActorFixture.document(
            "[PER Ana Silva] met [PER Rui Costa] in [GPE Lisbon], while she was preparing her trip. He said nothing.")
        let silva = try #require(doc.entity(mentioning: "Ana Silva"))
        #expect(doc.mentionTexts(of: silva).contains("she"))
        #expect(doc.mentionTexts(of: silva).contains("her"))
        // "He" in the next sentence: the subject of the previous sentence is Silva, but "she" made her female.
        let costa = try #require(doc.entity(mentioning: "Rui Costa"))
        #expect(doc.mentionTexts(of: costa).contains("He"))
    }

    @Test func pronounsInQuotesAreLeftAlone() throws {
        let doc = try ActorFixture.document("[PER Ana Silva] said: \"He told me nothing.\"")
        #expect(!doc.mentions.contains { $0.kind == .pronoun })
    }

    @Test func groupsWithACountry() throws {
        let doc = try ActorFixture.document(
            "[GPE US] officials say the talks failed, and a top [NORP Chinese] official agreed. Later [GPE US] officials left. The two superpowers will meet again."
        )
        let us = try #require(doc.entity(mentioning: "US officials"))
        #expect(us.country == "USA")
        #expect(us.code == "USAGOV")
        #expect(us.mentions.count == 2)
        let cn = try #require(doc.entity(mentioning: "a top Chinese official"))
        #expect(cn.name == "top Chinese official")
        #expect(cn.code == "CHNGOV")
        let both = try #require(doc.entity(mentioning: "The two superpowers"))
        #expect(both.type == .gpe)
        #expect(both.provenance.rule == "group-noun")
    }

    @Test func stageIsIdempotent() throws {
        var doc = try ActorFixture.document("[PER Antony Blinken] met aides. He left. The two superpowers talked.")
        let before = doc.entities
        try #require(ActorFixture.resolver).apply(to: &doc)
        #expect(doc.entities == before)
    }
}

@Suite("ActorResolver: traps")
struct ActorTrapTests {
    @Test func washingtonThePerson() throws {
        let doc = try ActorFixture.document(
            "[PER George Washington] crossed the river at night. Then [GPE Washington] wrote to the governor.")
        let person = try #require(doc.entity(mentioning: "Washington"))
        #expect(person.name == "George Washington")
        #expect(person.type == .person)
    }

    @Test func washingtonTheCityAndTheGovernment() throws {
        let doc = try ActorFixture.document(
            "The envoy was back in [GPE Washington] on Monday. [GPE Washington] views the deal as essential.")
        let city = try #require(doc.entity(mentioning: "Washington", occurrence: 0))
        let government = try #require(doc.entity(mentioning: "Washington", occurrence: 1))
        #expect(city.country == "USA")
        #expect(city.code == nil)
        #expect(government.code == "USA")
        #expect(government.provenance.rule == "capital-metonymy")
    }

    @Test func washingtonThePlaceNextToThePerson() throws {
        let doc = try ActorFixture.document(
            "[PER George Washington] was born in Virginia. The museum in [GPE Washington] shows his letters.")
        let city = try #require(doc.entity(mentioning: "Washington"))
        #expect(city.type == .gpe)
        #expect(city.country == "USA")
    }

    @Test func jordanTheCountryAndThePerson() throws {
        let doc = try ActorFixture.document(
            "[PER Michael Jordan] flew to [GPE Jordan] last week. [PER Jordan] met fans, and [GPE Jordan] welcomed him."
        )
        let person = try #require(doc.entity(mentioning: "Jordan", occurrence: 1))
        #expect(person.name == "Michael Jordan")
        let country = try #require(doc.entity(mentioning: "Jordan", occurrence: 0))
        #expect(country.type == .gpe)
        #expect(country.country == "JOR")
        #expect(country.code == "JOR")
        #expect(doc.entity(mentioning: "Jordan", occurrence: 2)?.id == country.id)
    }
}

@Suite("ActorResolver: roles and titles")
struct ActorRoleTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var person: String
        var title: String
        var organization: String?
        var country: String?
        var entityCountry: String?
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(
            text: "[GPE US] Secretary of State [PER Antony Blinken] arrived.", person: "Antony Blinken",
            title: "Secretary of State", country: "USA", entityCountry: "USA"),
        Case(
            text: "[ORG State Department] spokesman [PER Matthew Miller] said so.", person: "Matthew Miller",
            title: "spokesman", organization: "State Department", country: "USA", entityCountry: "USA"),
        Case(
            text: "[GPE Japan]'s Foreign Minister [PER Yoko Kamikawa] came.", person: "Yoko Kamikawa",
            title: "Foreign Minister", country: "JPN", entityCountry: "JPN"),
        Case(text: "President [PER Ama Mensah] spoke.", person: "Ama Mensah", title: "President"),
        Case(text: "[PER President Ama Mensah] spoke.", person: "Ama Mensah", title: "President"),
        Case(
            text: "Presidents [PER Ama Mensah] and [PER Kofi Boateng] met.", person: "Kofi Boateng", title: "President"),
        Case(
            text: "Presidents [PER Ama Mensah] and [PER Kofi Boateng] met.", person: "Ama Mensah", title: "President"),
        Case(
            text: "[PER Wen Hao], the head of the [ORG Chinese Communist Party]'s trade bureau, spoke.",
            person: "Wen Hao", title: "head of the Chinese Communist Party's trade bureau",
            organization: "Chinese Communist Party", country: "CHN", entityCountry: "CHN"),
        Case(
            text: "They met [PER Tom Reyes], the deputy national security adviser, at noon.", person: "Tom Reyes",
            title: "deputy national security adviser"),
        Case(
            text: "[PER Mary Lopez], who is the mayor of the port town, spoke.", person: "Mary Lopez",
            title: "mayor of the port town"),
        Case(
            text: "[PER Mary Lopez] is the director of the [ORG Harbor Agency].", person: "Mary Lopez",
            title: "director of the Harbor Agency", organization: "Harbor Agency"),
        Case(
            text: "Critics attacked the front-runner, [PER Ana Ruiz], as reckless.", person: "Ana Ruiz",
            title: "front-runner"),
        Case(
            text: "[NORP Chinese] Foreign Minister [PER Wen Li] arrived.", person: "Wen Li", title: "Foreign Minister",
            country: "CHN", entityCountry: "CHN"),
        Case(
            text: "[ORG Pentagon] spokesman [PER Sam Ortiz] declined.", person: "Sam Ortiz", title: "spokesman",
            organization: "Pentagon", country: "USA", entityCountry: "USA"),
    ]

    @Test(arguments: cases)
    func role(_ c: Case) throws {
        let doc = try ActorFixture.document(c.text)
        let e = try #require(
            doc.entities.first { $0.name == c.person }, "no entity \(c.person): \(doc.entities.map(\.name))")
        let role = try #require(e.roles.first { $0.title == c.title }, "roles: \(e.roles)")
        #expect(role.organization == c.organization)
        #expect(role.country == c.country)
        #expect(e.country == c.entityCountry)
    }

    @Test func codesFromOrganizationsAndTitles() throws {
        let doc = try ActorFixture.document(
            "[ORG State Department] spokesman [PER Matthew Miller] spoke. The [ORG Senate] voted. The [ORG Chinese Foreign Ministry] protested, and Senator [PER Ana Ruiz] of the [ORG US Senate] agreed."
        )
        #expect(doc.entity(mentioning: "State Department")?.code == "USAGOV")
        #expect(doc.entity(mentioning: "Matthew Miller")?.code == "USAGOV")
        #expect(doc.entity(mentioning: "Senate")?.code == "USALEG")
        #expect(doc.entity(mentioning: "Chinese Foreign Ministry")?.code == "CHNGOV")
        #expect(doc.entity(mentioning: "US Senate")?.code == "USALEG")
    }

    @Test func knownOfficeHolderGivesTheCountry() throws {
        let doc = try ActorFixture.document("President [PER Xi Jinping] spoke on Monday.", published: "2024-01-12")
        let xi = try #require(doc.entity(mentioning: "Xi Jinping"))
        #expect(xi.country == "CHN")
        #expect(xi.code == "CHNGOV")
    }
}
