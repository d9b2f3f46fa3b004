import Foundation
import Testing

@testable import DossierCore

/// Where the shared treebank lives (../shared from the package root), if present.
enum SyntaxSharedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static let ewtDev = root.appendingPathComponent("data/treebanks/ud_english_ewt/en_ewt-ud-dev.conllu")
    static var available: Bool { FileManager.default.fileExists(atPath: ewtDev.path) }

    /// An id for each relation of `sentences`, in the order first seen.
    static func relationIds(_ sentences: [CoNLLU.Sentence]) -> [String: UInt8] {
        var names: [String: UInt8] = [:]
        for s in sentences { for w in s.words where names[w.deprel] == nil { names[w.deprel] = UInt8(names.count) } }
        return names
    }
}

@Suite("Arc-hybrid transition system and dynamic oracle")
struct SyntaxTransitionTests {
    /// Heads, 1-based, 0 = root: small projective trees of our own.
    static let trees: [[Int]] = [
        [0],
        [2, 0],
        [0, 1],
        [2, 0, 2],
        [2, 4, 4, 0, 4, 7, 5, 4],
        [3, 3, 0, 5, 3, 3],
        [0, 1, 2, 3, 4, 5],
        [6, 6, 6, 6, 6, 0],
        [4, 4, 4, 0, 6, 4, 8, 6, 4],
    ]

    @Test(arguments: trees)
    func oracleReproducesProjectiveTree(_ heads: [Int]) {
        #expect(DependencyTree.isProjective(heads))
        #expect(ParserModel.oracleHeads(heads) == heads)
    }

    /// Relation ids for a tree: distinct per word, so a wrong relation anywhere shows.
    static func labels(_ heads: [Int]) -> [UInt8] { heads.indices.map { UInt8(($0 * 7 + heads[$0]) % 5) } }

    @Test(arguments: trees)
    func labelledOracleReproducesProjectiveTreeWithItsRelations(_ heads: [Int]) {
        let labs = SyntaxTransitionTests.labels(heads)
        let out = ParserModel.labelledOracleArcs(heads, labs, labels: 5)
        #expect(out.heads == heads)
        #expect(out.labels == labs)
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func labelledOracleReproducesEveryProjectiveTreeOfEWTDev() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        let names = SyntaxSharedData.relationIds(sentences)
        #expect(names.count < 64)
        var checked = 0
        for s in sentences where s.isProjective {
            let gold = s.words.map(\.head)
            let labs = s.words.map { names[$0.deprel] ?? 0 }
            let out = ParserModel.labelledOracleArcs(gold, labs, labels: names.count)
            #expect(out.heads == gold, "\(s.comments.first ?? "")")
            #expect(out.labels == labs, "\(s.comments.first ?? "")")
            checked += 1
        }
        #expect(checked > 1900)
    }

    /// Follows the labelled beam's gold sequence (``ParserModel/goldClass(_:_:)``) on gold heads (1-based,
    /// 0 root) and relation ids, and returns the heads and relations it builds.
    static func beamGoldArcs(_ gold: [Int], _ labs: [UInt8]) -> (heads: [Int], labels: [UInt8]) {
        let n = gold.count
        let g = (heads: gold.map { Int32($0 == 0 ? n : $0 - 1) }, labels: labs)
        var st = ParserModel.State(n)
        var steps = 0
        while !st.terminal && steps < 2 * n {
            steps += 1
            let c = ParserModel.goldClass(st, g)
            st.apply(ParserModel.action(ofClass: c), ParserModel.label(ofClass: c))
        }
        let heads = (0..<n).map { st.head[$0] < 0 ? -1 : (Int(st.head[$0]) == n ? 0 : Int(st.head[$0]) + 1) }
        return (heads, Array(st.label[0..<n]))
    }

    /// Parses easy-first on gold heads (1-based, 0 root) and relation ids with an untrained model, without
    /// exploration: every step makes the cheapest arc (``ParserModel/easyFirstParse``), so the result is the
    /// gold tree when a zero-cost arc is always there. Returns the heads and relations built.
    static func easyFirstOracleArcs(_ gold: [Int], _ labs: [UInt8], labels: Int) -> (heads: [Int], labels: [UInt8]) {
        let n = gold.count
        let zeros = [UInt64](repeating: 0, count: n + 1)
        let v = ParserModel.Values(w: zeros, t: zeros, c: zeros, c0: zeros, sfx: zeros, u: zeros)
        var a = AveragedPerceptron(classes: 2 * labels)
        var rng = SplitMix64(seed: 1)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let root = gold.firstIndex(of: 0).map { labs[$0] } ?? 0
        let out = ParserModel.easyFirstParse(
            v, n: n, rootLabel: root, actions: &a, gold: (gold.map { Int32($0 == 0 ? n : $0 - 1) }, labs),
            explore: false, rng: &rng, buf: buf)
        return (out.heads.map { $0 < 0 ? 0 : Int($0) + 1 }, out.labels)
    }

