// Nominal mentions ("the Secretary", "US officials", "the two superpowers") and pronouns.

extension ActorResolution {
    func addMention(_ r: Range<Int>, type: EntityType, kind: MentionKind, sieve: String, confidence: Double) -> Int {
        mentions.append(
            WorkMention(
                span: span(r), type: type, kind: kind, tokens: r, core: r, sentence: Int(sentenceOf[r.lowerBound]),
                provenance: provenance(sieve, confidence)))
        return mentions.count - 1
    }

    /// Role nouns that refer back to the holder of the role, groups with a country, and groups of countries.
    func addNominals() {
        let the = ActorWords.the
        for s in doc.sentences where !s.flags.contains(.ignored) {
            var i = s.tokens.lowerBound
            let limit = s.tokens.upperBound
            while i < limit {
                if hashes[i] != the && nameAt[i] < 0 {
                    i += 1
                    continue
                }
                if let m = nameMention(startingAt: i) {
                    if let next = groupNominal(after: m, limit: limit) {
                        i = next
                        continue
                    }
                    i = mentions[m].tokens.upperBound
                    continue
                }
                if hashes[i] == ActorWords.the, i + 1 < limit {
                    if let next = roleNoun(at: i, limit: limit) ?? groupOfCountries(at: i, limit: limit) {
                        i = next
                        continue
                    }
                }
                i += 1
            }
        }
    }

    /// "The Secretary" -> the person who holds a role with that title in the article (the nearest before it).
    func roleNoun(at i: Int, limit: Int) -> Int? {
        guard !roleHolders.isEmpty, let t = longest(lex.titlePhrases, startingAt: i + 1, limit: limit) else {
            return nil
        }
        let title = lex.titles[Int(t.value)]
        guard title.uses.contains(.roleNoun) else { return nil }
        // "the Secretary of ..." is a longer description, and "the spokesman Matthew Miller" a title.
        if t.end < limit && (hashes[t.end] == ActorWords.of || nameAt[t.end] >= 0) { return nil }
        let noun = key((i + 1)..<t.end)
        let holders = roleHolders.filter { k in
            entities[k].roleKeys.contains { ActorResolution.title($0, matches: noun) } && !entities[k].mentions.isEmpty
        }
        guard !holders.isEmpty, let holder = nearest(holders, before: i) else { return nil }
        let m = addMention(i..<t.end, type: .person, kind: .nominal, sieve: "role-noun", confidence: 0.8)
        attach(m, to: holder, sieve: "role-noun")
        return t.end
    }

    /// Whether a stated title ("secretary of state", "state department spokesman") is what a role noun names.
    static func title(_ title: String, matches noun: String) -> Bool {
        title == noun || title.hasPrefix(noun + " of ") || title.hasPrefix(noun + " ") || title.hasSuffix(" " + noun)
    }

    /// "US officials", "a top Chinese official", "Chinese diplomats": a country or demonym name mention followed
    /// by a group or role noun (and not by a name, which would make it a title). Returns where to continue.
    func groupNominal(after m: Int, limit: Int) -> Int? {
        let mm = mentions[m]
        guard mm.type == .gpe || mm.type == .norp || mm.type == .loc,
            let iso = country(of: mm.core) ?? entityCountry(of: m)
        else { return nil }
        let b = mm.tokens.upperBound
        guard b < limit, let t = longest(lex.titlePhrases, startingAt: b, limit: limit) else { return nil }
        let title = lex.titles[Int(t.value)]
        guard !title.uses.isDisjoint(with: [.group, .roleNoun]), !title.uses.contains(.honorific) else { return nil }
        if t.end < limit && (nameAt[t.end] >= 0 || hashes[t.end] == ActorWords.of) { return nil }
        // Take the determiner and modifiers before the country: "a top Chinese official".
        var a = mm.tokens.lowerBound
        let floor = sentenceRange(mm.sentence).lowerBound
        while a - 1 >= floor && ActorWords.modifiers.contains(hashes[a - 1]) { a -= 1 }
        let named = a
        if a - 1 >= floor && ActorWords.determiners.contains(hashes[a - 1]) { a -= 1 }
        let plural = title.uses.contains(.group)
        let indefinite = hashes[a] == ActorWords.a || hashes[a] == ActorWords.an
        let name = text(named..<t.end)
        let groupKey = gk("grp:" + iso, named..<t.end)
        let k = addMention(a..<t.end, type: .person, kind: .nominal, sieve: "group-nominal", confidence: 0.7)
        if !indefinite, let e = keyed[groupKey] {
            attach(k, to: e, sieve: "group-nominal")
        } else {
            var e = WorkEntity(type: .person)
            e.mentions = [k]
            e.note("group-nominal")
            e.nominalName = name
            e.country = iso
            e.sector = title.sector
            e.code = iso + (title.sector ?? "")
            e.confidence = plural ? 0.7 : 0.6
            entities.append(e)
            mentions[k].entity = entities.count - 1
            if !indefinite { keyed[groupKey] = entities.count - 1 }
        }
        return t.end
    }

