/// Frequent words, by the stable hash of their lowercase form (the hash the ``Interner`` keeps per token).
enum ActorWords {
    static let the = StableHash.hash("the")
    static let a = StableHash.hash("a")
    static let an = StableHash.hash("an")
    static let comma = StableHash.hash(",")
    static let and = StableHash.hash("and")
    static let of = StableHash.hash("of")
    static let possessive = StableHash.hash("'s")
    static let who = StableHash.hash("who")
    static let isVerb = StableHash.hash("is")
    static let was = StableHash.hash("was")
    static let becomes = StableHash.hash("became")
    /// Words that end an apposition or a predicate phrase.
    static let phraseEnd: Set<UInt64> = Set(
        [
            ",", ".", ";", ":", "--", "-", ")", "(", "\"", "?", "!", "who", "which", "while", "whose", "when", "said",
            "says",
        ]
        .map { StableHash.hash($0) })
    /// Prepositions after which a capital is a place, not a government ("back in Washington").
    static let locative: Set<UInt64> = Set(
        [
            "in", "at", "to", "from", "near", "into", "outside", "inside", "across", "around", "toward", "towards",
            "via", "through", "within", "between", "visit", "visited", "visiting", "left", "reached", "arrived",
        ]
        .map { StableHash.hash($0) })
    /// Prepositions: a person after one is seldom the subject a pronoun refers to.
    static let prepositions: Set<UInt64> = Set(
        ["with", "by", "to", "for", "from", "of", "at", "on", "in", "about", "against", "and", "between", "than"]
            .map { StableHash.hash($0) })
    /// Modifiers allowed before a group noun or inside a title phrase ("a top Chinese official").
    static let modifiers: Set<UInt64> = Set(
        [
            "top", "senior", "former", "high-ranking", "other", "some", "several", "many", "two", "three", "four",
            "both", "unnamed", "anonymous", "acting", "deputy", "chief", "then", "new", "current", "outgoing",
            "incoming",
        ]
        .map { StableHash.hash($0) })
    /// Determiners and quantifiers before a nominal mention.
    static let determiners: Set<UInt64> = Set(
        ["the", "a", "an", "some", "several", "many", "two", "three", "both", "other", "these", "those"]
            .map { StableHash.hash($0) })
    /// Number words in "the two superpowers".
    static let numbers: Set<UInt64> = Set(["two", "three", "four", "both", "five"].map { StableHash.hash($0) })
    /// Words between a name and a predicate role: "X is the ...", "X, who is the ...".
    static let copulas: Set<UInt64> = Set(["is", "was", "became", "becomes", "remains"].map { StableHash.hash($0) })
    /// Lowercase function words left out of an acronym.
    static let acronymSkip: Set<UInt64> = Set(
        ["of", "the", "and", "for", "on", "in", "'s", "&", "de", "du", "la"].map { StableHash.hash($0) })
}

/// The names of the sieves and rules recorded in an entity's provenance, in the order they are listed there.
enum ActorSieves {
    static let names = [
        "first-mention", "organization", "country-name", "capital-metonymy", "capital-place", "demonym", "exact-name",
        "name-suffix", "surname", "first-name", "surname-retyped", "acronym", "exact-name-any-type", "honorific",
        "title-in-name", "title-before-name", "plural-title", "apposition", "apposition-before", "predicate",
        "country:role", "country:known-person", "country:sentence-organization", "country:in-name",
        "country:before-name", "country:sentence", "role-noun", "group-nominal", "group-noun", "pronoun",
    ]
    static let bit: [String: UInt64] = Dictionary(
        uniqueKeysWithValues: names.enumerated().map { ($0.element, UInt64(1) << UInt64($0.offset)) })
}

/// The working state of the actors stage over one document.
///
/// A class, not a struct: its sieves are many small methods over shared tables, and a struct would be copied
/// into the closures they use.
/// Tokens are looked at through the stable hashes of their lowercase forms; strings are made only for the few
/// mentions and roles that end up in the output.
final class ActorResolution {
    struct WorkMention {
        var span: ByteSpan
        var type: EntityType
        var kind: MentionKind
        /// Token range of the whole mention.
        var tokens: Range<Int>
        /// The name without leading honorifics and titles ("Mr. Blinken" -> "Blinken").
        var core: Range<Int>
        var sentence: Int
        var provenance: Provenance
        var entity: Int = -1
    }