    @Test(arguments: trees)
    func easyFirstOracleReproducesProjectiveTree(_ heads: [Int]) {
        let labs = SyntaxTransitionTests.labels(heads)
        let out = SyntaxTransitionTests.easyFirstOracleArcs(heads, labs, labels: 5)
        #expect(out.heads == heads)
        #expect(out.labels == labs)
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func easyFirstOracleReproducesEWTDevTrees() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        let names = SyntaxSharedData.relationIds(sentences)
        var checked = 0
        for s in sentences.prefix(400) where !s.words.isEmpty {
            // Non-projective trees as the parser trains them: lifted.
            let gold = s.isProjective ? s.words.map(\.head) : DependencyTree.projectivized(s.words.map(\.head))
            guard DependencyTree.isProjective(gold) else { continue }
            let labs = s.words.map { names[$0.deprel] ?? 0 }
            let out = SyntaxTransitionTests.easyFirstOracleArcs(gold, labs, labels: names.count)
            #expect(out.heads == gold, "\(s.comments.first ?? "")")
            #expect(out.labels == labs, "\(s.comments.first ?? "")")
            checked += 1
        }
        #expect(checked > 390)
    }

    @Test(arguments: trees)
    func labelledBeamGoldSequenceReproducesProjectiveTree(_ heads: [Int]) {
        let labs = SyntaxTransitionTests.labels(heads)
        let out = SyntaxTransitionTests.beamGoldArcs(heads, labs)
        #expect(out.heads == heads)
        #expect(out.labels == labs)
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func labelledBeamGoldSequenceReproducesEWTDevTrees() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        let names = SyntaxSharedData.relationIds(sentences)
        var checked = 0
        for s in sentences where !s.words.isEmpty {
            // Non-projective trees as the beam trains them: lifted.
            let gold = s.isProjective ? s.words.map(\.head) : DependencyTree.projectivized(s.words.map(\.head))
            guard DependencyTree.isProjective(gold) else { continue }
            let labs = s.words.map { names[$0.deprel] ?? 0 }
            let out = SyntaxTransitionTests.beamGoldArcs(gold, labs)
            #expect(out.heads == gold, "\(s.comments.first ?? "")")
            #expect(out.labels == labs, "\(s.comments.first ?? "")")
            checked += 1
        }
        #expect(checked > 1990)
    }

    @Test func nonProjectiveTreeIsDetected() {
        // 1 -> 3 crosses 2 -> 4.
        #expect(!DependencyTree.isProjective([3, 4, 0, 3]))
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func oracleReproducesEveryProjectiveTreeOfEWTDev() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        #expect(sentences.count > 1000)
        var checked = 0
        for s in sentences where s.isProjective {
            let gold = s.words.map(\.head)
            #expect(ParserModel.oracleHeads(gold) == gold, "\(s.comments.first ?? "")")
            checked += 1
        }
        #expect(checked > 1900)
    }

    /// Whether node `a` (1-based, 0 = root) dominates node `x` in `heads`.
    static func dominates(_ heads: [Int], _ a: Int, _ x: Int) -> Bool {
        var y = x
        var steps = 0
        while y != 0 && y != a && steps <= heads.count {
            y = heads[y - 1]
            steps += 1
        }
        return y == a
    }

    @Test(arguments: trees)
    func liftingKeepsProjectiveTrees(_ heads: [Int]) {
        #expect(DependencyTree.projectivized(heads) == heads)
    }

