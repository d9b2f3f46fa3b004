import DossierCore
import Testing

/// Speaker phrases as PolNeAR bounds them (the whole phrase: descriptors, ages, party tags, places), and the
/// attribution sieves added with them. Sentences written for these tests.
@Suite("QuoteFinder: speaker phrase bounds")
struct QuotePhraseTests {
    func quote(_ text: String, _ content: String, syntax: Bool = true) throws -> FoundQuote? {
        let q = try syntax ? findQuotes("Headline\n\n" + text) : findQuotesWithoutSyntax("Headline\n\n" + text)
        return q.first { $0.text == content }
    }

    @Test("lowercase descriptors before a name after an inverted cue")
    func descriptorsAfterCue() throws {
        for syntax in [true, false] {
            let q = try quote(
                "“We will open the harbour again,” said former dock foreman Ilse Marten during the hearing.",
                "We will open the harbour again", syntax: syntax)
            #expect(q?.mention == "former dock foreman Ilse Marten", "\(String(describing: q))")
            #expect(q?.speakerName == "Ilse Marten")
        }
    }

    @Test("lowercase descriptors before a name before the cue")
    func descriptorsBeforeCue() throws {
        let q = try quote(
            "“The vote was unanimous,” councilmember Tobias Renn said of the ferry plan.", "The vote was unanimous")
        #expect(q?.mention == "councilmember Tobias Renn", "\(String(describing: q))")
        #expect(q?.cue == "said")
    }

    @Test("an age stays in the phrase, before and after the cue")
    func ages() throws {
        let a = try quote(
            "“The rent doubled in a year,” said Jonas Pell, 57, a welder from the east quay.",
            "The rent doubled in a year")
        #expect(a?.mention == "Jonas Pell, 57, a welder from the east quay", "\(String(describing: a))")
        let b = try quote("“I had never voted before,” Mira Holt, 31, said.", "I had never voted before")
        #expect(b?.mention == "Mira Holt, 31", "\(String(describing: b))")
    }

    @Test("a party tag and a web address whose periods are glued to the next token")
    func gluedPeriods() throws {
        let a = try quote("“The bill is dead,” said Sen. Ana Ruiz (D-Ore.).", "The bill is dead")
        #expect(a?.mention == "Sen. Ana Ruiz (D-Ore.)", "\(String(describing: a))")
        let b = try quote("“It is a two-horse race,” Sen. Ana Ruiz (D-Ore.) said on Sunday.", "It is a two-horse race")
        #expect(b?.mention == "Sen. Ana Ruiz (D-Ore.)", "\(String(describing: b))")
        let c = try quote(
            "“Nobody saw it coming,” said Karl Weiss, editor of Harbourline.com, on Monday.", "Nobody saw it coming")
        #expect(c?.mention == "Karl Weiss, editor of Harbourline.com", "\(String(describing: c))")
    }

    @Test("a noun after a determiner is not a cue: “...,” the report said")
    func determinerNoun() throws {
        let q = try quote("“Wages have not kept pace,” the report said.", "Wages have not kept pace")
        #expect(q?.mention == "the report", "\(String(describing: q))")
        #expect(q?.cue == "said")
    }

    @Test("a possessive appositive, and a description before an appositive name")
    func appositives() throws {
        let a = try quote(
            "“They try new things,” Lena Fors, the union's director of outreach, said of the campaign.",
            "They try new things")
        #expect(a?.mention == "Lena Fors, the union's director of outreach", "\(String(describing: a))")
        let b = try quote(
            "“We read every application,” Nordbank's chief hiring officer, Pia Lund, said.", "We read every application"
        )
        #expect(b?.mention == "Nordbank's chief hiring officer, Pia Lund", "\(String(describing: b))")
        #expect(b?.speakerName == "Pia Lund")
    }

    @Test("dash-signature: a quote paragraph signed by the next paragraph")
    func dashSignature() throws {
        let q = try findQuotes(
            "Quotes of the week\n\n“The tide always turns.”\n\n- Ruth Okafor, harbour pilot.\n\nThe ferry runs again.")
        let quote = q.first { $0.text == "The tide always turns." }
        #expect(quote?.rule.hasPrefix("quotes:dash-signature") == true, "\(q)")
        #expect(quote?.speakerName == "Ruth Okafor")
    }

