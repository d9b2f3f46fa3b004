import DossierCore
import Foundation
import Testing

/// A document tokenized and split, with name mentions filled by hand as the names stage would.
func documentWithMentions(
    _ text: String, mentions: [(String, EntityType, occurrence: Int)], linkSurnames: Bool
) throws -> Document {
    var doc = Document(article: Article(title: nil, text: text, source: "test"))
    try Tokenizer().apply(to: &doc)
    doc.layers.insert(.tokens)
    try SentenceSplitter().apply(to: &doc)
    doc.layers.insert(.sentences)
    let bytes = Array(text.utf8)
    for (surface, type, occurrence) in mentions {
        let needle = Array(surface.utf8)
        var seen = 0
        var at: Int? = nil
        var i = 0
        while i + needle.count <= bytes.count {
            if Array(bytes[i..<i + needle.count]) == needle {
                if seen == occurrence {
                    at = i
                    break
                }
                seen += 1
            }
            i += 1
        }
        guard let start = at else { throw DossierError(.usage, "no '\(surface)' in the text") }
        let k = Int32(doc.mentions.count)
        doc.mentions.append(
            Mention(
                span: ByteSpan(start..<start + needle.count), type: type, kind: .name, entity: k,
                provenance: Provenance(stage: "test", rule: "hand", confidence: 1)))
        doc.entities.append(
            Entity(
                id: "e\(k)", name: surface, type: type, mentions: [k],
                provenance: Provenance(stage: "test", rule: "hand", confidence: 1)))
    }
    if linkSurnames {
        // As the actors stage will: "Alder" joins the entity of "Ruth Alder".
        for (k, m) in doc.mentions.enumerated() where doc.entities[k].name == "Alder" {
            _ = m
            doc.mentions[k].entity = 0
        }
        doc.layers.insert(.entities)
    }
    doc.layers.insert(.names)
    try QuoteFinder.standard().apply(to: &doc)
    return doc
}

@Suite("QuoteFinder with name mentions")
struct QuoteSpeakerTests {
    let text = """
        Central bank economist Ruth Alder spoke in Riga on Tuesday.

        “Exports will recover by the autumn,” Alder said.
        """

    @Test("a names-stage mention (one entity per mention) names the speaker; the surname takes the full name's entity")
    func nerMentions() throws {
        let doc = try documentWithMentions(
            text, mentions: [("Ruth Alder", .person, 0), ("Riga", .gpe, 0), ("Alder", .person, 1)],
            linkSurnames: false)
        let q = found(doc)
        #expect(q.count == 1)
        #expect(q.first?.speakerName == "Ruth Alder")
        #expect(q.first?.mention == "Alder")
        #expect(q.first?.speaker == 0)
    }

    @Test("mentions linked to one entity: the speaker is that entity, named by it")
    func linked() throws {
        let doc = try documentWithMentions(
            text, mentions: [("Ruth Alder", .person, 0), ("Riga", .gpe, 0), ("Alder", .person, 1)],
            linkSurnames: true)
        let q = found(doc)
        #expect(q.first?.speaker == 0)
        #expect(q.first?.speakerName == "Ruth Alder")
        let record = ArticleRecord(doc)
        #expect(record.quotes.first?.speaker == "e0")
    }

    @Test("a mention that the capitalization rules would cut short is taken whole")
    func mentionWins() throws {
        let t = "“Rates stay where they are,” said Ruth van der Berg."
        let doc = try documentWithMentions(t, mentions: [("Ruth van der Berg", .person, 0)], linkSurnames: false)
        let q = found(doc)
        #expect(q.first?.speakerName == "Ruth van der Berg")
        #expect(q.first?.speaker == 0)
    }
}

@Suite("QuoteLexicon")
struct QuoteLexiconTests {
    @Test("the engine's lexicon loads, with cue classes")
    func standard() throws {
        let lex = try QuoteLexicon.standard()
        #expect(lex.cues[StableHash.hash("said")]?.cueClass == .speech)
        #expect(lex.cues[StableHash.hash("said")]?.lemma == "say")
        #expect(lex.cues[StableHash.hash("continued")]?.cueClass == .continuation)
        #expect(lex.words[StableHash.hash("officials")]?.contains(.group) == true)
        #expect(lex.words[StableHash.hash("spokesman")]?.contains(.title) == true)
    }

    @Test("a malformed line is an error naming the file")
    func malformed() {
        #expect(throws: DossierError.self) { try QuoteLexicon(cues: "say\tnonsense\tsaid", words: "", sources: "") }
        do {
            _ = try QuoteLexicon(cues: "", words: "he\tunknown-class", sources: "")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .resource)
            #expect(error.description.contains("words.tsv"))
        }
    }
}

