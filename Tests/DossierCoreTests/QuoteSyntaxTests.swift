import DossierCore
import Testing

/// Indirect speech read from the dependency parse (the standard pipeline runs the syntax stage before quotes).
/// Sentences written for these tests.
@Suite("QuoteFinder: indirect speech from the parse")
struct QuoteSyntaxTests {
    /// The first quote of a one-sentence article (a headline line first, so the sentence is body text).
    func first(_ sentence: String) throws -> FoundQuote? {
        try findQuotes("Headline\n\n" + sentence).first
    }

    @Test("the speaker is the subject's whole phrase, appositive included")
    func appositive() throws {
        let q = try first(
            "Tomas Weller, a trade negotiator for the northern provinces, said the tariffs would be lifted in spring.")
        #expect(q?.mention == "Tomas Weller, a trade negotiator for the northern provinces")
        #expect(q?.speakerName == "Tomas Weller")
        #expect(q?.text == "the tariffs would be lifted in spring")
        #expect(q?.rule.hasPrefix("quotes:syntax-ccomp") == true)
    }

    @Test("a subject several words from its cue, with a prepositional phrase")
    func longSubject() throws {
        let q = try first(
            "The chairwoman of the regional water board told the council that reservoirs were nearly full.")
        #expect(q?.mention == "The chairwoman of the regional water board")
        #expect(q?.text == "reservoirs were nearly full")
        #expect(q?.cue == "told")
    }

    @Test("two words of one name split by the parse are one speaker")
    func titleAndName() throws {
        let q = try first("Veteran pollster Ruth Okafor said turnout would be lower than in the last election.")
        #expect(q?.mention == "Veteran pollster Ruth Okafor")
        #expect(q?.text == "turnout would be lower than in the last election")
    }

    @Test("an age between commas is not part of the speaker")
    func age() throws {
        let q = try first("Marta Olsen, 64, said the bridge had been closed for weeks.")
        #expect(q?.mention == "Marta Olsen")
        #expect(q?.text == "the bridge had been closed for weeks")
    }

    @Test("a dateline before a dash is not the speaker")
    func dateline() throws {
        let q = try first("BRASILIA (Wire) -- The finance minister said on Tuesday that inflation had peaked.")
        #expect(q?.mention == "The finance minister")
        #expect(q?.text == "inflation had peaked")
    }

    @Test("an adverbial before the subject and a weekday after the cue stay out")
    func adverbials() throws {
        let a = try first("On Friday, the harbour master said the storm had passed.")
        #expect(a?.mention == "the harbour master")
        #expect(a?.text == "the storm had passed")
        let b = try first("Anna Krol said Thursday she would run again.")
        #expect(b?.text == "she would run again")
        #expect(b?.mention == "Anna Krol")
    }

    @Test("an opening participial clause is neither speaker nor content")
    func openingClause() throws {
        let q = try first("Asked about the strike, the minister said talks would continue.")
        #expect(q?.mention == "the minister")
        #expect(q?.text == "talks would continue")
    }

    @Test("a relative pronoun speaks for its antecedent")
    func relative() throws {
        let q = try first("Voters backed Ines Moreau, who said the port would reopen by June.")
        #expect(q?.mention == "who")
        #expect(q?.speakerName == "Ines Moreau")
        #expect(q?.text == "the port would reopen by June")
    }

    @Test("an inverted cue after the content, with an appositive")
    func inverted() throws {
        let q = try first("Prices will fall next year, said Jorge Almeida, an economist at the central bank.")
        #expect(q?.text == "Prices will fall next year")
        #expect(q?.mention == "Jorge Almeida, an economist at the central bank")
        #expect(q?.speakerName == "Jorge Almeida")
    }

    @Test("a clause coordinated with 'and' after the content is part of it")
    func coordinated() throws {
        let q = try first("The coach said the team was tired, and the schedule had been too heavy.")
        #expect(q?.text == "the team was tired, and the schedule had been too heavy")
    }

    @Test("objects and infinitives of reporting verbs")
    func objects() throws {
        let a = try first("The mayor announced a new curfew for the old town.")
        #expect(a?.text == "a new curfew for the old town")
        #expect(a?.rule == "quotes:syntax-object")
        let b = try first("The union urged its members to reject the offer.")
        #expect(b?.text == "its members to reject the offer")
        #expect(b?.mention == "The union")
    }