    struct WorkEntity {
        var type: EntityType
        var mentions: [Int] = []
        var country: String?
        var code: String?
        var sector: String?
        var roles: [Role] = []
        var roleSectors: [String?] = []
        /// The role titles lowercased, for the role-noun sieve.
        var roleKeys: [String] = []
        var gender: ActorLexicon.Gender = .unknown
        /// Bit set over ``ActorSieves/names``.
        var sieves: UInt64 = 0
        /// Set for entities made from a nominal only (groups): their name.
        var nominalName: String?
        var confidence: Double = 0.9

        mutating func note(_ sieve: String) {
            if let bit = ActorSieves.bit[sieve] { sieves |= bit }
        }

        /// The sieves that built the entity, in the fixed order of ``ActorSieves/names``.
        var rule: String {
            if sieves.nonzeroBitCount == 1 { return ActorSieves.names[sieves.trailingZeroBitCount] }
            var parts: [String] = []
            for (k, name) in ActorSieves.names.enumerated() where sieves & (1 << UInt64(k)) != 0 { parts.append(name) }
            return parts.joined(separator: "+")
        }
    }

    let doc: Document
    let lex: ActorLexicon
    let stage: String
    let hashes: ContiguousArray<UInt64>
    /// The sentence of each token.
    let sentenceOf: ContiguousArray<Int32>
    /// The name mention that covers each token, -1 if none.
    var nameAt: ContiguousArray<Int32>
    var mentions: [WorkMention] = []
    var entities: [WorkEntity] = []
    /// Grouping keys (country, organization, exact name...) -> entity.
    var keyed: [UInt64: Int] = [:]
    /// The codes of the article's organizations by the text of their names, made when a role first needs one.
    var orgCodes: [String: String]?
    /// Persons with at least one stated role, in order of entity creation.
    var roleHolders: [Int] = []
    /// Whether a person of two or more words was named yet (the name-part sieves have nothing to do before).
    var hasMultiWordPerson = false
    /// Acronyms of the organizations' names ("CCP") -> entity, for the acronym sieve.
    var acronyms: [UInt64: Int] = [:]

    init(document: Document, lexicon: ActorLexicon, stage: String) {
        doc = document
        lex = lexicon
        self.stage = stage
        let n = document.tokens.count
        var h = ContiguousArray<UInt64>(repeating: 0, count: n)
        for i in 0..<n { h[i] = document.interner.hash(of: document.tokens[i].lower) }
        var sentences = ContiguousArray<Int32>(repeating: -1, count: n)
        for (k, s) in document.sentences.enumerated() {
            for i in s.tokens where i < n { sentences[i] = Int32(k) }
        }
        hashes = h
        sentenceOf = sentences
        nameAt = ContiguousArray(repeating: -1, count: n)
    }

    // MARK: - Helpers