@Suite("PolNeAR reader and quote scorer")
struct QuoteScorerTests {
    // Our own sentence, annotated in PolNeAR's brat format.
    let text = "“We are ready,” said Marta Kowal. Officials said the talks would resume."
    let ann = """
        T1\tContent 0 15\t“We are ready,”
        T2\tCue 16 20\tsaid
        T3\tSource 21 32\tMarta Kowal
        T4\tAttribution 16 20\tsaid
        E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3
        T5\tSource 34 43\tOfficials
        T6\tCue 44 48\tsaid
        T7\tContent 49 72;72 72\tthe talks would resume
        T8\tAttribution 44 48\tsaid
        E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
        T9\tDiscuss 0 2\tWe
        """

    @Test("attributions with their spans, discontinuous ones included")
    func reader() throws {
        let gold = try PolNeARReader.parse(ann: ann, name: "x.ann")
        #expect(gold.count == 2)
        #expect(gold[0].content == [0..<15])
        #expect(gold[0].source == [21..<32])
        #expect(gold[1].content == [49..<72, 72..<72])
        #expect(throws: DossierError.self) { try PolNeARReader.parse(ann: "T1\tContent x y\tz", name: "bad.ann") }
        #expect(throws: DossierError.self) { try PolNeARReader.parse(ann: "no tabs here", name: "bad.ann") }
    }

    @Test("a span whose text covers a line break goes on on the next line")
    func multilineText() throws {
        let twoLines =
            "T1\tContent 0 20\tWe are ready.\nWe go.\nT2\tCue 21 25\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2"
        let gold = try PolNeARReader.parse(ann: twoLines, name: "x.ann")
        #expect(gold.count == 1)
        #expect(gold.first?.content == [0..<20])
    }

    @Test("found quotes that match the gold score 100, exact and overlap")
    func perfect() throws {
        let gold = try PolNeARReader.parse(ann: ann, name: "x.ann")
        let doc = try analyze(text)
        var scorer = QuoteScorer(lexicon: try QuoteLexicon.standard())
        scorer.add(doc, gold: gold)
        for part in QuoteScorer.Part.allCases {
            let c = try #require(scorer.counts[.all]?[part])
            #expect(c.exact.f == 1, "\(part)")
            #expect(c.overlap.f == 1, "\(part)")
        }
        #expect(scorer.goldAttributions[.direct] == 1)
        #expect(scorer.goldAttributions[.indirectSpeech] == 1)
        #expect(scorer.report().contains("indirect speech"))
    }

    @Test("an empty prediction scores zero recall")
    func empty() throws {
        let gold = try PolNeARReader.parse(ann: ann, name: "x.ann")
        var doc = try analyze(text)
        doc.quotes = []
        var scorer = QuoteScorer(lexicon: try QuoteLexicon.standard())
        scorer.add(doc, gold: gold)
        #expect(scorer.counts[.all]?[.content]?.overlap.r == 0)
    }
}

@Suite("QuoteFinder on the seed article")
struct QuoteSeedTests {
    @Test("4 of 4 quotes with the right speaker", .enabled(if: Shared.hasSeed, "needs ../shared/examples/seed"))
    func seed() throws {
        let text = Shared.seedText
        let firstLine = text.utf8.firstIndex(of: UInt8(ascii: "\n")).map {
            text.utf8.distance(from: text.utf8.startIndex, to: $0)
        }
        let doc = try Pipeline.standard().run(
            Article(
                title: "Antony Blinken", text: text, source: "seed.txt", titleRange: firstLine.map { 0..<$0 }))
        let record = ArticleRecord(doc)
        let expected: [(Int, Int, String, String, String)] = [
            (554, 716, "direct", "Matthew Miller", "said"),
            (720, 846, "direct", "Matthew Miller", "continued"),
            (1173, 1236, "indirect", "US officials", "say"),
            (1396, 1549, "direct", "Vedant Patel", "said"),
        ]
        #expect(record.quotes.count == 4)
        for (q, e) in zip(record.quotes, expected) {
            #expect(q.start == e.0 && q.end == e.1, "\(q.text)")
            #expect(q.kind == e.2)
            #expect(q.speakerName == e.3)
            #expect(q.cue?.text == e.4)
        }
        #expect(record.quotes[1].speakerMention?.text == "Miller")
        #expect(record.quotes[1].text.hasPrefix("The Secretary reiterated"))
    }
}
