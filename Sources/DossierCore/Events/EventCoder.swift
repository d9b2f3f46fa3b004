/// The events stage: who did what to whom, coded in CAMEO (with PLOVER, quad class and Goldstein value).
///
/// For every clause of the article text, its predicate (a verb, or an event noun such as "meeting" or
/// "sanctions") is looked up in the project's patterns (``EventLexicon``); the source is the subject's actor, the
/// target the actor of the object or of the pattern's preposition. Passives, coordination, complements of
/// intent/threat/refusal/appeal verbs, negation and modality are handled as docs/events.md describes. An event
/// needs two actors (entities with a country or a CAMEO actor code) of different countries, or different sectors
/// of one country. The same act told twice (same source, target, root and date) is one event with two pieces of
/// evidence.
public struct EventCoder: Stage {
    public let name = "events"
    public let requires: Set<Layer> = [.tokens, .sentences, .syntax, .entities, .timexes, .places]
    public let produces: Set<Layer> = [.events]
    public let lexicon: EventLexicon
    public let codebook: CAMEOCodebook

    public init(lexicon: EventLexicon, codebook: CAMEOCodebook) {
        self.lexicon = lexicon
        self.codebook = codebook
    }

    /// The stage with the bundled patterns and codebook.
    public static func standard() throws(DossierError) -> EventCoder {
        try EventCoder(lexicon: EventLexicon.bundled(), codebook: CAMEOCodebook.bundled())
    }

    public func apply(to document: inout Document) throws(DossierError) {
        guard document.syntax != nil else {
            document.events = []
            return
        }
        var scan = EventScan(document: document, lexicon: lexicon, codebook: codebook)
        scan.run()
        document.events = EventCoder.merge(scan.events, in: document)
    }

    /// One event per act: events with the same source, target, root and date become one, with the evidence of
    /// each mention; an event whose side is an unnamed group ("a top Chinese official") joins one whose side
    /// is a named actor of the same country in the same act.
    static func merge(_ events: [Event], in doc: Document) -> [Event] {
        func named(_ e: Int32?) -> Bool {
            guard let e else { return false }
            return doc.entities[Int(e)].mentions.contains { doc.mentions[Int($0)].kind == .name }
        }
        func country(_ e: Int32?) -> String? {
            guard let e else { return nil }
            let x = doc.entities[Int(e)]
            return x.country ?? x.code.map { String($0.prefix(3)) }
        }
        func same(_ a: Int32?, _ b: Int32?) -> Bool {
            if a == b { return true }
            if named(a) && named(b) { return false }
            return country(a) != nil && country(a) == country(b)
        }
        var out: [Event] = []
        for e in events {
            if let k = out.firstIndex(where: {
                $0.root == e.root && $0.date == e.date && same($0.source, e.source) && same($0.target, e.target)
            }) {
                var m = out[k]
                m.evidence += e.evidence
                if m.place == nil { m.place = e.place }
                if !named(m.source) && named(e.source) { (m.source, m.sourceCode) = (e.source, e.sourceCode) }
                if !named(m.target) && named(e.target) { (m.target, m.targetCode) = (e.target, e.targetCode) }
                if e.provenance.confidence > m.provenance.confidence {
                    m.provenance.confidence = e.provenance.confidence
                }
                out[k] = m
            } else {
                out.append(e)
            }
        }
        return out
    }
}