    @Test("a dateline is not the subject of the verb a cue is coordinated with or hangs on")
    func datelineBeforeGovernor() throws {
        let a = try first(
            "BERLIN, Germany (Reuters) - Chancellor Anna Weber met flood victims in the south on Thursday and said "
                + "the government would double its aid.")
        #expect(a?.mention == "Chancellor Anna Weber")
        #expect(a?.text == "the government would double its aid")
        let b = try first(
            "PARIS, Aug 31 (Reuters) - The far-right party's leader, Marie Dubois, backed the candidate on Wednesday, "
                + "saying his rival would bring war.")
        #expect(b?.mention == "The far-right party's leader, Marie Dubois")
        #expect(b?.cue == "saying")
    }

    @Test("a day the parse took for the subject is not the speaker; nor is a time before a pronoun")
    func timeIsNoSpeaker() throws {
        let a = try first("A news report published Wednesday said the minister used a private email account.")
        #expect(a?.mention == "A news report")
        #expect(a?.text == "the minister used a private email account")
        let b = try first("A new poll released Friday found that 70 percent of voters would back the plan.")
        #expect(b?.mention == "A new poll")
        let c = try first("Late Saturday he announced he supported the repeal.")
        #expect(c?.mention == "he")
        #expect(c?.text == "he supported the repeal")
        let d = try first(
            "Tuesday in Chicago, while on the campaign trail for his daughter, former governor Sam Ortiz said she "
                + "was ready to lead.")
        #expect(d?.mention == "former governor Sam Ortiz")
        #expect(d?.text == "she was ready to lead")
        let e = try first(
            "LISBON - This spring, as she was taking over the port authority, Ana Ruiz told colleagues that the "
                + "board had approved the new docks.")
        #expect(e?.mention == "Ana Ruiz")
    }

    @Test("a report of its own set off by a comma ends the content of an object cue before it")
    func nestedReportAfterObject() throws {
        let qs = try findQuotes(
            "Headline\n\nSeveral council members, including Maria Lopez and Sam Green, have backed Mr. Brown's "
                + "motion, saying Mr. White's tax plan is a fair criticism, though Mrs. Lopez said she believed few "
                + "would read it.")
        #expect(qs.map(\.text) == ["Mr. White's tax plan is a fair criticism", "she believed few would read it"])
        #expect(qs.map(\.mention) == ["Several council members, including Maria Lopez and Sam Green", "Mrs. Lopez"])
    }

    @Test("what the parse hangs on the cue after the clause is more of the content")
    func contentTail() throws {
        let q = try first("Ruth Okafor said the harbour would stay open because the cranes had been repaired.")
        #expect(q?.text == "the harbour would stay open because the cranes had been repaired")
        let r = try first("Lena Park said the plan was ready on Tuesday after a long night of talks.")
        #expect(r?.text == "the plan was ready on Tuesday after a long night of talks")
        // Not past a semicolon, nor a clause set off by a comma.
        let s = try first("Lena Park said the plan was ready; the vote comes later.")
        #expect(s?.text == "the plan was ready")
        let t = try first("The minister said the talks were useful, but she gave no date for the next round.")
        #expect(t?.text == "the talks were useful")
    }

    @Test("a direct quote no sieve attributes goes on with the indirect speech before it")
    func afterIndirect() throws {
        let q = try findQuotes(
            "Headline\n\nOn Monday, the harbour master said the quay would stay shut until the storm passed. "
                + "“Nobody goes in or out until then.”")
        #expect(q.count == 2)
        #expect(q.last?.kind == .direct)
        #expect(q.last?.rule == "quotes:after-indirect")
        #expect(q.last?.mention == "the harbour master")
        #expect(q.last?.cue == "said")
        // A cue between them: not the same attribution.
        let r = try findQuotes(
            "Headline\n\nOn Monday, the harbour master said the quay would stay shut. Then a crane operator "
                + "shouted across the dock. “Nobody goes in or out.”")
        #expect(r.last?.rule != "quotes:after-indirect")
        // The attribution after the content closes its sentence: the next quote goes on with it.
        let m = try findQuotes(
            "Headline\n\nThe new timetable is a “good start,” Dekker said from his office on the quay. "
                + "“We have waited for years.”")
        #expect(m.last?.text == "We have waited for years.")
        #expect(m.last?.rule == "quotes:after-indirect")
        #expect(m.last?.mention == "Dekker")
    }

    @Test("a word that qualifies a quantity stays in the speaker; subjects joined by and are one phrase")
    func quantityAndPairs() throws {
        let q = try first("Nearly half of the dock workers said they would strike in March.")
        #expect(q?.mention == "Nearly half of the dock workers")
        let r = try first("Current and former pilots said the channel had silted up.")
        #expect(r?.mention == "Current and former pilots")
        #expect(r?.text == "the channel had silted up")
    }

