/// Span-level precision, recall and F1 per type, as CoNLL's `conlleval` counts them: a predicted span is
/// right when its start, end and type all match a gold span.
public struct SpanScores: Sendable {
    public struct Counts: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double {
            truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double {
            let p = precision
            let r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    public var byType: [String: Counts] = [:]
    public var overall = Counts()
    public var tokens = 0
    public var correctTokens = 0

    public init() {}

    /// Adds one sentence (or document): gold and predicted spans.
    public mutating func add(
        gold: [(start: Int, end: Int, type: String)], predicted: [(start: Int, end: Int, type: String)]
    ) {
        var g = Set(gold.map { "\($0.start):\($0.end):\($0.type)" })
        for p in predicted {
            let key = "\(p.start):\(p.end):\(p.type)"
            if g.remove(key) != nil {
                byType[p.type, default: Counts()].truePositives += 1
                overall.truePositives += 1
            } else {
                byType[p.type, default: Counts()].falsePositives += 1
                overall.falsePositives += 1
            }
        }
        for key in g {
            let type = String(key.split(separator: ":")[2])
            byType[type, default: Counts()].falseNegatives += 1
            overall.falseNegatives += 1
        }
    }

    /// A conlleval-style report.
    public func report() -> String {
        func line(_ name: String, _ c: Counts) -> String {
            let n = name.padding(toLength: 8, withPad: " ", startingAt: 0)
            return "\(n) precision: \(pad(fmt(100 * c.precision)))  recall: \(pad(fmt(100 * c.recall)))"
                + "  FB1: \(pad(fmt(100 * c.f1)))  gold: \(c.truePositives + c.falseNegatives)"
                + "  predicted: \(c.truePositives + c.falsePositives)"
        }
        var out = "processed \(tokens) tokens; accuracy: \(fmt(100 * Double(correctTokens) / Double(max(tokens, 1))))\n"
        out += line("overall", overall) + "\n"
        for t in byType.keys.sorted() { out += line(t, byType[t] ?? Counts()) + "\n" }
        return out
    }

    func pad(_ s: String) -> String { String(repeating: " ", count: max(0, 6 - s.count)) + s }
}

extension NERModel {
    /// IOB2 labels over ``NERModel/types`` for every sentence of CoNLL documents, tagging the tokens as given
    /// and using each document as context.
    public func tag(_ docs: [CoNLL.Document]) -> [[[String]]] {
        docs.map { d in
            let doc = Document(pretokenized: d.sentences.map(\.tokens))
            let labels = self.labels(doc)
            var out: [[String]] = []
            for (k, s) in doc.sentences.enumerated() {
                let part = Array(labels[s.tokens])
                let spans = scheme.spans(part).map { (start: $0.start, end: $0.end, type: scheme.types[$0.type]) }
                out.append(CoNLL.labels(count: d.sentences[k].tokens.count, spans: spans))
            }
            return out
        }
    }

    /// Scores the model against gold CoNLL documents.
    public func evaluate(_ docs: [CoNLL.Document]) -> SpanScores {
        let predicted = tag(docs)
        var scores = SpanScores()
        for (d, doc) in docs.enumerated() {
            for (s, sentence) in doc.sentences.enumerated() {
                let p = predicted[d][s]
                scores.add(gold: CoNLL.spans(sentence.labels), predicted: CoNLL.spans(p))
                scores.tokens += p.count
                for (a, b) in zip(p, sentence.labels) where a == b { scores.correctTokens += 1 }
            }
        }
        return scores
    }

    /// Scores prepared examples (used while training).
    func evaluate(_ examples: [NERTrainer.Example]) -> SpanScores {
        var scores = SpanScores()
        for ex in examples {
            let labels = self.labels(ex.document)
            for s in ex.document.sentences {
                let named: ([Int]) -> [(start: Int, end: Int, type: String)] = { l in
                    self.scheme.spans(l).map { (start: $0.start, end: $0.end, type: self.scheme.types[$0.type]) }
                }
                scores.add(gold: named(Array(ex.gold[s.tokens])), predicted: named(Array(labels[s.tokens])))
            }
        }
        return scores
    }
}
