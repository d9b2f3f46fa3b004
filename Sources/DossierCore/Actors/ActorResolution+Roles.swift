// Roles and titles as the article states them, and the countries and CAMEO codes they give their holders.

extension ActorResolution {
    /// A role found next to a name, with the sector of its title and the sieve that found it.
    struct FoundRole {
        var role: Role
        var sector: String?
        var gender: ActorLexicon.Gender
        var sieve: String
    }

    /// Roles of every person name mention: pre-nominal titles, plural titles over coordinated names,
    /// appositions after and before the name, and predicates ("X, who is the ...", "X is the ...").
    func extractRoles() {
        for k in mentions.indices
        where mentions[k].kind == .name && mentions[k].type == .person && mentions[k].entity >= 0 {
            var found: [FoundRole] = []
            let m = mentions[k]
            let s = sentenceRange(m.sentence)
            if m.core.lowerBound > m.tokens.lowerBound {
                // The tagger included the title in the name: "President Joe Biden".
                if let r = titleRole(
                    m.tokens.lowerBound..<m.core.lowerBound, floor: s.lowerBound, sieve: "title-in-name")
                {
                    found.append(r)
                }
            }
            if let r = prenominal(before: m.tokens.lowerBound, floor: s.lowerBound) { found.append(r) }
            if let r = pluralTitle(for: k, floor: s.lowerBound) { found.append(r) }
            if let r = apposition(after: m.tokens.upperBound, limit: s.upperBound) { found.append(r) }
            if let r = appositionBefore(
                m.tokens.lowerBound, floor: s.lowerBound, after: m.tokens.upperBound, limit: s.upperBound)
            {
                found.append(r)
            }
            if let r = predicate(after: m.tokens.upperBound, limit: s.upperBound) { found.append(r) }
            let e = mentions[k].entity
            for r in found {
                if r.gender != .unknown { entities[e].gender = r.gender }
                entities[e].note(r.sieve)
                guard !r.role.title.isEmpty else { continue }
                if let i = entities[e].roles.firstIndex(where: { $0.title.lowercased() == r.role.title.lowercased() }) {
                    // The same title stated again may say more: keep the organization and country it adds.
                    if entities[e].roles[i].organization == nil {
                        entities[e].roles[i].organization = r.role.organization
                    }
                    if entities[e].roles[i].country == nil { entities[e].roles[i].country = r.role.country }
                } else {
                    if entities[e].roles.isEmpty { roleHolders.append(e) }
                    entities[e].roles.append(r.role)
                    entities[e].roleSectors.append(r.sector)
                    entities[e].roleKeys.append(r.role.title.lowercased())
                }
            }
        }
    }

    /// The title phrase of a token range that the lexicon knows, with the country or organization before it.
    func titleRole(_ r: Range<Int>, floor: Int, sieve: String) -> FoundRole? {
        guard let t = longest(lex.titlePhrases, endingAt: r.upperBound, floor: r.lowerBound) else { return nil }
        let title = lex.titles[Int(t.value)]
        if title.uses == .honorific {
            return FoundRole(role: Role(title: ""), sector: nil, gender: title.gender, sieve: "honorific")
        }
        guard !title.uses.isDisjoint(with: [.title, .roleNoun]) else { return nil }
        var role = Role(title: text(t.start..<r.upperBound))
        qualify(&role, before: t.start, floor: floor)
        return FoundRole(role: role, sector: title.sector, gender: title.gender, sieve: sieve)
    }

    /// Fills a role's organization and country from what stands before its title: "US", "Japan's",
    /// "State Department", "Chinese".
    func qualify(_ role: inout Role, before start: Int, floor: Int) {
        var p = start
        if p > floor && hashes[p - 1] == ActorWords.possessive { p -= 1 }
        guard p > floor else { return }
        if let m = nameMention(endingAt: p) {
            let mm = mentions[m]
            if mm.type == .org {
                role.organization = text(mm.core)
                role.country = entityCountry(of: m)
            } else if let iso = country(of: mm.core) ?? entityCountry(of: m) {
                role.country = iso
            }
            return
        }
        if let o = longest(lex.organizationNames, endingAt: p, floor: max(floor, p - 6)) {
            role.organization = text(o.start..<p)
            role.country = lex.organizations[Int(o.value)].country
            return
        }
        if let c = longest(lex.countryNames, endingAt: p, floor: max(floor, p - 4))
            ?? longest(lex.demonyms, endingAt: p, floor: max(floor, p - 2))
        {
            role.country = lex.countries[Int(c.value)].iso3
        }
    }