    @Test func liftingMakesNonProjectiveTreesProjective() {
        // 1 -> 3 crosses 2 -> 4: the shorter crossing arc moves up to its head's head.
        let crossing = [3, 4, 0, 3]
        let lifted = DependencyTree.projectivized(crossing)
        #expect(DependencyTree.isProjective(lifted))
        #expect(lifted == [3, 3, 0, 3])
        // "A hearing is scheduled on the issue today": the PP attached to "hearing" across the verb.
        let extraposed = [2, 4, 4, 0, 7, 7, 2, 4]
        #expect(!DependencyTree.isProjective(extraposed))
        let l2 = DependencyTree.projectivized(extraposed)
        #expect(DependencyTree.isProjective(l2))
        #expect(l2[6] == 4)
        #expect(ParserModel.oracleHeads(l2) == l2)
        // Every lifted word hangs from an ancestor of its gold head; the others keep theirs.
        for (d, h) in l2.enumerated() where h != extraposed[d] {
            #expect(SyntaxTransitionTests.dominates(extraposed, h, extraposed[d]))
        }
    }

    @Test func liftingLeavesMalformedTreesAlone() {
        #expect(DependencyTree.projectivized([2, 1]) == [2, 1])
        #expect(DependencyTree.projectivized([0, 5]) == [0, 5])
        #expect(DependencyTree.projectivized([]) == [])
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func liftingMakesEveryEWTDevTreeProjective() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        var lifted = 0
        for s in sentences where !s.isProjective {
            let gold = s.words.map(\.head)
            let p = DependencyTree.projectivized(gold)
            #expect(DependencyTree.isProjective(p), "\(s.comments.first ?? "")")
            #expect(ParserModel.oracleHeads(p) == p)
            for (d, h) in p.enumerated() where h != gold[d] {
                #expect(SyntaxTransitionTests.dominates(gold, h, gold[d]))
            }
            lifted += 1
        }
        #expect(lifted > 10)
    }
}

@Suite("Arc-eager transition system and static oracle")
struct SyntaxArcEagerTests {
    @Test(arguments: SyntaxTransitionTests.trees)
    func oracleReproducesProjectiveTreeWithItsRelations(_ heads: [Int]) {
        let labs = SyntaxTransitionTests.labels(heads)
        let out = ParserModel.eagerOracleArcs(heads, labs, labels: 5)
        #expect(out.heads == heads)
        #expect(out.labels == labs)
        #expect(out.steps == 2 * heads.count)
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func oracleReproducesEveryProjectiveTreeOfEWTDev() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        let names = SyntaxSharedData.relationIds(sentences)
        var checked = 0
        for s in sentences {
            // Non-projective trees as trained: lifted.
            let gold = DependencyTree.projectivized(s.words.map(\.head))
            let labs = s.words.map { names[$0.deprel] ?? 0 }
            let out = ParserModel.eagerOracleArcs(gold, labs, labels: names.count)
            #expect(out.heads == gold, "\(s.comments.first ?? "")")
            #expect(out.labels == labs, "\(s.comments.first ?? "")")
            checked += 1
        }
        #expect(checked > 1900)
    }

    /// Any sequence of legal transitions ends after 2n of them in a tree: every word has a head, one word
    /// hangs from the root, no word is its own ancestor.
    @Test func everyLegalSequenceEndsInOneTree() {
        var rng = SplitMix64(seed: 7)
        for n in 1...12 {
            for _ in 0..<200 {
                var st = ParserModel.State(n)
                st.eager = true
                var steps = 0
                while !st.terminal {
                    let legal = (0...3).filter { st.legal($0) }
                    guard !legal.isEmpty else { break }
                    st.apply(legal[Int(rng.next() % UInt64(legal.count))], 1)
                    steps += 1
                }
                #expect(st.terminal && steps == 2 * n)
                let heads = (0..<n).map { Int(st.head[$0]) }
                #expect(heads.allSatisfy { $0 >= 0 && $0 <= n })
                #expect(heads.filter { $0 == n }.count == 1)
                for d in 0..<n {
                    var x = d
                    var k = 0
                    while x != n && k <= n {
                        x = heads[x]
                        k += 1
                    }
                    #expect(x == n)
                }
            }
        }
    }

