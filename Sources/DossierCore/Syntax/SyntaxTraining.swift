/// Training data made from CoNLL-U: one ``Document`` over all sentences (gold tokenization), its tables, and
/// the gold columns.
public struct SyntaxCorpus: Sendable {
    public let sentences: [CoNLLU.Sentence]
    public let document: Document
    public var tables: SyntaxTables
    /// Token ranges of the sentences in ``document``.
    public let ranges: [Range<Int>]

    public init(_ sentences: [CoNLLU.Sentence], clusters: WordClusters?) {
        self.sentences = sentences
        let doc = Document(pretokenized: sentences.map(\.forms), source: "<conllu>")
        self.document = doc
        self.tables = SyntaxTables(doc, clusters: clusters)
        self.ranges = doc.sentences.map(\.tokens)
    }

    public var tokenCount: Int { document.tokens.count }

    /// Gold `UPOS|XPOS` per token.
    public var goldTags: [String] { sentences.flatMap { $0.words.map { "\($0.upos)|\($0.xpos)" } } }
}

/// Trains a ``POSModel``.
public struct POSTrainer: Sendable {
    public var epochs = 10
    public var seed: UInt64 = 1
    public var prune: Float = 0.002
    public var dictionaryMinCount = 20
    public var dictionaryPurity = 0.995
    public var ambiguityMinCount = 3
    /// Feature templates (``POSModel/featureVersions``).
    public var features = POSModel.featureVersion
    /// Optional templates of version 3 (``POSModel/extras``).
    public var extras = 0
    /// Train this many models (seeds `seed`, `seed + 1`, ...) and keep their mean (``AveragedPerceptron/mean``).
    public var seeds = 1
    /// Second-pass templates (``POSSecondPass/templateVersions``; 0: a one-pass tagger).
    public var secondPass = 0
    /// Second-pass training passes.
    public var secondEpochs = 6
    /// Jackknife folds for the second pass's training tags and scores.
    public var secondFolds = 4
    /// First-pass epochs of the jackknife taggers (nil: ``epochs``).
    public var foldEpochs: Int?
    /// Margin below which the second pass re-decides a token (``POSSecondPass/margin``).
    public var secondMargin: Float = 4
    /// Weight of the first-pass scores in the second pass (``POSSecondPass/scale``).
    public var secondScale: Float = 1
    /// Pruning of the second pass's weights in the model file (nil: ``prune``).
    public var secondPrune: Float?
    /// Re-decide only tokens whose two best first-pass classes differ in UPOS (``POSSecondPass/uposOnly``).
    public var secondUposOnly = false

    public init() {}

    /// The classes of a corpus (`UPOS|XPOS` seen in it, sorted).
    public static func classes(of train: SyntaxCorpus) -> [String] { Set(train.goldTags).sorted() }

