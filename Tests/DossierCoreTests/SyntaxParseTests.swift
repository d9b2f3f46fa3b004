import Foundation
import Testing

@testable import DossierCore

/// Parses of our own sentences with the committed models: the constructions the extractors rely on.
@Suite("Syntax analysis of constructions the extractors use")
struct SyntaxParseTests {
    static let analyzer = Result { try SyntaxAnalyzer.standard() }
    static let beamAnalyzer = Result { try SyntaxAnalyzer.standard(beam: true) }
    static let ensembleAnalyzer = Result { try SyntaxAnalyzer.standard(ensemble: true) }

    /// The bundled parsers.
    enum Kind: CaseIterable { case greedy, beam, ensemble }

    /// Tags and parses one sentence given as words (with the greedy or the beam parser, or the ensemble).
    func parse(_ words: [String], _ kind: Kind = .greedy) throws -> (SyntaxView, [String]) {
        var doc = Document(pretokenized: [words])
        let a =
            switch kind {
            case .greedy: SyntaxParseTests.analyzer
            case .beam: SyntaxParseTests.beamAnalyzer
            case .ensemble: SyntaxParseTests.ensembleAnalyzer
            }
        try a.get().apply(to: &doc)
        return (SyntaxView(doc), words)
    }

    @Test func beamParserLoadsWithItsWidth() throws {
        #expect(try SyntaxParseTests.beamAnalyzer.get().parser?.beamWidth == 8)
        #expect(try SyntaxParseTests.analyzer.get().parser?.beamWidth == 1)
        let e = try SyntaxParseTests.ensembleAnalyzer.get().ensemble
        // The beam and right-to-left members decoded wider than trained (8 and 4), the ensemble's widths.
        #expect(e?.members.map(\.model.beamWidth) == [16, 16, 8, 1, 1, 8])
        #expect(e?.members.map(\.model.rightToLeft) == [false, false, true, false, false, true])
        #expect(e?.members.map(\.model.easyFirst) == [false, false, false, false, true, false])
        #expect(e?.members.map(\.model.arcEager) == [false, true, false, false, false, true])
        #expect(e?.members.map(\.weight) == [1, 1, 0.8, 0.6, 0.5, 0.5])
    }

    @Test("the tagger's alternatives: the same tags, a runner-up unlike the tag and a margin for scored tokens")
    func taggerAlternatives() throws {
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try POSModel.bundled(clusters: clusters)
        let words = ["The", "council", "will", "review", "the", "plan", "before", "a", "vote", "on", "Friday", "."]
        let doc = Document(pretokenized: [words, ["Critics", "say", "the", "review", "lacks", "teeth", "."]])
        let t = SyntaxTables(doc, clusters: clusters)
        let (classes, alt) = tagger.tagWithAlternatives(doc, t)
        #expect(classes == tagger.tag(doc, t))
        let scored = doc.tokens.indices.filter { alt.margin[$0].isFinite }
        #expect(!scored.isEmpty)
        #expect(scored.allSatisfy { alt.margin[$0] >= 0 && alt.runnerUp[$0] != classes[$0] })
        // "the" and "." are the tag dictionary's: no runner-up.
        #expect(alt.margin[0] == .infinity && alt.margin[11] == .infinity)
    }

    func index(_ words: [String], _ w: String) -> Int { words.firstIndex(of: w) ?? -1 }

    @Test(arguments: Kind.allCases)
    func invertedReportingVerbHasSubject(_ kind: Kind) throws {
        let w = ["\"", "We", "will", "not", "back", "down", ",", "\"", "said", "Miller", "."]
        let (v, _) = try parse(w, kind)
        let said = index(w, "said")
        #expect(v.relation(of: index(w, "Miller")) == "nsubj")
        #expect(v.head(of: index(w, "Miller")) == said)
        #expect(v.subjects(of: said) == [index(w, "Miller")])
        #expect(v.lemma(said) == "say")
        #expect(v.verbGroup(of: said).tense == .past)
        let back = index(w, "back")
        #expect(v.verbGroup(of: back).negated)
        #expect(v.verbGroup(of: back).tense == .future)
    }

