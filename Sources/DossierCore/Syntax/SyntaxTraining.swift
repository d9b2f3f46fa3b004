import Foundation

/// Training data made from CoNLL-U: one ``Document`` over all sentences (gold tokenization), its tables, and
/// the gold columns.
public struct SyntaxCorpus: Sendable {
    public let sentences: [CoNLLU.Sentence]
    public let document: Document
    public let tables: SyntaxTables
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
    public var ambiguityMinCount = Int(ProcessInfo.processInfo.environment["SYN_AMB"] ?? "") ?? 3

    public init() {}

    public func train(_ train: SyntaxCorpus, dev: SyntaxCorpus?, clusters: WordClusters?, log: (String) -> Void) -> POSModel {
        let gold = train.goldTags
        var counts: [String: Int] = [:]
        for g in gold { counts[g, default: 0] += 1 }
        let classes = counts.keys.sorted()
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
            ("epochs", String(epochs)), ("seed", String(seed)), ("prune", String(prune)),
            ("clusters", clusters == nil ? "none" : "bundled"), ("dictionary.entries", String(dictionary.count)),
        ]
        var model = POSModel(
            classes: classes, perceptron: AveragedPerceptron(classes: classes.count, capacity: 1 << 18),
            dictionary: dictionary, ambiguity: ambiguity, clusters: clusters, config: config)
        var rng = SplitMix64(seed: seed)
        var order = Array(train.ranges.indices)
        var out = [UInt8](repeating: 0, count: train.tokenCount)
        var p = model.perceptron
        for e in 0..<epochs {
            rng.shuffle(&order)
            POSModel.decode(model, train.tables, sentences: order.map { train.ranges[$0] }, perceptron: &p, gold: goldIDs, into: &out)
            var right = 0
            for i in 0..<goldIDs.count where out[i] == goldIDs[i] { right += 1 }
            log("epoch \(e + 1): train accuracy \(String(format: "%.2f", 100 * Double(right) / Double(max(1, goldIDs.count))))")
        }
        p.finish(threshold: 1e-3)
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