    /// Trains a one-pass tagger over `classes` (default: those of `train`).
    public func train(
        _ train: SyntaxCorpus, dev: SyntaxCorpus?, clusters: WordClusters?, classes given: [String]? = nil,
        log: (String) -> Void
    ) -> POSModel {
        let gold = train.goldTags
        let classes = given ?? POSTrainer.classes(of: train)
        var index: [String: UInt8] = [:]
        for (i, c) in classes.enumerated() { index[c] = UInt8(i) }
        let goldIDs = gold.map { index[$0] ?? 0 }
        // Tag dictionary and ambiguity classes from word counts.
        var perWord: [UInt64: [Int: Int]] = [:]
        for (i, g) in goldIDs.enumerated() { perWord[train.tables.lower[i], default: [:]][Int(g), default: 0] += 1 }
        var dictionary: [UInt64: UInt8] = [:]
        var ambiguity: [UInt64: UInt64] = [:]
        for (w, m) in perWord {
            let n = m.values.reduce(0, +)
            if let top = m.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
                n >= dictionaryMinCount, Double(top.value) >= Double(n) * dictionaryPurity
            {
                dictionary[w] = UInt8(top.key)
            }
            // Rare words get no class, so the model learns to tag unknown words from their spelling.
            if n < ambiguityMinCount { continue }
            var h: UInt64 = 0x1234
            for k in m.keys.sorted() where m[k, default: 0] * 20 >= n { h = FH.mix(h ^ UInt64(k + 1)) }
            ambiguity[w] = h
        }
        var config: [(key: String, value: String)] = [
            ("features", String(features)), ("epochs", String(epochs)), ("seed", String(seed)),
            ("prune", String(prune)), ("clusters", clusters == nil ? "none" : "bundled"),
            ("dictionary.entries", String(dictionary.count)),
        ]
        if dictionaryPurity != 0.995 { config.append(("dictionary.purity", String(dictionaryPurity))) }
        if dictionaryMinCount != 20 { config.append(("dictionary.minCount", String(dictionaryMinCount))) }
        if features >= 3 { config.append(("extras", String(extras))) }
        if ambiguityMinCount != 3 { config.append(("ambiguity.minCount", String(ambiguityMinCount))) }
        if seeds > 1 { config.append(("seeds", String(seeds))) }
        var model = POSModel(
            classes: classes, perceptron: AveragedPerceptron(classes: classes.count, capacity: 1 << 18),
            dictionary: dictionary, ambiguity: ambiguity, clusters: clusters, config: config)
        var finished: [AveragedPerceptron] = []
        for k in 0..<max(seeds, 1) {
            var rng = SplitMix64(seed: seed &+ UInt64(k))
            var order = Array(train.ranges.indices)
            var out = [UInt8](repeating: 0, count: train.tokenCount)
            var p = AveragedPerceptron(classes: classes.count, capacity: 1 << 18)
            for e in 0..<epochs {
                rng.shuffle(&order)
                POSModel.decode(
                    model, train.tables, sentences: order.map { train.ranges[$0] }, perceptron: &p, gold: goldIDs,
                    into: &out)
                var right = 0
                for i in 0..<goldIDs.count where out[i] == goldIDs[i] { right += 1 }
                log(
                    "\(seeds > 1 ? "model \(k + 1), " : "")epoch \(e + 1): train accuracy \(String(format: "%.2f", 100 * Double(right) / Double(max(1, goldIDs.count))))"
                )
            }
            p.finish(threshold: 1e-3)
            finished.append(p)
            if seeds > 1, let dev {
                model.perceptron = p
                log("model \(k + 1): dev UPOS \(String(format: "%.2f", POSEvaluation(model: model, gold: dev).upos))")
            }
        }
        let p = AveragedPerceptron.mean(finished) ?? finished[0]
        model.perceptron = p
        if let dev {
            let s = POSEvaluation(model: model, gold: dev)
            config.append(("dev.upos", String(format: "%.2f", s.upos)))
            config.append(("dev.xpos", String(format: "%.2f", s.xpos)))
            log("dev UPOS \(String(format: "%.2f", s.upos)) XPOS \(String(format: "%.2f", s.xpos))")
        }
        config.append(("features.rows", String(p.featureCount)))
        model.config = config
        return model
    }
}

extension POSTrainer {
    /// First-pass tags and scores of every training token from taggers trained without its sentence
    /// (``secondFolds`` folds, sentence `k` in fold `k % folds`), over the classes of the whole corpus.
    public func jackknife(_ train: SyntaxCorpus, clusters: WordClusters?, log: (String) -> Void) -> POSPassOne {
        let classes = POSTrainer.classes(of: train)
        var out = POSPassOne(classes: classes.count, tokens: train.tokenCount)
        let folds = max(secondFolds, 2)
        var t = self
        t.epochs = foldEpochs ?? epochs
        t.secondPass = 0
        for f in 0..<folds {
            let keep = train.sentences.indices.filter { $0 % folds != f }
            let held = train.sentences.indices.filter { $0 % folds == f }
            let part = SyntaxCorpus(keep.map { train.sentences[$0] }, clusters: clusters)
            let m = t.train(part, dev: nil, clusters: clusters, classes: classes) { log("fold \(f + 1), \($0)") }
            m.passOne(train.tables, sentences: held.map { train.ranges[$0] }, into: &out)
        }
        var right = 0
        let gold = train.goldTags
        for i in 0..<gold.count where classes[Int(out.tags[i])] == gold[i] { right += 1 }
        log(
            "jackknifed first pass: accuracy \(String(format: "%.2f", 100 * Double(right) / Double(max(1, gold.count))))"
        )
        return out
    }

