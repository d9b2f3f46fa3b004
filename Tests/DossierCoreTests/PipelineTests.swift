import DossierCore
import Testing

@Suite("Pipeline")
struct PipelineTests {
    @Test("a stage whose requirements come later is refused when the pipeline is built")
    func order() throws {
        let splitter = try SentenceSplitter()
        #expect(throws: DossierError.self) { try Pipeline([splitter, try Tokenizer()]) }
        do {
            _ = try Pipeline([splitter])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .pipelineOrder)
            #expect(error.description.contains("sentences"))
            #expect(error.description.contains("tokens"))
        }
    }

    @Test("the standard pipeline runs its stages in order and records the layers")
    func standard() throws {
        let pipeline = try Pipeline.standard()
        #expect(
            pipeline.stageNames == [
                "tokenizer", "sentences", "boilerplate", "syntax", "names", "actors", "time", "places", "quotes",
                "events",
            ])
        let doc = try pipeline.run(Article(title: nil, text: "One sentence.", source: "t"))
        #expect(
            doc.layers == [
                .text, .tokens, .sentences, .ignored, .syntax, .names, .entities, .timexes, .places, .quotes, .events,
            ])
        // Fact tables that no stage fills yet stay empty.
        #expect(doc.mentions.isEmpty && doc.entities.isEmpty && doc.quotes.isEmpty)
        #expect(doc.events.isEmpty)
    }

    @Test("errors are one line naming the input, with a stable code")
    func errorFormat() {
        let e = DossierError(.malformedJSON, "malformed JSON line: bad", input: "feed.jsonl", line: 7)
        #expect(e.description == "feed.jsonl:7: malformed JSON line: bad [E004]")
        #expect(!e.description.contains("\n"))
    }
}

@Suite("BoilerplateDetector")
struct BoilerplateTests {
    @Test("related-article links and share prompts are ignored, with their tokens and sentences")
    func ignores() throws {
        let text = """
            Envoys Meet
            The envoys met on Friday in Lagos.
            Also read: Ten Things To Know About The Summit
            Share this article
            Advertisement
            The talks continue next week.
            """
        let doc = try analyze(text, title: "Envoys Meet", titleRange: 0..<11)
        let ignored = doc.ignored.map { doc.string($0.span.range) }
        #expect(ignored == ["Also read: Ten Things To Know About The Summit", "Share this article", "Advertisement"])
        #expect(doc.ignored.map(\.reason) == ["related-link", "share", "advertisement"])
        let kept = doc.sentences.filter { !$0.flags.contains(.ignored) }.count
        #expect(kept == 3)
        let flagged = doc.tokens.filter { $0.flags.contains(.ignored) }.map { doc.string(of: $0) }
        #expect(flagged.first == "Also")
        #expect(!flagged.contains("talks"))
    }

    @Test("the same words inside a paragraph, or as the title, are article text")
    func keeps() throws {
        let text = "Read more: the title\nOfficials said readers should also read: the report.\nRelated: fine."
        let doc = try analyze(text, title: "Read more: the title", titleRange: 0..<20)
        #expect(doc.ignored.map { doc.string($0.span.range) } == ["Related: fine."])
    }
}
