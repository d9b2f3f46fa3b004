import Testing

@testable import DossierCore

@Suite("CoNLL reader and writer")
struct NamesCoNLLTests {
    // Our own sentences, in CoNLL-2003's IOB1 layout.
    static let sample = """
        -DOCSTART- -X- O O

        Mara NNP I-NP I-PER
        Osei NNP I-NP I-PER
        flew VBD I-VP O
        to TO I-PP O
        Accra NNP I-NP I-LOC
        Ghana NNP I-NP B-LOC
        . . O O

        BANKING NN I-NP O
        -DOCSTART- -X- O O

        Nordbank NNP I-NP I-ORG
        rose VBD I-VP O
        """

    @Test func readsDocumentsAndConvertsIOB1ToIOB2() {
        let docs = CoNLL.read(Self.sample)
        #expect(docs.count == 2)
        #expect(docs[0].sentences.count == 2)
        #expect(docs[0].sentences[0].tokens == ["Mara", "Osei", "flew", "to", "Accra", "Ghana", "."])
        #expect(docs[0].sentences[0].labels == ["B-PER", "I-PER", "O", "O", "B-LOC", "B-LOC", "O"])
        #expect(docs[1].sentences[0].labels == ["B-ORG", "O"])
    }

    @Test func spansOfIOB2() {
        let spans = CoNLL.spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-MISC"])
        #expect(spans.map { "\($0.start)-\($0.end)-\($0.type)" } == ["0-2-PER", "3-4-LOC", "4-5-LOC", "5-6-MISC"])
        #expect(CoNLL.labels(count: 3, spans: [(start: 1, end: 3, type: "ORG")]) == ["O", "B-ORG", "I-ORG"])
    }

    @Test func writerKeepsLinesAndAddsAColumn() {
        let docs = CoNLL.read("-DOCSTART- -X- O O\n\nAda x\nruns y\n", labelColumn: false)
        let out = CoNLL.write(docs, predicted: [[["B-PER", "O"]]])
        #expect(out == "-DOCSTART- -X- O O\n\nAda x B-PER\nruns y O\n\n")
    }

    @Test func appendingAColumnKeepsEveryLine() {
        let text = "-DOCSTART- -X- O O\n\n\nAda x\nruns\ty\n\n\n-DOCSTART-\nGo z\n"
        let out = CoNLL.appendingColumn(to: text, tags: ["B-PER", "O", "O"])
        #expect(out == "-DOCSTART- -X- O O\n\n\nAda x B-PER\nruns\ty\tO\n\n\n-DOCSTART-\nGo z O\n")
        let tokens = CoNLL.read(text, labelColumn: false).flatMap { $0.sentences.flatMap(\.tokens) }
        #expect(tokens == ["Ada", "runs", "Go"])
    }

    @Test func pretokenizedDocumentKeepsTokens() {
        let doc = Document(pretokenized: [["Mara", "Osei", "'s", "U.S.", "trip"], ["\"", "Go", "\""]])
        #expect(doc.tokens.count == 8)
        #expect(doc.sentences.count == 2)
        #expect(doc.string(of: doc.tokens[2]) == "'s")
        #expect(doc.string(of: doc.tokens[3]) == "U.S.")
        #expect(doc.tokens[0].flags.contains(.capitalized))
        #expect(doc.tokens[5].flags.contains(.quote))
        #expect(doc.layers.contains(.tokens) && doc.layers.contains(.sentences))
    }

    @Test func scoresCountExactSpans() {
        var s = SpanScores()
        s.add(
            gold: [(0, 2, "PER"), (3, 4, "LOC")],
            predicted: [(0, 2, "PER"), (3, 5, "LOC")])
        #expect(s.overall.truePositives == 1)
        #expect(s.overall.falsePositives == 1)
        #expect(s.overall.falseNegatives == 1)
        #expect(abs(s.overall.f1 - 0.5) < 1e-9)
    }
}

@Suite("Pretokenized documents with non-ASCII text")
struct NamesPretokenizedUnicodeTests {
    @Test func foldedTokensKeepTheirText() {
        let doc = Document(pretokenized: [["\u{201C}Zoë", "Müller\u{201D}", "said", "\u{2014}", "yes"]])
        #expect(doc.tokens.count == 5)
        #expect(doc.string(of: doc.tokens[0]) == "\u{201C}Zoë")
        #expect(doc.string(of: doc.tokens[1]) == "Müller\u{201D}")
        #expect(doc.string(of: doc.tokens[4]) == "yes")
        for t in doc.tokens { #expect(t.start < t.end) }
    }
}
