import Foundation

/// Finds the places an article names and resolves each to a gazetteer entry with coordinates.
///
/// 1. **Spans**: in every sentence that is article text, the longest run of tokens from a capitalized word whose
///    folded form is a gazetteer name ("Taiwan Strait", "New York", "Washington, D.C.").
/// 2. **Place or actor**: a name right after a locative word ("in Davos", "back in Washington", "across the Taiwan
///    Strait") is a place; a name right before a word of speech or action ("Washington views", "China has") or after
///    "by" ("claimed by Beijing") is an actor (metonymy), left to the actors stage. An entry becomes a place when
///    the article uses it as one at least once (a locative mention); seas and regions, which do not act, always are.
///    Its other mentions that do not act are listed with it. A name inside a longer capitalized name ("United
///    States Congress", "Michael Jordan") or inside a person, organization or nationality found by the names stage
///    is no place. The words are the lexicon `places/cues.tsv`.
/// 3. **Resolution**: each candidate entry scores by population (log), kind (a country over a division of the same
///    name, a city over its state), the countries the article names, and "Paris, Texas" apposition; the confidence is
///    the logistic of the margin over the runner-up.
public struct PlaceResolver: Stage {
    public let name = "places"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public let produces: Set<Layer> = [.places]
    public let gazetteer: PlaceGazetteer
    let locative: Set<UInt64>
    let actorAfter: Set<UInt64>
    let actorBefore: Set<UInt64>
    /// ISO3 -> the country's name, for apposition ("Paris, France").
    let countryNames: [String: String]
    static let the = StableHash.hash("the")
    static let comma = StableHash.hash(",")
    /// The longest place name, in tokens.
    static let maxTokens = 6

    public init(gazetteer: PlaceGazetteer, cues: [[Substring]]) {
        self.gazetteer = gazetteer
        var l = Set<UInt64>()
        var a = Set<UInt64>()
        var b = Set<UInt64>()
        for row in cues where row.count >= 2 {
            let h = StableHash.hash(String(row[1]))
            switch row[0] {
            case "locative": l.insert(h)
            case "actor-after": a.insert(h)
            case "actor-before": b.insert(h)
            default: break
            }
        }
        locative = l
        actorAfter = a
        actorBefore = b
        var names: [String: String] = [:]
        for e in gazetteer.entries where e.isCountry {
            if let c = e.country { names[c] = e.name }
        }
        countryNames = names
    }

    /// The resolver with the engine's gazetteer and cue lexicon.
    public static func standard() throws(DossierError) -> PlaceResolver {
        try PlaceResolver(gazetteer: PlaceGazetteer.standard(), cues: LexiconFile.rows("cues.tsv", directory: "places"))
    }

    /// A span of tokens that names a gazetteer entry.
    struct Span {
        var first: Int
        var end: Int
        var candidates: ArraySlice<Int32>
        var role: Role
    }

    enum Role { case locative, actor, neutral }

    public func apply(to document: inout Document) throws(DossierError) {
        let spans = findSpans(document)
        guard !spans.isEmpty else { return }
        // Countries the article names: context for resolving the rest.
        var countries = Set<String>()
        for s in spans {
            for c in s.candidates where gazetteer.entries[Int(c)].isCountry {
                if let iso = gazetteer.entries[Int(c)].country { countries.insert(iso) }
            }
        }
        for e in document.entities { if let c = e.country { countries.insert(c) } }
        // Resolve every span, then keep the entries that the article uses as places at least once: a feature
        // (seas and regions do not act), or any entry with a locative mention.
        var resolved: [(span: Span, entry: Int32, confidence: Double, rule: String)] = []
        var locativeEntries = Set<Int32>()
        var consumed = Set<Int>()
        for (k, s) in spans.enumerated() where s.role != .actor && !consumed.contains(k) {
            guard let (best, confidence, rule) = resolve(s, document, countries) else { continue }
            resolved.append((s, best, confidence, rule))
            // "Paris, Texas" and "Kharkiv, Ukraine's second city": the state or country after the comma
            // describes the city; it is not a place of its own here.
            if k + 1 < spans.count, spans[k + 1].first == s.end + 1,
                document.interner.hash(of: document.tokens[s.end].lower) == Self.comma
            {
                let entry = gazetteer.entries[Int(best)]
                let next = spans[k + 1].candidates.map { gazetteer.entries[Int($0)] }
                if next.contains(where: {
                    ($0.isAdmin1 && $0.name == entry.admin1) || ($0.isCountry && $0.country == entry.country)
                }) {
                    consumed.insert(k + 1)
                }
            }
            if s.role == .locative || gazetteer.entries[Int(best)].isFeature { locativeEntries.insert(best) }
        }
        var byEntry: [Int32: Int] = [:]
        var places: [Place] = []
        for r in resolved where locativeEntries.contains(r.entry) {
            let entry = gazetteer.entries[Int(r.entry)]
            let span = ByteSpan(Int(document.tokens[r.span.first].start)..<Int(document.tokens[r.span.end - 1].end))
            if let k = byEntry[r.entry] {
                places[k].mentions.append(span)
                places[k].provenance.confidence = max(places[k].provenance.confidence, r.confidence)
                continue
            }
            byEntry[r.entry] = places.count
            places.append(
                Place(
                    id: entry.key, name: entry.name, country: entry.country, lat: entry.lat, lon: entry.lon,
                    geonameid: entry.geonameid, featureClass: entry.featureClass, mentions: [span],
                    provenance: Provenance(stage: name, rule: r.rule, confidence: r.confidence)))
        }
        document.places = places
    }