    /// The arc-hybrid oracle's moves are refused where arc-eager forbids them: LEFT of a word with a head,
    /// REDUCE of a word without one, a second word under the root.
    @Test func illegalTransitionsAreRefused() {
        var st = ParserModel.State(3)
        st.eager = true
        #expect(!st.legal(ParserModel.left) && !st.legal(ParserModel.reduce))
        st.apply(ParserModel.right, 0)  // word 0 under the root
        #expect(st.legal(ParserModel.reduce) == false)  // the root's word stays until the buffer is empty
        #expect(!st.legal(ParserModel.left))
        st.apply(ParserModel.shift, 0)
        #expect(st.legal(ParserModel.left) && !st.legal(ParserModel.reduce))
        st.apply(ParserModel.left, 0)  // word 1 under word 2
        st.apply(ParserModel.right, 0)  // word 2 under word 0
        #expect(st.legal(ParserModel.reduce) && !st.legal(ParserModel.right))
        st.apply(ParserModel.reduce, 0)
        #expect(st.legal(ParserModel.reduce))
        st.apply(ParserModel.reduce, 0)
        #expect(st.terminal)
        #expect(Array(st.head[0..<3]) == [3, 2, 0])
    }
}

@Suite("Beam search")
struct SyntaxBeamTests {
    static let sentences: [[String]] = [
        ["\"", "We", "will", "not", "back", "down", ",", "\"", "said", "Miller", "."],
        ["The", "minister", "met", "with", "officials", "from", "both", "countries", "on", "Friday", "."],
        ["The", "bill", "was", "signed", "by", "the", "governor", "and", "sent", "back", "."],
        ["Presidents", "Biden", "and", "Xi", "Jinping", "spoke", "for", "two", "hours", "."],
        ["Go", "!"],
    ]

    /// Two tiny sentences of our own.
    static let treebank = """
        1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
        2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
        3\ton\ton\tADP\tIN\t_\t4\tcase\t_\t_
        4\tMonday\tMonday\tPROPN\tNNP\t_\t2\tobl\t_\t_
        5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\tdeal\tdeal\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
        3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
        4\tsigned\tsign\tVERB\tVBN\t_\t0\troot\t_\t_
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_


        """

    /// Tags and parses the sentences with the bundled tagger and beam model at a beam width.
    static func parse(width: Int) throws -> (heads: [Int32], labels: [UInt8]) {
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try POSModel.bundled(clusters: clusters)
        var parser = try ParserModel.bundledBeam()
        parser.beamWidth = width
        let doc = Document(pretokenized: sentences)
        var tables = SyntaxTables(doc, clusters: clusters)
        tables.ambiguity = tagger.ambiguityClasses(of: tables)  // read by parsers of templates v5
        let tags = tagger.tagHashes(tagger.tag(doc, tables))
        return parser.parse(tables, tags: tags, sentences: doc.sentences.map(\.tokens))
    }

