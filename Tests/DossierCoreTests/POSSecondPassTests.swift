import Foundation
import Testing

@testable import DossierCore

/// The tagger's second pass: jackknifed first-pass results, training, the model file and decoding.
@Suite("Tagger second pass")
struct POSSecondPassTests {
    /// Sentences of our own in CoNLL-U (only the tag columns matter here).
    static let treebank = """
        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\tharbour\tharbour\tNOUN\tNN\t_\t3\tnsubj\t_\t_
        3\treopened\treopen\tVERB\tVBD\t_\t0\troot\t_\t_
        4\tafter\tafter\tADP\tIN\t_\t6\tcase\t_\t_
        5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
        6\tstorm\tstorm\tNOUN\tNN\t_\t3\tobl\t_\t_
        7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

        1\tFarmers\tfarmer\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
        2\tset\tset\tVERB\tVBD\t_\t0\troot\t_\t_
        3\tout\tout\tADP\tRP\t_\t2\tcompound:prt\t_\t_
        4\tbefore\tbefore\tADP\tIN\t_\t5\tcase\t_\t_
        5\tdawn\tdawn\tNOUN\tNN\t_\t2\tobl\t_\t_
        6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_
        2\twalked\twalk\tVERB\tVBD\t_\t0\troot\t_\t_
        3\tout\tout\tADV\tRB\t_\t2\tadvmod\t_\t_
        4\tof\tof\tADP\tIN\t_\t6\tcase\t_\t_
        5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
        6\tmeeting\tmeeting\tNOUN\tNN\t_\t2\tobl\t_\t_
        7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\t_
        3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
        4\tthat\tthat\tSCONJ\tIN\t_\t7\tmark\t_\t_
        5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
        6\tbridge\tbridge\tNOUN\tNN\t_\t7\tnsubj\t_\t_
        7\tcloses\tclose\tVERB\tVBZ\t_\t3\tccomp\t_\t_
        8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

        1\tThat\tthat\tDET\tDT\t_\t2\tdet\t_\t_
        2\tbridge\tbridge\tNOUN\tNN\t_\t3\tnsubj\t_\t_
        3\tcloses\tclose\tVERB\tVBZ\t_\t0\troot\t_\t_
        4\tat\tat\tADP\tIN\t_\t5\tcase\t_\t_
        5\tnight\tnight\tNOUN\tNN\t_\t3\tobl\t_\t_
        6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

        1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
        2\tlooked\tlook\tVERB\tVBD\t_\t0\troot\t_\t_
        3\tup\tup\tADP\tRP\t_\t2\tcompound:prt\t_\t_
        4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
        5\ttimetable\ttimetable\tNOUN\tNN\t_\t2\tobj\t_\t_
        6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_


        """

    static func trained(margin: Float = 1e9, templates: Int = 2) -> (POSModel, SyntaxCorpus, POSPassOne) {
        let corpus = SyntaxCorpus(CoNLLU.read(POSSecondPassTests.treebank), clusters: nil)
        var trainer = POSTrainer()
        trainer.epochs = 4
        trainer.features = 3
        trainer.extras = 13
        trainer.secondPass = templates
        trainer.secondEpochs = 3
        trainer.secondFolds = 2
        trainer.secondMargin = margin
        let first = trainer.train(corpus, dev: nil, clusters: nil) { _ in }
        let passOne = trainer.jackknife(corpus, clusters: nil) { _ in }
        return (trainer.trainSecond(first, corpus, passOne: passOne, dev: nil) { _ in }, corpus, passOne)
    }

    @Test func jackknifeTagsEveryTokenAndKeepsTheScoresOfScoredOnes() {
        let (model, corpus, passOne) = POSSecondPassTests.trained()
        #expect(passOne.classes == model.classes.count)
        #expect(passOne.tags.count == corpus.tokenCount)
        #expect(passOne.scored.allSatisfy { $0 }, "no word is frequent enough for the tag dictionary here")
        for i in 0..<corpus.tokenCount {
            #expect(Int(passOne.tags[i]) < model.classes.count)
            let row = passOne.scores[(i * passOne.classes)..<((i + 1) * passOne.classes)]
            #expect(row.contains { $0 != 0 })
            #expect(passOne.margin(i) >= 0)
        }
    }

    @Test(arguments: [1, 2, 3])
    func twoPassTaggerWritesReadsBackAndTagsTheSame(templates: Int) throws {
        var (model, corpus, _) = POSSecondPassTests.trained(templates: templates)
        model.second?.uposOnly = templates == 2
        let second = try #require(model.second)
        #expect(second.templates == templates)
        #expect(second.perceptron.featureCount > 0)
        let bytes = model.encoded()
        let again = try POSModel(decoding: bytes, name: "two-pass", clusters: nil)
        #expect(again["second"] == String(templates))
        #expect(again.second?.margin == second.margin)
        #expect(again.second?.uposOnly == (templates == 2))
        #expect(again.encoded() == bytes, "a two-pass tagger read from file writes the same bytes")
        #expect(again.tag(corpus.document, corpus.tables) == model.tag(corpus.document, corpus.tables))
        #expect(POSEvaluation(model: again, gold: corpus).upos >= 90)
    }

    @Test func unknownSecondPassVersionIsRejected() throws {
        let (model, _, _) = POSSecondPassTests.trained()
        let file = try ModelFile(decoding: model.encoded(), name: "m")
        let cfg = file.config.map { $0.key == "second" ? (key: $0.key, value: "9") : $0 }
        let bytes = ModelFile(kind: file.kind, config: cfg, payload: file.payload).encoded()
        #expect(throws: DossierError.self) { try POSModel(decoding: bytes, name: "v9", clusters: nil) }
    }

    @Test func marginZeroTagsAsTheFirstPass() throws {
        let (model, corpus, _) = POSSecondPassTests.trained()
        var onePass = model
        onePass.second = nil
        var zero = model
        zero.second?.margin = 0
        #expect(zero.tag(corpus.document, corpus.tables) == onePass.tag(corpus.document, corpus.tables))
        #expect(!onePass.encoded().isEmpty)
        #expect(try POSModel(decoding: onePass.encoded(), name: "one", clusters: nil).second == nil)
    }

    @Test func firstPassCacheRoundTripsAndMeasuresMargins() throws {
        var p = POSPassOne(classes: 3, tokens: 2)
        p.tags = [2, 0]
        p.scored = [true, false]
        p.scores = [0.5, -1, 2, 0, 0, 0]
        #expect(p.margin(0) == 1.5)
        #expect(p.margin(1) == .infinity)
        let again = try POSPassOne(decoding: p.encoded(), name: "cache")
        #expect(again == p)
        #expect(throws: DossierError.self) { try POSPassOne(decoding: Array(p.encoded().dropLast()), name: "cut") }
    }
}