    /// Trains the second pass of `model` on jackknifed first-pass results (``jackknife(_:clusters:log:)``).
    public func trainSecond(
        _ model: POSModel, _ train: SyntaxCorpus, passOne: POSPassOne, dev: SyntaxCorpus?, log: (String) -> Void
    ) -> POSModel {
        let c = model.classes.count
        var index: [String: UInt8] = [:]
        for (i, k) in model.classes.enumerated() { index[k] = UInt8(i) }
        let gold = train.goldTags.map { Int(index[$0] ?? 0) }
        let (amb, _) = model.ambiguityClasses(train.tables)
        var p = AveragedPerceptron(classes: c, capacity: 1 << 16)
        var rng = SplitMix64(seed: seed)
        var order = Array(train.ranges.indices)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: POSModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: c)
        defer { scores.deallocate() }
        var unsure = [Bool](repeating: false, count: train.tokenCount)
        for i in 0..<train.tokenCount { unsure[i] = passOne.margin(i) < secondMargin }
        let full = secondPass >= 2
        amb.withUnsafeBufferPointer { ab in
            passOne.tags.withUnsafeBufferPointer { first in
                for e in 0..<max(secondEpochs, 1) {
                    rng.shuffle(&order)
                    var right = 0
                    var before = 0
                    var seen = 0
                    for j in order {
                        let s = train.ranges[j]
                        var p1 = POSModel.startTag
                        var p2 = POSModel.startTag
                        for i in s {
                            var best = Int(first[i])
                            if full || unsure[i] {
                                var k = 0
                                if secondPass == 2 {
                                    k = model.extract(
                                        train.tables, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                                } else if secondPass == 3 {
                                    k = POSSecondPass.extractBase(
                                        train.tables, ab, i, s.lowerBound, s.upperBound, p1, p2, into: buf)
                                }
                                k += POSSecondPass.extract(
                                    train.tables, ab, first, i, s.upperBound, p1, p2, into: buf + k)
                                let fs = UnsafeBufferPointer(start: buf, count: k)
                                // A full second pass learns alone, as the first; its scores are added to the first's
                                // when tagging.
                                for q in 0..<c { scores[q] = full ? 0 : secondScale * passOne.scores[i * c + q] }
                                p.score(fs, into: scores)
                                var top = -Float.infinity
                                for q in 0..<c where scores[q] > top {
                                    best = q
                                    top = scores[q]
                                }
                                p.tick()
                                p.update(fs, truth: gold[i], guess: best)
                                seen += 1
                                if best == gold[i] { right += 1 }
                                if Int(first[i]) == gold[i] { before += 1 }
                            }
                            p2 = p1
                            p1 = UInt64(best)
                        }
                    }
                    log(
                        "second pass, epoch \(e + 1): \(seen) tokens re-decided, right \(right) (first pass \(before))")
                }
            }
        }
        p.finish(threshold: 1e-3)
        var m = model
        m.second = POSSecondPass(
            perceptron: p, templates: secondPass, margin: secondMargin, scale: secondScale)
        m.second?.uposOnly = secondUposOnly
        var config = m.config.filter { !$0.key.hasPrefix("dev.") && $0.key != "features.rows" }
        if let secondPrune { config.append(("second.prune", String(secondPrune))) }
        config.append(("second.epochs", String(secondEpochs)))
        config.append(("second.folds", String(secondFolds)))
        if let foldEpochs { config.append(("second.foldEpochs", String(foldEpochs))) }
        if let dev {
            let s = POSEvaluation(model: m, gold: dev)
            config.append(("dev.upos", String(format: "%.2f", s.upos)))
            config.append(("dev.xpos", String(format: "%.2f", s.xpos)))
            log("two passes: dev UPOS \(String(format: "%.2f", s.upos)) XPOS \(String(format: "%.2f", s.xpos))")
        }
        config.append(("features.rows", m["features.rows"] ?? "0"))
        config.append(("second.rows", String(p.featureCount)))
        m.config = config
        return m
    }
}

/// Tagging accuracy on a gold corpus.
public struct POSEvaluation: Sendable {
    public var tokens = 0
    public var uposRight = 0
    public var xposRight = 0
    public var predicted: [UInt8] = []

    public init(model: POSModel, gold: SyntaxCorpus) {
        predicted = model.tag(gold.document, gold.tables)
        var k = 0
        for s in gold.sentences {
            for w in s.words {
                tokens += 1
                let c = Int(predicted[k])
                if model.upos[c].name == w.upos { uposRight += 1 }
                if model.xpos[c] == w.xpos { xposRight += 1 }
                k += 1
            }
        }
    }