    /// The bundled beam model's weights decoded greedily and with a beam of 1 (labelled transitions or not,
    /// as the model has them).
    @Test func widthOneIsGreedy() throws {
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try POSModel.bundled(clusters: clusters)
        let parser = try ParserModel.bundledBeam()
        let doc = Document(pretokenized: SyntaxBeamTests.sentences)
        var tables = SyntaxTables(doc, clusters: clusters)
        tables.ambiguity = tagger.ambiguityClasses(of: tables)  // read by parsers of templates v5
        let tags = tagger.tagHashes(tagger.tag(doc, tables))
        var a = parser.actions
        var l = parser.labeler
        var rng = SplitMix64(seed: 0)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(64, parser.actionScorer.classes))
        defer { scores.deallocate() }
        for s in doc.sentences {
            let v = ParserModel.values(tables, tags, s.tokens, version: parser.featureSet)
            let n = s.tokens.count
            let greedy =
                parser.labelled
                ? ParserModel.parseLabelled(
                    v, n: n, actions: &a, gold: nil, explore: false, rng: &rng, buf: buf, scores: scores,
                    scorer: parser.actionScorer)
                : ParserModel.parse(
                    v, n: n, actions: &a, labeler: &l, gold: nil, explore: false, rng: &rng, buf: buf,
                    scores: scores, scorers: (parser.actionScorer, parser.labelScorer))
            let beam =
                parser.labelled
                ? ParserModel.beamParseLabelled(
                    v, n: n, width: 1, actions: &a, gold: nil, buf: buf, scores: scores, scorer: parser.actionScorer)
                : ParserModel.beamParse(
                    v, n: n, width: 1, actions: &a, labeler: &l, gold: nil, buf: buf, scores: scores,
                    scorers: (parser.actionScorer, parser.labelScorer))
            #expect(beam.heads == greedy.heads)
            #expect(beam.labels == greedy.labels)
        }
    }

    /// A labelled-transition model decoded greedily and with a labelled beam of 1 makes the same choices.
    @Test func labelledWidthOneIsLabelledGreedy() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxBeamTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 1  // an imperfect model, so that the choices are not all the gold ones
        trainer.labelled = true
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        var a = model.actions
        var rng = SplitMix64(seed: 0)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: model.actionScorer.classes)
        defer { scores.deallocate() }
        for r in corpus.ranges {
            let v = ParserModel.values(corpus.tables, tags, r, version: model.featureSet)
            let greedy = ParserModel.parseLabelled(
                v, n: r.count, actions: &a, gold: nil, explore: false, rng: &rng, buf: buf, scores: scores,
                scorer: model.actionScorer)
            let beam = ParserModel.beamParseLabelled(
                v, n: r.count, width: 1, actions: &a, gold: nil, buf: buf, scores: scores, scorer: model.actionScorer)
            #expect(beam.heads == greedy.heads)
            #expect(beam.labels == greedy.labels)
        }
    }

    @Test(arguments: [2, 4, 8])
    func wideBeamBuildsTrees(_ width: Int) throws {
        let out = try SyntaxBeamTests.parse(width: width)
        var start = 0
        for s in SyntaxBeamTests.sentences {
            let r = start..<(start + s.count)
            // Exactly one root per sentence, heads inside the sentence, no cycles.
            #expect(r.filter { out.heads[$0] < 0 }.count == 1)
            for i in r where out.heads[i] >= 0 {
                #expect(r.contains(Int(out.heads[i])))
                var y = i
                var steps = 0
                while out.heads[y] >= 0 && steps <= s.count {
                    y = Int(out.heads[y])
                    steps += 1
                }
                #expect(steps <= s.count)
            }
            start += s.count
        }
    }

    @Test("the bundled ensemble decodes its beam member at 16 and its right-to-left member at 8: more parses vote")
    func bundledEnsembleWidths() throws {
        let e = try ParserEnsemble.bundled()
        #expect(e.members[0].model.beamWidth == ParserEnsemble.bundledBeamWidth)
        #expect(
            e.members[2].model.rightToLeft && e.members[2].model.beamWidth == ParserEnsemble.bundledRightToLeftWidth)
        // The arc-eager members (twenty-first session) at the widths of their direction.
        #expect(e.members[1].model.arcEager && e.members[1].model.beamWidth == ParserEnsemble.bundledBeamWidth)
        #expect(
            e.members[5].model.arcEager && e.members[5].model.rightToLeft
                && e.members[5].model.beamWidth == ParserEnsemble.bundledRightToLeftWidth)
        // The greedy member votes with its rival heads (eighteenth session).
        #expect(e.greedyTemperature == 30 && e.splitsVotes(3) && !e.splitsVotes(0))
        // The fifth member parses easy-first (nineteenth session), with whole votes.
        #expect(e.members[4].model.easyFirst && e.members[4].weight == 0.5 && !e.splitsVotes(4))
        // The k best parses a member votes with are its last beam: wider than the width it was trained at.
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try POSModel.bundled(clusters: clusters)
        let doc = Document(pretokenized: SyntaxBeamTests.sentences)
        var tables = SyntaxTables(doc, clusters: clusters)
        tables.ambiguity = tagger.ambiguityClasses(of: tables)
        let tags = tagger.tagHashes(tagger.tag(doc, tables))
        let r = doc.sentences[1].tokens
        let trained = try ParserModel.bundledBeam()
        #expect(trained.beamWidth == 8)
        #expect(trained.kbest(tables, tags: tags, sentence: r).count <= 8)
        #expect(e.members[0].model.kbest(tables, tags: tags, sentence: r).count > 8)
        let rtl = try ParserModel.bundledRightToLeft()
        #expect(rtl.kbest(tables, tags: tags, sentence: r).count <= 4)
        #expect(e.members[2].model.kbest(tables, tags: tags, sentence: r).count > 4)
    }

    @Test func beamTrainingLearnsASmallTreebank() {
        // Two tiny sentences of our own; a beam-trained model must reproduce them.
        let text = SyntaxBeamTests.treebank
        let corpus = SyntaxCorpus(CoNLLU.read(text), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 8
        trainer.beam = 4
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.beamWidth == 4)
        let s = ParserEvaluation(model: model, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
    }

    @Test func labelledBeamTrainingLearnsASmallTreebankAndReloads() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxBeamTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 8
        trainer.beam = 4
        trainer.labelled = true
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.beamWidth == 4)
        #expect(model.labelled)
        #expect(model.actions.classes == ParserModel.classCount(labels: model.labels.count))
        let s = ParserEvaluation(model: model, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
        let again = try ParserModel(decoding: model.encoded(), name: "m")
        #expect(again.labelled)
        #expect(again.beamWidth == 4)
        let a = model.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let b = again.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(a.heads == b.heads)
        #expect(a.labels == b.labels)
    }

    @Test(arguments: [false, true])
    func arcEagerBeamTrainingLearnsASmallTreebankAndReloads(rightToLeft: Bool) throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxBeamTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.epochs = 8
        trainer.beam = 4
        trainer.labelled = true
        trainer.arcEager = true
        trainer.rightToLeft = rightToLeft
        trainer.prune = 0
        let model = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(model.arcEager && model.labelled && model.rightToLeft == rightToLeft)
        // SHIFT, LEFT-rel, RIGHT-rel and REDUCE.
        #expect(model.actions.classes == ParserModel.classCount(labels: model.labels.count) + 1)
        let s = ParserEvaluation(model: model, gold: corpus, tags: tags)
        #expect(s.uas == 100)
        #expect(s.las == 100)
        let again = try ParserModel(decoding: model.encoded(), name: "m")
        #expect(again.arcEager && again["system"] == "arc-eager")
        let a = model.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let b = again.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(a.heads == b.heads)
        #expect(a.labels == b.labels)
        // Its last beam holds complete trees with one root word each.
        var narrow = again
        narrow.beamWidth = 1
        for r in corpus.ranges {
            let parses = again.kbest(corpus.tables, tags: tags, sentence: r)
            #expect(!parses.isEmpty && parses.count <= 4)
            for p in parses { #expect(p.heads.filter { $0 < 0 }.count == 1) }
            // At width 1 it still parses with its own transitions (a beam of one), not arc-hybrid's.
            #expect(narrow.kbest(corpus.tables, tags: tags, sentence: r).first?.heads == parses.first?.heads)
        }
        // Averaging refuses an arc-hybrid parser of the same relations.
        trainer.arcEager = false
        let hybrid = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        #expect(throws: DossierError.self) { try ParserModel.mean([model, hybrid], names: ["a", "b"]) }
    }

    @Test func keptFeaturesAreTheOnlyOnesWithWeights() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxBeamTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.beam = 2
        trainer.labelled = true
        trainer.prune = 0
        trainer.epochs = 4
        let full = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let all = full.actionScorer.keys
        #expect(all.count > 20)
        // Every other key of the full model.
        let half = Set(all.sorted().enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        trainer.keep = half
        let restricted = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let kept = restricted.actionScorer.keys
        #expect(!kept.isEmpty)
        #expect(kept.isSubset(of: half))
        #expect(restricted["features.kept"] == String(half.count))
    }

    @Test func snapshotsAreTheShorterTrainings() {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxBeamTests.treebank), clusters: nil)
        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var trainer = ParserTrainer()
        trainer.beam = 2
        trainer.labelled = true
        trainer.prune = 0
        trainer.epochs = 2
        let short = trainer.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        trainer.epochs = 4
        trainer.snapshotEpochs = [2]
        var snapshots: [Int: [UInt8]] = [:]
        _ = trainer.train(corpus, tags: tags, dev: nil, devTags: nil, log: { _ in }) { e, m in
            snapshots[e] = m.encoded()
        }
        #expect(snapshots.keys.sorted() == [2])
        #expect(snapshots[2] == short.encoded())
    }
}

