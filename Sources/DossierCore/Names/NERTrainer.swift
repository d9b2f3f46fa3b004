/// Trains an ``NERModel`` from CoNLL documents: averaged perceptron, greedy decoding, seeded shuffling.
public struct NERTrainer: Sendable {
    public var epochs: Int
    public var seed: UInt64
    public var features: NERFeatures
    public var scheme = TagScheme(.bio, types: NERModel.types)
    /// Whether to train a second, document-aware pass.
    public var twoPass = false
    /// Folds for the first pass's held-out labels.
    public var folds = 4
    /// How many perceptrons (seeds `seed`, `seed + 1`, ...) are trained and averaged into each pass's model.
    public var ensemble = 1
    /// Per mille of training tokens whose word and lowercase-word features are hidden (word dropout).
    public var wordDropout: UInt64 = 0
    /// Beam width (1: greedy decoding, trained locally; more: beam decoding, trained globally).
    public var beam = 1

    public init(epochs: Int = 10, seed: UInt64 = 1, features: NERFeatures) {
        self.epochs = epochs
        self.seed = seed
        self.features = features
    }

    /// A CoNLL document prepared for training: the engine's document, its feature tables and gold labels.
    public struct Example: Sendable {
        public let document: Document
        let tables: NERFeatures.Tables
        public let gold: [Int]
    }

    /// Prepares documents (labels must be IOB2 over ``NERModel/types``; other types are ignored).
    public func examples(_ docs: [CoNLL.Document], scheme: TagScheme) -> [Example] {
        docs.map { d in
            let doc = Document(pretokenized: d.sentences.map(\.tokens))
            var gold: [Int] = []
            gold.reserveCapacity(doc.tokens.count)
            for s in d.sentences {
                let spans = CoNLL.spans(s.labels).compactMap { sp -> (start: Int, end: Int, type: Int)? in
                    guard let t = scheme.types.firstIndex(of: sp.type) else { return nil }
                    return (sp.start, sp.end, t)
                }
                gold += scheme.labels(count: s.tokens.count, spans: spans)
            }
            return Example(document: doc, tables: features.tables(doc), gold: gold)
        }
    }

    /// Trains; after each epoch `log` gets the epoch's online accuracy on tokens that are or were guessed part
    /// of a name and, when `dev` is given, the averaged model's dev F1.
    ///
    /// With ``twoPass``, a second model is trained on top of the first: it also sees the first pass's labels
    /// across the document. Its training input comes from first-pass models trained on the other folds of the
    /// training data (jackknifing), so that it learns how far the first pass can be trusted on unseen text.
    public func train(_ train: [Example], dev: [Example] = [], log: (String) -> Void = { _ in }) -> NERModel {
        let first = trainEnsemble(train, stacked: nil, log: log) { p in
            NERModel(perceptron: p, features: features, config: [("beam", String(beam))], scheme: scheme)
                .evaluate(dev).overall.f1
        }
        var second: AveragedPerceptron? = nil
        if twoPass {
            var firstLabels = [[Int]](repeating: [], count: train.count)
            for fold in 0..<folds {
                let part = train.indices.filter { $0 % folds != fold }
                var p = trainPass(part.map { train[$0] }, stacked: nil, log: { _ in }, devScore: nil)
                for i in train.indices where i % folds == fold {
                    var tables = train[i].tables
                    firstLabels[i] = NERModel.decode(
                        train[i].document, &tables, features: features, scheme: scheme, perceptron: &p,
                        gold: nil)
                }
                log("fold \(fold + 1)/\(folds) done")
            }
            let stacked = train.indices.map {
                features.stacked(train[$0].document, labels: firstLabels[$0], scheme: scheme)
            }
            let firstModel = first
            second = trainEnsemble(train, stacked: stacked, log: log) { p in
                NERModel(perceptron: firstModel, second: p, features: features, config: [], scheme: scheme)
                    .evaluate(dev).overall.f1
            }
        }
        let model = NERModel(
            perceptron: first, second: second, features: features, config: [("beam", String(beam))], scheme: scheme)
        var config: [(key: String, value: String)] = [
            ("version", "1"), ("epochs", String(epochs)), ("seed", String(seed)), ("ensemble", String(ensemble)),
            ("wordDropout", String(wordDropout)), ("beam", String(beam)),
            ("twoPass", String(twoPass)),
            ("folds", String(folds)), ("trainDocuments", String(train.count)),
            ("trainTokens", String(train.reduce(0) { $0 + $1.gold.count })),
            ("features.count", String(first.featureCount + (second?.featureCount ?? 0))),
            ("clusters", features.clusters.map { $0.sizes.map(String.init).joined(separator: ",") } ?? "none"),
            ("gazetteer.entries", String(features.gazetteer?.count ?? 0)),
            ("casing", features.casing == nil ? "no" : "yes"),
            ("options", String(features.options.rawValue)),
        ]
        if !dev.isEmpty {
            let scores = model.evaluate(dev)
            config.append(("dev.f1", fmt(100 * scores.overall.f1)))
            for (t, c) in scores.byType.sorted(by: { $0.key < $1.key }) {
                config.append(("dev.f1.\(t)", fmt(100 * c.f1)))
            }
        }
        var out = model
        out.config = config
        return out
    }