    public var upos: Double { 100 * Double(uposRight) / Double(max(tokens, 1)) }
    public var xpos: Double { 100 * Double(xposRight) / Double(max(tokens, 1)) }
}

/// Trains a ``ParserModel`` on tags predicted by a tagger (so training sees the tagger's errors).
public struct ParserTrainer: Sendable {
    public var epochs = 12
    public var seed: UInt64 = 1
    public var prune: Float = 0.002
    /// Epochs trained on the oracle's path before exploring the model's own.
    public var staticEpochs = 1
    /// Train non-projective trees after lifting their crossing arcs (else they are skipped).
    public var lift = false
    /// Beam width: 1 trains the greedy parser with the dynamic oracle, more a beam with global updates.
    public var beam = 1
    /// Feature templates (``ParserModel/featureVersions``).
    public var features = ParserModel.featureVersion
    /// Labelled transitions: one perceptron scores SHIFT, LEFT-rel and RIGHT-rel (greedy, or with `beam` > 1
    /// the beam over labelled sequences).
    public var labelled = false
    /// Epochs after which a finished copy of the model is handed to `snapshot` (scored on dev when given), so
    /// one run shows several epoch counts; the training itself is unchanged.
    public var snapshotEpochs: Set<Int> = []
    /// Train a right-to-left parser (``ParserModel/rightToLeft``): each sentence's words reversed.
    public var rightToLeft = false
    /// Only these action feature keys (32-bit) get weights, e.g. those a pruned model kept: retraining on a
    /// selected feature set (labelled beam training only).
    public var keep: Set<UInt64>? = nil
    /// Joint tagging (``ParserModel/jointMargin``; labelled beam training): words under this tagger margin
    /// get their tag chosen by the parser between the tables' best and runner-up tags, learned from
    /// `goldTags`. 0: none.
    public var jointMargin: Float = 0
    /// The tag templates of joint tagging (``ParserModel/jointFeatures``).
    public var jointFeatures = 1
    /// Easy-first parsing (``ParserModel/easyFirst``; labelled arcs, projective training trees).
    public var easyFirst = false
    /// The arc-eager system (``ParserModel/arcEager``; labelled beam training, `beam` > 1).
    public var arcEager = false

    public init() {}

