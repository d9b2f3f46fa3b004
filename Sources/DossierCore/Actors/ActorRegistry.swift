/// Actors known across articles, and the decision whether an entity of a new article is one of them.
///
/// "Blinken" in a new article is the known "Antony Blinken" when the name chain fits (the same full name, an
/// alias, or a surname or family name of exactly one compatible known person), the country does not contradict,
/// and the actor was seen within ``maxGapYears``. Two known people who share a surname make a lone surname
/// ambiguous: it is then resolved only by a title or country that fits one of them, else it stays new.
/// Used by the knowledge base and the CLI alike; it holds no I/O.
public struct ActorRegistry: Sendable {
    /// A known actor.
    public struct Actor: Sendable, Hashable {
        public var id: String
        public var name: String
        public var type: EntityType
        public var country: String?
        public var code: String?
        /// Every name and alias seen for it (as written).
        public var aliases: [String]
        public var roles: [Role]
        public var firstSeen: CalendarDate?
        public var lastSeen: CalendarDate?
    }

    /// How an entity was matched to a known actor.
    public struct Match: Sendable, Hashable {
        public var id: String
        /// `exact-name`, `alias`, `surname`, `title`...
        public var rule: String
        public var confidence: Double
    }

    public private(set) var actors: [Actor] = []
    /// Lowercased name or alias -> actor indices.
    private var byName: [String: [Int]] = [:]
    /// Lowercased single name part (first or last word of a multi-word name) -> actor indices.
    private var byPart: [String: [Int]] = [:]
    /// Actors not seen for longer than this are not matched by a partial name.
    public var maxGapYears = 8

    public init() {}

    static func words(_ name: String) -> [Substring] {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{a0}" })
    }

    static let honorifics: Set<String> = [
        "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "sir", "president", "secretary",
    ]

    /// The name without a leading honorific or title word ("Mr. Blinken" -> "blinken").
    static func normalized(_ name: String) -> String {
        var w = words(name)
        while w.count > 1, let f = w.first, honorifics.contains(String(f)) { w.removeFirst() }
        return w.joined(separator: " ")
    }

    /// The known actor that an entity of an article is, or nil if it is new (or ambiguous).
    public func resolve(_ entity: Entity, aliases: [String] = [], date: CalendarDate? = nil) -> Match? {
        let full = ActorRegistry.normalized(entity.name)
        let compatible = { (a: Actor) -> Bool in
            guard a.type == entity.type else { return false }
            if let c = entity.country, let k = a.country, c != k { return false }
            return true
        }
        if let hits = byName[full]?.filter({ compatible(actors[$0]) }), !hits.isEmpty {
            return pick(hits, entity: entity, date: date, rule: "exact-name", confidence: 0.95, recencyLimit: false)
        }
        for alias in aliases {
            if let hits = byName[ActorRegistry.normalized(alias)]?.filter({ compatible(actors[$0]) }), !hits.isEmpty,
                ActorRegistry.words(alias).count > 1
            {
                return pick(hits, entity: entity, date: date, rule: "alias", confidence: 0.9, recencyLimit: false)
            }
        }
        let parts = ActorRegistry.words(full)
        if entity.type == .person, parts.count > 1, let last = parts.last,
            let hits = byName[String(last)]?.filter({
                compatible(actors[$0]) && ActorRegistry.words(actors[$0].name).count == 1
            }),
            !hits.isEmpty
        {
            // "Yoko Kamikawa" after an article that only said "Kamikawa".
            return pick(
                hits, entity: entity, date: date, rule: "surname-expanded", confidence: 0.75, recencyLimit: true)
        }
        // A lone name part: "Blinken", "Liu".
        guard entity.type == .person, parts.count == 1, let hits = byPart[String(parts[0])] else { return nil }
        let fitting = hits.filter { compatible(actors[$0]) && recent(actors[$0], date) }
        return pick(fitting, entity: entity, date: date, rule: "surname", confidence: 0.75, recencyLimit: true)
    }

    private func recent(_ a: Actor, _ date: CalendarDate?) -> Bool {
        guard let date, let last = a.lastSeen else { return true }
        return date.year - last.year <= maxGapYears
    }

    private func pick(
        _ hits: [Int], entity: Entity, date: CalendarDate?, rule: String, confidence: Double, recencyLimit: Bool
    )
        -> Match?
    {
        if hits.count == 1 { return Match(id: actors[hits[0]].id, rule: rule, confidence: confidence) }
        guard !hits.isEmpty else { return nil }
        // Several candidates: a stated title or country must single one out.
        let titles = Set(entity.roles.map { $0.title.lowercased() })
        let byTitle = hits.filter { h in actors[h].roles.contains { titles.contains($0.title.lowercased()) } }
        if byTitle.count == 1 {
            return Match(id: actors[byTitle[0]].id, rule: rule + "+title", confidence: confidence - 0.1)
        }
        if let c = entity.country {
            let byCountry = hits.filter { actors[$0].country == c }
            if byCountry.count == 1 {
                return Match(id: actors[byCountry[0]].id, rule: rule + "+country", confidence: confidence - 0.15)
            }
        }
        return nil
    }

    /// Records an entity of an article: merges it into the actor it resolves to, or adds a new actor.
    /// Returns the actor's id and how it was matched (nil match = new actor).
    @discardableResult
    public mutating func add(_ entity: Entity, aliases: [String] = [], date: CalendarDate? = nil, newID: String? = nil)
        -> (id: String, match: Match?)
    {
        if let m = resolve(entity, aliases: aliases, date: date), let k = actors.firstIndex(where: { $0.id == m.id }) {
            var a = actors[k]
            // The fuller name becomes canonical.
            if ActorRegistry.words(entity.name).count > ActorRegistry.words(a.name).count { a.name = entity.name }
            if a.country == nil { a.country = entity.country }
            if a.code == nil { a.code = entity.code }
            for r in entity.roles where !a.roles.contains(r) { a.roles.append(r) }
            if let date {
                if a.firstSeen.map({ date < $0 }) ?? true { a.firstSeen = date }
                if a.lastSeen.map({ date > $0 }) ?? true { a.lastSeen = date }
            }
            actors[k] = a
            index(k, names: [entity.name] + aliases)
            return (a.id, m)
        }
        let id = newID ?? "a\(actors.count + 1)"
        actors.append(
            Actor(
                id: id, name: entity.name, type: entity.type, country: entity.country, code: entity.code, aliases: [],
                roles: entity.roles, firstSeen: date, lastSeen: date))
        index(actors.count - 1, names: [entity.name] + aliases)
        return (id, nil)
    }

    private mutating func index(_ k: Int, names: [String]) {
        for n in names {
            let key = ActorRegistry.normalized(n)
            guard !key.isEmpty else { continue }
            if !actors[k].aliases.contains(n) { actors[k].aliases.append(n) }
            if !(byName[key]?.contains(k) ?? false) { byName[key, default: []].append(k) }
            let w = ActorRegistry.words(key)
            if actors[k].type == .person && w.count > 1 {
                for part in [w[0], w[w.count - 1]] where !(byPart[String(part)]?.contains(k) ?? false) {
                    byPart[String(part), default: []].append(k)
                }
            }
        }
    }
}