@Suite("CoNLL-U reader and writer")
struct SyntaxCoNLLUTests {
    static let sample = """
        # sent_id = a-1
        # text = They didn't go.
        1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_
        2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
        2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
        4\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
        4.1\tgone\t_\t_\t_\t_\t_\t_\t4:conj\t_
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

        # sent_id = a-2
        1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_


        """

    @Test func readsWordsAndKeepsOtherLines() {
        let s = CoNLLU.read(SyntaxCoNLLUTests.sample)
        #expect(s.count == 2)
        #expect(s[0].forms == ["They", "did", "n't", "go", "."])
        #expect(s[0].words[3].head == 0)
        #expect(s[0].words[2].deprel == "advmod")
        #expect(s[0].extra.count == 2)
        #expect(s[0].comments == ["# sent_id = a-1", "# text = They didn't go."])
    }

    @Test func roundTripIsExact() {
        let s = CoNLLU.read(SyntaxCoNLLUTests.sample)
        #expect(CoNLLU.write(s) == SyntaxCoNLLUTests.sample)
        #expect(CoNLLU.read(CoNLLU.write(s)) == s)
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func roundTripOfEWTDev() throws {
        let text = try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8)
        let s = CoNLLU.read(text)
        #expect(CoNLLU.write(s) == text)
    }
}

