/// Names each speaker with the fullest name the article gives it.
///
/// A stand-in for the actors stage, kept apart so that stage can replace it: a surname alone ("Miller
/// continued") takes the full name that ends with it ("Matthew Miller"); a pronoun takes the last named
/// speaker before it; "the spokesman" takes the one name the article gives that title. Groups stay
/// groups ("US officials"). With the names stage, full names are its person mentions and the speaker
/// is the entity of the mention.
struct SpeakerNames {
    struct FullName {
        var tokens: Range<Int>
        /// Lowercase hash of the last token (the surname).
        var last: UInt64
        /// Lowercase hash of the word before the name (a title such as "spokesman"), or 0.
        var titleBefore: UInt64
        var text: String
        var entity: Int32?
    }

    let scan: QuoteScan
    var fullNames: [FullName] = []
    /// Speakers named so far, by token position.
    var named: [(position: Int, name: String, entity: Int32?)] = []

    init(_ scan: QuoteScan) {
        self.scan = scan
        if scan.hasNames {
            for (k, m) in scan.doc.mentions.enumerated() where m.type == .person && m.kind == .name {
                let r = scan.mentionTokens[k]
                guard r.count >= 2 else { continue }
                add(r, entity: entity(ofMention: k))
            }
        } else {
            var i = 0
            while i < scan.n {
                guard scan.isCapWord(i), scan.isText(i) else {
                    i += 1
                    continue
                }
                var e = i
                while e < scan.n && scan.isCapWord(e) && (e == i || !scan.flags(e).contains(.newlineBefore)) { e += 1 }
                var s = i
                while s < e && (scan.classes(s).contains(.stop) || scan.classes(s).contains(.title)) { s += 1 }
                if e - s >= 2 && e - s <= 4 { add(s..<e, entity: nil) }
                i = e
            }
        }
    }

    mutating func add(_ r: Range<Int>, entity: Int32?) {
        let before = r.lowerBound > 0 ? scan.lower[r.lowerBound - 1] : 0
        fullNames.append(
            FullName(
                tokens: r, last: scan.lower[r.upperBound - 1], titleBefore: before, text: scan.text(r), entity: entity))
    }

    /// The entity of a mention: its own link, or the entity that lists it.
    func entity(ofMention k: Int) -> Int32? {
        let doc = scan.doc
        if let e = doc.mentions[k].entity { return e }
        guard doc.layers.contains(.entities) || doc.layers.contains(.names) else { return nil }
        for (j, e) in doc.entities.enumerated() where e.mentions.contains(Int32(k)) { return Int32(j) }
        return nil
    }

    /// The entity and name of a speaker phrase at token `position`, and how the name was found.
    mutating func resolve(_ p: SpeakerPhrase, at position: Int) -> (entity: Int32?, name: String, how: String?) {
        if p.range.count == 1 && scan.lower[p.range.lowerBound] == QuoteScan.it {
            // "It said ...": the organization named last, in this sentence or the one before.
            if let org = organization(before: p.range.lowerBound) { return (org.entity, org.name, "it") }
            return (nil, scan.text(p.range), nil)
        }
        switch p.kind {
        case .name:
            let r = p.name ?? p.range
            var entity: Int32? = nil
            var name = scan.text(r)
            if scan.hasNames, let k = scan.mentionAt[r.lowerBound] as Int32?, k >= 0 {
                entity = self.entity(ofMention: Int(k))
                if let e = entity, Int(e) < scan.doc.entities.count { name = scan.doc.entities[Int(e)].name }
            }
            var how: String? = nil
            if r.count == 1, let full = fullName(endingWith: scan.lower[r.lowerBound], near: position) {
                name = full.text
                entity = full.entity ?? entity
                how = "surname"
            }
            named.append((position, name, entity))
            return (entity, name, how)
        case .pronoun:
            if let last = named.filter({ $0.position < position }).max(by: { $0.position < $1.position }) {
                return (last.entity, last.name, "pronoun")
            }
            // No speaker named yet: the last full name before the pronoun.
            if let full = fullNames.last(where: { $0.tokens.upperBound <= p.range.lowerBound }) {
                return (full.entity, full.text, "pronoun")
            }
            return (nil, scan.text(p.range), nil)
        case .nominal:
            let head = scan.lower[p.range.upperBound - 1]
            let titled = fullNames.filter { $0.titleBefore == head }
            let distinct = Set(titled.map(\.text))
            if distinct.count == 1, let only = titled.first {
                return (only.entity, only.text, "title")
            }
            return (nil, scan.text(p.range), nil)
        case .group:
            return (nil, scan.text(p.range), nil)
        }
    }

    /// The latest organization name mentioned before token `t`, in its sentence or the one before.
    func organization(before t: Int) -> (entity: Int32?, name: String)? {
        guard scan.hasNames else { return nil }
        let sentence = scan.sentenceOf[t]
        var best: Int? = nil
        for (k, m) in scan.doc.mentions.enumerated() where m.type == .org && m.kind == .name {
            let r = scan.mentionTokens[k]
            guard !r.isEmpty, r.upperBound <= t, scan.sentenceOf[r.lowerBound] >= sentence - 1 else { continue }
            if let b = best, scan.mentionTokens[b].lowerBound >= r.lowerBound { continue }
            best = k
        }
        guard let k = best else { return nil }
        let entity = self.entity(ofMention: k)
        if let e = entity, Int(e) < scan.doc.entities.count { return (entity, scan.doc.entities[Int(e)].name) }
        return (entity, scan.text(scan.mentionTokens[k]))
    }

    /// The full name whose surname is `last`: the latest before `position`, else the first after it.
    func fullName(endingWith last: UInt64, near position: Int) -> FullName? {
        var best: FullName? = nil
        for f in fullNames where f.last == last {
            if f.tokens.lowerBound < position {
                best = f
            } else if best == nil {
                return f
            }
        }
        return best
    }
}
