/// The JSON object `dossier read` prints for one article (output contract v1, see docs/schema.md).
///
/// Built from a finished ``Document``: byte spans of the folded text become Unicode-scalar offsets into
/// ``text``, end exclusive, as Python `str` indices count.
public struct ArticleRecord: Sendable, Encodable {
    public struct Span: Sendable, Encodable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
    }

    public struct Ignored: Sendable, Encodable, Hashable {
        public var start: Int
        public var end: Int
        public var reason: String
    }

    public struct MentionRecord: Sendable, Encodable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var label: String
        public var kind: String
    }

    public struct EntityRecord: Sendable, Encodable, Hashable {
        public var id: String
        public var name: String
        public var type: String
        public var country: String?
        public var code: String?
        public var roles: [Role]
        public var mentions: [MentionRecord]

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(type, forKey: .type)
            try c.encode(country, forKey: .country)
            try c.encode(code, forKey: .code)
            try c.encode(roles, forKey: .roles)
            try c.encode(mentions, forKey: .mentions)
        }
        enum Keys: String, CodingKey { case id, name, type, country, code, roles, mentions }
    }

    public struct QuoteRecord: Sendable, Encodable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var kind: String
        public var speaker: String?
        public var speakerName: String?
        public var speakerMention: Span?
        public var cue: Span?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(text, forKey: .text)
            try c.encode(kind, forKey: .kind)
            try c.encode(speaker, forKey: .speaker)
            try c.encode(speakerName, forKey: .speakerName)
            try c.encode(speakerMention, forKey: .speakerMention)
            try c.encode(cue, forKey: .cue)
        }
        enum Keys: String, CodingKey { case start, end, text, kind, speaker, speakerName, speakerMention, cue }
    }

    public struct TimexRecord: Sendable, Encodable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var type: String
        public var value: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(text, forKey: .text)
            try c.encode(type, forKey: .type)
            try c.encode(value, forKey: .value)
        }
        enum Keys: String, CodingKey { case start, end, text, type, value }
    }

    public struct PlaceRecord: Sendable, Encodable, Hashable {
        public var id: String
        public var name: String
        public var country: String?
        public var lat: Double
        public var lon: Double
        public var geonameid: Int?
        public var featureClass: String
        public var mentions: [Span]

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(country, forKey: .country)
            try c.encode(lat, forKey: .lat)
            try c.encode(lon, forKey: .lon)
            try c.encode(geonameid, forKey: .geonameid)
            try c.encode(featureClass, forKey: .featureClass)
            try c.encode(mentions, forKey: .mentions)
        }
        enum Keys: String, CodingKey { case id, name, country, lat, lon, geonameid, featureClass, mentions }
    }

    public struct EventRecord: Sendable, Encodable, Hashable {
        public var code: String
        public var root: String
        public var plover: String?
        public var quadClass: Int
        public var goldstein: Double
        public var source: String?
        public var target: String?
        public var sourceCode: String?
        public var targetCode: String?
        public var date: String?
        public var place: String?
        public var start: Int
        public var end: Int
        public var trigger: Span
        public var confidence: Double
        public var rule: String

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(code, forKey: .code)
            try c.encode(root, forKey: .root)
            try c.encode(plover, forKey: .plover)
            try c.encode(quadClass, forKey: .quadClass)
            try c.encode(goldstein, forKey: .goldstein)
            try c.encode(source, forKey: .source)
            try c.encode(target, forKey: .target)
            try c.encode(sourceCode, forKey: .sourceCode)
            try c.encode(targetCode, forKey: .targetCode)
            try c.encode(date, forKey: .date)
            try c.encode(place, forKey: .place)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(trigger, forKey: .trigger)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(rule, forKey: .rule)
        }
        enum Keys: String, CodingKey {
            case code, root, plover, quadClass, goldstein, source, target, sourceCode, targetCode, date, place, start,
                end, trigger, confidence, rule
        }
    }

    public var id: String
    public var title: String?
    public var published: String?
    public var source: String
    public var url: String?
    public var text: String
    public var ignored: [Ignored]
    public var entities: [EntityRecord]
    public var quotes: [QuoteRecord]
    public var timexes: [TimexRecord]
    public var places: [PlaceRecord]
    public var events: [EventRecord]

    enum Keys: String, CodingKey {
        case id, title, published, source, url, text, ignored, entities, quotes, timexes, places, events
    }

    /// Keys in the contract's order; null values are written, not omitted.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(published, forKey: .published)
        try c.encode(source, forKey: .source)
        try c.encode(url, forKey: .url)
        try c.encode(text, forKey: .text)
        try c.encode(ignored, forKey: .ignored)
        try c.encode(entities, forKey: .entities)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(timexes, forKey: .timexes)
        try c.encode(places, forKey: .places)
        try c.encode(events, forKey: .events)
    }
}

extension ArticleRecord {
    /// The record of a finished document.
    public init(_ doc: Document) {
        let scalars = ScalarOffsets(doc.article.text)
        func offsets(_ s: ByteSpan) -> (Int, Int) {
            let r = doc.normalized.originalRange(s.range)
            return (scalars.scalar(r.lowerBound), scalars.scalar(r.upperBound))
        }
        func span(_ s: ByteSpan) -> Span {
            let (a, b) = offsets(s)
            return Span(start: a, end: b, text: doc.string(s.range))
        }
        id = doc.article.id
        title = doc.article.title
        published = doc.article.published?.description
        source = doc.article.source
        url = doc.article.url
        text = doc.article.text
        ignored = doc.ignored.map {
            let (a, b) = offsets($0.span)
            return Ignored(start: a, end: b, reason: $0.reason)
        }
        entities = doc.entities.map { e in
            EntityRecord(
                id: e.id, name: e.name, type: e.type.rawValue, country: e.country, code: e.code, roles: e.roles,
                mentions: e.mentions.map { k in
                    let m = doc.mentions[Int(k)]
                    let (a, b) = offsets(m.span)
                    return MentionRecord(
                        start: a, end: b, text: doc.string(m.span.range), label: m.type.rawValue, kind: m.kind.rawValue)
                })
        }
        quotes = doc.quotes.map { q in
            let (a, b) = offsets(q.span)
            return QuoteRecord(
                start: a, end: b, text: doc.string(q.span.range), kind: q.kind.rawValue,
                speaker: q.speaker.map { doc.entities[Int($0)].id }, speakerName: q.speakerName,
                speakerMention: q.speakerMention.map(span), cue: q.cue.map(span))
        }
        timexes = doc.timexes.map { t in
            let (a, b) = offsets(t.span)
            return TimexRecord(start: a, end: b, text: doc.string(t.span.range), type: t.type.rawValue, value: t.value)
        }
        places = doc.places.map { p in
            PlaceRecord(
                id: p.id, name: p.name, country: p.country, lat: p.lat, lon: p.lon, geonameid: p.geonameid,
                featureClass: p.featureClass, mentions: p.mentions.map(span))
        }
        events = doc.events.map { e in
            let (a, b) = offsets(e.span)
            return EventRecord(
                code: e.code, root: e.root, plover: e.plover, quadClass: e.quadClass, goldstein: e.goldstein,
                source: e.source.map { doc.entities[Int($0)].id }, target: e.target.map { doc.entities[Int($0)].id },
                sourceCode: e.sourceCode, targetCode: e.targetCode, date: e.date,
                place: e.place.map { doc.places[Int($0)].id }, start: a, end: b, trigger: span(e.trigger),
                confidence: e.provenance.confidence, rule: e.provenance.rule)
        }
    }
}
