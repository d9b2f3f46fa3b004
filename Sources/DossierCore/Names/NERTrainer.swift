/// Trains an ``NERModel`` from CoNLL documents: averaged perceptron, greedy decoding, seeded shuffling.
public struct NERTrainer: Sendable {
    public var epochs: Int
    public var seed: UInt64
    public var features: NERFeatures
    public var scheme = TagScheme(.bilou, types: NERModel.types)

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

    /// Trains; after each epoch `log` gets the epoch's training accuracy on scored tokens and, when `dev` is
    /// given, the averaged model's dev F1.
    public func train(_ train: [Example], dev: [Example] = [], log: (String) -> Void = { _ in }) -> NERModel {
        let scheme = self.scheme
        var perceptron = AveragedPerceptron(classes: scheme.count, capacity: 1 << 20)
        var rng = SplitMix64(seed: seed)
        var order = Array(train.indices)
        var devF1 = 0.0
        for epoch in 1...max(epochs, 1) {
            rng.shuffle(&order)
            var seen = 0
            var correct = 0
            for d in order {
                let ex = train[d]
                let guess = NERModel.decode(
                    ex.document, ex.tables, features: features, scheme: scheme, perceptron: &perceptron, gold: ex.gold)
                for (g, t) in zip(guess, ex.gold) where g != 0 || t != 0 {
                    seen += 1
                    if g == t { correct += 1 }
                }
            }
            var line = "epoch \(epoch): train acc \(fmt(100 * Double(correct) / Double(max(seen, 1)))) "
            line += "features \(perceptron.featureCount)"
            if !dev.isEmpty {
                var averaged = perceptron
                averaged.finish()
                let model = NERModel(perceptron: averaged, features: features, config: [], scheme: scheme)
                devF1 = model.evaluate(dev).overall.f1
                line += " dev F1 \(fmt(100 * devF1))"
            }
            log(line)
        }
        perceptron.finish()
        var config: [(key: String, value: String)] = [
            ("epochs", String(epochs)), ("seed", String(seed)), ("trainDocuments", String(train.count)),
            ("trainTokens", String(train.reduce(0) { $0 + $1.gold.count })), ("features.count", String(perceptron.featureCount)),
            ("clusters", features.clusters.map { $0.sizes.map(String.init).joined(separator: ",") } ?? "none"),
            ("gazetteer.entries", String(features.gazetteer?.count ?? 0)),
        ]
        if !dev.isEmpty { config.append(("dev.f1", fmt(100 * devF1))) }
        return NERModel(perceptron: perceptron, features: features, config: config, scheme: scheme)
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
