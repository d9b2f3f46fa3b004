import DossierCore
import Testing

@Suite("SentenceSplitter")
struct SentenceSplitterTests {
    static let cases: [(String, [String])] = [
        ("Talks ended. Both sides left.", ["Talks ended.", "Both sides left."]),
        ("Mr. Okafor met Dr. Lin. They spoke.", ["Mr. Okafor met Dr. Lin.", "They spoke."]),
        ("He lives in the U.S. The talks start soon.", ["He lives in the U.S.", "The talks start soon."]),
        ("The U.S. Senate voted.", ["The U.S. Senate voted."]),
        ("J. R. Hartley arrived. He sat.", ["J. R. Hartley arrived.", "He sat."]),
        ("\"Why now?\" he asked. Nobody knew.", ["\"Why now?\" he asked.", "Nobody knew."]),
        (
            "She said, \u{201C}We agree.\u{201D} Then she left.",
            ["She said, \u{201C}We agree.\u{201D}", "Then she left."]
        ),
        ("Prices rose 3.5 percent. Markets fell.", ["Prices rose 3.5 percent.", "Markets fell."]),
        ("It happened on Jan. 5 in Lagos.", ["It happened on Jan. 5 in Lagos."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("First paragraph without a period\nSecond one.", ["First paragraph without a period", "Second one."]),
        ("Room No. 5 was empty. Next.", ["Room No. 5 was empty.", "Next."]),
        ("The vote (held Friday.) passed. Then", ["The vote (held Friday.) passed.", "Then"]),
    ]

    @Test("splits sentences", arguments: cases)
    func splits(_ text: String, _ expected: [String]) throws {
        let doc = try analyze(text)
        #expect(doc.sentenceStrings == expected)
    }

    @Test("paragraphs: single line breaks in ordinary text, blank or indented lines in hard-wrapped text")
    func paragraphs() throws {
        let ordinary = try analyze("Title line\nFirst paragraph. Still first.\nSecond paragraph.")
        #expect(ordinary.sentences.map(\.paragraph) == [0, 1, 1, 2])
        let wrapped = """
            The minister of the interior said on Tuesday that the
            talks with the northern provinces would continue next week
            in the capital, and that both delegations had already
            agreed on a detailed agenda for the meeting in March.
                A second paragraph starts with an indent and then it
            continues on the next line of the wire copy as before.
            """
        let doc = try analyze(wrapped)
        #expect(doc.sentences.count == 2)
        #expect(doc.sentences.map(\.paragraph) == [0, 1])
    }

    @Test("over-long sentences are cut at a comma or semicolon")
    func longSentences() throws {
        let text = (0..<400).map { $0 % 50 == 49 ? "word," : "word" }.joined(separator: " ")
        let doc = try analyze(text)
        #expect(doc.sentences.count >= 2)
        #expect(doc.sentences.allSatisfy { $0.tokens.count <= 300 })
        #expect(doc.sentences.first?.tokens.lowerBound == 0)
        #expect(doc.sentences.last?.tokens.upperBound == doc.tokens.count)
    }

    @Test("the title line is a sentence of its own, flagged")
    func title() throws {
        let text = "Envoys Meet\nThe envoys met on Friday."
        let doc = try analyze(text, title: "Envoys Meet", titleRange: 0..<11)
        #expect(doc.sentenceStrings == ["Envoys Meet", "The envoys met on Friday."])
        #expect(doc.sentences[0].flags.contains(.title))
        #expect(!doc.sentences[1].flags.contains(.title))
        #expect(doc.tokens[0].flags.contains(.title))
    }
}
