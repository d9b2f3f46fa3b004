import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate pos`: UPOS, XPOS and lemma accuracy on a CoNLL-U file (gold tokenization).
struct EvaluatePOS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pos", abstract: "Score the tagger and the lemmatizer on a CoNLL-U file (gold words).")

    @Option(name: .long, help: "Gold CoNLL-U file.") var gold: String
    @Option(name: .long, help: "A tagger model file (default: the bundled model).") var model: String?
    @Option(name: .long, help: "Timed passes for the speed figure.") var repeats = 3
    @Option(name: .long, help: "Write the tagger pruned at this fraction of the largest weight to --pruned-out.")
    var prune: Float?
    @Option(
        name: .long,
        help: "Where to write the pruned tagger (scored instead of the input); without --prune, the tagger as read.")
    var prunedOut: String?
    @Option(name: .long, help: "With --pruned-out: one weight row in N kept in training order (0: none; default 4).")
    var packedHead: Int?
    @Option(
        name: .long, help: "With --pruned-out: every weight rounded to a multiple of N units of 1/32767 of the largest."
    )
    var weightStep: Int?
    @Option(name: .long, help: "Re-decide tokens below this first-pass margin (a two-pass tagger; 0: one pass).")
    var secondMargin: Float?
    @Option(name: .long, help: "Weight of the first-pass scores in the second pass (a two-pass tagger).")
    var secondScale: Float?
    @Option(name: .long, help: "Re-decide only tokens whose two best classes differ in UPOS (a two-pass tagger).")
    var secondUpos: Bool?

    func run() throws {
        let clusters = try SyntaxTables.bundledClusters()
        var tagger = try loadPOSModel(model, clusters: clusters)
        if let secondMargin { tagger.second?.margin = secondMargin }
        if let secondScale { tagger.second?.scale = secondScale }
        if let secondUpos { tagger.second?.uposOnly = secondUpos }
        if let prunedOut {
            if let prune { setConfig(&tagger.config, "prune", String(prune)) }
            if let packedHead { setConfig(&tagger.config, "packed.head", String(packedHead)) }
            if let weightStep { setConfig(&tagger.config, "weight.step", String(weightStep)) }
            let bytes = tagger.encoded()
            try Data(bytes).write(to: URL(fileURLWithPath: prunedOut))
            tagger = try POSModel(decoding: bytes, name: prunedOut, clusters: clusters)
            print("size\t\(bytes.count)")
        }
        let corpus = SyntaxCorpus(CoNLLU.read(try readText(gold)), clusters: clusters)
        let s = POSEvaluation(model: tagger, gold: corpus)
        let analyzer = SyntaxAnalyzer(tagger: tagger, parser: nil, lemmatizer: try Lemmatizer.bundled())
        var interner = corpus.document.interner
        let a = analyzer.analyse(corpus.document, interner: &interner)
        var right = 0
        var k = 0
        for sent in corpus.sentences {
            for w in sent.words {
                if interner.string(a.lemma[k]) == w.lemma { right += 1 }
                k += 1
            }
        }
        let speed = bestRate(repeats, tokens: corpus.tokenCount) {
            _ = tagger.tag(corpus.document, SyntaxTables(corpus.document, clusters: clusters))
        }
        print("words\t\(s.tokens)")
        print("UPOS\t\(String(format: "%.2f", s.upos))")
        print("XPOS\t\(String(format: "%.2f", s.xpos))")
        print("lemma\t\(String(format: "%.2f", 100 * Double(right) / Double(max(k, 1))))")
        print("tagging tokens/s (CPU time)\t\(Int(speed))")
    }
}

/// `dossier evaluate parser`: UAS and LAS on a CoNLL-U file, with predicted tags.
struct EvaluateParser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parser", abstract: "Score the dependency parser on a CoNLL-U file (gold words, predicted tags).")

    @Option(name: .long, help: "Gold CoNLL-U file.") var gold: String
    @Option(name: .long, help: "A parser model file (default: the bundled model).") var model: String?
    @Option(name: .long, help: "A tagger model file (default: the bundled model).") var pos: String?
    @Option(name: .long, help: "Timed passes for the speed figure.") var repeats = 3
    @Option(name: .long, help: "Write the parser pruned at this fraction of the largest weight to --pruned-out.")
    var prune: Float?
    @Option(
        name: .long,
        help: "Where to write the pruned parser (scored instead of the input); without --prune, the parser as read.")
    var prunedOut: String?
    @Option(name: .long, help: "With --pruned-out: one weight row in N kept in training order (0: none; default 4).")
    var packedHead: Int?
    @Option(
        name: .long, help: "With --pruned-out: every weight rounded to a multiple of N units of 1/32767 of the largest."
    )
    var weightStep: Int?
    @Option(name: .long, help: "Beam width (default: the model's).") var beam: Int?
    @Flag(name: .long, help: "Score the bundled beam-search parser instead of the greedy one.") var beamModel = false
    @Flag(name: .long, help: "Parse with the gold tags of the file instead of the tagger's.") var goldTags = false
    @Flag(
        name: .long,
        help:
            "Also print each universal relation's words, head accuracy, LAS (recall) and precision, most frequent first."
    )
    var byRelation = false
    @Option(
        name: .long,
        help: "A joint-tagging model's bias towards runner-up tags (config joint.bias; saved with --pruned-out).")
    var jointBias: Float?
    @Option(
        name: .long, parsing: .upToNextOption,
        help:
            "Combine parsers by arc votes: MODEL=WEIGHT pairs ('greedy', 'beam', 'rtl', 'arc-eager', 'arc-eager-rtl': the bundled ones; MODEL@WIDTH=WEIGHT decodes at that beam width), or 'bundled'."
    )
    var ensemble: [String] = []
    @Option(
        name: .long,
        help: "With --ensemble: beam members vote with their last beam at this softmax temperature (bundled: 30).")
    var temperature: Float?
    @Option(
        name: .long,
        help:
            "With --ensemble: greedy members split each word's vote with the rival head at this temperature (bundled: 30; 0: none)."
    )
    var greedyTemperature: Float?
    @Option(
        name: .long,
        help:
            "With --ensemble: also parse the runner-up tags of tokens under this tagger margin (bundled: 30; 0: none).")
    var tagMargin: Float?
    @Option(name: .long, help: "With --tag-margin: the weight of the tag hypotheses' votes (default 0.5).")
    var tagWeight: Double?
    @Option(name: .long, help: "With --tag-margin: the most unsure tokens per sentence (default 3).")
    var tagHypotheses: Int?
    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Score (and with --pruned-out write) the mean of the weights of --model and these parsers of its recipe.")
    var averageWith: [String] = []
    @Flag(name: .long, help: "With --tag-margin: one hypothesis per unsure token instead of one for all of them.")
    var tagEach = false
    @Flag(name: .long, help: "With --ensemble: every member parses the tags a joint-tagging member chose.")
    var jointTagsForAll = false

    func run() throws {
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try loadPOSModel(pos, clusters: clusters)
        if !ensemble.isEmpty {
            guard averageWith.isEmpty else {
                throw ValidationError("--average-with: averages --model, not the members of --ensemble")
            }
            return try runEnsemble(tagger, clusters)
        }
        var parser = try loadParserModel(model, beam: beamModel)
        if let jointBias { setConfig(&parser.config, "joint.bias", String(jointBias)) }
        if !averageWith.isEmpty {
            let others = try averageWith.map { try loadParserModel($0) }
            parser = try ParserModel.mean(
                [parser] + others,
                names: [model ?? (beamModel ? "the bundled beam parser" : "the bundled parser")] + averageWith)
        }
        if let prunedOut {
            if let prune { setConfig(&parser.config, "prune", String(prune)) }
            if let packedHead { setConfig(&parser.config, "packed.head", String(packedHead)) }
            if let weightStep { setConfig(&parser.config, "weight.step", String(weightStep)) }
            let bytes = parser.encoded()
            try Data(bytes).write(to: URL(fileURLWithPath: prunedOut))
            parser = try ParserModel(decoding: bytes, name: prunedOut)
            print("size\t\(bytes.count)")
        }
        var corpus = SyntaxCorpus(CoNLLU.read(try readText(gold)), clusters: clusters)
        if parser.featureSet >= 5 { corpus.tables.ambiguity = tagger.ambiguityClasses(of: corpus.tables) }
        if let beam { parser.beamWidth = beam }
        var tags = tagHashes(tagger, &corpus, runnerUps: parser.readsRunnerUps)
        if goldTags { tags = goldTagHashes(tagger, corpus) }
        let s = ParserEvaluation(model: parser, gold: corpus, tags: tags)
        let speed = bestRate(repeats, tokens: corpus.tokenCount) {
            _ = parser.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        }
        s.printScores(byRelation: byRelation)
        if parser.jointMargin > 0 {
            let gold = goldTagHashes(tagger, corpus)
            let chosen = parser.chosenTags(corpus.tables, tags: tags, sentences: corpus.ranges)
            func acc(_ t: [UInt64], _ mask: UInt64) -> String {
                let right = t.indices.filter { t[$0] & mask == gold[$0] & mask }.count
                return String(format: "%.2f", 100 * Double(right) / Double(max(t.count, 1)))
            }
            print("tags chosen (UPOS)\t\(acc(chosen, 0xff))\t(tagger \(acc(tags, 0xff)))")
            print("tags chosen (class)\t\(acc(chosen, ~0))\t(tagger \(acc(tags, ~0)))")
        }
        print("beam\t\(parser.beamWidth)")
        print("parsing tokens/s (CPU time)\t\(Int(speed))")
    }
}

extension EvaluateParser {
    /// `--ensemble`: the members' votes combined (``ParserEnsemble``), each member's own scores first.
    func runEnsemble(_ tagger: POSModel, _ clusters: WordClusters) throws {
        var ens = try ParserEnsemble.bundled()
        if ensemble != ["bundled"] {
            var members: [ParserEnsemble.Member] = []
            for spec in ensemble {
                let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let w = Double(parts[1]), w > 0 else {
                    throw ValidationError("--ensemble \(spec): expected MODEL=WEIGHT with a positive weight")
                }
                // MODEL@WIDTH: the member decoded at another beam width.
                var name = parts[0]
                var width: Int?
                if let at = name.lastIndex(of: "@") {
                    guard let n = Int(name[name.index(after: at)...]), n >= 1 else {
                        throw ValidationError("--ensemble \(spec): expected MODEL@WIDTH with a width of at least 1")
                    }
                    width = n
                    name = String(name[..<at])
                }
                var m =
                    switch name {
                    case "greedy": try ParserModel.bundled()
                    case "beam": try ParserModel.bundledBeam()
                    case "rtl": try ParserModel.bundledRightToLeft()
                    case "arc-eager": try ParserModel.bundledArcEager()
                    case "arc-eager-rtl": try ParserModel.bundledArcEagerRightToLeft()
                    default: try loadParserModel(name)
                    }
                if let width { m.beamWidth = width }
                members.append(.init(model: m, weight: w))
            }
            ens = ParserEnsemble(members, temperature: nil)
        }
        if let temperature { ens.temperature = temperature }
        if let greedyTemperature {
            guard greedyTemperature >= 0, greedyTemperature.isFinite else {
                throw ValidationError("--greedy-temperature \(greedyTemperature): expected a temperature >= 0")
            }
            ens.greedyTemperature = greedyTemperature
        }
        var corpus = SyntaxCorpus(CoNLLU.read(try readText(gold)), clusters: clusters)
        if ens.needsAmbiguity { corpus.tables.ambiguity = tagger.ambiguityClasses(of: corpus.tables) }
        let tagged = tagger.tagWithAlternatives(corpus.document, corpus.tables)
        var tags = tagger.tagHashes(tagged.classes)
        let runnerUps = tagger.tagHashes(tagged.alternatives.runnerUp)
        if ens.readsRunnerUps {
            corpus.tables.runnerUp = runnerUps
            corpus.tables.tagMargin = tagged.alternatives.margin
        }
        if let tagMargin { ens.tagMargin = tagMargin }
        if goldTags {
            tags = goldTagHashes(tagger, corpus)
            ens.tagMargin = 0  // the tagger's runner-ups are not alternatives to gold tags
        }
        if let tagWeight { ens.tagWeight = tagWeight }
        if let tagHypotheses { ens.tagHypotheses = tagHypotheses }
        if tagEach { ens.tagFlipAll = false }
        ens.jointTagsForAll = jointTagsForAll
        let alternatives = (tags: runnerUps, margin: tagged.alternatives.margin)
        for (k, m) in ens.members.enumerated() {
            let s = ParserEvaluation(model: m.model, gold: corpus, tags: tags)
            print(
                "member \(k + 1)\tUAS \(String(format: "%.2f", s.uas))\tLAS \(String(format: "%.2f", s.las))\tweight \(m.weight)"
            )
        }
        let s = ParserEvaluation(
            labels: ens.labels,
            parsed: ens.parse(corpus.tables, tags: tags, sentences: corpus.ranges, alternatives: alternatives),
            gold: corpus)
        let speed = bestRate(repeats, tokens: corpus.tokenCount) {
            _ = ens.parse(corpus.tables, tags: tags, sentences: corpus.ranges, alternatives: alternatives)
        }
        s.printScores(byRelation: byRelation)
        print("parsing tokens/s (CPU time)\t\(Int(speed))")
    }
}

extension ParserEvaluation {
    /// Words, UAS, LAS and LAS with subtypes, one per line; with `byRelation`, a table of the universal
    /// relations (gold words, head accuracy, LAS, precision; most frequent first, then by name).
    func printScores(byRelation: Bool = false) {
        print("words\t\(words)")
        print("UAS\t\(String(format: "%.2f", uas))")
        print("LAS\t\(String(format: "%.2f", las))")
        print("LAS (with subtypes)\t\(String(format: "%.2f", lasFull))")
        guard byRelation else { return }
        func percent(_ a: Int, _ b: Int) -> String {
            b == 0 ? "-" : String(format: "%.2f", 100 * Double(a) / Double(b))
        }
        print("by relation\tgold words\thead\tLAS (recall)\tprecision")
        let rows = self.byRelation.sorted { ($0.value.gold, $1.key) > ($1.value.gold, $0.key) }
        for (name, c) in rows {
            print(
                "relation \(name)\t\(c.gold)\t\(percent(c.head, c.gold))\t\(percent(c.both, c.gold))\t\(percent(c.both, c.predicted))"
            )
        }
    }
}

/// The gold tags of a corpus as the parser reads them (the tagger's class hashes; unknown tags as class 0).
func goldTagHashes(_ tagger: POSModel, _ corpus: SyntaxCorpus) -> [UInt64] {
    var index: [String: UInt8] = [:]
    for (i, c) in tagger.classes.enumerated() { index[c] = UInt8(i) }
    return tagger.tagHashes(corpus.goldTags.map { index[$0] ?? 0 })
}

/// Tokens per second of the fastest of `repeats` runs of `body`, by the thread's CPU time (so that other
/// processes on a shared machine do not count; the wall-clock figure is printed to stderr).
func bestRate(_ repeats: Int, tokens: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    var bestWall = Double.infinity
    for _ in 0..<max(repeats, 1) {
        let t0 = Date()
        let c0 = threadCPUTime()
        body()
        best = min(best, threadCPUTime() - c0)
        bestWall = min(bestWall, Date().timeIntervalSince(t0))
    }
    stderrLine("wall clock: \(Int(Double(tokens) / max(bestWall, 1e-9))) tokens/s")
    return Double(tokens) / max(best, 1e-9)
}

func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The bundled parser (greedy, or with `beam` the beam-search one), or one from a file.
func loadParserModel(_ path: String?, beam: Bool = false) throws -> ParserModel {
    guard let path else { return beam ? try ParserModel.bundledBeam() : try ParserModel.bundled() }
    return try ParserModel(decoding: try readBytes(path), name: path)
}

/// Sets `key` in a model's saved configuration to `value` (replacing any value it had).
func setConfig(_ config: inout [(key: String, value: String)], _ key: String, _ value: String) {
    config.removeAll { $0.key == key }
    config.append((key, value))
}