    // MARK: - Spans

    func findSpans(_ doc: Document) -> [Span] {
        var spans: [Span] = []
        let vetoed = vetoRanges(doc)
        for sentence in doc.sentences where !sentence.flags.contains(.ignored) {
            var i = sentence.tokens.lowerBound
            let end = sentence.tokens.upperBound
            while i < end {
                let t = doc.tokens[i]
                guard t.flags.contains(.capitalized), !t.flags.contains(.quote) else {
                    i += 1
                    continue
                }
                // The longest run from i that is a gazetteer name and ends on a word: the folded key's hash is
                // extended token by token, and the scan stops when no name goes on.
                var best: (end: Int, candidates: ArraySlice<Int32>)? = nil
                var h = StableHash.offsetBasis
                var j = i
                while j < end && j - i < Self.maxTokens {
                    let tj = doc.tokens[j]
                    if j > i
                        && (tj.flags.contains(.quote) || tj.flags.contains(.terminal)
                            || tj.flags.contains(.openBracket))
                    {
                        break
                    }
                    let before = h
                    doc.normalized.bytes.withUnsafeBufferPointer { p in
                        for k in tj.range { PlaceGazetteer.foldHash(p[k], &h) }
                    }
                    j += 1
                    // Punctuation folds to nothing and does not end the run.
                    if h == before { continue }
                    let found = gazetteer.lookup(hash: h)
                    if !found.isPrefix { break }
                    if !found.entries.isEmpty { best = (j, found.entries) }
                }
                guard let found = best else {
                    i += 1
                    continue
                }
                var span = Span(first: i, end: found.end, candidates: found.candidates, role: .neutral)
                // A person, organization or nationality of the names stage is no city or country; seas, straits and
                // regions are kept, since the tagger sometimes calls them organizations ("Strait of Hormuz").
                if vetoed.contains(where: { $0.overlaps(span.first..<span.end) }) {
                    span.candidates = span.candidates.filter { gazetteer.entries[Int($0)].isFeature }[...]
                }
                if !span.candidates.isEmpty && !partOfLongerName(span, doc, sentence) {
                    spans.append(withRole(span, doc, sentence, previous: spans.last))
                }
                i = found.end
            }
        }
        return spans
    }

    /// Token ranges of persons, organizations, nationalities and other non-places found by the names stage.
    func vetoRanges(_ doc: Document) -> [Range<Int>] {
        guard doc.layers.contains(.names) else { return [] }
        var out: [Range<Int>] = []
        for m in doc.mentions where m.kind == .name {
            switch m.type {
            case .person, .org, .norp, .misc, .event:
                // Token indices covering the mention.
                let lo = doc.tokens.firstIndex { Int($0.end) > Int(m.span.start) } ?? doc.tokens.count
                var hi = lo
                while hi < doc.tokens.count && Int(doc.tokens[hi].start) < Int(m.span.end) { hi += 1 }
                if hi > lo { out.append(lo..<hi) }
            default:
                break
            }
        }
        return out
    }

    /// A capitalized word right before or after the span makes it part of a longer name.
    func partOfLongerName(_ s: Span, _ doc: Document, _ sentence: Sentence) -> Bool {
        if s.end < sentence.tokens.upperBound {
            let next = doc.tokens[s.end]
            if next.flags.contains(.capitalized) && !next.flags.contains(.title) { return true }
        }
        if s.first > sentence.tokens.lowerBound {
            let prev = doc.tokens[s.first - 1]
            if prev.flags.contains(.capitalized) && !prev.flags.contains(.abbreviation)
                && !locative.contains(doc.interner.hash(of: prev.lower))
            {
                return true
            }
        }
        return false
    }

