import Foundation

/// The actor stage's data files (`Resources/actors`): countries, organizations, titles, pronouns and known
/// office holders, compiled into hash tables over token forms.
public struct ActorLexicon: Sendable {
    /// A country: ISO 3166 alpha-3 and its English short name.
    public struct Country: Sendable, Hashable {
        public var iso3: String
        public var name: String
    }

    /// An organization of the project's own list, with its CAMEO actor code.
    public struct Organization: Sendable, Hashable {
        public var name: String
        public var country: String?
        /// A full code (`USAGOV`, `IGOUNO`) or, for a generic office ("Foreign Ministry"), only its sector.
        public var code: String
    }

    /// What a title or role noun can do in a text.
    public struct Uses: OptionSet, Sendable, Hashable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Before a name: "President Joe Biden".
        public static let title = Uses(rawValue: 1 << 0)
        /// A role noun that refers back to its holder: "the Secretary".
        public static let roleNoun = Uses(rawValue: 1 << 1)
        /// A plural noun for a group: "officials".
        public static let group = Uses(rawValue: 1 << 2)
        /// An honorific, stripped when names are compared: "Mr.".
        public static let honorific = Uses(rawValue: 1 << 3)
        /// A plural title before coordinated names: "Presidents Biden and Xi".
        public static let plural = Uses(rawValue: 1 << 4)
    }

    /// Grammatical gender of a pronoun, honorific or title.
    public enum Gender: UInt8, Sendable, Hashable {
        case unknown, male, female, neuter
    }

    public struct Title: Sendable, Hashable {
        public var phrase: String
        /// CAMEO sector (`GOV`, `LEG`, `MIL`...), nil when the title says nothing about it ("chairman").
        public var sector: String?
        public var uses: Uses
        public var gender: Gender
        /// The singular form of a plural title.
        public var singular: String?
    }

    public struct Pronoun: Sendable, Hashable {
        public var gender: Gender
        public var plural: Bool
    }

    /// An office holder of the project's own list.
    public struct KnownPerson: Sendable, Hashable {
        public var name: String
        public var country: String?
        public var title: String
        public var from: Int
        public var to: Int?
    }

    public private(set) var countries: [Country] = []
    public private(set) var organizations: [Organization] = []
    public private(set) var titles: [Title] = []
    /// Country names and aliases -> index into ``countries``.
    var countryNames = PhraseTable()
    /// Capitals and seats of government -> index into ``countries``.
    var capitals = PhraseTable()
    /// Demonyms ("Chinese") -> index into ``countries``.
    var demonyms = PhraseTable()
    /// Organization names and aliases -> index into ``organizations``.
    var organizationNames = PhraseTable()
    /// Titles and role nouns -> index into ``titles``.
    var titlePhrases = PhraseTable()
    /// Last word of an organization's name -> CAMEO sector.
    var orgSectors: [UInt64: String] = [:]
    /// Pronoun form hash -> pronoun.
    var pronouns: [UInt64: Pronoun] = [:]
    /// Group nouns ("superpowers") -> entity type.
    var groupNouns: [UInt64: EntityType] = [:]
    /// Lowercased full name -> known office holders.
    var knownPeople: [String: [KnownPerson]] = [:]

    /// The bundled lexicon.
    public static func bundled() throws(DossierError) -> ActorLexicon {
        func load(_ name: String) throws(DossierError) -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "actors") else {
                throw DossierError(
                    .resource, "actor data '\(name)' is missing from the engine's resources", input: name)
            }
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw DossierError(
                    .resource, "actor data '\(name)' cannot be read: \(error.localizedDescription)", input: name)
            }
        }
        return try ActorLexicon(
            countries: load("countries.tsv"), countryAliases: load("country-aliases.tsv"),
            organizations: load("organizations.tsv"), orgSectors: load("org-sectors.tsv"), titles: load("titles.tsv"),
            pronouns: load("pronouns.tsv"), groupNouns: load("group-nouns.tsv"), knownPeople: load("known-people.tsv"))
    }

    /// Builds the lexicon from the texts of its files (tests pass their own).
    public init(
        countries countryText: String, countryAliases: String, organizations orgText: String,
        orgSectors sectorText: String,
        titles titleText: String, pronouns pronounText: String, groupNouns groupText: String,
        knownPeople peopleText: String
    ) throws(DossierError) {
        let tokenizer = Tokenizer(abbreviations: (try? Abbreviations.standard()) ?? Abbreviations())
        var isoIndex: [String: Int32] = [:]
        for row in LexiconFile.parse(countryText) where row.count >= 2 {
            let iso = String(row[0])
            let index = Int32(countries.count)
            isoIndex[iso] = index
            countries.append(Country(iso3: iso, name: String(row[1])))
            countryNames.add(String(row[1]), value: index, tokenizer: tokenizer)
            if row.count > 2, !row[2].isEmpty { capitals.add(String(row[2]), value: index, tokenizer: tokenizer) }
            if row.count > 3 {
                for n in row[3].split(separator: "|") {
                    countryNames.add(String(n), value: index, tokenizer: tokenizer)
                }
            }
            if row.count > 4 {
                for n in row[4].split(separator: "|") { demonyms.add(String(n), value: index, tokenizer: tokenizer) }
            }
        }
        for row in LexiconFile.parse(countryAliases) where row.count >= 3 {
            guard let index = isoIndex[String(row[2])] else {
                throw DossierError(
                    .resource, "country alias '\(row[1])' names an unknown code \(row[2])", input: "country-aliases.tsv"
                )
            }
            // Aliases are added before nothing else can claim them: a capital override replaces the generated capital.
            if row[0] == "capital" {
                capitals.set(String(row[1]), value: index, tokenizer: tokenizer)
            } else {
                countryNames.set(String(row[1]), value: index, tokenizer: tokenizer)
            }
        }
        for row in LexiconFile.parse(orgText) where row.count >= 3 {
            let index = Int32(organizations.count)
            let country = row[1] == "-" ? nil : String(row[1])
            organizations.append(Organization(name: String(row[0]), country: country, code: String(row[2])))
            organizationNames.add(String(row[0]), value: index, tokenizer: tokenizer)
            if row.count > 3 {
                for n in row[3].split(separator: "|") {
                    organizationNames.add(String(n), value: index, tokenizer: tokenizer)
                }
            }
        }
        for row in LexiconFile.parse(sectorText) where row.count >= 2 {
            orgSectors[StableHash.hash(String(row[0]))] = String(row[1])
        }
        var titleIndex: [String: Int] = [:]
        for row in LexiconFile.parse(titleText) where row.count >= 3 {
            let phrase = String(row[0])
            var uses: Uses = []
            for c in row[2] {
                switch c {
                case "T": uses.insert(.title)
                case "R": uses.insert(.roleNoun)
                case "G": uses.insert(.group)
                case "H": uses.insert(.honorific)
                case "P": uses.insert(.plural)
                default: break
                }
            }
            if let k = titleIndex[phrase] {
                titles[k].uses.formUnion(uses)
                if row.count > 4 { titles[k].singular = String(row[4]) }
                continue
            }
            let gender: Gender = row.count > 3 ? (row[3] == "m" ? .male : row[3] == "f" ? .female : .unknown) : .unknown
            titleIndex[phrase] = titles.count
            titles.append(
                Title(
                    phrase: phrase, sector: row[1] == "-" ? nil : String(row[1]), uses: uses, gender: gender,
                    singular: row.count > 4 ? String(row[4]) : nil))
            titlePhrases.add(phrase, value: Int32(titles.count - 1), tokenizer: tokenizer)
            // "Mr." must match however the tokenizer splits a lowercase abbreviation: add the capitalized form too.
            titlePhrases.add(
                phrase.prefix(1).uppercased() + phrase.dropFirst(), value: Int32(titles.count - 1), tokenizer: tokenizer
            )
        }
        for row in LexiconFile.parse(pronounText) where row.count >= 3 {
            let g: Gender = row[1] == "m" ? .male : row[1] == "f" ? .female : row[1] == "n" ? .neuter : .unknown
            pronouns[StableHash.hash(String(row[0]))] = Pronoun(gender: g, plural: row[2] == "pl")
        }
        for row in LexiconFile.parse(groupText) where row.count >= 2 {
            groupNouns[StableHash.hash(String(row[0]))] = EntityType(rawValue: String(row[1])) ?? .gpe
        }
        for row in LexiconFile.parse(peopleText) where row.count >= 5 {
            let p = KnownPerson(
                name: String(row[0]), country: row[1] == "-" ? nil : String(row[1]), title: String(row[2]),
                from: Int(row[3]) ?? 0, to: Int(row[4]))
            knownPeople[p.name.lowercased(), default: []].append(p)
        }
    }

    /// The country with this ISO3 code.
    public func country(iso3: String) -> Country? { countries.first { $0.iso3 == iso3 } }

    /// The known office holder of this name at a year (the latest entry when the year is unknown).
    public func knownPerson(_ name: String, year: Int?) -> KnownPerson? {
        guard let list = knownPeople[name.lowercased()] else { return nil }
        if let year, let p = list.first(where: { $0.from <= year && year <= ($0.to ?? Int.max) }) { return p }
        return list.last
    }
}
