import Foundation
import Testing

@testable import DossierCore

/// The tagger's and parser's feature versions, the seed ensemble and the compact scorer.
@Suite("Tagger and parser model options")
struct SyntaxModelTests {
    /// A few sentences of our own in CoNLL-U.
    static let treebank = """
        1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
        2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
        3\twith\twith\tADP\tIN\t_\t5\tcase\t_\t_
        4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
        5\tminister\tminister\tNOUN\tNN\t_\t2\tobl\t_\t_
        6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\ttreaty\ttreaty\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
        3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
        4\tsigned\tsign\tVERB\tVBN\t_\t0\troot\t_\t_
        5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
        6\tMay\tMay\tPROPN\tNNP\t_\t4\tobl\t_\t_
        7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

        1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
        2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
        3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
        4\ttalks\ttalk\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
        5\twill\twill\tAUX\tMD\t_\t6\taux\t_\t_
        6\tresume\tresume\tVERB\tVB\t_\t2\tccomp\t_\t_
        7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_


        """

    @Test func compactScorerMatchesThePerceptron() {
        var p = AveragedPerceptron(classes: 5)
        let feats: [UInt64] = [0x11, 0x2_0001, 0x33_0003, 0x7777_0005]
        feats.withUnsafeBufferPointer { fs in
            for k in 0..<40 {
                p.tick()
                p.update(UnsafeBufferPointer(rebasing: fs[(k % 3)...]), truth: k % 5, guess: (k + 2) % 5)
            }
        }
        p.finish(threshold: 0)
        let scorer = CompactScorer(p)
        let query: [UInt64] = feats + [0x9999_0001]
        var a = [Float](repeating: 0, count: 5)
        var b = [Float](repeating: 0, count: 5)
        query.withUnsafeBufferPointer { q in
            a.withUnsafeMutableBufferPointer { p.score(q, into: $0) }
            b.withUnsafeMutableBufferPointer { scorer.score(q, into: $0) }
        }
        let top = a.map(abs).max() ?? 1
        for k in 0..<5 { #expect(abs(a[k] - b[k]) <= top * 1e-3) }
    }

    @Test("a tagger read from file keeps only its scorer and writes the same file again")
    func loadedTaggerReencodesExactly() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        var trainer = POSTrainer()
        trainer.epochs = 3
        let model = trainer.train(corpus, dev: nil, clusters: nil) { _ in }
        let bytes = model.encoded()
        let loaded = try POSModel(decoding: bytes, name: "m", clusters: nil)
        #expect(loaded.encoded() == bytes)
        #expect(loaded.perceptron.featureCount > 0)
        #expect(loaded.tag(corpus.document, corpus.tables) == model.tag(corpus.document, corpus.tables))
        let bundled = try NERModel.resourceBytes("models", "pos.model")
        let tagger = try POSModel(decoding: bundled, name: "pos.model", clusters: try SyntaxTables.bundledClusters())
        #expect(tagger.encoded() == bundled, "the bundled tagger rebuilt from its scorer")
        // A parser read from file writes its weights exactly as read (the scorer's rows, at the file's pruning).
        let file = try NERModel.resourceBytes("models", "parser.model")
        let parser = try ParserModel(decoding: file, name: "parser.model")
        #expect(parser.encoded() == file, "parser.model rebuilt from its scorers")
    }