    func entityCountry(of mention: Int) -> String? {
        let e = mentions[mention].entity
        return e >= 0 ? entities[e].country : nil
    }

    /// "US Secretary of State Antony Blinken", "State Department spokesman Matthew Miller".
    func prenominal(before a: Int, floor: Int) -> FoundRole? {
        guard a > floor, let t = longest(lex.titlePhrases, endingAt: a, floor: max(floor, a - 8)) else { return nil }
        let title = lex.titles[Int(t.value)]
        if title.uses.contains(.plural) && !title.uses.contains(.title) { return nil }
        return titleRole(t.start..<a, floor: floor, sieve: "title-before-name")
    }

    /// "Presidents Biden and Xi Jinping": the plural title before the first name gives each name its singular.
    func pluralTitle(for k: Int, floor: Int) -> FoundRole? {
        var first = mentions[k].tokens.lowerBound
        // Walk back over "Biden and" to the first name of the coordination.
        while first - 1 > floor, hashes[first - 1] == ActorWords.and || hashes[first - 1] == ActorWords.comma,
            let prev = nameMention(endingAt: first - 1), mentions[prev].type == .person
        {
            first = mentions[prev].tokens.lowerBound
        }
        guard first > floor, let t = longest(lex.titlePhrases, endingAt: first, floor: max(floor, first - 4)) else {
            return nil
        }
        let title = lex.titles[Int(t.value)]
        guard title.uses.contains(.plural), let singular = title.singular else { return nil }
        var role = Role(title: singular)
        qualify(&role, before: t.start, floor: floor)
        return FoundRole(role: role, sector: title.sector, gender: .unknown, sieve: "plural-title")
    }

    /// Where a descriptive phrase starting at `p` ends: at punctuation, a relative word or the sentence end.
    func phraseEnd(from p: Int, limit: Int) -> Int {
        var e = p
        while e < limit && e - p < 24 && !ActorWords.phraseEnd.contains(hashes[e]) { e += 1 }
        return e
    }

    /// A role phrase at `p` ("the head of the ... division", "deputy national security adviser"): it must start,
    /// after a determiner and modifiers, with a title or role noun of the lexicon.
    func rolePhrase(at start: Int, limit: Int, sieve: String) -> FoundRole? {
        var p = start
        guard p < limit else { return nil }
        if hashes[p] == ActorWords.the || hashes[p] == ActorWords.a || hashes[p] == ActorWords.an { p += 1 }
        let body = p
        // Modifiers and a country may come first: "a top Chinese official", "the former US ambassador".
        var q = p
        var titleAt: (start: Int, end: Int, value: Int32)?
        while q < limit && q - p < 4 {
            if let t = longest(lex.titlePhrases, startingAt: q, limit: limit) {
                titleAt = (q, t.end, t.value)
                break
            }
            guard
                ActorWords.modifiers.contains(hashes[q]) || country(of: q..<(q + 1)) != nil
                    || doc.tokens[q].flags.contains(.capitalized)
            else { return nil }
            q += 1
        }
        guard let t = titleAt else { return nil }
        let title = lex.titles[Int(t.value)]
        guard !title.uses.isDisjoint(with: [.title, .roleNoun]), !title.uses.contains(.honorific) else { return nil }
        let end = phraseEnd(from: t.end, limit: limit)
        guard end > body else { return nil }
        var role = Role(title: text(body..<end))
        // The organization and country the phrase names: "of the Chinese Communist Party's ...".
        var i = body
        while i < end {
            if let m = nameMention(startingAt: i), mentions[m].tokens.upperBound <= end {
                let mm = mentions[m]
                if mm.type == .org && role.organization == nil {
                    role.organization = text(mm.core)
                    if role.country == nil { role.country = entityCountry(of: m) }
                } else if role.country == nil, mm.type == .gpe || mm.type == .norp || mm.type == .loc {
                    role.country = country(of: mm.core) ?? entityCountry(of: m)
                }
                i = mm.tokens.upperBound
                continue
            }
            if role.country == nil,
                let c = longest(lex.demonyms, startingAt: i, limit: end)
                    ?? longest(lex.countryNames, startingAt: i, limit: end)
            {
                role.country = lex.countries[Int(c.value)].iso3
                i = c.end
                continue
            }
            i += 1
        }
        return FoundRole(role: role, sector: title.sector, gender: title.gender, sieve: sieve)
    }

