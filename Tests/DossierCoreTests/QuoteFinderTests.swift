import DossierCore
import Foundation
import Testing

/// A found quote as strings, for comparing with expectations written inline.
struct FoundQuote: CustomStringConvertible {
    var text: String
    var kind: QuoteKind
    var speakerName: String?
    var mention: String?
    var cue: String?
    var rule: String
    var speaker: Int32?

    var description: String {
        "\(kind.rawValue) [\(speakerName ?? "-")] (\(mention ?? "-")) <\(cue ?? "-")> \(rule): \(text)"
    }
}

/// The quotes the standard pipeline finds in a text (the first line is a title only when `title` is set).
func findQuotes(_ text: String) throws -> [FoundQuote] {
    let doc = try analyze(text)
    return found(doc)
}

/// The quotes found by the standard pipeline without its syntax stage (the word sieves alone).
func findQuotesWithoutSyntax(_ text: String) throws -> [FoundQuote] {
    let pipeline = try Pipeline(try Pipeline.standard().stages.filter { $0.name != "syntax" && $0.name != "events" })
    return found(try pipeline.run(Article(title: nil, text: text, source: "test")))
}

func found(_ doc: Document) -> [FoundQuote] {
    doc.quotes.map { q in
        FoundQuote(
            text: doc.string(q.span.range), kind: q.kind, speakerName: q.speakerName,
            mention: q.speakerMention.map { doc.string($0.range) }, cue: q.cue.map { doc.string($0.range) },
            rule: q.provenance.rule, speaker: q.speaker)
    }
}

@Suite("QuoteFinder: direct quotes")
struct QuoteFinderDirectTests {
    @Test("a cue before the quote, with a colon: the speaker's titles are kept in the mention")
    func cueBefore() throws {
        let q = try findQuotes("Finance Minister Ilse Varga said: “The budget will be balanced by spring.”")
        #expect(q.count == 1)
        #expect(q.first?.text == "The budget will be balanced by spring.")
        #expect(q.first?.kind == .direct)
        #expect(q.first?.speakerName == "Ilse Varga")
        #expect(q.first?.mention == "Finance Minister Ilse Varga")
        #expect(q.first?.cue == "said")
        #expect(q.first?.rule == "quotes:cue-before")
    }

    @Test("a cue the tagger may read as a plural noun ('notes', 'claims') is a verb after the quote and its speaker")
    func nounLikeCue() throws {
        let a = try findQuotes("Headline\n\n“The ferries have nowhere to go,” Dekker notes.")
        #expect(a.first?.mention == "Dekker")
        #expect(a.first?.cue == "notes")
        let b = try findQuotes(
            "Headline\n\n“The harbour will close soon. The ferries have nowhere to go,” Dekker notes.")
        #expect(b.first?.mention == "Dekker")
        // A noun after a quote and a determiner stays a noun.
        let c = try findQuotes("Headline\n\nShe read out “The Ferry Song” and the notes.")
        #expect(!c.contains { $0.cue == "notes" })
    }

    @Test("a cue after the quote; a surname takes the full name given earlier")
    func cueAfterSurname() throws {
        let text = """
            Ilse Varga presented the budget on Monday.

            “It will be balanced by spring,” Varga said.
            """
        let q = try findQuotes(text)
        #expect(q.count == 1)
        #expect(q.first?.text == "It will be balanced by spring")
        #expect(q.first?.speakerName == "Ilse Varga")
        #expect(q.first?.mention == "Varga")
        #expect(q.first?.rule == "quotes:cue-after+surname")
    }

    @Test("inverted order: said, then the speaker with an appositive")
    func inverted() throws {
        let q = try findQuotes("“We have no plans to raise taxes,” said Tomas Berg, a spokesman for the party.")
        #expect(q.count == 1)
        #expect(q.first?.speakerName == "Tomas Berg")
        #expect(q.first?.mention == "Tomas Berg, a spokesman for the party")
        #expect(q.first?.rule == "quotes:cue-inverted")
    }