    /// Trains ``ensemble`` perceptrons with consecutive seeds and averages them (the dev score is logged for the
    /// first one, then for the mean).
    func trainEnsemble(
        _ train: [Example], stacked: [NERFeatures.Stacked]?, log: (String) -> Void,
        devScore: ((AveragedPerceptron) -> Double)?
    ) -> AveragedPerceptron {
        var models: [AveragedPerceptron] = []
        for k in 0..<max(ensemble, 1) {
            models.append(
                trainPass(
                    train, stacked: stacked, log: log, devScore: k == 0 ? devScore : nil, seed: seed &+ UInt64(k)))
        }
        guard models.count > 1, let mean = AveragedPerceptron.mean(models) else { return models[0] }
        if let devScore { log("mean of \(models.count): dev F1 \(fmt(100 * devScore(mean)))") }
        return mean
    }

    /// Trains one perceptron over the examples for ``epochs`` seeded passes.
    func trainPass(
        _ train: [Example], stacked: [NERFeatures.Stacked]?, log: (String) -> Void,
        devScore: ((AveragedPerceptron) -> Double)?, seed: UInt64? = nil
    ) -> AveragedPerceptron {
        var perceptron = AveragedPerceptron(classes: scheme.count, capacity: 1 << 20)
        var rng = SplitMix64(seed: seed ?? self.seed)
        var dropRng = SplitMix64(seed: (seed ?? self.seed) ^ 0x6472_6f70_6f75_7421)
        var order = Array(train.indices)
        for epoch in 1...max(epochs, 1) {
            rng.shuffle(&order)
            var seen = 0
            var correct = 0
            for d in order {
                let ex = train[d]
                var tables = ex.tables
                let dropSeed = dropRng.next()
                let guess =
                    beam > 1 && stacked == nil
                    ? NERModel.decodeBeam(
                        ex.document, &tables, features: features, scheme: scheme, perceptron: &perceptron,
                        gold: ex.gold, width: beam)
                    : NERModel.decode(
                        ex.document, &tables, features: features, scheme: scheme, perceptron: &perceptron,
                        gold: ex.gold, stacked: stacked?[d], dropout: (dropSeed, wordDropout))
                for (g, t) in zip(guess, ex.gold) where g != 0 || t != 0 {
                    seen += 1
                    if g == t { correct += 1 }
                }
            }
            var line = "\(stacked == nil ? "pass 1" : "pass 2") epoch \(epoch): "
            line +=
                "online acc \(fmt(100 * Double(correct) / Double(max(seen, 1)))) features \(perceptron.featureCount)"
            if let devScore, epoch == epochs || epoch % 2 == 0 {
                var averaged = perceptron
                averaged.finish()
                line += " dev F1 \(fmt(100 * devScore(averaged)))"
            }
            log(line)
        }
        perceptron.finish()
        return perceptron
    }
}

func fmt(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    var s = String(r)
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
    }
    return s
}
