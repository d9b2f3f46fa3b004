import Testing

@testable import DossierCore

@Suite("TimeRuleSet")
struct TimeRuleSetTests {
    static let words = "month\tjanuary\t1\nunit\tdays\tD\nones\ttwo\t2\n"

    @Test func standardRulesLoad() throws {
        let set = try TimeRuleSet.standard()
        #expect(set.rules.count > 50)
        #expect(set.lexicon.classID("month") != nil)
    }

    @Test func parsesElementsCapturesAndContext() throws {
        let lex = try TimeLexicon(text: Self.words)
        let set = try TimeRuleSet(rules: "r1 DURATION {for} n:#num -? u:@unit => dur(n, u)\n", lexicon: lex)
        let r = try #require(set.rules.first)
        #expect(r.id == "r1")
        #expect(r.type == .duration)
        #expect(r.leadingContext == 1)
        #expect(r.captureNames == ["n", "u"])
        #expect(r.elements[2].optional)
        #expect(r.value == .call(.dur, [.capture(0), .capture(1)]))
    }

    @Test(arguments: [
        ("x DATE @nosuch => year(y)", "unknown word class"),
        ("x DATE #nosuch => year(y)", "unknown built-in"),
        ("x WHEN @month => month(m)", "unknown type"),
        ("x DATE m:@month", "needs '=> value'"),
        ("x DATE m:@month => nosuch(m)", "unknown function"),
        ("x DATE m:@month => ymd(m)", "takes"),
        ("x DATE {in} => month(m)", "outside"),
        ("x DATE r:last|next m:@month => monthrel(m, r)", "literal words has no value"),
    ])
    func malformedRulesFailWithTheirLine(_ line: String, _ message: String) throws {
        let lex = try TimeLexicon(text: Self.words)
        #expect {
            _ = try TimeRuleSet(rules: "# comment\n\n" + line + "\n", lexicon: lex)
        } throws: { error in
            guard let e = error as? DossierError else { return false }
            return e.code == .resource && e.line == 3 && e.message.contains(message)
        }
    }

    @Test func blockerRulesTagNothing() throws {
        let lex = try TimeLexicon(text: Self.words)
        let set = try TimeRuleSet(
            rules: "d DURATION n:#num u:@unit => dur(n, u)\nb NONE n:#num u:@unit old => none\n", lexicon: lex)
        let tagger = TimeTagger(rules: set, tense: try LexiconTenseEstimator.standard())
        let doc = try Pipeline([Tokenizer(), SentenceSplitter(), tagger]).run(
            Article(title: nil, text: "It took two days. He is two days old.", source: "t"))
        #expect(doc.timexes.count == 1)
        #expect(doc.timexes.first?.value == "P2D")
    }
}

@Suite("LexiconTenseEstimator")
struct TimeTenseTests {
    @Test(arguments: [
        ("The minister said Friday that it was over.", "Friday", Tense.past),
        ("The island goes to the polls on Saturday.", "Saturday", Tense.present),
        ("The council will vote on Friday.", "Friday", Tense.future),
        ("The leaders plan to meet on Monday.", "Monday", Tense.future),
        ("Officials requested talks on Friday.", "Friday", Tense.past),
        ("Monday's ruling angered them.", "Monday", Tense.past),
        ("On Friday.", "Friday", Tense.unknown),
    ])
    func tense(_ sentence: String, _ word: String, _ expected: Tense) throws {
        let doc = try Pipeline([Tokenizer(), SentenceSplitter()]).run(Article(title: nil, text: sentence, source: "t"))
        let i = try #require(doc.tokens.indices.first(where: { doc.string(of: doc.tokens[$0]) == word }))
        let t = try LexiconTenseEstimator.standard().tense(
            governing: i..<i + 1, sentence: doc.sentences[0].tokens, in: doc)
        #expect(t == expected)
    }
}

@Suite("TimeMLReader and TimexScorer")
struct TimeMLTests {
    static let tml = """
        <?xml version="1.0" ?>
        <TimeML>
        <DOCID>test1</DOCID>
        <DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-12" functionInDocument="CREATION_TIME">20240112</TIMEX3></DCT>
        <TEXT>
        Talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-01-11">Thursday</TIMEX3> &amp; \
        resume <TIMEX3 tid="t2" type="DATE" value="2024-W03">next week</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" \
        value="P3D">three days</TIMEX3>.
        </TEXT>
        </TimeML>
        """

    @Test func readsTextTimexesAndDCT() throws {
        let d = try TimeMLReader.parse(Self.tml, id: "test1")
        #expect(d.creationDate == CalendarDate(year: 2024, month: 1, day: 12))
        #expect(d.timexes.map(\.text) == ["Thursday", "next week", "three days"])
        #expect(d.timexes.map(\.value) == ["2024-01-11", "2024-W03", "P3D"])
        #expect(d.text.contains("Talks ended Thursday & resume next week"))
        for t in d.timexes {
            let u = Array(d.text.utf8)
            #expect(String(decoding: u[t.start..<t.end], as: UTF8.self) == t.text)
        }
    }

    @Test func notTimeMLIsAnError() {
        #expect(throws: DossierError.self) { try TimeMLReader.parse("<html></html>", id: "x") }
    }

    @Test func scorerComputesTempEvalMeasures() {
        var s = TimexScorer()
        let gold = [
            TimexScorer.Item(start: 0, end: 8, type: "DATE", value: "2024-01-11", text: "Thursday"),
            TimexScorer.Item(start: 20, end: 29, type: "DATE", value: "2024-W03", text: "next week"),
            TimexScorer.Item(start: 40, end: 50, type: "DURATION", value: "P3D", text: "three days"),
        ]
        let system = [
            TimexScorer.Item(start: 0, end: 8, type: "DATE", value: "2024-01-11", text: "Thursday"),
            // Relaxed match only, week written without the zero: same value.
            TimexScorer.Item(start: 17, end: 29, type: "DATE", value: "2024-W3", text: "by next week"),
            TimexScorer.Item(start: 60, end: 65, type: "DATE", value: "2024", text: "2024"),
        ]
        s.add(gold: gold, system: system)
        #expect(s.strict == 1)
        #expect(s.relaxed == 2)
        #expect(s.valueCorrect == 2)
        #expect(abs(s.relaxedF1 - 2.0 / 3.0) < 1e-9)
        #expect(abs(s.valueF1 - 2.0 / 3.0) < 1e-9)
        #expect(s.typeAccuracy == 1)
        #expect(s.missed.count == 1)
        #expect(s.spurious.count == 1)
    }
}