    /// "Wen Hao, the head of ...", "Tom Reyes, the deputy national security adviser,".
    func apposition(after b: Int, limit: Int) -> FoundRole? {
        guard b + 1 < limit, hashes[b] == ActorWords.comma else { return nil }
        return rolePhrase(at: b + 1, limit: limit, sieve: "apposition")
    }

    /// "the front-runner, Lai Ching-te": a determiner, a role noun and a comma just before the name.
    func appositionBefore(_ a: Int, floor: Int, after b: Int, limit: Int) -> FoundRole? {
        guard a - 2 >= floor, hashes[a - 1] == ActorWords.comma else { return nil }
        guard let t = longest(lex.titlePhrases, endingAt: a - 1, floor: max(floor, a - 7)) else { return nil }
        let title = lex.titles[Int(t.value)]
        guard !title.uses.isDisjoint(with: [.title, .roleNoun]), !title.uses.contains(.honorific) else { return nil }
        // Walk back over modifiers to the determiner.
        var d = t.start - 1
        while d >= floor && (ActorWords.modifiers.contains(hashes[d]) || country(of: d..<(d + 1)) != nil) { d -= 1 }
        guard d >= floor, hashes[d] == ActorWords.the else { return nil }
        // The name must close the apposition: a comma, "as", or the end of the sentence follows.
        guard
            b >= limit || hashes[b] == ActorWords.comma || ActorWords.phraseEnd.contains(hashes[b])
                || hashes[b] == StableHash.hash("as")
        else { return nil }
        var role = Role(title: text((d + 1)..<(a - 1)))
        qualify(&role, before: t.start, floor: d + 1)
        return FoundRole(role: role, sector: title.sector, gender: title.gender, sieve: "apposition-before")
    }

    /// "X, who is the ...", "X is the ...".
    func predicate(after b: Int, limit: Int) -> FoundRole? {
        var p = b
        if p < limit && hashes[p] == ActorWords.comma {
            p += 1
            guard p < limit, hashes[p] == ActorWords.who else { return nil }
            p += 1
        }
        guard p < limit, ActorWords.copulas.contains(hashes[p]) else { return nil }
        p += 1
        guard p < limit, hashes[p] == ActorWords.the || hashes[p] == ActorWords.a || hashes[p] == ActorWords.an else {
            return nil
        }
        return rolePhrase(at: p, limit: limit, sieve: "predicate")
    }

    // MARK: - Countries and codes

    /// Countries and CAMEO codes: persons from their roles, the known office holders or the organizations of
    /// their sentence; organizations from the lexicon, a country in their name or their sentence.
    func linkCountries() {
        let year = doc.article.published?.year
        // Organizations first: a person's code takes the sector of the organization of the role.
        for k in entities.indices where !entities[k].mentions.isEmpty && entities[k].type == .org {
            linkOrganization(k)
        }
        for k in entities.indices where !entities[k].mentions.isEmpty && entities[k].type == .person {
            linkPerson(k, year: year)
        }
    }