    @Test("X continued after the quote, punctuation outside the marks")
    func continued() throws {
        let text = """
            In a briefing, port authority chief Anna Roos said, “Cargo volumes rose again”.
            “The new cranes helped a great deal”, Roos continued.
            """
        let q = try findQuotes(text)
        #expect(q.map(\.text) == ["Cargo volumes rose again", "The new cranes helped a great deal"])
        #expect(q.map(\.speakerName) == ["Anna Roos", "Anna Roos"])
        #expect(q.map(\.cue) == ["said", "continued"])
        #expect(q.last?.rule == "quotes:continuation+surname")
    }

    @Test("a run of quote paragraphs keeps the speaker of the first")
    func run() throws {
        let text = """
            Farm union leader Piet Dekker said, “Prices are too low.”

            “We cannot plant at a loss.”

            “The ministry must act before the summer.”
            """
        let q = try findQuotes(text)
        #expect(q.count == 3)
        #expect(q.map(\.speakerName) == ["Piet Dekker", "Piet Dekker", "Piet Dekker"])
        #expect(q.dropFirst().map(\.rule) == ["quotes:run", "quotes:run"])
        // The cue that introduced the run reports every quote of it.
        #expect(q.map(\.cue) == ["said", "said", "said"])
    }

    @Test("the paragraph's subject speaks when no cue does")
    func paragraphSubject() throws {
        let text = """
            The union met Piet Dekker in the morning.

            Dekker was blunt. “Nobody listens to farmers any more.”
            """
        let q = try findQuotes(text)
        #expect(q.count == 1)
        #expect(q.first?.speakerName == "Piet Dekker")
        #expect(q.first?.rule.hasPrefix("quotes:paragraph-subject") == true)
    }

    @Test("a name and a colon before the quote, as in digests")
    func colonName() throws {
        let q = try findQuotes("HARBOUR VOLUMES FALL - Jeffrey Jones: “Volumes will fall again in the winter.”")
        #expect(q.first?.speakerName == "Jeffrey Jones")
        #expect(q.first?.rule == "quotes:colon-name")
    }

    @Test("an interrupted quote: both halves share the speaker and the cue")
    func interrupted() throws {
        let q = try findQuotes("“We waited,” said Lena Park, “and nothing happened.”")
        #expect(q.map(\.text) == ["We waited", "and nothing happened."])
        #expect(q.map(\.speakerName) == ["Lena Park", "Lena Park"])
        #expect(q.map(\.cue) == ["said", "said"])
    }

    @Test("a pronoun takes the last named person")
    func pronoun() throws {
        let text = "Marta Kowal arrived late at the hearing. “We are ready,” she said."
        let q = try findQuotes(text)
        #expect(q.count == 1)
        #expect(q.first?.mention == "she")
        #expect(q.first?.speakerName == "Marta Kowal")
        #expect(q.first?.rule == "quotes:cue-after+pronoun")
    }

    @Test(
        "every quote style: straight, curly, guillemets, TeX",
        arguments: [
            "\"We are ready,\" said Marta Kowal.",
            "“We are ready,” said Marta Kowal.",
            "«We are ready», said Marta Kowal.",
            "``We are ready,'' said Marta Kowal.",
        ])
    func styles(_ text: String) throws {
        let q = try findQuotes(text)
        #expect(q.count == 1)
        #expect(q.first?.text == "We are ready")
        #expect(q.first?.speakerName == "Marta Kowal")
    }

    @Test("a quote over several paragraphs: an opening mark on each, a closing one on the last")
    func multiParagraph() throws {
        let text = """
            Ortega said: “The first part of the plan is ready.

            “The second part needs more work.

            “The third will wait for the budget.”

            The talks end on Friday.
            """
        let q = try findQuotes(text)
        #expect(q.count == 1)
        #expect(q.first?.text.hasPrefix("The first part") == true)
        #expect(q.first?.text.hasSuffix("wait for the budget.") == true)
        #expect(q.first?.text.contains("Friday") == false)
        #expect(q.first?.speakerName == "Ortega")
    }

    @Test("single quotes inside a quote are part of it, not a quote of their own")
    func nested() throws {
        let q = try findQuotes("“They told us ‘wait another year’, and we waited,” said Lena Park.")
        #expect(q.count == 1)
        #expect(q.first?.text == "They told us ‘wait another year’, and we waited")
        #expect(q.first?.speakerName == "Lena Park")
    }

    @Test("single quotes as the main marks, British style")
    func britishSingle() throws {
        let q = try findQuotes("‘The line will open in June,’ said Lena Park.")
        #expect(q.first?.text == "The line will open in June")
        #expect(q.first?.speakerName == "Lena Park")
    }
}