    @Test(arguments: Kind.allCases)
    func apposition(_ kind: Kind) throws {
        let w = ["Miller", ",", "the", "spokesman", ",", "declined", "to", "comment", "."]
        let (v, _) = try parse(w, kind)
        #expect(v.relation(of: index(w, "spokesman")) == "appos")
        #expect(v.appositions(of: index(w, "Miller")) == [index(w, "spokesman")])
        #expect(v.subjects(of: index(w, "declined")) == [index(w, "Miller")])
    }

    @Test(arguments: Kind.allCases)
    func metWithIsOblique(_ kind: Kind) throws {
        let w = ["The", "minister", "met", "with", "leaders", "of", "the", "union", "."]
        let (v, _) = try parse(w, kind)
        let met = index(w, "met")
        let obl = v.obliques(of: met)
        #expect(obl.contains { $0.token == index(w, "leaders") && $0.preposition == "with" })
        #expect(v.subjects(of: met) == [index(w, "minister")])
    }

    @Test(arguments: Kind.allCases)
    func passiveVoice(_ kind: Kind) throws {
        let w = ["The", "bill", "was", "passed", "by", "the", "Senate", "."]
        let (v, _) = try parse(w, kind)
        let passed = index(w, "passed")
        #expect(v.relation(of: index(w, "bill")) == "nsubj:pass")
        #expect(v.verbGroup(of: passed).passive)
        #expect(v.verbGroup(of: passed).tense == .past)
        #expect(v.obliques(of: passed).contains { $0.token == index(w, "Senate") && $0.preposition == "by" })
    }

    @Test(arguments: Kind.allCases)
    func coordinationOfNames(_ kind: Kind) throws {
        let w = ["Presidents", "Biden", "and", "Xi", "Jinping", "held", "talks", "on", "Monday", "."]
        let (v, _) = try parse(w, kind)
        let biden = index(w, "Biden")
        let conj = v.conjuncts(of: v.coordinationHead(of: biden))
        #expect(conj.contains(biden) || conj.contains(index(w, "Presidents")))
        #expect(conj.contains(index(w, "Jinping")) || conj.contains(index(w, "Xi")))
        #expect(v.relation(of: index(w, "and")) == "cc")
        #expect(v.lemma(index(w, "talks")) == "talk")
    }

    @Test func pipelineFillsSyntaxAndSkipsNothingElse() throws {
        let article = Article(title: nil, text: "The talks ended on Friday. Officials said little.", source: "t")
        let doc = try Pipeline([
            Tokenizer(), SentenceSplitter(), BoilerplateDetector.standard(), SyntaxAnalyzer.standard(),
        ])
        .run(article)
        #expect(doc.layers.contains(.syntax))
        let v = SyntaxView(doc)
        let ended = (0..<doc.tokens.count).first { doc.form(of: doc.tokens[$0]) == "ended" } ?? 0
        #expect(v.relation(of: ended) == "root")
        #expect(v.clause(of: ended) == ended)
    }
}

@Suite("Syntax stage in the pipeline")
struct SyntaxPipelineTests {
    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (the seed article)"))
    func syntaxStageDoesNotChangeNames() throws {
        let url = SyntaxSharedData.root.appendingPathComponent("examples/seed/seed.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let article = Article(title: nil, text: text, source: "seed.txt")
        let with = try Pipeline([
            Tokenizer(), SentenceSplitter(), BoilerplateDetector.standard(), SyntaxAnalyzer.standard(),
            NameTagger.standard(),
        ])
        .run(article)
        let without = try Pipeline([
            Tokenizer(), SentenceSplitter(), BoilerplateDetector.standard(), NameTagger.standard(),
        ])
        .run(article)
        #expect(with.mentions.map(\.span) == without.mentions.map(\.span))
        #expect(with.syntax != nil)
    }
}