    func linkPerson(_ k: Int, year: Int?) {
        var e = entities[k]
        var sector: String?
        var orgCode: String?
        for (i, r) in e.roles.enumerated() {
            if e.country == nil, let c = r.country {
                e.country = c
                e.note("country:role")
            }
            if let o = r.organization, orgCode == nil, let code = organizationCode(named: o) { orgCode = code }
            if sector == nil { sector = e.roleSectors[i] }
        }
        if let code = orgCode {
            // The organization's sector wins over the title's: a CCP department head is CHNGOV.
            if code.hasPrefix("IGO") || code.hasPrefix("NGO") {
                e.code = code
            } else if code.count > 3 {
                sector = String(code.suffix(code.count - 3))
            }
        }
        if e.country == nil, let known = lex.knownPerson(canonicalName(e), year: year), let c = known.country {
            e.country = c
            e.note("country:known-person")
            if sector == nil, let t = lex.titles.first(where: { $0.phrase == known.title.lowercased() }) {
                sector = t.sector
            }
        }
        if e.country == nil, let c = contextCountry(of: e) {
            e.country = c
            e.note("country:sentence-organization")
        }
        if e.code == nil, let c = e.country { e.code = c + (sector ?? "") }
        e.sector = sector
        entities[k] = e
    }

    /// The code of an organization named in a role, from the lexicon or from an organization entity of the article.
    func organizationCode(named name: String) -> String? {
        if orgCodes == nil {
            var codes: [String: String] = [:]
            for e in entities.indices where entities[e].type == .org {
                guard let code = entities[e].code else { continue }
                for m in entities[e].mentions { codes[text(mentions[m].core)] = code }
            }
            orgCodes = codes
        }
        return orgCodes?[name]
    }

    /// The country of an organization with a known country in the sentences of an entity's name mentions
    /// ("Liu met Jon Finer at the White House").
    func contextCountry(of e: WorkEntity) -> String? {
        for m in e.mentions where mentions[m].kind == .name {
            let s = sentenceRange(mentions[m].sentence)
            var i = s.lowerBound
            while i < s.upperBound {
                if let o = nameMention(startingAt: i) {
                    let ent = mentions[o].entity
                    if mentions[o].type == .org, ent >= 0, let c = entities[ent].country { return c }
                    i = mentions[o].tokens.upperBound
                } else {
                    i += 1
                }
            }
        }
        return nil
    }

    func linkOrganization(_ k: Int) {
        var e = entities[k]
        guard e.code == nil else { return }
        let names = e.mentions.filter { mentions[$0].kind == .name }
        guard let first = names.first else { return }
        let c = mentions[first].core
        if e.country == nil {
            // "Chinese Foreign Ministry", "United States Congress": a country at the start of the name.
            if let p = longest(lex.countryNames, startingAt: c.lowerBound, limit: c.upperBound - 1)
                ?? longest(lex.demonyms, startingAt: c.lowerBound, limit: c.upperBound - 1)
            {
                e.country = lex.countries[Int(p.value)].iso3
                e.note("country:in-name")
            } else if c.lowerBound > 1, hashes[c.lowerBound - 1] == ActorWords.possessive,
                let p = longest(lex.countryNames, endingAt: c.lowerBound - 1, floor: max(0, c.lowerBound - 5))
            {
                // "China's Foreign Ministry".
                e.country = lex.countries[Int(p.value)].iso3
                e.note("country:before-name")
            }
        }
        if e.sector == nil { e.sector = lex.orgSectors[hashes[c.upperBound - 1]] }
        if e.country == nil, e.sector != nil {
            // "the Senate" in a sentence about the "United States Congress".
            let s = sentenceRange(mentions[first].sentence)
            var i = s.lowerBound
            while i < c.lowerBound {
                if let o = nameMention(startingAt: i) {
                    let ent = mentions[o].entity
                    if ent >= 0 && ent != k, entities[ent].type == .org || entities[ent].type == .gpe,
                        let cc = entities[ent].country
                    {
                        e.country = cc
                        e.note("country:sentence")
                    }
                    i = mentions[o].tokens.upperBound
                } else {
                    i += 1
                }
            }
        }
        if let c = e.country { e.code = c + (e.sector ?? "") }
        entities[k] = e
    }
}