    @Test("according to: the rest of the clause when the phrase grammar does not cover it")
    func accordingTo() throws {
        let a = try quote(
            "Turnout among first-time voters fell by a third, according to exit polls conducted for the networks.",
            "Turnout among first-time voters fell by a third")
        #expect(a?.mention == "exit polls conducted for the networks", "\(String(describing: a))")
        let b = try quote(
            "According to early returns tallied by the county clerk, the levy passed easily.", "the levy passed easily")
        #expect(b?.mention == "early returns tallied by the county clerk", "\(String(describing: b))")
    }

    @Test("an indirect speaker without an opening adverb or a trailing time phrase")
    func indirectTrim() throws {
        let q = try quote(
            "Indeed, the port authority on Tuesday said the cranes would be replaced.", "the cranes would be replaced")
        #expect(q?.mention == "the port authority", "\(String(describing: q))")
    }

    @Test("headline: a title-case line that reports speech")
    func headline() throws {
        let q = try findQuotes("Harbour Chief Says Cranes Will Stay\n\nThe ferry resumed service on Monday.")
        let h = q.first { $0.text == "Cranes Will Stay" }
        #expect(h?.mention == "Harbour Chief", "\(q)")
        #expect(h?.cue == "Says")
        #expect(h?.rule.hasPrefix("quotes:headline") == true)
        // A title-case line without a speech cue is no quote.
        let none = try findQuotes("Harbour Cranes Stay For Another Winter\n\nThe ferry resumed service on Monday.")
        #expect(!none.contains { $0.text.contains("Winter") }, "\(none)")
    }

    @Test("a content ends before a second reporting verb of the same speaker")
    func secondCue() throws {
        let q = try findQuotes(
            "Headline\n\nVarga called both rivals \"reckless\" and said the harbour would lose its ferry if nothing changed."
        )
        let called = q.first { $0.cue == "called" }
        #expect(called?.text == "both rivals \"reckless\"", "\(q)")
        let said = q.first { $0.cue == "said" }
        #expect(said?.text == "the harbour would lose its ferry if nothing changed", "\(q)")
        #expect(said?.mention == "Varga")
    }

    @Test("\"It said\" with a complement clause is a source; an expletive \"it\" is not")
    func itSaid() throws {
        let q = try findQuotes(
            "Headline\n\nThe port authority published its report on Tuesday. It said the cranes had been neglected for a decade."
        )
        let quote = q.first { $0.text == "the cranes had been neglected for a decade" }
        #expect(quote?.mention == "It", "\(q)")
        #expect(quote?.speakerName == "It", "no organization is named: \(q)")
        let org = try findQuotes(
            "Headline\n\nNordvik Shipping Corp cut its profit forecast on Tuesday. It said fuel costs had risen by a third."
        )
        let fuel = org.first { $0.text == "fuel costs had risen by a third" }
        #expect(fuel?.mention == "It", "\(org)")
        #expect(fuel?.speakerName == "Nordvik Shipping Corp", "the organization named just before: \(org)")
        #expect(fuel?.speaker != nil && fuel?.rule.hasSuffix("+it") == true, "\(org)")
        let passive = try findQuotes("Headline\n\nIt is said that the cranes had been neglected for a decade.")
        #expect(!passive.contains { $0.mention == "It" }, "\(passive)")
    }

    @Test("next to a direct quote, a span with a verb by the parse is a clause, not a speaker")
    func verbInLoosePhrase() throws {
        let q = try quote(
            "Dekker thought for a moment and said, “We will rebuild the quay.”", "We will rebuild the quay.")
        #expect(q?.mention != "Dekker thought for a moment and", "\(String(describing: q))")
        #expect(q?.speakerName == "Dekker")
    }

    @Test("the medium and a participle set off by a comma stay out of the speaker phrase")
    func mediumAndParticiple() throws {
        let d = try findQuotes(
            "Headline\n\n“We will not move,” said Anna Berg, a harbour pilot, referring to the new quay.")
        #expect(d.first?.mention == "Anna Berg, a harbour pilot")
        let i = try findQuotes(
            "Headline\n\nThe port authority in a statement released on Monday said the quay would reopen in May.")
        #expect(i.first?.mention == "The port authority")
        #expect(i.first?.text == "the quay would reopen in May")
    }

    @Test("a share of a group ('Nearly eight of 10 voters', 'About four in 10') is one phrase")
    func shareOfGroup() throws {
        let a = try quote("Nearly eight of 10 voters say the ferry fare is too high.", "the ferry fare is too high")
        #expect(a?.mention == "Nearly eight of 10 voters")
        let b = try quote("About four in 10 harbour workers said the strike was justified.", "the strike was justified")
        #expect(b?.mention == "About four in 10 harbour workers")
    }
}