    @Test("a name right after a cue that follows a comma is the speaker of what comes before")
    func invertedName() throws {
        let q = try first(
            "The new timetable would cut waiting times at the ferry terminal by a third, said Ilse Marten, "
                + "a planner at the port authority.")
        #expect(q?.mention == "Ilse Marten, a planner at the port authority")
        #expect(q?.text == "The new timetable would cut waiting times at the ferry terminal by a third")
    }

    @Test("the source of a closing according-to is the rest of the sentence")
    func accordingToRest() throws {
        let q = try first("The quay will reopen in May, according to two pilots who attended the meeting.")
        #expect(q?.mention == "two pilots who attended the meeting")
        #expect(q?.text == "The quay will reopen in May")
        let r = try first(
            "The quay will reopen in May, according to a notice from the harbour board released on Friday.")
        #expect(r?.mention == "a notice from the harbour board released on Friday")
    }

    @Test("of two complement clauses, the one with a subject; a name that opens the clause after an appositive")
    func clauseChoice() throws {
        let all = try findQuotes(
            "Headline\n\nAsked whether the ferries would run on Sunday, Marten said she could not promise anything.")
        let q = all.first { $0.cue == "said" }
        #expect(q?.mention == "Marten")
        #expect(q?.text == "she could not promise anything")
        // The question is reported speech too, with no source named.
        let asked = all.first { $0.cue == "Asked" }
        #expect(asked?.text == "whether the ferries would run on Sunday")
        #expect(asked?.mention == nil)
        #expect(asked?.rule == "quotes:asked")
        let r = try first(
            "Tobias Renn, acting director of the pilots' guild, said Marten's plan was rejected by the board.")
        #expect(r?.mention == "Tobias Renn, acting director of the pilots' guild")
        #expect(r?.text == "Marten's plan was rejected by the board")
        let s = try first("The port office said about half of the new berths were booked until spring.")
        #expect(s?.text == "about half of the new berths were booked until spring")
    }

    @Test("a content after its cue runs on over what the parse hung elsewhere, to where a reported clause ends")
    func runOn() throws {
        let q = try first("The inspector said the cranes were in poor shape, including the two bought last year.")
        #expect(q?.text == "the cranes were in poor shape, including the two bought last year")
    }

    @Test("a cue form the parse tags as a noun is no cue; 'continues to' is aspect, not speech")
    func notCues() throws {
        #expect(try findQuotes("Headline\n\nFive other states hold primaries and caucuses next week.").isEmpty)
        #expect(try findQuotes("Headline\n\nThe council continues to study the plan for the new quay.").isEmpty)
        let q = try first("The harbour master continued: the quay will stay shut until the storm has passed.")
        #expect(q?.text == "the quay will stay shut until the storm has passed")
    }

    @Test("', according to X' inside a content is an attribution of its own")
    func accordingInside() throws {
        let q = try findQuotes(
            "Headline\n\nMarten said the quay would reopen in May, according to a notice from the board.")
        let said = q.first { $0.cue == "said" }
        #expect(said?.text == "the quay would reopen in May")
        #expect(q.contains { $0.cue == "according to" && $0.mention == "a notice from the board" })
    }

    @Test("a direct quote no sieve attributes, inside reported speech, is part of that mixed quote")
    func quoteInsideMixed() throws {
        let q = try findQuotes(
            "Headline\n\nAdam Berg, a member of the harbour board, said the decision was “a very positive step” "
                + "given that “the channel has silted up for years.”")
        #expect(q.count == 1)
        #expect(q.first?.kind == .mixed)
        #expect(q.first?.mention == "Adam Berg, a member of the harbour board")
        #expect(q.first?.text.hasPrefix("the decision was “a very positive step” given that “the channel") == true)
    }

    @Test(
        "', said' with a noun phrase after it and no subject: the phrase is the speaker, the clause before the content")
    func invertedObject() throws {
        let q = try first(
            "Keeping the old ferry running is well within the council's budget, said a handful of local traders.")
        #expect(q?.mention == "a handful of local traders")
        #expect(q?.text == "Keeping the old ferry running is well within the council's budget")
        let r = try first("The new quay will be finished before winter, said several engineers on the project.")
        #expect(r?.mention == "several engineers on the project")
        #expect(r?.text == "The new quay will be finished before winter")
        #expect(r?.rule.hasPrefix("quotes:syntax-inverted") == true)
        // A participle's object is what it reports, never its speaker.
        let c = try findQuotes("Headline\n\nThe ferry company cut its timetable, citing a shortage of pilots.")
        #expect(!c.contains { $0.mention == "a shortage of pilots" })
    }

    @Test("a finite complement whose subject the parse missed is still the content")
    func complementWithoutSubject() throws {
        let q = try first(
            "Ilse Marten, in a short statement, said just because the ferry was late did not mean the crew had failed.")
        #expect(q?.cue == "said")
        #expect(q?.text.hasSuffix("the ferry was late did not mean the crew had failed") == true)
        #expect(q?.mention?.hasPrefix("Ilse Marten") == true)
    }