    @Test func taggerVersionThreeKeepsItsTemplatesAndEnsemble() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        var trainer = POSTrainer()
        trainer.epochs = 4
        trainer.features = 3
        trainer.extras = 13
        trainer.seeds = 2
        let model = trainer.train(corpus, dev: nil, clusters: nil) { _ in }
        #expect(model.featureSet == 3)
        #expect(model.extras == 13)
        #expect(model["seeds"] == "2")
        let again = try POSModel(decoding: model.encoded(), name: "m", clusters: nil)
        #expect(again.featureSet == 3)
        #expect(again.extras == 13)
        #expect(again.tag(corpus.document, corpus.tables) == model.tag(corpus.document, corpus.tables))
        #expect(POSEvaluation(model: again, gold: corpus).upos == 100)
    }

    @Test(arguments: [2, 3, 4, 5, 6])
    func parserFeatureVersionsTrainAndLoad(_ version: Int) throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.features = version
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.featureSet == version)
        #expect(ParserEvaluation(model: model, gold: corpus, tags: tags).uas == 100)
        let again = try ParserModel(decoding: model.encoded(), name: "m")
        #expect(again.featureSet == version)
        let s = ParserEvaluation(model: again, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
    }

    @Test func labelledTransitionsTrainReloadAndParseTheSame() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.labelled = true
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.labelled)
        #expect(model["transitions"] == "labelled")
        #expect(model.actions.classes == ParserModel.classCount(labels: model.labels.count))
        let s = ParserEvaluation(model: model, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labelled-\(UUID()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(model.encoded()).write(to: url)
        let again = try ParserModel(decoding: [UInt8](try Data(contentsOf: url)), name: url.path)
        #expect(again.labelled)
        let a = model.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let b = again.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(a.heads == b.heads)
        #expect(a.labels == b.labels)
        #expect(ParserEvaluation(model: again, gold: corpus, tags: tags).las == 100)
    }

    @Test("an easy-first parser learns a small treebank, reloads and parses the same; one- and two-word sentences")
    func easyFirstTrainsAndReloads() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.easyFirst = true
        trainer.features = 5
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.easyFirst && model["system"] == "easy-first" && model.labelled)
        #expect(model.actions.classes == 2 * model.labels.count)
        let s = ParserEvaluation(model: model, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
        let again = try ParserModel(decoding: model.encoded(), name: "m")
        #expect(again.easyFirst)
        let a = model.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let b = again.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(a.heads == b.heads && a.labels == b.labels)
        // Untrained, it still builds one tree per sentence with one root word.
        trainer.epochs = 0
        let untrained = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let u = untrained.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(ParserEvaluation(model: untrained, gold: corpus, tags: tags).uas < 100)
        for r in corpus.ranges {
            #expect(r.filter { u.heads[$0] < 0 }.count == 1)
            #expect(r.allSatisfy { u.heads[$0] < 0 || r.contains(Int(u.heads[$0])) })
        }
        // A one-word sentence is its root; in a two-word sentence one word heads the other.
        let root = UInt8(model.labels.firstIndex(of: "root") ?? 0)
        let short = SyntaxCorpus(
            CoNLLU.read(
                "1\tThanks\tthanks\tNOUN\tNNS\t_\t0\troot\t_\t_\n\n1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\n"
            ),
            clusters: nil)
        let st = short.goldTags.map { StableHash.hash($0) }
        let p = model.parse(short.tables, tags: st, sentences: short.ranges)
        #expect(p.heads[0] == -1 && p.labels[0] == root)
        #expect(Set([p.heads[1], p.heads[2]]) == Set([-1, 1]) || Set([p.heads[1], p.heads[2]]) == Set([-1, 2]))
    }

    @Test("easy-first training follows its own arcs after the static epochs and still learns the treebank")
    func easyFirstExploresAndStillLearns() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 12
        trainer.staticEpochs = 0
        trainer.easyFirst = true
        trainer.prune = 0
        var log: [String] = []
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { log.append($0) }
        // Following its own (wrong) arcs in the first epoch, training parses are not all right at first.
        #expect(log.contains { $0.hasPrefix("epoch 1: train UAS") && !$0.hasSuffix("100.00") })
        #expect(ParserEvaluation(model: model, gold: corpus, tags: tags).uas == 100)
    }

    @Test(
        "the mean of parsers: of one, that parser; of two seeds, every feature with the mean weights; other kinds refused"
    )
    func parserMeans() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 3
        trainer.easyFirst = true
        trainer.prune = 0
        let a = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        trainer.seed = 2
        let b = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let pa = a.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let one = try ParserModel.mean([a], names: ["a"]).parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(one.heads == pa.heads && one.labels == pa.labels)
        let m = try ParserModel.mean([a, b], names: ["a", "b"])
        #expect(m.easyFirst && m.labels == a.labels)
        let (wa, wb, wm) = (a.actions, b.actions, m.actions)
        #expect(wm.featureCount >= max(wa.featureCount, wb.featureCount))
        var compared = 0
        var differ = false
        for (f, _) in wa.table.pairs() {
            let x = wa.weights(of: f) ?? []
            let y = wb.weights(of: f) ?? [Float](repeating: 0, count: x.count)
            let z = wm.weights(of: f) ?? []
            #expect(z.count == x.count)
            for k in z.indices where abs(z[k] - (x[k] + y[k]) / 2) > 1e-4 { Issue.record("feature \(f) class \(k)") }
            differ = differ || x != y
            compared += 1
        }
        #expect(compared == wa.featureCount && differ)
        // The mean writes and reads like any parser file, and parses the same again.
        let again = try ParserModel(decoding: m.encoded(), name: "m")
        let p1 = m.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let p2 = again.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(p1.heads == p2.heads && p1.labels == p2.labels)
        #expect(ParserEvaluation(model: m, gold: corpus, tags: tags).uas > 80)
        // Another system is refused, naming it.
        trainer.easyFirst = false
        let greedy = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect {
            _ = try ParserModel.mean([a, greedy], names: ["a.model", "g.model"])
        } throws: { e in
            (e as? DossierError)?.description.contains("g.model") == true
        }
    }

    @Test(arguments: [false, true])
    func rightToLeftParsersLearnTheTreesAndReload(_ labelled: Bool) throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.labelled = labelled
        trainer.rightToLeft = true
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.rightToLeft)
        let s = ParserEvaluation(model: model, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
        let again = try ParserModel(decoding: model.encoded(), name: "m")
        #expect(again.rightToLeft)
        #expect(ParserEvaluation(model: again, gold: corpus, tags: tags).las == 100)
    }

    @Test("Eisner's decoder: the best projective tree with one root word")
    func eisnerDecoder() {
        // Three words; score[h * 3 + d], h = 3 the root.
        func tree(_ arcs: [(h: Int, d: Int, s: Double)]) -> [Int] {
            var score = [Double](repeating: 0, count: 12)
            for a in arcs { score[a.h * 3 + a.d] = a.s }
            return ParserEnsemble.eisner(score, n: 3)
        }
        #expect(tree([(3, 1, 1), (1, 0, 1), (1, 2, 1)]) == [1, 3, 1])
        // The root votes for two words: only one may hang from it.
        #expect(tree([(3, 0, 2), (3, 2, 1), (0, 1, 1), (1, 2, 0.5)]) == [3, 0, 1])
        // Two arcs through a middle word outweigh the direct one.
        #expect(tree([(3, 0, 3), (0, 2, 2), (2, 1, 1), (0, 1, 0.5)]) == [3, 2, 0])
        #expect(ParserEnsemble.eisner([0, 1], n: 1) == [1])
    }

    @Test("an ensemble of one parser parses as that parser; votes of three pick the majority's arcs")
    func ensembleVotes() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.prune = 0
        let good = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        trainer.epochs = 0
        trainer.rightToLeft = true
        let weak = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let weakParse = weak.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(ParserEvaluation(model: weak, gold: corpus, tags: tags).uas < 100)
        let one = ParserEnsemble([.init(model: good, weight: 1)])
        let a = one.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let b = good.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(a.heads == b.heads)
        #expect(a.labels == b.labels)
        // Two good voters outweigh an untrained one, though it comes first.
        let three = ParserEnsemble([
            .init(model: weak, weight: 0.5), .init(model: good, weight: 1), .init(model: good, weight: 1),
        ])
        let s = ParserEvaluation(
            labels: three.labels, parsed: three.parse(corpus.tables, tags: tags, sentences: corpus.ranges),
            gold: corpus)
        #expect(s.uas == 100)
        #expect(s.las == 100)
        // With the most weight, the weak parser's tree wins.
        let heavy = ParserEnsemble([
            .init(model: weak, weight: 3), .init(model: good, weight: 1), .init(model: good, weight: 1),
        ])
        #expect(heavy.parse(corpus.tables, tags: tags, sentences: corpus.ranges).heads == weakParse.heads)
    }

    @Test("scores by relation: gold words, right heads, LAS and precision per universal relation")
    func scoresByRelation() {
        let gold = SyntaxCorpus(
            CoNLLU.read(
                """
                1\tPrices\tprice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
                2\trose\trise\tVERB\tVBD\t_\t0\troot\t_\t_
                3\tsharply\tsharply\tADV\tRB\t_\t2\tadvmod\t_\t_
                4\ttoday\ttoday\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_


                """), clusters: nil)
        let labels = ["advmod", "nsubj", "obj", "obl:npmod", "root"]
        // Prices: right head, wrong relation; rose: right; sharply: wrong head; today: right head, obl subtype.
        let s = ParserEvaluation(labels: labels, parsed: ([1, -1, 0, 1], [2, 4, 0, 3]), gold: gold)
        #expect(s.words == 4 && s.headRight == 3 && s.bothRight == 2 && s.fullRight == 1)
        typealias C = ParserEvaluation.RelationCounts
        #expect(s.byRelation["nsubj"] == C(gold: 1, head: 1, both: 0, predicted: 0))
        #expect(s.byRelation["root"] == C(gold: 1, head: 1, both: 1, predicted: 1))
        #expect(s.byRelation["advmod"] == C(gold: 1, head: 0, both: 0, predicted: 1))
        #expect(s.byRelation["obl"] == C(gold: 1, head: 1, both: 1, predicted: 1))
        #expect(s.byRelation["obj"] == C(gold: 0, head: 0, both: 0, predicted: 1))
        #expect(s.byRelation.count == 5)
    }

    @Test("a greedy parse with rival heads is the greedy parse; each rival is the other arc's head, with its margin")
    func greedyRivals() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        for rightToLeft in [false, true] {
            var trainer = ParserTrainer()
            trainer.epochs = 2
            trainer.prune = 0
            trainer.rightToLeft = rightToLeft
            let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
            let parsed = model.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
            var rivals = 0
            for r in corpus.ranges {
                let p = model.parseWithRivals(corpus.tables, tags: tags, sentence: r)
                #expect(p.heads == parsed.heads[r].map { $0 < 0 ? -1 : $0 - Int32(r.lowerBound) })
                #expect(p.labels == Array(parsed.labels[r]))
                #expect(p.rivals.count == r.count)
                for (d, x) in p.rivals.enumerated() {
                    guard let x else { continue }
                    rivals += 1
                    #expect(x.head != p.heads[d] && x.head >= -1 && x.head < Int32(r.count) && x.head != Int32(d))
                    #expect(x.margin >= 0)
                }
            }
            #expect(rivals > 0, "\(rightToLeft)")
        }
    }

    @Test("a greedy member's rival heads take their share of its vote, and can turn the tree")
    func rivalSharesTurnTheVote() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 1
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let e = ParserEnsemble([.init(model: model, weight: 1), .init(model: model, weight: 0.5)])
        // Two words: the first member hangs word 0 on word 1 (the root word), the second the other way round.
        let first = ParserEnsemble.Vote(member: 0, heads: [1, -1], labels: [0, 0], share: 1)
        let second = ParserEnsemble.Vote(member: 1, heads: [-1, 0], labels: [0, 0], share: 1)
        #expect(e.combine([first, second], n: 2, maps: [[0], [0]], labelCount: 1).heads == [1, -1])
        // Unsure of both attachments, the first member gives their rivals (the second member's heads) enough.
        var unsure = first
        unsure.rivals = [(head: -1, share: 0.3), (head: 0, share: 0.6)]
        #expect(e.combine([unsure, second], n: 2, maps: [[0], [0]], labelCount: 1).heads == [-1, 0])
        // Sure of them, it keeps its tree.
        unsure.rivals = [(head: -1, share: 0.01), (head: 0, share: 0.01)]
        #expect(e.combine([unsure, second], n: 2, maps: [[0], [0]], labelCount: 1).heads == [1, -1])
    }

    @Test("tag hypotheses: the runner-up tags of unsure tokens vote with their weight, and only under the margin")
    func ensembleTagHypotheses() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let gold = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.prune = 0
        let model = trainer.train(corpus, tags: gold, dev: nil, devTags: nil) { _ in }
        // Every word tagged as a noun: the parse of such tags is not the gold tree.
        let wrong = gold.map { _ in StableHash.hash("NOUN") }
        let bad = model.parse(corpus.tables, tags: wrong, sentences: corpus.ranges)
        let good = model.parse(corpus.tables, tags: gold, sentences: corpus.ranges)
        #expect(bad.heads != good.heads)
        let margins = [Float](repeating: 5, count: gold.count)
        var e = ParserEnsemble([.init(model: model, weight: 1)])
        e.tagHypotheses = 100
        e.tagWeight = 2
        func heads() -> [Int32] {
            e.parse(corpus.tables, tags: wrong, sentences: corpus.ranges, alternatives: (gold, margins)).heads
        }
        // No margin: the alternatives are not read.
        e.tagMargin = 0
        #expect(heads() == bad.heads)
        // Margins above the threshold: neither.
        e.tagMargin = 5
        #expect(heads() == bad.heads)
        // Under it, the hypothesis (every unsure token flipped at once) outweighs the tagger's tags: the gold tree.
        e.tagMargin = 6
        #expect(heads() == good.heads)
        // With less weight, the tagger's tags win.
        e.tagWeight = 0.5
        #expect(heads() == bad.heads)
    }

    @Test("a labelled beam model's k best parses: its parse first, best score first, both directions")
    func kbestParses() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        for rightToLeft in [false, true] {
            var trainer = ParserTrainer()
            trainer.epochs = 6
            trainer.labelled = true
            trainer.beam = 4
            trainer.rightToLeft = rightToLeft
            trainer.prune = 0
            let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
            let parsed = model.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
            for r in corpus.ranges {
                let k = model.kbest(corpus.tables, tags: tags, sentence: r)
                #expect(k.count > 1 && k.count <= 4)
                #expect(k.first?.heads == parsed.heads[r].map { $0 < 0 ? -1 : $0 - Int32(r.lowerBound) })
                #expect(k.first?.labels == Array(parsed.labels[r]))
                #expect(zip(k, k.dropFirst()).allSatisfy { $0.score >= $1.score })
            }
            // An ensemble of this model alone, voting with its beam at a low temperature, keeps its best trees.
            let e = ParserEnsemble([.init(model: model, weight: 1)], temperature: 0.01)
            let s = ParserEvaluation(
                labels: e.labels, parsed: e.parse(corpus.tables, tags: tags, sentences: corpus.ranges), gold: corpus)
            #expect(s.las == ParserEvaluation(model: model, gold: corpus, tags: tags).las, "\(rightToLeft)")
        }
    }

    @Test("joint tagging: the parser learns which of the tagger's two tags is right, keeps it in its file")
    func jointTaggingChoosesTheGoldTag() throws {
        var corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let gold = corpus.goldTags.map { StableHash.hash($0) }
        // The tagger's tags: "talks" as a verb, "resume" as a noun and "signed" as a past tense, each with the
        // right tag as its runner-up under the margin; "met" right, with a wrong runner-up.
        var tags = gold
        var runnerUp = [UInt64](repeating: 0, count: gold.count)
        var margin = [Float](repeating: .infinity, count: gold.count)
        let words = corpus.sentences.flatMap { $0.words.map(\.form) }
        for (i, w) in words.enumerated() {
            switch w {
            case "talks", "resume", "signed":
                tags[i] = StableHash.hash(w == "talks" ? "VERB|VBZ" : w == "resume" ? "NOUN|NN" : "VERB|VBD")
                runnerUp[i] = gold[i]
                margin[i] = 4
            case "met":
                runnerUp[i] = StableHash.hash("VERB|VBN")
                margin[i] = 6
            default: break
            }
        }
        corpus.tables.runnerUp = runnerUp
        corpus.tables.tagMargin = margin
        var trainer = ParserTrainer()
        trainer.epochs = 10
        trainer.labelled = true
        trainer.beam = 4
        trainer.prune = 0
        trainer.jointMargin = 10
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil, log: { _ in }, goldTags: gold)
        #expect(model.jointMargin == 10)
        let chosen = model.chosenTags(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(chosen == gold)
        #expect(ParserEvaluation(model: model, gold: corpus, tags: tags).las == 100)
        let again = try ParserModel(decoding: model.encoded(), name: "m")
        #expect(again.jointMargin == 10)
        #expect(again.chosenTags(corpus.tables, tags: tags, sentences: corpus.ranges) == gold)
        // In an ensemble, every member parses the joint member's tags (the tagger's become the alternatives).
        var ensemble = ParserEnsemble([.init(model: again, weight: 1)])
        let given = (tags: runnerUp, margin: margin)
        #expect(ensemble.memberTags(corpus.tables, tags: tags, sentences: corpus.ranges).tags == tags)
        ensemble.jointTagsForAll = true
        let member = ensemble.memberTags(corpus.tables, tags: tags, sentences: corpus.ranges, alternatives: given)
        #expect(member.tags == gold)
        #expect(member.alternatives?.tags == tags.indices.map { tags[$0] != gold[$0] ? tags[$0] : runnerUp[$0] })
        // The bias moves the choice: far below, the tagger's tags; far above, every runner-up under the margin.
        var biased = again
        biased.config.append(("joint.bias", "-100000"))
        #expect(biased.jointBias == -100_000)
        #expect(biased.chosenTags(corpus.tables, tags: tags, sentences: corpus.ranges) == tags)
        biased.config.removeAll { $0.key == "joint.bias" }
        biased.config.append(("joint.bias", "100000"))
        let flipped = tags.indices.map { margin[$0] < 10 ? runnerUp[$0] : tags[$0] }
        #expect(biased.chosenTags(corpus.tables, tags: tags, sentences: corpus.ranges) == flipped)
        // Under a margin the tagger's runner-ups do not reach, or without them, the tags stay the tagger's.
        var plain = corpus.tables
        plain.tagMargin = [Float](repeating: 20, count: gold.count)
        #expect(again.chosenTags(plain, tags: tags, sentences: corpus.ranges) == tags)
        plain.runnerUp = []
        #expect(again.chosenTags(plain, tags: tags, sentences: corpus.ranges) == tags)
        let p = again.parse(plain, tags: tags, sentences: corpus.ranges)
        #expect(p.heads.count == tags.count)
    }

    @Test("sentences as token lists: a left-out token is unparsed, the others are heads among the list")
    func parseTokenLists() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 5
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let whole = model.parse(corpus.tables, tags: tags, words: corpus.ranges.map { Array($0) })
        #expect(whole.heads == model.parse(corpus.tables, tags: tags, sentences: corpus.ranges).heads)
        // The first sentence without its final period.
        let r = corpus.ranges[0]
        let list = Array(r.dropLast())
        let out = model.parse(corpus.tables, tags: tags, words: [list])
        #expect(out.heads[r.upperBound - 1] == -1)
        #expect(list.allSatisfy { out.heads[$0] == -1 || list.contains(Int(out.heads[$0])) })
        #expect(list.filter { out.heads[$0] == -1 }.count >= 1)
    }

    @Test func unlabelledModelsStayUnlabelled() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 2
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(!model.labelled)
        #expect(model.actions.classes == 3)
        #expect(model["transitions"] == nil)
        #expect(try !ParserModel(decoding: model.encoded(), name: "m").labelled)
    }

    @Test("feature version 5 reads the tagger's ambiguity classes from the tables")
    func ambiguityClassesReachTheParser() {
        var corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        var trainer = POSTrainer()
        trainer.epochs = 2
        trainer.ambiguityMinCount = 1
        let tagger = trainer.train(corpus, dev: nil, clusters: nil) { _ in }
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        let before = ParserModel.values(corpus.tables, tags, corpus.ranges[0], version: 5)
        #expect(before.a.prefix(corpus.ranges[0].count).allSatisfy { $0 == ParserModel.none })
        corpus.tables.ambiguity = tagger.ambiguityClasses(of: corpus.tables)
        let v = ParserModel.values(corpus.tables, tags, corpus.ranges[1], version: 5)
        #expect(Array(v.a.prefix(corpus.ranges[1].count)) == Array(corpus.tables.ambiguity[corpus.ranges[1]]))
        #expect(ParserModel.values(corpus.tables, tags, corpus.ranges[1], version: 4).a.isEmpty)
        // "the" (sentences 1 and 2) has one class, "the" in sentence 3 the same one.
        #expect(
            corpus.tables.ambiguity[corpus.ranges[1].lowerBound]
                == corpus.tables.ambiguity[corpus.ranges[2].lowerBound + 2])
    }

    @Test("feature version 6 reads the tagger's runner-up tags of unsure words, and parses unseen words by them")
    func runnerUpsReachTheParser() throws {
        var corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        let gold = corpus.goldTags.map { StableHash.hash($0) }
        // The tagger tags every word as a noun and is unsure, its runner-up the gold tag; a noun's runner-up
        // is then its own tag, read as none.
        let noun = StableHash.hash("NOUN|NN")
        let tags = gold.map { _ in noun }
        let margin = gold.indices.map { Float($0 % 3) * 10 + 4 }  // 4, 14, 24, ...
        corpus.tables.runnerUp = gold
        corpus.tables.tagMargin = margin
        let r = corpus.ranges[1]
        let v = ParserModel.values(corpus.tables, tags, r, version: 6)
        for (k, i) in r.enumerated() {
            #expect(v.ru[k] == (gold[i] == noun ? ParserModel.none : gold[i]))
            #expect(v.rm[k] == (gold[i] == noun ? 2 : margin[i] < 10 ? 0 : 1))
        }
        #expect(ParserModel.values(corpus.tables, tags, r, version: 5).ru.isEmpty)
        // At margin 30 and over the tagger counts as sure.
        var sure = corpus.tables
        sure.tagMargin = margin.map { $0 + 30 }
        #expect(ParserModel.values(sure, tags, r, version: 6).ru.prefix(r.count).allSatisfy { $0 == ParserModel.none })
        // The same trees with words the models never saw: only the runner-ups tell the structure (of s0, s1,
        // b0 and b1; not of the children, so not all of it).
        let renamed = CoNLLU.read(SyntaxModelTests.treebank).enumerated().map { s, sentence in
            var sentence = sentence
            for w in sentence.words.indices { sentence.words[w].form = "zq\(s)x\(w)" }
            return sentence
        }
        var unseen = SyntaxCorpus(renamed, clusters: nil)
        unseen.tables.runnerUp = gold
        unseen.tables.tagMargin = margin
        var scores: [Int: Double] = [:]
        for version in [5, 6] {
            var trainer = ParserTrainer()
            trainer.epochs = 15
            trainer.features = version
            trainer.prune = 0
            let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
            scores[version] = ParserEvaluation(model: model, gold: unseen, tags: tags).uas
        }
        // (seed 1: 75 against 15)
        #expect((scores[6] ?? 0) > (scores[5] ?? 100) + 40, "\(scores)")
        // In an ensemble's tag hypothesis a flipped word's runner-up is the tagger's tag. Here the tagger gives
        // the gold tags with the noun tag as the runner-up: the hypothesis (every unsure word a noun, with all
        // the weight) is then parsed as the member learned, the gold tags as the runner-ups.
        var trainer = ParserTrainer()
        trainer.epochs = 15
        trainer.features = 6
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        var e = ParserEnsemble([.init(model: model, weight: 1)])
        #expect(e.readsRunnerUps)
        e.tagMargin = 30
        e.tagHypotheses = 100
        e.tagWeight = 1000
        var given = unseen.tables
        given.runnerUp = tags
        let expected = model.parse(unseen.tables, tags: tags, sentences: unseen.ranges)
        let unswapped = model.parse(given, tags: tags, sentences: unseen.ranges)
        #expect(expected.heads != unswapped.heads)
        let voted = e.parse(given, tags: gold, sentences: unseen.ranges, alternatives: (tags, margin))
        #expect(voted.heads == expected.heads)
    }

    @Test("the syntax stage gives a version-6 or joint-tagging parser the tagger's runner-ups, and others none")
    func syntaxStageFillsRunnerUps() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        var posTrainer = POSTrainer()
        posTrainer.epochs = 1
        let tagger = posTrainer.train(corpus, dev: nil, clusters: nil) { _ in }
        let tagged = tagger.tagWithAlternatives(corpus.document, corpus.tables)
        let tags = tagger.tagHashes(tagged.classes)
        #expect(tagged.alternatives.margin.contains { $0 < ParserModel.runnerUpMargin })
        var models: [Int: ParserModel] = [:]
        for version in [5, 6] {
            var trainer = ParserTrainer()
            trainer.epochs = 2
            trainer.features = version
            trainer.prune = 0
            models[version] = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        }
        let lemmatizer = try Lemmatizer.bundled()
        let six = SyntaxAnalyzer(tagger: tagger, parser: models[6], lemmatizer: lemmatizer).prepared(corpus.document)
        #expect(six.tables.runnerUp == tagger.tagHashes(tagged.alternatives.runnerUp))
        #expect(six.tables.tagMargin == tagged.alternatives.margin)
        #expect(six.classes == tagged.classes)
        #expect(six.alternatives == nil)
        let five = SyntaxAnalyzer(tagger: tagger, parser: models[5], lemmatizer: lemmatizer).prepared(corpus.document)
        #expect(five.tables.runnerUp.isEmpty && five.tables.tagMargin.isEmpty)
        #expect(five.classes == tagged.classes)
        // A joint-tagging parser reads them too.
        var joint = try #require(models[5])
        joint.config.append(("joint.margin", "10"))
        let chooses = SyntaxAnalyzer(tagger: tagger, parser: joint, lemmatizer: lemmatizer).prepared(corpus.document)
        #expect(chooses.tables.runnerUp == six.tables.runnerUp)
        // An ensemble with a version-6 member: the runner-ups in the tables, and as its hypotheses.
        let m5 = try #require(models[5]), m6 = try #require(models[6])
        var e = ParserEnsemble([.init(model: m5, weight: 1), .init(model: m6, weight: 0.5)])
        e.tagMargin = 30
        let both = SyntaxAnalyzer(tagger: tagger, ensemble: e, lemmatizer: lemmatizer).prepared(corpus.document)
        #expect(both.tables.runnerUp == six.tables.runnerUp)
        #expect(both.alternatives?.runnerUp == tagged.alternatives.runnerUp)
    }

    @Test func betweenCountsVerbsAndPunctuation() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        // Universal tags in the low byte, as the tagger's hashes carry them.
        let tags = corpus.sentences.flatMap { s in
            s.words.map { StableHash.hash($0.upos) & ~0xff | UInt64(UPOS(name: $0.upos)?.rawValue ?? 0) }
        }
        let v = ParserModel.values(corpus.tables, tags, corpus.ranges[2], version: 3)
        // "She said the talks will resume .": between "She" (0) and "resume" (5): said, will (2 verbs/aux).
        #expect(v.between(0, 5) == UInt64(2 * 3 + 0 + 1))
        // Adjacent words: nothing between.
        #expect(v.between(0, 1) == 0)
        // Between "said" (1) and the root: the last verb and the full stop.
        #expect(v.between(1, 7) == UInt64(2 * 3 + 1 + 1))
        let old = ParserModel.values(corpus.tables, tags, corpus.ranges[2], version: 2)
        #expect(old.between(0, 5) == 0)
    }
}