    public func train(
        _ train: SyntaxCorpus, tags: [UInt64], dev: SyntaxCorpus?, devTags: [UInt64]?, log: (String) -> Void,
        goldTags: [UInt64]? = nil, snapshot: (Int, ParserModel) -> Void = { _, _ in }
    ) -> ParserModel {
        var labelSet = Set<String>()
        for s in train.sentences { for w in s.words { labelSet.insert(w.deprel) } }
        let labels = labelSet.sorted().prefix(63).map { $0 }
        var index: [String: UInt8] = [:]
        for (i, l) in labels.enumerated() { index[l] = UInt8(i) }
        // Gold per sentence; non-projective trees are skipped.
        var items: [(r: Range<Int>, heads: [Int32], labels: [UInt8], values: ParserModel.Values)] = []
        var skipped = 0
        var lifted = 0
        for (k, s) in train.sentences.enumerated() {
            let n = s.words.count
            var gold = s.words.map(\.head)
            if n > 0 && lift && !s.isProjective {
                gold = DependencyTree.projectivized(gold)
                lifted += 1
            }
            guard n > 0, DependencyTree.isProjective(gold) else {
                skipped += 1
                continue
            }
            var heads = gold.map { Int32($0 == 0 ? n : $0 - 1) }
            var labs = s.words.map { index[$0.deprel] ?? 0 }
            if rightToLeft {
                // Word k is word n - 1 - k of the reversed sentence; the root stays n.
                heads = heads.reversed().map { $0 == Int32(n) ? $0 : Int32(n - 1) - $0 }
                labs.reverse()
            }
            var values = ParserModel.values(
                train.tables, tags, train.ranges[k], version: features, reversed: rightToLeft, joint: jointMargin)
            values.jointFeatures = jointFeatures
            values.eager = arcEager
            if let goldTags, !values.alt.isEmpty {
                let r = train.ranges[k]
                values.goldTag = (rightToLeft ? r.reversed().map { goldTags[$0] } : r.map { goldTags[$0] }) + [0]
            }
            items.append((train.ranges[k], heads, labs, values))
        }
        log("\(items.count) projective sentences (\(lifted) lifted), \(skipped) skipped")
        let joint = labelled || easyFirst
        let rootLabel = index["root"] ?? 0
        let model = ParserModel(
            labels: labels,
            actions: AveragedPerceptron(
                classes: ParserModel.actionClasses(
                    labels: labels.count, labelled: joint, easyFirst: easyFirst, arcEager: arcEager),
                capacity: 1 << 20),
            labeler: AveragedPerceptron(classes: labels.count, capacity: joint ? 16 : 1 << 18),
            config: [("features", String(features)), ("prune", String(prune))]
                + (joint ? [("transitions", "labelled")] : [])
                + (rightToLeft ? [("direction", "right-to-left")] : [])
                + (arcEager ? [("system", "arc-eager")] : [])
                + (jointMargin > 0
                    ? [("joint.margin", String(jointMargin)), ("joint.features", String(jointFeatures))] : []))
        var a = model.actions
        var l = model.labeler
        var rng = SplitMix64(seed: seed)
        var order = Array(items.indices)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserModel.maxFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(
            capacity: max(3, ParserModel.classCount(labels: labels.count) + 1))
        defer { scores.deallocate() }
        for e in 0..<epochs {
            rng.shuffle(&order)
            var right = 0
            var total = 0
            for j in order {
                let it = items[j]
                let g = (it.heads, it.labels)
                let explore = e >= staticEpochs
                let out: (heads: [Int32], labels: [UInt8])
                if easyFirst {
                    out = ParserModel.easyFirstParse(
                        it.values, n: it.r.count, rootLabel: rootLabel, actions: &a, gold: g, explore: explore,
                        rng: &rng, buf: buf)
                } else if joint {
                    out =
                        beam > 1 || arcEager
                        ? ParserModel.beamParseLabelled(
                            it.values, n: it.r.count, width: beam, actions: &a, gold: g, buf: buf, scores: scores,
                            keep: keep)
                        : ParserModel.parseLabelled(
                            it.values, n: it.r.count, actions: &a, gold: g, explore: explore, rng: &rng, buf: buf,
                            scores: scores)
                } else {
                    out =
                        beam > 1
                        ? ParserModel.beamParse(
                            it.values, n: it.r.count, width: beam, actions: &a, labeler: &l, gold: g, buf: buf,
                            scores: scores)
                        : ParserModel.parse(
                            it.values, n: it.r.count, actions: &a, labeler: &l, gold: g, explore: explore, rng: &rng,
                            buf: buf, scores: scores)
                }
                for k in 0..<it.r.count {
                    total += 1
                    let g = it.heads[k] == Int32(it.r.count) ? -1 : it.heads[k]
                    if out.heads[k] == g { right += 1 }
                }
            }
            log("epoch \(e + 1): train UAS \(String(format: "%.2f", 100 * Double(right) / Double(max(total, 1))))")
            if e + 1 < epochs && snapshotEpochs.contains(e + 1) {
                snapshot(
                    e + 1, finished(model, a, l, joint: joint, epochs: e + 1, dev: dev, devTags: devTags, log: log))
            }
        }
        return finished(model, a, l, joint: joint, epochs: epochs, dev: dev, devTags: devTags, log: log)
    }