@Suite("QuoteFinder: traps")
struct QuoteFinderTrapTests {
    @Test("a quote with no speaker is kept, with no speaker")
    func noSpeaker() throws {
        let q = try findQuotes("“Nobody here wants another war.”\n\nThe market reopened on Tuesday.")
        #expect(q.count == 1)
        #expect(q.first?.speakerName == nil)
        #expect(q.first?.mention == nil)
        #expect(q.first?.rule == "quotes:no-speaker")
    }

    @Test(
        "titles and headlines in quote marks are not quotes",
        arguments: [
            "The newspaper ran the headline “Harbour Deal Falls Apart” on Monday.",
            "Her new book, “Winter In The Capital”, sold well in the autumn.",
            "The film was titled “A Long Night” and opened in March.",
        ])
    func titles(_ text: String) throws {
        #expect(try findQuotes(text).isEmpty)
    }

    @Test("scare quotes are not quotes")
    func scare() throws {
        #expect(try findQuotes("The so-called “peace plan” was rejected by both sides.").isEmpty)
        #expect(try findQuotes("Critics mocked the “reform” as a rebranding of the old tax.").isEmpty)
    }

    @Test("an unbalanced mark never swallows the next paragraphs")
    func unbalanced() throws {
        let text = """
            “We will win this vote, the mayor told the crowd.

            The next paragraph is narration about the weather and the markets.

            Another paragraph follows with more narration.
            """
        let q = try findQuotes(text)
        #expect(q.allSatisfy { !$0.text.contains("weather") && !$0.text.contains("narration") })
        let open = try findQuotes(
            "Officials said “the bridge is safe.\n\nTraffic resumed at noon and the weather held.")
        #expect(open.allSatisfy { !$0.text.contains("weather") })
    }

    @Test("groups and anonymous sources stay groups")
    func groups() throws {
        let text = """
            Lena Park met the delegation on Friday.

            Two senior officials said the agreement was close.
            """
        let q = try findQuotes(text)
        #expect(q.count == 1)
        #expect(q.first?.speakerName == "Two senior officials")
        #expect(q.first?.speaker == nil)
    }

    @Test("every quote's offsets point at its text, which has no quote marks at its ends")
    func fidelity() throws {
        let text = """
            Ortega said: “The first part is ready.” Officials said on Friday that talks would resume.
            “We are ready,” said Marta Kowal. «Nothing changes», the ministry said.
            """
        let doc = try analyze(text)
        #expect(doc.quotes.count == 4)
        let scalars = Array(text.unicodeScalars)
        let record = ArticleRecord(doc)
        for q in record.quotes {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[q.start..<q.end])
            #expect(String(view) == q.text)
            #expect(!q.text.hasPrefix("“") && !q.text.hasSuffix("”") && !q.text.hasPrefix("\""))
            if let m = q.speakerMention {
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[m.start..<m.end])
                #expect(String(v) == m.text)
            }
        }
    }
}

@Suite("QuoteFinder: indirect and mixed speech")
struct QuoteFinderIndirectTests {
    @Test("speaker, cue, an adverb and that")
    func that() throws {
        let q = try findQuotes("Western diplomats say privately that the sanctions have not worked.")
        #expect(q.count == 1)
        #expect(q.first?.kind == .indirect)
        #expect(q.first?.text == "the sanctions have not worked")
        #expect(q.first?.speakerName == "Western diplomats")
        #expect(q.first?.cue == "say")
    }

    @Test("told reporters, no that")
    func tell() throws {
        let q = try findQuotes("Ortega told reporters the ceasefire was holding.")
        #expect(q.first?.text == "the ceasefire was holding")
        #expect(q.first?.speakerName == "Ortega")
        #expect(q.first?.cue == "told")
    }

    @Test("content first, then the speaker and the cue")
    func contentFirst() throws {
        let q = try findQuotes("The ceasefire is holding in the north, a military spokesman said.")
        #expect(q.first?.text == "The ceasefire is holding in the north")
        #expect(q.first?.speakerName == "a military spokesman")
        #expect(q.first?.rule == "quotes:syntax-ccomp")
        // The word sieves, without a parse.
        let w = try findQuotesWithoutSyntax("The ceasefire is holding in the north, a military spokesman said.")
        #expect(w.first?.text == "The ceasefire is holding in the north")
        #expect(w.first?.rule == "quotes:indirect-before")
    }