    func withRole(_ span: Span, _ doc: Document, _ sentence: Sentence, previous: Span?) -> Span {
        var s = span
        var k = s.first - 1
        var sawThe = false
        if k >= sentence.tokens.lowerBound && doc.interner.hash(of: doc.tokens[k].lower) == Self.the {
            sawThe = true
            k -= 1
        }
        if k >= sentence.tokens.lowerBound {
            let h = doc.interner.hash(of: doc.tokens[k].lower)
            if locative.contains(h) {
                s.role = .locative
            } else if actorBefore.contains(h) {
                s.role = .actor
            } else if let p = previous, p.role == .locative, (p.end == k || p.end == k - 1),
                h == Self.comma || h == StableHash.hash("and") || h == StableHash.hash("or")
            {
                // "in Davos and Zurich": coordination keeps the preposition.
                s.role = .locative
            }
        }
        if s.role != .locative && s.end < sentence.tokens.upperBound {
            if actorAfter.contains(doc.interner.hash(of: doc.tokens[s.end].lower)) { s.role = .actor }
        }
        // Cities rarely take an article ("at the White House" is a building, not White House, Tennessee).
        if sawThe {
            s.candidates = s.candidates.filter { gazetteer.entries[Int($0)].featureClass != "P" }[...]
        }
        return s
    }

    // MARK: - Resolution

    /// The best entry for a span, its confidence and the rule that decided.
    func resolve(_ s: Span, _ doc: Document, _ countries: Set<String>) -> (Int32, Double, String)? {
        guard !s.candidates.isEmpty else { return nil }
        let apposition = appositionKey(s, doc)
        var best: (entry: Int32, score: Double, context: Bool, apposition: Bool)? = nil
        var second = -Double.infinity
        for c in s.candidates {
            let (score, context, appositive) = gazetteer.entries.withUnsafeBufferPointer { entries in
                let e = entries[Int(c)]
                var score: Double
                switch e.kind {
                case .feature: score = 7
                case .country: score = log10(Double(e.population) + 10) + 3
                case .division: score = log10(Double(e.population) + 10) - 1.5
                case .city: score = log10(Double(e.population) + 10)
                }
                var context = false
                if e.kind != .country, let iso = e.country, countries.contains(iso) {
                    score += 2
                    context = true
                }
                var appositive = false
                if let a = apposition {
                    var key: [UInt8] = []
                    for name in [e.admin1, countryName(e.country)] {
                        guard var n = name else { continue }
                        n.withUTF8 { PlaceGazetteer.fold($0, into: &key) }
                        if key == a {
                            score += 10
                            appositive = true
                            break
                        }
                    }
                }
                return (score, context, appositive)
            }
            if let b = best, score <= b.score {
                second = max(second, score)
                if score < b.score || c > b.entry { continue }
            }
            if let b = best { second = max(second, b.score) }
            best = (c, score, context, appositive)
        }
        guard let b = best else { return nil }
        let margin = second.isFinite ? b.score - second : 4
        let confidence = 1 / (1 + exp(-margin))
        var rule: String
        switch gazetteer.entries[Int(b.entry)].kind {
        case .feature: rule = "gazetteer:feature"
        case .country: rule = "gazetteer:country"
        case .division: rule = "gazetteer:division"
        case .city: rule = "gazetteer:city"
        }
        if b.context { rule += "+country-context" }
        if b.apposition { rule += "+apposition" }
        if s.role == .locative { rule += "+locative" }
        return (b.entry, (confidence * 1000).rounded() / 1000, rule)
    }

    /// The folded key of "X, Y" where Y follows the span after a comma (the state or country of a city).
    func appositionKey(_ s: Span, _ doc: Document) -> [UInt8]? {
        guard s.end + 1 < doc.tokens.count, doc.interner.hash(of: doc.tokens[s.end].lower) == Self.comma else {
            return nil
        }
        var key: [UInt8] = []
        var piece: [UInt8] = []
        var j = s.end + 1
        while j < doc.tokens.count && j < s.end + 4 && doc.tokens[j].flags.contains(.capitalized) {
            doc.normalized.bytes.withUnsafeBufferPointer { p in
                PlaceGazetteer.fold(UnsafeBufferPointer(rebasing: p[doc.tokens[j].range]), into: &piece)
            }
            key.append(contentsOf: piece)
            j += 1
        }
        return key.isEmpty ? nil : key
    }

    func countryName(_ iso: String?) -> String? {
        guard let iso else { return nil }
        return countryNames[iso]
    }
}