    /// "the two superpowers", "both countries".
    func groupOfCountries(at i: Int, limit: Int) -> Int? {
        var p = i + 1
        if p < limit && ActorWords.numbers.contains(hashes[p]) { p += 1 }
        guard p < limit, let type = lex.groupNouns[hashes[p]], p > i + 1 else { return nil }
        let r = i..<(p + 1)
        let groupKey = gk("set", (i + 1)..<(p + 1))
        let k = addMention(r, type: type, kind: .nominal, sieve: "group-noun", confidence: 0.6)
        if let e = keyed[groupKey] {
            attach(k, to: e, sieve: "group-noun")
        } else {
            var e = WorkEntity(type: type)
            e.mentions = [k]
            e.note("group-noun")
            e.nominalName = text((i + 1)..<(p + 1))
            e.confidence = 0.6
            entities.append(e)
            mentions[k].entity = entities.count - 1
            keyed[groupKey] = entities.count - 1
        }
        return p + 1
    }

    /// He, she, his, her...: to the nearest compatible subject (the first person of the sentence not after a
    /// preposition, else of the one or two sentences before). Pronouns inside quotation marks are the quoted
    /// speaker's, not the narrator's: they are left alone.
    func addPronouns() {
        guard hasMultiWordPerson || entities.contains(where: { $0.type == .person && $0.nominalName == nil }) else {
            return
        }
        // Person mentions in text order, made when the first pronoun is met.
        var persons: [Int]?
        // Locals: the per-token loop must not go through the class's properties.
        let tokens = doc.tokens
        let bytes = doc.normalized.bytes
        let pronouns = lex.pronouns
        let hashes = self.hashes
        for (sk, s) in doc.sentences.enumerated() where !s.flags.contains(.ignored) {
            var inQuote = false
            for i in s.tokens {
                let tok = tokens[i]
                if tok.flags.contains(.quote) && tok.end - tok.start == 1 && bytes[Int(tok.start)] == 0x22 {
                    inQuote.toggle()
                    continue
                }
                // He, his, she, her...: only words that start with h or s can be a singular personal pronoun.
                let first = bytes[Int(tok.start)] | 0x20
                guard !inQuote, first == UInt8(ascii: "h") || first == UInt8(ascii: "s"), tok.end - tok.start <= 7,
                    let pron = pronouns[hashes[i]], nameAt[i] < 0, !pron.plural,
                    pron.gender == .male || pron.gender == .female
                else { continue }
                if persons == nil {
                    persons = mentions.indices.filter {
                        mentions[$0].entity >= 0 && entities[mentions[$0].entity].type == .person
                            && entities[mentions[$0].entity].nominalName == nil
                    }.sorted { mentions[$0].tokens.lowerBound < mentions[$1].tokens.lowerBound }
                }
                guard let target = antecedent(of: i, gender: pron.gender, sentence: sk, persons: persons ?? []) else {
                    continue
                }
                let m = addMention(
                    i..<(i + 1), type: .person, kind: .pronoun, sieve: "pronoun-subject", confidence: 0.6)
                attach(m, to: target, sieve: "pronoun")
                if entities[target].gender == .unknown { entities[target].gender = pron.gender }
            }
        }
    }

    func antecedent(of i: Int, gender: ActorLexicon.Gender, sentence: Int, persons: [Int]) -> Int? {
        var k = sentence
        while k >= 0 && sentence - k <= 2 {
            let candidates = persons.filter { m in
                mentions[m].sentence == k && (mentions[m].tokens.upperBound <= i || k < sentence)
            }
            let compatible = candidates.filter { m in
                let g = entities[mentions[m].entity].gender
                return g == .unknown || g == gender
            }
            let subjects = compatible.filter { m in
                let a = mentions[m].tokens.lowerBound
                return a == 0 || !ActorWords.prepositions.contains(hashes[a - 1])
            }
            if let m = subjects.first ?? compatible.first { return mentions[m].entity }
            k -= 1
        }
        return nil
    }
}
