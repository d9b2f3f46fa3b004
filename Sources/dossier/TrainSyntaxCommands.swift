import ArgumentParser
import DossierCore
import Foundation

/// `dossier train pos`: the part-of-speech tagger from CoNLL-U treebanks.
struct TrainPOS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pos", abstract: "Train the part-of-speech tagger (UPOS and XPOS) from CoNLL-U files.")

    @Option(name: .long, parsing: .upToNextOption, help: "Training files (CoNLL-U).") var train: [String]
    @Option(name: .long, help: "A development file (CoNLL-U): its scores are saved in the model.") var dev: String?
    @Option(name: .long, help: "Where to write the model.") var out: String
    @Option(name: .long, help: "Training passes.") var epochs = 10
    @Option(name: .long, help: "Seed of the shuffling.") var seed: UInt64 = 1
    @Flag(name: .long, help: "Train without word clusters.") var noClusters = false
    @Option(name: .long, help: "Feature templates (1, 2 or 3).") var features = POSModel.featureVersion
    @Option(name: .long, help: "Tag dictionary: words that take one tag at least this often.")
    var dictionaryPurity = 0.995
    @Option(name: .long, help: "Tag dictionary: words seen at least this many times.") var dictionaryMinCount = 20
    @Option(name: .long, help: "Optional templates of feature version 3 (a bit mask).") var extras = 0
    @Option(name: .long, help: "Ambiguity classes for words seen at least this many times.") var ambiguityMinCount = 3
    @Option(name: .long, help: "Train this many models with consecutive seeds and keep their mean.") var seeds = 1
    @Option(name: .long, help: "Drop weights below this fraction of the largest (model size).") var prune: Float = 0.002
    @Option(name: .long, help: "Second-pass templates (1; 0: one pass).") var secondPass = 0
    @Option(name: .long, help: "Second-pass training passes.") var secondEpochs = 6
    @Option(name: .long, help: "Jackknife folds of the second pass's training data.") var secondFolds = 4
    @Option(name: .long, help: "Training passes of the jackknife taggers (default: --epochs).") var foldEpochs: Int?
    @Option(name: .long, help: "First-pass margin below which the second pass re-decides a token.")
    var secondMargin: Float = 4
    @Option(name: .long, help: "Weight of the first-pass scores in the second pass.") var secondScale: Float = 1
    @Option(name: .long, help: "Pruning of the second pass's weights (default: --prune).") var secondPrune: Float?
    @Option(name: .long, help: "Use this tagger as the first pass instead of training one (with --second-pass).")
    var firstPass: String?
    @Flag(name: .long, help: "The second pass re-decides only tokens whose two best classes differ in UPOS.")
    var secondUpos = false
    @Option(name: .long, help: "Keep the jackknifed first pass in this file and reuse it when it matches.")
    var secondCache: String?

    func run() throws {
        let start = Date()
        let clusters = noClusters ? nil : try SyntaxTables.bundledClusters()
        var sentences: [CoNLLU.Sentence] = []
        for path in train { sentences += CoNLLU.read(try readText(path)) }
        let corpus = SyntaxCorpus(sentences, clusters: clusters)
        let devCorpus = try dev.map { SyntaxCorpus(CoNLLU.read(try readText($0)), clusters: clusters) }
        stderrLine("\(sentences.count) sentences, \(corpus.tokenCount) words")
        var trainer = POSTrainer()
        trainer.epochs = epochs
        trainer.seed = seed
        trainer.features = features
        trainer.dictionaryPurity = dictionaryPurity
        trainer.dictionaryMinCount = dictionaryMinCount
        trainer.extras = extras
        trainer.ambiguityMinCount = ambiguityMinCount
        trainer.seeds = seeds
        trainer.prune = prune
        trainer.secondPass = secondPass
        trainer.secondEpochs = secondEpochs
        trainer.secondFolds = secondFolds
        trainer.foldEpochs = foldEpochs
        trainer.secondMargin = secondMargin
        trainer.secondScale = secondScale
        trainer.secondPrune = secondPrune
        var model =
            try firstPass.map { try loadPOSModel($0, clusters: try clusters ?? SyntaxTables.bundledClusters()) }
            ?? trainer.train(corpus, dev: devCorpus, clusters: clusters) { stderrLine($0) }
        if secondPass != 0 {
            guard POSSecondPass.templateVersions.contains(secondPass) else {
                throw ValidationError("--second-pass must be in \(POSSecondPass.templateVersions)")
            }
            // The cache is named by what makes the jackknife: it is reused only for the same settings.
            let key =
                "\(secondFolds) \(foldEpochs ?? epochs) \(seed) \(features) \(extras) \(dictionaryPurity) \(dictionaryMinCount) \(prune) \(corpus.tokenCount) \(train.joined(separator: ","))"
            var passOne: POSPassOne?
            if let secondCache, let data = FileManager.default.contents(atPath: secondCache),
                let nl = data.firstIndex(of: 10), String(decoding: data[..<nl], as: UTF8.self) == key
            {
                passOne = try POSPassOne(decoding: [UInt8](data[(nl + 1)...]), name: secondCache)
                stderrLine("jackknifed first pass read from \(secondCache)")
            }
            if passOne == nil {
                let p = trainer.jackknife(corpus, clusters: clusters) { stderrLine($0) }
                if let secondCache {
                    try Data(Array(key.utf8) + [10] + p.encoded()).write(to: URL(fileURLWithPath: secondCache))
                }
                passOne = p
            }
            if let passOne {
                trainer.secondUposOnly = secondUpos
                model = trainer.trainSecond(model, corpus, passOne: passOne, dev: devCorpus) { stderrLine($0) }
            }
        }
        model.config.append(("trainFiles", train.map { ($0 as NSString).lastPathComponent }.joined(separator: ",")))
        let bytes = model.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        stderrLine(
            "wrote \(out) (\(bytes.count) bytes) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}

/// `dossier train parser`: the dependency parser from CoNLL-U treebanks, on tags from a tagger.
struct TrainParser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parser", abstract: "Train the dependency parser from CoNLL-U files.")

    @Option(name: .long, parsing: .upToNextOption, help: "Training files (CoNLL-U).") var train: [String]
    @Option(name: .long, help: "A development file (CoNLL-U): its scores are saved in the model.") var dev: String?
    @Option(name: .long, help: "Where to write the model.") var out: String
    @Option(name: .long, help: "The tagger whose tags the parser reads (default: the bundled one).") var pos: String?
    @Option(name: .long, help: "Training passes.") var epochs = 12
    @Option(name: .long, help: "Seed of the shuffling and exploration.") var seed: UInt64 = 1
    @Option(name: .long, help: "Tag the training data with taggers trained on the other k parts (0: no jackknifing).")
    var jackknife = 0
    @Option(name: .long, help: "Tagger training passes when jackknifing.") var posEpochs = 8
    @Option(name: .long, help: "Tagger feature templates when jackknifing.") var posFeatures = 1
    @Option(name: .long, help: "Tagger optional templates (version 3) when jackknifing.") var posExtras = 0
    @Option(name: .long, help: "Tagger dictionary purity when jackknifing.") var posDictionaryPurity = 0.995
    @Option(name: .long, help: "Tagger dictionary minimum count when jackknifing.") var posDictionaryMinCount = 20
    @Option(name: .long, help: "Drop weights below this fraction of the largest (model size).") var prune: Float = 0.03
    @Option(name: .long, help: "Beam width (1: greedy with the dynamic oracle; more: beam, global updates).")
    var beam = 1
    @Option(name: .long, help: "Parser feature templates (2-6; 6 reads the tagger's runner-ups: needs --jackknife K).")
    var features = ParserModel.featureVersion
    @Flag(name: .long, help: "Lift the crossing arcs of non-projective trees and train them (else skipped).")
    var lift = false
    @Flag(name: .long, help: "Labelled transitions: score the relation with the action (one perceptron).")
    var labelled = false
    @Flag(name: .long, help: "Easy-first parsing: the surest arc between neighbours first (labelled arcs).")
    var easyFirst = false
    @Flag(name: .long, help: "Parse each sentence from its last word to its first (for a parser ensemble).")
    var rightToLeft = false
    @Flag(name: .long, help: "The arc-eager system (--labelled --beam N): right dependents attached when read.")
    var arcEager = false
    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Also write the model after these epochs (to OUT.eN, scored on --dev); the training is unchanged.")
    var snapshotEpochs: [Int] = []
    @Option(
        name: .long,
        help: "Give weights only to the action features this (pruned) model has (retraining; --labelled --beam).")
    var keepFeaturesOf: String?
    @Option(name: .long, help: "Keep the jackknifed training tags in this file and reuse them when it matches.")
    var tagsCache: String?
    @Option(
        name: .long,
        help:
            "Joint tagging (--labelled --beam N --jackknife K): the parser chooses the tag of words under this tagger margin."
    )
    var jointTags: Float = 0
    @Option(name: .long, help: "With --joint-tags: the tag templates (1, or 2 with more right context).")
    var jointFeatures = 1

    func run() throws {
        let start = Date()
        guard jointTags >= 0, jointTags.isFinite, (1...2).contains(jointFeatures) else {
            throw ValidationError("--joint-tags needs a margin >= 0 and --joint-features 1 or 2")
        }
        if jointTags > 0 && !(labelled && beam > 1 && jackknife > 1) {
            throw ValidationError("--joint-tags needs --labelled --beam N --jackknife K")
        }
        guard ParserModel.featureVersions.contains(features) else {
            throw ValidationError(
                "--features \(features): parser feature templates are \(ParserModel.featureVersions.lowerBound)-\(ParserModel.featureVersions.upperBound)"
            )
        }
        if features >= 6 && (jackknife < 2 || jointTags > 0) {
            throw ValidationError(
                "--features 6 needs --jackknife K (runner-ups of taggers that did not see the sentence), without --joint-tags"
            )
        }
        if arcEager && (!labelled || beam < 2 || easyFirst || jointTags > 0) {
            throw ValidationError("--arc-eager needs --labelled --beam N (N >= 2), not --easy-first or --joint-tags")
        }
        if easyFirst && (beam > 1 || rightToLeft || jointTags > 0 || keepFeaturesOf != nil || features >= 6) {
            throw ValidationError(
                "--easy-first parses greedily in its own order: not with --beam, --right-to-left, --joint-tags, --keep-features-of or --features 6"
            )
        }
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try loadPOSModel(pos, clusters: clusters)
        var sentences: [CoNLLU.Sentence] = []
        for path in train { sentences += CoNLLU.read(try readText(path)) }
        var corpus = SyntaxCorpus(sentences, clusters: clusters)
        if features >= 5 { corpus.tables.ambiguity = tagger.ambiguityClasses(of: corpus.tables) }
        stderrLine("\(sentences.count) sentences, \(corpus.tokenCount) words")
        var tags = tagger.tagHashes(tagger.tag(corpus.document, corpus.tables))
        let cacheKey =
            "\(jackknife) \(posEpochs)\(posFeatures == 1 ? "" : " f\(posFeatures)")\(posTaggerKey) \(seed) \(corpus.tokenCount) \(train.joined(separator: ","))"
        // The tags cache holds no runner-ups: a model that reads them is trained on a fresh jackknife.
        let readsRunnerUps = ParserModel.readsRunnerUps(featureSet: features, jointMargin: jointTags)
        var runnerUp = [UInt64](repeating: 0, count: corpus.tokenCount)
        var margins = [Float](repeating: .infinity, count: corpus.tokenCount)
        if !readsRunnerUps, jackknife > 1,
            let cached = readTagsCache(tagsCache, key: cacheKey, count: corpus.tokenCount)
        {
            tags = cached
            stderrLine("jackknifed tags read from \(tagsCache ?? "")")
        } else if jackknife > 1 {
            tags = []
            for part in 0..<jackknife {
                let held = sentences.indices.filter { $0 % jackknife == part }
                let rest = sentences.indices.filter { $0 % jackknife != part }
                var t = POSTrainer()
                t.epochs = posEpochs
                t.features = posFeatures
                t.extras = posExtras
                t.dictionaryPurity = posDictionaryPurity
                t.dictionaryMinCount = posDictionaryMinCount
                t.seed = seed
                let m = t.train(
                    SyntaxCorpus(rest.map { sentences[$0] }, clusters: clusters), dev: nil, clusters: clusters
                ) { _ in }
                let heldCorpus = SyntaxCorpus(held.map { sentences[$0] }, clusters: clusters)
                let tagged = m.tagWithAlternatives(heldCorpus.document, heldCorpus.tables)
                let h = m.tagHashes(tagged.classes)
                let alt = m.tagHashes(tagged.alternatives.runnerUp)
                if tags.isEmpty { tags = [UInt64](repeating: 0, count: corpus.tokenCount) }
                for (k, si) in held.enumerated() {
                    let r = corpus.ranges[si]
                    let hr = heldCorpus.ranges[k]
                    for j in 0..<r.count {
                        tags[r.lowerBound + j] = h[hr.lowerBound + j]
                        runnerUp[r.lowerBound + j] = alt[hr.lowerBound + j]
                        margins[r.lowerBound + j] = tagged.alternatives.margin[hr.lowerBound + j]
                    }
                }
                stderrLine("jackknife part \(part + 1)/\(jackknife) tagged")
            }
            if let tagsCache, !readsRunnerUps {
                var w = ByteWriter()
                w.string(cacheKey)
                for t in tags { w.u64(t) }
                try Data(w.bytes).write(to: URL(fileURLWithPath: tagsCache))
            }
        }
        if readsRunnerUps {
            corpus.tables.runnerUp = runnerUp
            corpus.tables.tagMargin = margins
        }
        let devTagged = try dev.map { path in
            var c = SyntaxCorpus(CoNLLU.read(try readText(path)), clusters: clusters)
            if features >= 5 { c.tables.ambiguity = tagger.ambiguityClasses(of: c.tables) }
            let t = tagHashes(tagger, &c, runnerUps: readsRunnerUps)
            return (corpus: c, tags: t)
        }
        let devCorpus = devTagged?.corpus
        let devTags = devTagged?.tags
        var trainer = ParserTrainer()
        trainer.epochs = epochs
        trainer.seed = seed
        trainer.prune = prune
        trainer.beam = beam
        trainer.lift = lift
        trainer.features = features
        trainer.labelled = labelled
        trainer.easyFirst = easyFirst
        trainer.rightToLeft = rightToLeft
        trainer.arcEager = arcEager
        trainer.jointMargin = jointTags
        trainer.jointFeatures = jointFeatures
        trainer.snapshotEpochs = Set(snapshotEpochs)
        if let keepFeaturesOf {
            guard labelled && beam > 1 else { throw ValidationError("--keep-features-of needs --labelled --beam N") }
            trainer.keep = try loadParserModel(keepFeaturesOf).actionScorer.keys
        }
        let files = train.map { ($0 as NSString).lastPathComponent }.joined(separator: ",")
        var written: Error?
        var model = trainer.train(
            corpus, tags: tags, dev: devCorpus, devTags: devTags, log: { stderrLine($0) },
            goldTags: jointTags > 0 ? goldTagHashes(tagger, corpus) : nil,
            snapshot: { e, m in
                var m = m
                m.config.append(("jackknife", String(jackknife)))
                m.config.append(("trainFiles", files))
                do {
                    try Data(m.encoded()).write(to: URL(fileURLWithPath: "\(out).e\(e)"))
                    stderrLine("wrote \(out).e\(e)")
                } catch { written = error }
            })
        if let written { throw written }
        model.config.append(("jackknife", String(jackknife)))
        model.config.append(("trainFiles", files))
        let bytes = model.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        stderrLine(
            "wrote \(out) (\(bytes.count) bytes) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}

extension TrainParser {
    /// The jackknife tagger settings that differ from the defaults, for the tags cache key.
    var posTaggerKey: String {
        var k = ""
        if posExtras != 0 { k += " x\(posExtras)" }
        if posDictionaryPurity != 0.995 { k += " p\(posDictionaryPurity)" }
        if posDictionaryMinCount != 20 { k += " m\(posDictionaryMinCount)" }
        return k
    }
}

/// The tagger's tags of the corpus as the parser reads them; with `runnerUps`, from the same tagging, each
/// token's runner-up tag and margin in the corpus's tables (for parsers that choose tags or read them).
func tagHashes(_ tagger: POSModel, _ c: inout SyntaxCorpus, runnerUps: Bool) -> [UInt64] {
    guard runnerUps else { return tagger.tagHashes(tagger.tag(c.document, c.tables)) }
    let tagged = tagger.tagWithAlternatives(c.document, c.tables)
    c.tables.runnerUp = tagger.tagHashes(tagged.alternatives.runnerUp)
    c.tables.tagMargin = tagged.alternatives.margin
    return tagger.tagHashes(tagged.classes)
}

/// Jackknifed training tags saved by an earlier run with the same settings, if any.
func readTagsCache(_ path: String?, key: String, count: Int) -> [UInt64]? {
    guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
    var r = ByteReader([UInt8](data), name: path)
    guard (try? r.string()) == key else { return nil }
    var tags: [UInt64] = []
    tags.reserveCapacity(count)
    for _ in 0..<count {
        guard let t = try? r.u64() else { return nil }
        tags.append(t)
    }
    return tags
}

/// The bundled tagger, or one from a file.
func loadPOSModel(_ path: String?, clusters: WordClusters) throws -> POSModel {
    guard let path else { return try POSModel.bundled(clusters: clusters) }
    return try POSModel(decoding: try readBytes(path), name: path, clusters: clusters)
}
