/// The JSON object `dossier read` prints for one article (output contract v1, see docs/schema.md).
///
/// Built from a finished ``Document``: byte spans of the folded text become Unicode-scalar offsets into
/// ``text``, end exclusive, as Python `str` indices count.
public struct ArticleRecord: Sendable {
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
    }

    public struct Ignored: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var reason: String
    }

    public struct MentionRecord: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var label: String
        public var kind: String
    }

    public struct EntityRecord: Sendable, Hashable {
        public var id: String
        public var name: String
        public var type: String
        public var country: String?
        public var code: String?
        public var roles: [Role]
        public var mentions: [MentionRecord]

    }

    public struct QuoteRecord: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var kind: String
        public var speaker: String?
        public var speakerName: String?
        public var speakerMention: Span?
        public var cue: Span?

    }

    public struct TimexRecord: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var type: String
        public var value: String?

    }

    public struct PlaceRecord: Sendable, Hashable {
        public var id: String
        public var name: String
        public var country: String?
        public var lat: Double
        public var lon: Double
        public var geonameid: Int?
        public var featureClass: String
        public var mentions: [Span]

    }

    public struct EventRecord: Sendable, Hashable {
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
        /// Every mention of the act (the first is `start`/`end`/`trigger`).
        public var evidence: [Evidence]
    }

    /// One mention of an event: its span and trigger, and the rule that coded it.
    public struct Evidence: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var trigger: Span
        public var rule: String
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
                confidence: e.provenance.confidence, rule: e.provenance.rule,
                evidence: e.evidence.map { v in
                    let (a, b) = offsets(v.span)
                    return Evidence(
                        start: a, end: b, text: doc.string(v.span.range), trigger: span(v.trigger), rule: v.rule)
                })
        }
    }
}

// Keys are written in the contract's order; null values are written, not omitted.

extension ArticleRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("title", title)
        w.field("published", published)
        w.field("source", source)
        w.field("url", url)
        w.field("text", text)
        w.field("ignored", ignored)
        w.field("entities", entities)
        w.field("quotes", quotes)
        w.field("timexes", timexes)
        w.field("places", places)
        w.field("events", events)
        w.endObject()
    }
}

extension ArticleRecord.Span: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("start", start)
        w.field("end", end)
        w.field("text", text)
        w.endObject()
    }
}

extension ArticleRecord.Ignored: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("start", start)
        w.field("end", end)
        w.field("reason", reason)
        w.endObject()
    }
}

extension ArticleRecord.MentionRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("start", start)
        w.field("end", end)
        w.field("text", text)
        w.field("label", label)
        w.field("kind", kind)
        w.endObject()
    }
}

extension Role: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("title", title)
        w.field("organization", organization)
        w.field("country", country)
        w.endObject()
    }
}

extension ArticleRecord.EntityRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("name", name)
        w.field("type", type)
        w.field("country", country)
        w.field("code", code)
        w.field("roles", roles)
        w.field("mentions", mentions)
        w.endObject()
    }
}

extension ArticleRecord.QuoteRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("start", start)
        w.field("end", end)
        w.field("text", text)
        w.field("kind", kind)
        w.field("speaker", speaker)
        w.field("speakerName", speakerName)
        w.field("speakerMention", speakerMention)
        w.field("cue", cue)
        w.endObject()
    }
}

extension ArticleRecord.TimexRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("start", start)
        w.field("end", end)
        w.field("text", text)
        w.field("type", type)
        w.field("value", value)
        w.endObject()
    }
}

extension ArticleRecord.PlaceRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("name", name)
        w.field("country", country)
        w.field("lat", lat)
        w.field("lon", lon)
        w.field("geonameid", geonameid)
        w.field("featureClass", featureClass)
        w.field("mentions", mentions)
        w.endObject()
    }
}

extension ArticleRecord.EventRecord: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("code", code)
        w.field("root", root)
        w.field("plover", plover)
        w.field("quadClass", quadClass)
        w.field("goldstein", goldstein)
        w.field("source", source)
        w.field("target", target)
        w.field("sourceCode", sourceCode)
        w.field("targetCode", targetCode)
        w.field("date", date)
        w.field("place", place)
        w.field("start", start)
        w.field("end", end)
        w.field("trigger", trigger)
        w.field("confidence", confidence)
        w.field("rule", rule)
        w.field("evidence", evidence)
        w.endObject()
    }
}

extension ArticleRecord.Evidence: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("start", start)
        w.field("end", end)
        w.field("text", text)
        w.field("trigger", trigger)
        w.field("rule", rule)
        w.endObject()
    }
}

extension ArticleRecord {
    /// The record as JSON: one line, or indented.
    public func json(pretty: Bool = false, depth: Int = 0) -> String {
        var w = JSONWriter(pretty: pretty, depth: depth)
        write(to: &w)
        return w.string
    }
}