    /// The model with the averaged weights of `a` and `l` after `epochs`, its config, and its dev scores.
    private func finished(
        _ model: ParserModel, _ a: AveragedPerceptron, _ l: AveragedPerceptron, joint: Bool, epochs: Int,
        dev: SyntaxCorpus?, devTags: [UInt64]?, log: (String) -> Void
    ) -> ParserModel {
        var model = model
        var a = a
        var l = l
        a.finish(threshold: 1e-3)
        if !joint { l.finish(threshold: 1e-3) }
        model.actions = a
        model.labeler = l
        var config: [(key: String, value: String)] = [
            ("epochs", String(epochs)), ("seed", String(seed)), ("prune", String(prune)),
            ("staticEpochs", String(staticEpochs)), ("oracle", beam > 1 ? "static, max-violation" : "dynamic"),
            ("system", easyFirst ? "easy-first" : arcEager ? "arc-eager" : "arc-hybrid"),
            ("features.actions", String(a.featureCount)), ("features.labels", String(l.featureCount)),
        ]
        // Only what differs from the greedy defaults, so the greedy model's file is as before.
        if beam > 1 { config.append(("beam", String(beam))) }
        if lift { config.append(("lift", "yes")) }
        if joint { config.append(("transitions", "labelled")) }
        if rightToLeft { config.append(("direction", "right-to-left")) }
        if let keep { config.append(("features.kept", String(keep.count))) }
        if jointMargin > 0 {
            config.append(("joint.margin", String(jointMargin)))
            config.append(("joint.features", String(jointFeatures)))
        }
        model.config = config
        if let dev, let devTags {
            let s = ParserEvaluation(model: model, gold: dev, tags: devTags)
            config.append(("dev.uas", String(format: "%.2f", s.uas)))
            config.append(("dev.las", String(format: "%.2f", s.las)))
            config.append(("dev.las.subtypes", String(format: "%.2f", s.lasFull)))
            log(
                "dev UAS \(String(format: "%.2f", s.uas)) LAS \(String(format: "%.2f", s.las)) (with subtypes \(String(format: "%.2f", s.lasFull)))"
            )
        }
        model.config = config
        return model
    }
}

/// Attachment scores on a gold corpus (all words, punctuation included, as the CoNLL 2018 shared task).
public struct ParserEvaluation: Sendable {
    public var words = 0
    public var headRight = 0
    /// Head and universal relation right (the CoNLL 2018 shared task's LAS).
    public var bothRight = 0
    /// Head and full relation (with subtype) right.
    public var fullRight = 0
    /// Per universal relation (the part before any `:`): the words whose gold relation it is, how many of them
    /// got their gold head, and their head and relation; and the words parsed with it. A word right in head
    /// and relation counts for both its gold and its parsed relation, so a relation's recall (its LAS) is
    /// `both / gold` and its precision `both / predicted`.
    public struct RelationCounts: Sendable, Equatable {
        public var gold = 0
        public var head = 0
        public var both = 0
        public var predicted = 0
        public init(gold: Int = 0, head: Int = 0, both: Int = 0, predicted: Int = 0) {
            self.gold = gold
            self.head = head
            self.both = both
            self.predicted = predicted
        }
    }
    public var byRelation: [String: RelationCounts] = [:]

    public init(model: ParserModel, gold: SyntaxCorpus, tags: [UInt64]) {
        self.init(
            labels: model.labels, parsed: model.parse(gold.tables, tags: tags, sentences: gold.ranges), gold: gold)
    }

    /// Scores parsed heads and relation ids (of `labels`) against the gold trees.
    public init(labels: [String], parsed out: (heads: [Int32], labels: [UInt8]), gold: SyntaxCorpus) {
        for (k, s) in gold.sentences.enumerated() {
            let lo = gold.ranges[k].lowerBound
            for (j, w) in s.words.enumerated() {
                words += 1
                let h = out.heads[lo + j]
                let ph = h < 0 ? 0 : Int(h) - lo + 1
                let p = Int(out.labels[lo + j]) < labels.count ? labels[Int(out.labels[lo + j])] : ""
                // Compare the universal part, as LAS in the shared task.
                let g = String(w.deprel.split(separator: ":").first ?? "")
                let u = String(p.split(separator: ":").first ?? "")
                byRelation[u, default: RelationCounts()].predicted += 1
                var counts = byRelation[g] ?? RelationCounts()
                counts.gold += 1
                if ph == w.head {
                    headRight += 1
                    counts.head += 1
                    if p == w.deprel { fullRight += 1 }
                    if u == g {
                        bothRight += 1
                        counts.both += 1
                    }
                }
                byRelation[g] = counts
            }
        }
    }

    public var uas: Double { 100 * Double(headRight) / Double(max(words, 1)) }
    public var las: Double { 100 * Double(bothRight) / Double(max(words, 1)) }
    public var lasFull: Double { 100 * Double(fullRight) / Double(max(words, 1)) }
}

extension POSModel {
    /// The tag of each token as the hash the parser reads (of the class name).
    /// The low byte carries the universal tag, which the parser also reads alone.
    public func tagHashes(_ classes: [UInt8]) -> [UInt64] {
        let h = self.classes.enumerated().map { StableHash.hash($0.element) & ~0xff | UInt64(upos[$0.offset].rawValue) }
        return classes.map { h[Int($0)] }
    }
}