    /// The index of the token that starts at or after a byte offset.
    func token(atOrAfter byte: Int32) -> Int {
        var lo = 0
        var hi = doc.tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if doc.tokens[mid].start < byte { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The original text of a token range.
    func text(_ r: Range<Int>) -> String {
        guard !r.isEmpty else { return "" }
        return doc.string(Int(doc.tokens[r.lowerBound].start)..<Int(doc.tokens[r.upperBound - 1].end))
    }

    /// The lowercase folded forms of a token range, joined by spaces: the key names are compared by.
    func key(_ r: Range<Int>) -> String {
        var s = ""
        for i in r {
            if i > r.lowerBound { s += " " }
            s += doc.interner.string(doc.tokens[i].lower)
        }
        return s
    }

    /// A grouping key: a namespace ("n:PERSON", "c:USA") and the lowercase words of a token range.
    func gk(_ namespace: String, _ r: Range<Int>?) -> UInt64 {
        let ns = StableHash.hash(namespace)
        guard let r else { return ns }
        return hashes.withUnsafeBufferPointer { StableHash.combine(ns, PhraseTable.key($0, r)) }
    }

    func span(_ r: Range<Int>) -> ByteSpan {
        ByteSpan(Int(doc.tokens[r.lowerBound].start)..<Int(doc.tokens[r.upperBound - 1].end))
    }

    func sentenceRange(_ k: Int) -> Range<Int> { doc.sentences[k].tokens }

    func provenance(_ rule: String, _ confidence: Double) -> Provenance {
        Provenance(stage: stage, rule: rule, confidence: confidence)
    }

    /// Looks a token range up in a phrase table.
    func lookup(_ table: PhraseTable, _ r: Range<Int>) -> Int32? {
        guard !r.isEmpty else { return nil }
        return hashes.withUnsafeBufferPointer { table.value($0, r) }
    }

    func longest(_ table: PhraseTable, startingAt i: Int, limit: Int) -> (end: Int, value: Int32)? {
        hashes.withUnsafeBufferPointer { table.longest(startingAt: i, limit: limit, $0) }
    }

    func longest(_ table: PhraseTable, endingAt e: Int, floor: Int) -> (start: Int, value: Int32)? {
        guard e > floor else { return nil }
        return hashes.withUnsafeBufferPointer { table.longest(endingAt: e, floor: floor, $0) }
    }

    /// The country of a token range: a country name, a capital or a demonym.
    func country(of r: Range<Int>) -> String? {
        if let c = lookup(lex.countryNames, r) ?? lookup(lex.demonyms, r) ?? lookup(lex.capitals, r) {
            return lex.countries[Int(c)].iso3
        }
        return nil
    }

    /// The name mention that ends exactly at token `e` (exclusive), if any.
    func nameMention(endingAt e: Int) -> Int? {
        guard e > 0, e <= nameAt.count else { return nil }
        let m = Int(nameAt[e - 1])
        return m >= 0 && mentions[m].tokens.upperBound == e ? m : nil
    }

    /// The name mention that starts exactly at token `s`, if any.
    func nameMention(startingAt s: Int) -> Int? {
        guard s >= 0, s < nameAt.count else { return nil }
        let m = Int(nameAt[s])
        return m >= 0 && mentions[m].tokens.lowerBound == s ? m : nil
    }

    // MARK: - Run

    func run() {
        collectNames()
        groupNames()
        mergeCataphora()
        extractRoles()
        linkCountries()
        addNominals()
        addPronouns()
    }

    /// Takes the names stage's mentions, with their token ranges and titles stripped.
    func collectNames() {
        for m in doc.mentions where m.kind == .name {
            let a = token(atOrAfter: m.span.start)
            var b = a
            while b < doc.tokens.count && doc.tokens[b].start < m.span.end { b += 1 }
            guard a < b else { continue }
            var core = a..<b
            if m.type == .person {
                // "Mr. Blinken", "President Joe Biden" tagged as one name: compare names without the title.
                while core.count > 1,
                    let t = longest(lex.titlePhrases, startingAt: core.lowerBound, limit: core.upperBound - 1),
                    !lex.titles[Int(t.value)].uses.isDisjoint(with: [.title, .honorific])
                {
                    core = t.end..<core.upperBound
                }
            }
            let s = Int(sentenceOf[a])
            let index = mentions.count
            mentions.append(
                WorkMention(
                    span: m.span, type: m.type, kind: .name, tokens: a..<b, core: core, sentence: max(s, 0),
                    provenance: m.provenance))
            for i in a..<b where nameAt[i] < 0 { nameAt[i] = Int32(index) }
        }
    }

    func newEntity(_ type: EntityType, mention: Int, sieve: String) -> Int {
        var e = WorkEntity(type: type)
        e.mentions = [mention]
        e.note(sieve)
        entities.append(e)
        mentions[mention].entity = entities.count - 1
        return entities.count - 1
    }

    func attach(_ mention: Int, to entity: Int, sieve: String) {
        mentions[mention].entity = entity
        entities[entity].mentions.append(mention)
        entities[entity].note(sieve)
    }

    /// Person entities whose name has the token hash `h` as its last (or, with `first`, first) word, among names
    /// of at least two words.
    func persons(withPart h: UInt64, first: Bool) -> [Int] {
        var out: [Int] = []
        guard hasMultiWordPerson else { return out }
        for k in entities.indices where entities[k].type == .person && entities[k].nominalName == nil {
            for m in entities[k].mentions where mentions[m].kind == .name && mentions[m].core.count >= 2 {
                let c = mentions[m].core
                if hashes[first ? c.lowerBound : c.upperBound - 1] == h {
                    out.append(k)
                    break
                }
            }
        }
        return out
    }

    /// The person whose multi-word name ends with the words of `c`, or whose name the words of `c` end with.
    func personWithSuffix(_ c: Range<Int>) -> Int? {
        guard hasMultiWordPerson else { return nil }
        for k in entities.indices where entities[k].type == .person && entities[k].nominalName == nil {
            for m in entities[k].mentions where mentions[m].kind == .name && mentions[m].core.count >= 2 {
                let d = mentions[m].core
                let n = min(c.count, d.count)
                guard n >= 2, c.count != d.count else { continue }
                var same = true
                for j in 1...n where hashes[c.upperBound - j] != hashes[d.upperBound - j] {
                    same = false
                    break
                }
                if same { return k }
            }
        }
        return nil
    }

    /// Of several entities, the one mentioned last before token `i`.
    func nearest(_ candidates: [Int], before i: Int) -> Int? {
        var best: Int?
        var bestAt = -1
        for k in candidates {
            for m in entities[k].mentions
            where mentions[m].tokens.lowerBound < i && mentions[m].tokens.lowerBound > bestAt {
                bestAt = mentions[m].tokens.lowerBound
                best = k
            }
        }
        return best ?? candidates.first
    }

    /// Sieves over the name mentions in text order: exact names, countries, capitals, organizations, acronyms,
    /// name parts.
    func groupNames() {
        for k in mentions.indices {
            let m = mentions[k]
            let c = m.core
            // A single word that names a person of this article is that person, whatever type the tagger gave it,
            // unless it is a country, an organization of the lexicon, or a capital used as a place.
            if c.count == 1 && m.type != .person && hasMultiWordPerson {
                let h = hashes[c.lowerBound]
                let isCountry = lookup(lex.countryNames, c) != nil || lookup(lex.organizationNames, c) != nil
                let isPlace =
                    lookup(lex.capitals, c) != nil && c.lowerBound > 0
                    && ActorWords.locative.contains(hashes[c.lowerBound - 1])
                if !isCountry && !isPlace && m.type != .norp {
                    let cands = persons(withPart: h, first: false)
                    if !cands.isEmpty, let e = nearest(cands, before: c.lowerBound) {
                        mentions[k].type = .person
                        attach(k, to: e, sieve: "surname-retyped")
                        continue
                    }
                }
            }
            if m.type != .person && m.type != .org && lookup(lex.organizationNames, c) != nil {
                // "White House" or "United States Congress" tagged as a place: the lexicon knows the organization.
                mentions[k].type = .org
                groupOrganization(k)
                continue
            }
            switch m.type {
            case .person: groupPerson(k)
            case .gpe, .loc: groupPlace(k)
            case .norp: groupDemonym(k)
            case .org: groupOrganization(k)
            default: groupExact(k, sieve: "exact-name")
            }
        }
    }

    func groupExact(_ k: Int, sieve: String) {
        let m = mentions[k]
        let key = gk("n:" + m.type.rawValue, m.core)
        if let e = keyed[key] {
            attach(k, to: e, sieve: sieve)
        } else if !anyType(k) {
            keyed[key] = newEntity(m.type, mention: k, sieve: "first-mention")
            keyed[gk("x", m.core)] = keyed[key]
        }
    }

    /// The same name under another type ("Gloria" tagged once as a place, once as an organization) is the same
    /// entity; its first type stands. Countries, capitals and organizations of the lexicon never get here.
    func anyType(_ k: Int) -> Bool {
        guard let e = keyed[gk("x", mentions[k].core)] else { return false }
        mentions[k].type = entities[e].type
        attach(k, to: e, sieve: "exact-name-any-type")
        return true
    }

    func groupPerson(_ k: Int) {
        let m = mentions[k]
        let c = m.core
        let key = gk("n:PERSON", c)
        defer { if c.count >= 2 { hasMultiWordPerson = true } }
        if let e = keyed[key] {
            attach(k, to: e, sieve: "exact-name")
            return
        }
        if c.count >= 2, let e = personWithSuffix(c) {
            // "Tom Cruise" and "Scientologist Tom Cruise": one full name ends the other.
            attach(k, to: e, sieve: "name-suffix")
            keyed[key] = e
            return
        }
        if c.count == 1 {
            let h = hashes[c.lowerBound]
            let last = persons(withPart: h, first: false)
            if !last.isEmpty, let e = nearest(last, before: c.lowerBound) {
                attach(k, to: e, sieve: "surname")
                return
            }
            let first = persons(withPart: h, first: true)
            if first.count == 1 {
                // "Liu" after "Liu Jianchao": family name first, or a given name used alone.
                attach(k, to: first[0], sieve: "first-name")
                return
            }
        }
        if anyType(k) { return }
        keyed[key] = newEntity(.person, mention: k, sieve: "first-mention")
        keyed[gk("x", c)] = keyed[key]
    }

    func groupPlace(_ k: Int) {
        let m = mentions[k]
        let c = m.core
        if let idx = lookup(lex.countryNames, c) {
            let iso = lex.countries[Int(idx)].iso3
            groupKeyed(k, key: gk("c:" + iso, nil), type: m.type == .loc ? .gpe : m.type, sieve: "country-name") { e in
                e.country = iso
                e.code = iso
            }
            return
        }
        if let idx = lookup(lex.capitals, c) {
            let iso = lex.countries[Int(idx)].iso3
            let locative = c.lowerBound > 0 && ActorWords.locative.contains(hashes[c.lowerBound - 1])
            if locative {
                groupKeyed(k, key: gk("p:" + iso, c), type: m.type, sieve: "capital-place") { e in
                    e.country = iso
                }
            } else {
                // "Beijing labeled ...", "claimed by Beijing": the seat of government stands for the government.
                groupKeyed(k, key: gk("g:" + iso, c), type: .gpe, sieve: "capital-metonymy") { e in
                    e.country = iso
                    e.code = iso
                }
            }
            return
        }
        if let idx = lookup(lex.demonyms, c) {
            let iso = lex.countries[Int(idx)].iso3
            groupKeyed(k, key: gk("d:" + iso, nil), type: .norp, sieve: "demonym") { e in
                e.country = iso
                e.code = iso
            }
            return
        }
        groupExact(k, sieve: "exact-name")
    }

    func groupDemonym(_ k: Int) {
        let c = mentions[k].core
        if let idx = lookup(lex.demonyms, c) ?? lookup(lex.countryNames, c) {
            let iso = lex.countries[Int(idx)].iso3
            groupKeyed(k, key: gk("d:" + iso, nil), type: .norp, sieve: "demonym") { e in
                e.country = iso
                e.code = iso
            }
            return
        }
        groupExact(k, sieve: "exact-name")
    }

    func groupOrganization(_ k: Int) {
        let m = mentions[k]
        let c = m.core
        if let idx = lookup(lex.organizationNames, c) {
            let org = lex.organizations[Int(idx)]
            groupKeyed(k, key: gk("o:\(idx)", nil), type: .org, sieve: "organization") { e in
                e.country = org.country
                if org.code.count > 3 { e.code = org.code } else { e.sector = org.code }
            }
            return
        }
        if let idx = lookup(lex.countryNames, c) {
            let iso = lex.countries[Int(idx)].iso3
            groupKeyed(k, key: gk("c:" + iso, nil), type: .gpe, sieve: "country-name") { e in
                e.country = iso
                e.code = iso
            }
            return
        }
        if c.count == 1 && doc.tokens[c.lowerBound].flags.contains(.allCaps) {
            var acronym = StableHash.offsetBasis
            var letters = 0
            for b in doc.normalized.bytes[span(c).range] where b != UInt8(ascii: ".") {
                acronym = (acronym ^ UInt64(b)) &* StableHash.prime
                letters += 1
            }
            if letters >= 2, let e = acronyms[acronym] {
                attach(k, to: e, sieve: "acronym")
                // Later uses of the acronym, whatever their tagged type, are the same organization.
                keyed[gk("n:ORG", c)] = e
                keyed[gk("x", c)] = e
                return
            }
        }
        let key = gk("n:ORG", c)
        if let e = keyed[key] {
            attach(k, to: e, sieve: "exact-name")
            return
        }
        if anyType(k) { return }
        let e = newEntity(.org, mention: k, sieve: "first-mention")
        keyed[key] = e
        keyed[gk("x", c)] = e
        if c.count >= 2 {
            // The initials of the capitalized words, hashed as the bytes of the acronym would be.
            var acronym = StableHash.offsetBasis
            var letters = 0
            for i in c {
                let t = doc.tokens[i]
                guard t.flags.contains(.capitalized),
                    t.end - t.start > 3 || !ActorWords.acronymSkip.contains(hashes[i])
                else { continue }
                acronym = (acronym ^ UInt64(doc.normalized.bytes[Int(t.start)])) &* StableHash.prime
                letters += 1
            }
            if letters >= 2 && acronyms[acronym] == nil { acronyms[acronym] = e }
        }
    }

    func groupKeyed(
        _ k: Int, key: UInt64, type: EntityType, sieve: String, configure: (inout WorkEntity) -> Void
    ) {
        if let e = keyed[key] {
            attach(k, to: e, sieve: sieve)
        } else {
            let e = newEntity(type, mention: k, sieve: sieve)
            configure(&entities[e])
            keyed[key] = e
        }
    }

    /// A surname used before the full name ("Blinken" in a headline, "Antony Blinken" below) joins the full name
    /// when exactly one person of the article has it.
    func mergeCataphora() {
        for k in entities.indices where entities[k].type == .person && !entities[k].mentions.isEmpty {
            let names = entities[k].mentions.filter { mentions[$0].kind == .name }
            guard names.allSatisfy({ mentions[$0].core.count == 1 }), let first = names.first else { continue }
            let h = hashes[mentions[first].core.lowerBound]
            let cands = persons(withPart: h, first: false).filter { $0 != k }
            guard cands.count == 1 else { continue }
            let target = cands[0]
            for m in entities[k].mentions { mentions[m].entity = target }
            entities[target].mentions += entities[k].mentions
            entities[target].mentions.sort { mentions[$0].tokens.lowerBound < mentions[$1].tokens.lowerBound }
            entities[target].note("surname")
            entities[k].mentions = []
        }
    }

    // MARK: - Output

    /// The name an entity is known by: its fullest name mention.
    func canonicalName(_ e: WorkEntity) -> String {
        if let n = e.nominalName { return n }
        var best: Int?
        for m in e.mentions where mentions[m].kind == .name {
            guard let b = best else {
                best = m
                continue
            }
            let (x, y) = (mentions[m].core, mentions[b].core)
            if x.count > y.count || (x.count == y.count && span(x).range.count > span(y).range.count) { best = m }
        }
        guard let b = best else { return "" }
        return text(mentions[b].core)
    }

    /// Writes the mentions (sorted by position) and the entities (in order of first mention) into the document.
    func write(to document: inout Document) {
        var order = Array(mentions.indices)
        order.sort {
            (mentions[$0].span.start, mentions[$0].span.end) < (mentions[$1].span.start, mentions[$1].span.end)
        }
        var newIndex = [Int](repeating: 0, count: mentions.count)
        for (n, old) in order.enumerated() { newIndex[old] = n }
        var live = entities.indices.filter { !entities[$0].mentions.isEmpty }
        var firstAt = [Int](repeating: 0, count: entities.count)
        for k in live { firstAt[k] = entities[k].mentions.reduce(Int.max) { min($0, newIndex[$1]) } }
        live.sort { firstAt[$0] < firstAt[$1] }
        var entityIndex = [Int](repeating: -1, count: entities.count)
        for (n, e) in live.enumerated() { entityIndex[e] = n }
        var outMentions: [Mention] = []
        outMentions.reserveCapacity(mentions.count)
        for old in order {
            let m = mentions[old]
            let e = m.entity >= 0 ? entityIndex[m.entity] : -1
            outMentions.append(
                Mention(
                    span: m.span, type: m.type, kind: m.kind, entity: e >= 0 ? Int32(e) : nil, provenance: m.provenance)
            )
        }
        var outEntities: [Entity] = []
        outEntities.reserveCapacity(live.count)
        for (n, k) in live.enumerated() {
            let e = entities[k]
            let ms = e.mentions.map { Int32(newIndex[$0]) }.sorted()
            outEntities.append(
                Entity(
                    id: "e\(n + 1)", name: canonicalName(e), type: e.type, country: e.country, code: e.code,
                    roles: e.roles,
                    mentions: ms,
                    provenance: Provenance(stage: stage, rule: e.rule, confidence: e.confidence)))
        }
        document.mentions = outMentions
        document.entities = outEntities
    }
}