    @Test("according to, before and after the content")
    func accordingTo() throws {
        let a = try findQuotes("According to two diplomats, the envoy will leave the capital on Sunday.")
        #expect(a.first?.text == "the envoy will leave the capital on Sunday")
        #expect(a.first?.speakerName == "two diplomats")
        #expect(a.first?.cue == "According to")
        let b = try findQuotes("The vote was postponed again, according to a senior official.")
        #expect(b.first?.text == "The vote was postponed again")
        #expect(b.first?.speakerName == "a senior official")
    }

    @Test("a colon after the cue introduces the content")
    func colon() throws {
        let q = try findQuotes("In a statement, the ministry said: talks will resume on Monday.")
        #expect(q.first?.text == "talks will resume on Monday")
        #expect(q.first?.speakerName == "the ministry")
    }

    @Test("a quoted phrase inside reported speech makes it mixed")
    func mixed() throws {
        let a = try findQuotes("Ortega called the proposal “a step backwards” for the region.")
        #expect(a.count == 1)
        #expect(a.first?.kind == .mixed)
        #expect(a.first?.text == "the proposal “a step backwards” for the region")
        let b = try findQuotes("Lena Park said the talks had been “constructive but slow”.")
        #expect(b.count == 1)
        #expect(b.first?.kind == .mixed)
        #expect(b.first?.speakerName == "Lena Park")
    }

    @Test("a reported clause ends where another clause opens")
    func clauseEnd() throws {
        let q = try findQuotes("The minister said the talks were useful, but she gave no date for the next round.")
        #expect(q.first?.text == "the talks were useful")
        let r = try findQuotes("Lena Park said the plan was ready; the vote comes later.")
        #expect(r.first?.text == "the plan was ready")
    }

    @Test("a second verb of the same subject reports too")
    func conjoined() throws {
        let q = try findQuotes("Piet Dekker praised the harvest and said prices would recover by winter.")
        #expect(q.first?.text == "prices would recover by winter")
        #expect(q.first?.speakerName == "Piet Dekker")
        #expect(q.first?.rule == "quotes:syntax-ccomp-conjoined")
        let w = try findQuotesWithoutSyntax("Piet Dekker praised the harvest and said prices would recover by winter.")
        #expect(w.first?.text == "prices would recover by winter")
        #expect(w.first?.rule == "quotes:indirect-clause-conjoined")
    }

    @Test("no speech without a speaker: infinitives and passives")
    func notSpeech() throws {
        #expect(try findQuotes("It is said that the river froze in 1912.").isEmpty)
        #expect(try findQuotes("The minister declined to say whether taxes would rise.").isEmpty)
    }
}

@Suite("QuoteFinder: robustness")
struct QuoteFinderRobustnessTests {
    @Test("random text with random quote marks: no crash, every span inside the text")
    func fuzz() throws {
        var rng = SeededGenerator(seed: 7)
        let words = [
            "said", "Miller", "officials", "“", "”", "\"", "'", "‘", "’", "«", "»", ",", ".", ":", "according", "to",
            "that", "the", "talks", "he", "added", "\n\n", "who", "told", "reporters", "--", "(", ")", "Sen.", "''",
            "``", "continued", "a", "spokesman", "Ruth", "Alder", "?", "!", ";", "so-called", "titled",
        ]
        for _ in 0..<120 {
            var text = ""
            for _ in 0..<Int.random(in: 1...60, using: &rng) {
                text += words[Int.random(in: 0..<words.count, using: &rng)] + (Bool.random(using: &rng) ? " " : "")
            }
            let doc = try analyze(text)
            let size = doc.normalized.bytes.count
            for q in doc.quotes {
                #expect(q.span.start >= 0 && q.span.end <= size && q.span.start < q.span.end)
                if let m = q.speakerMention { #expect(m.start >= 0 && m.end <= size && m.start < m.end) }
                if let c = q.cue { #expect(c.start >= 0 && c.end <= size && c.start < c.end) }
            }
            _ = ArticleRecord(doc).json()
        }
    }
}