    @Test("a question reported with no asker: 'when asked ...,' and a passive 'was asked if ...'")
    func askedQuestions() throws {
        let w = try findQuotes("Headline\n\nWhen asked whom she supported, the captain smiled and said nothing.")
        #expect(w.contains { $0.text == "whom she supported" && $0.mention == nil && $0.rule == "quotes:asked" })
        let p = try findQuotes("Headline\n\nThe pilot was asked whether the channel was safe for large ships.")
        let q = p.first { $0.rule == "quotes:asked" }
        #expect(q?.text == "whether the channel was safe for large ships")
        #expect(q?.cue == "was asked")
        #expect(q?.mention == nil)
    }

    @Test("an adverb between 'asked' and its question; no second content over the question")
    func askedAdverb() throws {
        let q = try findQuotes(
            "Headline\n\nAsked specifically what should be done with the old bridge, the mayor said it should be "
                + "torn down.")
        let a = q.first { $0.rule == "quotes:asked" }
        #expect(a?.text == "what should be done with the old bridge")
        #expect(a?.cue == "Asked specifically")
        let n = try findQuotes(
            "Headline\n\nAsked whether the mayor deserved a second term, most of the voters said no.")
        #expect(n.contains { $0.rule == "quotes:asked" && $0.text == "whether the mayor deserved a second term" })
        #expect(!n.contains { $0.rule != "quotes:asked" && $0.text.contains("deserved") })
    }

    @Test("an infinitive's content holds the one urged")
    func urgedObject() throws {
        let q = try first("The mayor urged the harbour board to reopen the northern quay before the summer.")
        #expect(q?.mention == "The mayor")
        #expect(q?.text == "the harbour board to reopen the northern quay before the summer")
        #expect(q?.rule.hasPrefix("quotes:syntax-xcomp") == true)
    }