@Suite("Lemmatizer")
struct SyntaxLemmatizerTests {
    static let cases: [(String, String, UPOS, String)] = [
        ("said", "VBD", .verb, "say"), ("met", "VBD", .verb, "meet"), ("talks", "NNS", .noun, "talk"),
        ("talks", "VBZ", .verb, "talk"), ("was", "VBD", .aux, "be"), ("children", "NNS", .noun, "child"),
        ("stopped", "VBD", .verb, "stop"), ("tried", "VBD", .verb, "try"), ("agencies", "NNS", .noun, "agency"),
        ("taxes", "NNS", .noun, "tax"), ("making", "VBG", .verb, "make"), ("running", "VBG", .verb, "run"),
        ("better", "JJR", .adj, "good"), ("larger", "JJR", .adj, "large"), ("n't", "RB", .part, "not"),
        ("Americans", "NNPS", .propn, "American"), ("Miller", "NNP", .propn, "Miller"), ("him", "PRP", .pron, "he"),
        ("agreed", "VBD", .verb, "agree"), ("walked", "VBD", .verb, "walk"), ("announced", "VBN", .verb, "announce"),
        ("women", "NNS", .noun, "woman"), ("has", "VBZ", .aux, "have"), ("went", "VBD", .verb, "go"),
        // Silent e and short -ied stems.
        ("coming", "VBG", .verb, "come"), ("losing", "VBG", .verb, "lose"), ("proposed", "VBN", .verb, "propose"),
        ("died", "VBD", .verb, "die"), ("tied", "VBN", .verb, "tie"), ("dying", "VBG", .verb, "die"),
        ("smuggled", "VBD", .verb, "smuggle"), ("rinsed", "VBD", .verb, "rinse"), ("nursed", "VBD", .verb, "nurse"),
        ("collapsed", "VBD", .verb, "collapse"), ("inquired", "VBD", .verb, "inquire"),
        ("ranging", "VBG", .verb, "range"), ("changed", "VBD", .verb, "change"), ("hanging", "VBG", .verb, "hang"),
        ("booming", "VBG", .verb, "boom"), ("passed", "VBD", .verb, "pass"), ("m", "VBP", .aux, "be"),
    ]

    @Test func tableLoadsAndLemmatizes() throws {
        let l = try Lemmatizer.bundled()
        #expect(l.count > 500)
        for (form, xpos, upos, lemma) in SyntaxLemmatizerTests.cases {
            #expect(l.lemma(form, xpos: xpos, upos: upos) == lemma, "\(form)/\(xpos)")
        }
    }

    @Test func aVocabularyPicksTheKnownSpellingOfARegularVerb() throws {
        let l = try Lemmatizer.bundled()
        let vocabulary = try WordClusters(
            parsing: "# clusters 2\naccuse\t0\nexpel\t1\ncall\t0\nhope\t1\nhop\t0\n", name: "test")
        #expect(l.lemma("accused", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "accuse")
        #expect(l.lemma("accusing", xpos: "VBG", upos: .verb, vocabulary: vocabulary) == "accuse")
        #expect(l.lemma("expelled", xpos: "VBN", upos: .verb, vocabulary: vocabulary) == "expel")
        #expect(l.lemma("called", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "call")
        // No spelling known: the rule's stem stays.
        #expect(l.lemma("blicked", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "blick")
        #expect(l.lemma("invaded", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "invade")
        // A doubled s is not undoubled to a known word ("his").
        let v2 = try WordClusters(parsing: "# clusters 2\nhis\t0\ncom\t1\ncome\t1\n", name: "test")
        #expect(l.lemma("hissed", xpos: "VBD", upos: .verb, vocabulary: v2) == "hiss")
        #expect(l.lemma("coming", xpos: "VBG", upos: .verb, vocabulary: v2) == "come")
    }
}
