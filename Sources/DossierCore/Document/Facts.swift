// The fact tables that stages fill. Offsets are byte spans of the folded text; output converts them.
// Each table is filled by the stage named in its documentation; until that stage runs it stays empty.

/// The kind of a mention: a name, a common-noun phrase ("the Secretary"), or a pronoun.
public enum MentionKind: String, Sendable, Hashable, Codable {
    case name, nominal, pronoun
}

/// Entity types of the output (OntoNotes-style; see docs/schema.md for the CoNLL mapping).
public enum EntityType: String, Sendable, Hashable, Codable, CaseIterable {
    case person = "PERSON"
    case org = "ORG"
    case gpe = "GPE"
    case loc = "LOC"
    case norp = "NORP"
    case fac = "FAC"
    case event = "EVENT"
    case misc = "MISC"
}

/// A mention of an entity in the text. Filled by the names stage (names) and the actors stage (others).
public struct Mention: Sendable, Hashable {
    public var span: ByteSpan
    public var type: EntityType
    public var kind: MentionKind
    /// Index into ``Document/entities`` once the actors stage has grouped mentions, else nil.
    public var entity: Int32?
    public var provenance: Provenance

    public init(span: ByteSpan, type: EntityType, kind: MentionKind, entity: Int32? = nil, provenance: Provenance) {
        self.span = span
        self.type = type
        self.kind = kind
        self.entity = entity
        self.provenance = provenance
    }
}

/// A role an actor holds as the article states it: "US Secretary of State" -> title, organization, country.
public struct Role: Sendable, Hashable, Codable {
    public var title: String
    public var organization: String?
    public var country: String?

    public init(title: String, organization: String? = nil, country: String? = nil) {
        self.title = title
        self.organization = organization
        self.country = country
    }
}

/// A canonical actor or named thing of one article.
public struct Entity: Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: EntityType
    /// ISO 3166 alpha-3.
    public var country: String?
    /// CAMEO actor code, e.g. `USAGOV`.
    public var code: String?
    public var roles: [Role]
    /// Indices into ``Document/mentions``.
    public var mentions: [Int32]
    public var provenance: Provenance

    public init(
        id: String, name: String, type: EntityType, country: String? = nil, code: String? = nil, roles: [Role] = [],
        mentions: [Int32] = [], provenance: Provenance
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.country = country
        self.code = code
        self.roles = roles
        self.mentions = mentions
        self.provenance = provenance
    }
}

/// Direct, indirect or mixed speech.
public enum QuoteKind: String, Sendable, Hashable, Codable {
    case direct, indirect, mixed
}

/// Something somebody said, with who said it.
public struct Quote: Sendable, Hashable {
    /// The content, without quote marks.
    public var span: ByteSpan
    public var kind: QuoteKind
    /// Index into ``Document/entities``.
    public var speaker: Int32?
    /// The canonical name, or the speaker phrase when it is no entity ("US officials").
    public var speakerName: String?
    public var speakerMention: ByteSpan?
    public var cue: ByteSpan?
    public var provenance: Provenance
}

/// TIMEX3 types.
public enum TimexType: String, Sendable, Hashable, Codable {
    case date = "DATE"
    case time = "TIME"
    case duration = "DURATION"
    case set = "SET"
}

/// A time expression and its normalized TIMEX3 value (nil when it cannot be resolved).
public struct Timex: Sendable, Hashable {
    public var span: ByteSpan
    public var type: TimexType
    public var value: String?
    public var provenance: Provenance
}

/// A place, resolved against the gazetteer.
public struct Place: Sendable, Hashable {
    public var id: String
    public var name: String
    public var country: String?
    public var lat: Double
    public var lon: Double
    public var geonameid: Int?
    public var featureClass: String
    public var mentions: [ByteSpan]
    public var provenance: Provenance
}

/// Who did what to whom, coded in CAMEO and PLOVER.
public struct Event: Sendable, Hashable {
    public var code: String
    public var root: String
    public var plover: String?
    public var quadClass: Int
    public var goldstein: Double
    /// Indices into ``Document/entities``.
    public var source: Int32?
    public var target: Int32?
    public var sourceCode: String?
    public var targetCode: String?
    public var date: String?
    /// Index into ``Document/places``.
    public var place: Int32?
    public var span: ByteSpan
    public var trigger: ByteSpan
    public var provenance: Provenance
    /// Every mention of the act, the first being ``span``/``trigger`` (one act told twice is one event).
    public var evidence: [EventEvidence] = []
}