    @Test("a reporting clause set off inside the content ('..., while other voters said B') is its own attribution")
    func nestedReport() throws {
        let q = try findQuotes(
            "Headline\n\nAfter the event, several supporters said the former mayor had made a good case for his "
                + "wife, while other voters said they had not heard anything new.")
        #expect(
            q.contains {
                $0.mention == "several supporters" && $0.text == "the former mayor had made a good case for his wife"
            })
        #expect(q.contains { $0.mention == "other voters" && $0.text == "they had not heard anything new" })
    }

    @Test("a passive subject the parse gave a cue with no passive auxiliary is its subject")
    func passiveSubjectWithoutAuxiliary() throws {
        let q = try first("Again, those surveyed said the mayor was best able to handle the issue.")
        #expect(q?.text == "the mayor was best able to handle the issue")
        #expect(q?.mention?.hasPrefix("those") == true)
    }

    @Test("a clause opening the sentence before an inverted cue is the content, its subject a clause")
    func clausalSubjectBeforeCue() throws {
        let q = try first(
            "Whether the old or new ferry model is more effective will be part of the review, said Jake Horn, "
                + "editor of the Harbour Times.")
        #expect(q?.mention == "Jake Horn, editor of the Harbour Times")
        #expect(q?.text == "Whether the old or new ferry model is more effective will be part of the review")
    }

    @Test("a subject phrase the parse made a verbless clause ('officials [are] familiar with') is the speaker")
    func verblessClauseSubject() throws {
        let q = try first(
            "Federal officials familiar with the ferry taken from the harbour, speaking on the condition of "
                + "anonymity because they were not authorized to discuss the inquiry, said that it did have some "
                + "security features.")
        #expect(q?.mention == "Federal officials familiar with the ferry taken from the harbour")
        #expect(q?.text == "it did have some security features")
    }

    @Test("a cue that reports only clauses takes no noun phrase object as content")
    func clauseOnlyCue() throws {
        let q = try findQuotes("Headline\n\nThe harbour board maintained a comfortable lead in the regional polls.")
        #expect(q.isEmpty)
        let r = try first("The harbour board maintained that the quay had never been safe.")
        #expect(r?.text == "the quay had never been safe")
    }

    @Test("a clause-only cue with a noun phrase object by the parse gives no content to the word sieves either")
    func clauseOnlyObject() throws {
        for s in [
            "The ferry company added a new route to its summer timetable.",
            "The mayor, who maintained a comfortable lead over the other candidates, was targeted by a wave of attack ads.",
            "The foundation maintains a program to train young leaders in the region.",
        ] {
            #expect(try findQuotes("Headline\n\n" + s).isEmpty, "\(s)")
        }
        // With a clause it reports.
        #expect(try first("The harbour board maintained the quay was safe.")?.text == "the quay was safe")
    }

    @Test("a source's access phrase stays whole: 'familiar with', 'close to', 'briefed on'")
    func informedSource() throws {
        let cases = [
            (
                "A person familiar with the planning for Thursday's meeting says the talks will continue.",
                "A person familiar with the planning for Thursday's meeting"
            ),
            ("People familiar with her thinking say she will not run.", "People familiar with her thinking"),
            ("A source close to the harbour board said the list was short.", "A source close to the harbour board"),
        ]
        for (sentence, mention) in cases {
            let q = try first(sentence)
            #expect(q?.mention == mention, "\(sentence)")
        }
    }

    @Test("a progressive cue ('is stressing', 'have been demanding') is no passive: it has its speaker")
    func progressiveCue() throws {
        let a = try first("The mayor is stressing her plans will solve the housing problem.")
        #expect(a?.mention == "The mayor")
        #expect(a?.text == "her plans will solve the housing problem")
        let b = try first("Fellow councillors are urging the mayor to make the second debate count.")
        #expect(b?.mention == "Fellow councillors")
        #expect(b?.cue == "urging")
        // A passive still has no speaker of its own.
        let p = try findQuotes("Headline\n\nThe mayor was told the harbour would close in May.")
        #expect(!p.contains { $0.mention == "The mayor" })
    }

    @Test("an according-to source that ran on ends where a clause starts")
    func accordingToClause() throws {
        let q = try findQuotes(
            "Headline\n\nFerry traffic fell by a third, according to a tally by the port authority but the council "
                + "disputes the figure.")
        let a = q.first { $0.cue == "according to" }
        #expect(a?.mention == "a tally by the port authority")
        #expect(a?.text == "Ferry traffic fell by a third")
    }

    @Test("'..., according to X, ...' in mid-sentence: X ends at the comma, the content is both sides")
    func accordingToParenthetical() throws {
        let q = try findQuotes(
            "Headline\n\nOver the next decade, according to the treasury office, spending on pensions will rise "
                + "sharply.")
        let parts = q.filter { $0.cue == "according to" }
        #expect(parts.map(\.mention) == ["the treasury office", "the treasury office"])
        #expect(parts.map(\.text) == ["Over the next decade", "spending on pensions will rise sharply"])
        // A short subject before the phrase stays with the clause after it.
        let s = try findQuotes("Headline\n\nTicket sales, according to the survey, have fallen for six months.")
        #expect(s.filter { $0.cue == "according to" }.map(\.text) == ["Ticket sales", "have fallen for six months"])
        // An appositive after the source, with a relative clause, is not a clause going on.
        let a = try findQuotes(
            "Headline\n\nFares will rise in May, according to a study by Ana Ruiz, an economist whose figures were "
                + "checked by the board.")
        let r = a.first { $0.cue == "according to" }
        #expect(r?.text == "Fares will rise in May")
        #expect(r?.mention?.hasPrefix("a study by Ana Ruiz, an economist") == true)
    }

    @Test("'“...,” X said, according to Y': Y reports the quote and its speaker, a second attribution")
    func nestedAccordingTo() throws {
        let q = try findQuotes(
            "Headline\n\n“Delegates should be able to vote the way they see fit,” Walker said, according to an "
                + "account by the Harbour Times.")
        #expect(q.contains { $0.kind == .direct && $0.mention == "Walker" })
        let a = q.first { $0.cue == "according to" }
        #expect(a?.mention == "an account by the Harbour Times")
        #expect(a?.kind == .mixed)
        #expect(a?.text.hasSuffix("Walker said") == true)
    }

    @Test("a reporting participle or verb hung on a content is the speaker going on: a report of its own")
    func goingOn() throws {
        let a = try findQuotes(
            "Headline\n\nThe mayor said the budget was balanced, adding that taxes would not rise.")
        #expect(a.map(\.text) == ["the budget was balanced", "taxes would not rise"])
        #expect(a.map(\.mention) == ["The mayor", "The mayor"])
        let b = try findQuotes(
            "Headline\n\nThe minister argued the fund would help farmers, saying it was all about fairness.")
        #expect(b.map(\.text) == ["the fund would help farmers", "it was all about fairness"])
        #expect(b.map(\.cue) == ["argued", "saying"])
        #expect(b.map(\.mention) == ["The minister", "The minister"])
        // A verb coordinated inside the content: its speaker is the cue's, not the clause's subject.
        let c = try findQuotes(
            "Headline\n\nThe mayor said the budget was balanced and accused the council of wasting money.")
        #expect(c.map(\.cue) == ["said", "accused"])
        #expect(c.map(\.mention) == ["The mayor", "The mayor"])
        // Deeper in the clause, and tagged as a noun: ", warning that" still ends the content.
        let d = try findQuotes(
            "Headline\n\nThe company said it expected to sell the plant next year, warning that jobs could be lost.")
        #expect(d.first?.text == "it expected to sell the plant next year")
    }

    @Test("'Name, who ..., said': a cue the parse hung on the relative clause is the antecedent's")
    func relativeClauseBeforeCue() throws {
        let q = try first(
            "Weller, who has visited several ports ahead of the talks to help rally traders behind the plan, said "
                + "she sees shippers lining up behind it.")
        #expect(q?.mention == "Weller")
        #expect(q?.text == "she sees shippers lining up behind it")
    }

    @Test("'pointed to X' reports X; 'The union, citing X, said ...' reports X for the union")
    func pointedToAndCiting() throws {
        let a = try first("Okafor pointed to the rising cost of diesel.")
        #expect(a?.text == "the rising cost of diesel")
        #expect(a?.mention == "Okafor")
        let b = try findQuotes(
            "Headline\n\nThe union, citing internal memos from the board, said the plant would close.")
        #expect(b.map(\.cue) == ["citing", "said"])
        #expect(b.map(\.text) == ["internal memos from the board", "the plant would close"])
        #expect(b.map(\.mention) == ["The union", "The union"])
    }

    @Test("a two-word object is reported ('announced his resignation'); the phrase before the comma is not")
    func twoWordObject() throws {
        let q = try findQuotes("Headline\n\nShortly after the vote, Holder announced his resignation.")
        #expect(q.map(\.text) == ["his resignation"])
        #expect(q.first?.mention == "Holder")
    }

    @Test("'A, she said, B': an attribution set off inside the sentence reports both pieces")
    func parentheticalAttribution() throws {
        let q = try findQuotes("Headline\n\nThe new bridge, she said, will open before the winter storms.")
        let parts = q.filter { $0.cue == "said" }
        #expect(parts.map(\.text) == ["The new bridge", "will open before the winter storms"])
        #expect(parts.allSatisfy { $0.mention == "she" && $0.rule.contains("indirect-parenthetical") })
        let g = try findQuotes("Headline\n\nIn the long term, harbour officials say, the cargo fees will have to rise.")
        #expect(g.filter { $0.cue == "say" }.map(\.text) == ["In the long term", "the cargo fees will have to rise"])
        #expect(g.first?.mention == "harbour officials")
        // An appositive of the subject is no aside: the speaker is the name with its appositive.
        let a = try findQuotes(
            "Headline\n\nTomas Berg, a former harbour pilot, said Tuesday, the ferries would run late again.")
        #expect(!a.contains { $0.rule.contains("parenthetical") })
        #expect(a.first?.mention == "Tomas Berg, a former harbour pilot")
    }

    @Test("a subject with an aside the parse breaks: the phrase before the comma ahead of the cue speaks")
    func subjectWithAside() throws {
        let q = try first(
            "The orchard cooperative, whose members grow apples and pears, said the harvest was the best in years.")
        #expect(q?.mention == "The orchard cooperative, whose members grow apples and pears")
        #expect(q?.text == "the harvest was the best in years")
    }

    @Test("'asked' with a phrase before the question: 'by X' names the one who asks")
    func askedWithPhrase() throws {
        let q = try findQuotes(
            "Headline\n\nAsked by a reporter whether the ferry would keep running, the minister shrugged.")
        let a = q.first { $0.rule.hasPrefix("quotes:asked") }
        #expect(a?.text == "whether the ferry would keep running")
        #expect(a?.mention == "a reporter")
        #expect(a?.cue == "Asked")
        let d = try findQuotes(
            "Headline\n\nAsked during a radio interview why prices had risen, the director gave no answer.")
        let b = d.first { $0.rule.hasPrefix("quotes:asked") }
        #expect(b?.text == "why prices had risen")
        #expect(b?.mention == nil)
    }

    @Test("a participle after a quoted phrase and its comma reports for the sentence's subject")
    func participleAfterQuotedPhrase() throws {
        let q = try findQuotes(
            "Headline\n\nAna Ruiz dismissed the report as “pure fiction,” saying the office had never seen it.")
        let s = q.first { $0.cue == "saying" }
        #expect(s?.mention == "Ana Ruiz")
        #expect(s?.text == "the office had never seen it")
    }

    @Test("a content before its cue may end with a quoted phrase whose comma sits inside the closing mark")
    func quotedPhraseBeforeCue() throws {
        let q = try findQuotes("Headline\n\nThe two ports have “very different goals,” Dekker said.")
        let m = q.first { $0.cue == "said" }
        #expect(m?.kind == .mixed)
        #expect(m?.mention == "Dekker")
        #expect(m?.text.hasPrefix("The two ports have “very different goals") == true)
    }

    @Test("'say' after a quantity is a cue even when the tagger takes it for a noun; 'their say' is none")
    func sayAfterQuantity() throws {
        let q = try first("Nearly a third say they will not vote.")
        #expect(q?.mention == "Nearly a third")
        #expect(q?.text == "they will not vote")
        #expect(try findQuotes("Headline\n\nVoters will have their say in May.").isEmpty)
    }

    @Test("between the cue and its content: a long verbless phrase before 'that', a medium aside before a clause")
    func longReachToContent() throws {
        let q = try first("The mayor said on Friday during a visit to Kiel, the port city, that the cranes would stay.")
        #expect(q?.mention == "The mayor")
        #expect(q?.text == "the cranes would stay")
        let m = try first(
            "The shipyard said in a statement Friday they laid off forty welders because orders had fallen.")
        #expect(m?.mention == "The shipyard")
        #expect(m?.text == "they laid off forty welders because orders had fallen")
    }

    @Test("a time phrase the parse hangs on the subject ('during a speech', 'after the meeting') is not the speaker")
    func timePhraseAfterSubject() throws {
        let a = try first("The union leader during a speech in the port said the strike would end.")
        #expect(a?.mention == "The union leader")
        #expect(a?.text == "the strike would end")
        let b = try first("The mayor after the council meeting said the ferries would run again.")
        #expect(b?.mention == "The mayor")
    }

    @Test("the parse's subject widens a speaker the word sieves cut short at its last noun phrase")
    func parsedSubjectWidens() throws {
        let q = try first(
            "A report issued over the summer by the Office for Fairness in Trade noted that more than a fifth of the imports were undeclared."
        )
        #expect(q?.mention == "A report issued over the summer by the Office for Fairness in Trade")
        #expect(q?.text == "more than a fifth of the imports were undeclared")
    }

    @Test("a relative clause on an inverted speaker may run to the end of the sentence")
    func invertedSpeakerWithRelativeClause() throws {
        let q = try first(
            "The bridge will reopen in May, said Ana Ortiz, head of the regional transport office, whose engineers have inspected it twice."
        )
        #expect(q?.mention == "Ana Ortiz, head of the regional transport office")
        #expect(q?.text == "The bridge will reopen in May")
        #expect(q?.cue == "said")
    }

    @Test("a subordinate clause after a comma is not what a cue reports ('is arguing, since ...')")
    func noContentAfterCommaAndSubordinator() throws {
        let q = try findQuotes(
            "Headline\n\nNobody on the council is arguing, since the engineers' reports suggest that the dam is safe.")
        #expect(!q.contains { $0.cue == "arguing" })
        #expect(q.contains { $0.cue == "suggest" && $0.text == "the dam is safe" })
    }

    @Test("'X issued a statement saying ...': X speaks, not the statement")
    func issuerOfStatement() throws {
        let a = try first("The harbour master issued a statement saying the port would stay closed until Monday.")
        #expect(a?.mention == "The harbour master")
        #expect(a?.text == "the port would stay closed until Monday")
        let b = try first("Councillor Ines Varga put out a statement saying that the budget vote had been rigged.")
        #expect(b?.mention == "Councillor Ines Varga")
        #expect(b?.text == "the budget vote had been rigged")
    }

    @Test("a content does not open with the comma of an aside after 'that'")
    func noOpeningComma() throws {
        let q = try first("The union and its lawyers said that, however long it takes, the case will go on.")
        #expect(q?.text == "however long it takes, the case will go on")
    }

    @Test("a remark on the content after 'according to X,' is not part of the source; an appositive is")
    func remarkAfterAccordingTo() throws {
        let a = try first(
            "Donations from small givers reached $40 million, according to the campaign, the most of any candidate this year."
        )
        #expect(a?.mention == "the campaign")
        let b = try first(
            "The plant's tax bill would fall to 12 percent, according to company filings, compared with 30 percent last year."
        )
        #expect(b?.mention == "company filings")
        let c = try first("Turnout fell in every district, according to Votewatch, a nonprofit monitoring group.")
        #expect(c?.mention == "Votewatch, a nonprofit monitoring group")
        let d = try first(
            "The senator leads by six points, according to two polls, including one by the state university.")
        #expect(d?.mention == "two polls, including one by the state university")
    }

    @Test("a participle set off by commas after the subject is not part of the speaker; 'acting director' is")
    func participleAsideNotInSpeaker() throws {
        let a = try first("The mayor, standing beside the flooded bridge on Monday, said the city would rebuild it.")
        #expect(a?.mention == "The mayor")
        #expect(a?.text == "the city would rebuild it")
        let c = try first("The coach, smiling after the match, said his players had earned the win.")
        #expect(c?.mention == "The coach")
        let b = try first("Tomas Berg, acting director of the port authority, said the cranes would stay.")
        #expect(b?.mention == "Tomas Berg, acting director of the port authority")
    }

    @Test("'As X said, ...' and '..., as X noted.' report the clause on the other side of the comma")
    func asClause() throws {
        let a = try first("As the mayor said on Friday, the budget is a mess.")
        #expect(a?.mention == "the mayor")
        #expect(a?.text == "the budget is a mess")
        #expect(a?.rule == "quotes:syntax-as")
        let b = try first("The ferry service will end in March, as the mayor noted on Friday.")
        #expect(b?.mention == "the mayor")
        #expect(b?.text == "The ferry service will end in March")
        #expect(b?.rule == "quotes:syntax-as")
        // Not a clause of time: no comma sets it off.
        #expect(try first("The crowd cheered loudly as the mayor replied.") == nil)
    }

    @Test("a prepositional phrase the parse hangs on the cue, between the subject and the cue, is the subject's")
    func prepositionalPhraseBeforeCue() throws {
        let q = try first("A projection from the Fenwick Political Report shows that the seat is safe.")
        #expect(q?.mention == "A projection from the Fenwick Political Report")
        #expect(q?.text == "the seat is safe")
        // Not a time: "The mayor on Friday said".
        #expect(try first("The mayor on Friday said the bridge would reopen.")?.mention == "The mayor")
    }

    @Test("a cue form the parse makes an adjective before a noun reports nothing ('a hastily called meeting')")
    func adjectivalParticipleIsNoCue() throws {
        let q = try findQuotes(
            "Headline\n\nAfter a hastily called, late-night meeting, the board issued a statement calling the merger “a grave mistake” for the town."
        )
        #expect(!q.contains { $0.cue == "called" })
        #expect(q.first?.mention == "the board")
        #expect(q.first?.cue == "calling")
    }

    @Test("the speaker of '..., warning that ...' is the sentence's whole subject as the parse bounds it")
    func participleSpeakerWholeSubject() throws {
        let a = try first(
            "Farmers in the northern valleys protested on Monday, warning that the new levy would ruin them.")
        #expect(a?.mention == "Farmers in the northern valleys")
        #expect(a?.cue == "warning")
    }

    @Test("'..., according to X, and they said ...': the source is looked for up to the comma that closes it")
    func accordingToBeforeAReport() throws {
        let q = try findQuotes(
            "Headline\n\nRuiz's relatives watched the footage on Monday, according to their lawyers, and they said they had questions."
        )
        let a = q.first { $0.cue == "according to" }
        #expect(a?.mention == "their lawyers")
        #expect(a?.text == "Ruiz's relatives watched the footage on Monday")
    }

    @Test("a progressive cue the tagger takes for a noun still reports ('is warning voters that ...')")
    func progressiveTaggedAsNoun() throws {
        let q = try first("Senator Alma Reyes is warning voters that the toll bridge will close in May.")
        #expect(q?.mention == "Senator Alma Reyes")
        #expect(q?.cue == "warning")
        #expect(q?.text == "the toll bridge will close in May")
    }

    @Test("a subject after a question word ('... and how analysts say') is the cue's subject alone")
    func subjectAfterQuestionWord() throws {
        let q = try findQuotes(
            "Headline\n\nThat sort of gap between what the mayor says her plan would do and how analysts say it would shape the city has lasted for months."
        )
        let a = q.first { $0.cue == "say" }
        #expect(a?.mention == "analysts")
    }

    @Test("'according to a speech X delivered': the source is the one who produced the medium")
    func producerOfMedium() throws {
        let a = try first(
            "The plan is to lure shipping firms back to the harbour, according to a speech Mrs. Okafor delivered at Kiel University in May 2019."
        )
        #expect(a?.mention == "Mrs. Okafor")
        #expect(a?.text == "The plan is to lure shipping firms back to the harbour")
        let b = try first(
            "The ferry will stop running in winter, according to an interview her brother Tomas Weller gave to a local radio station."
        )
        #expect(b?.mention == "her brother Tomas Weller")
        let c = try first("According to a statement the ministry issued on Friday, prices will rise.")
        #expect(c?.mention == "the ministry")
        #expect(c?.text == "prices will rise")
        // A medium produced by no one named stays the source.
        #expect(
            try first("Prices will rise, according to a report released by the ministry.")?.mention
                == "a report released by the ministry")
    }
}
