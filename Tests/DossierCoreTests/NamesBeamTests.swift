import Testing

@testable import DossierCore

@Suite("NER beam decoding and global training")
struct NamesBeamTests {
    /// A small synthetic task: people before "said", places after "in", an organization before "shares".
    static let conll = """
        -DOCSTART- O

        Ama B-PER
        Owusu I-PER
        said O
        prices O
        rose O
        in O
        Kumasi B-LOC
        . O

        Shares O
        of O
        Zenith B-ORG
        Holdings I-ORG
        fell O
        in O
        Lagos B-LOC
        . O

        -DOCSTART- O

        Tunde B-PER
        said O
        Zenith B-ORG
        Holdings I-ORG
        grew O
        in O
        Tamale B-LOC
        . O

        Kofi B-PER
        Mensah I-PER
        stayed O
        in O
        Accra B-LOC
        . O

        """

    static func train(beam: Int) -> (NERTrainer, [NERTrainer.Example], NERModel) {
        var trainer = NERTrainer(epochs: 6, seed: 7, features: NERFeatures(clusters: nil, gazetteer: nil))
        trainer.scheme = TagScheme(.bio, types: NERModel.types)
        trainer.beam = beam
        let examples = trainer.examples(CoNLL.read(conll), scheme: trainer.scheme)
        return (trainer, examples, trainer.train(examples))
    }

    @Test(arguments: [2, 4])
    func learnsASyntheticTaskPerfectlyAndDeterministically(_ width: Int) throws {
        let (_, examples, model) = Self.train(beam: width)
        #expect(model.beam == width)
        for ex in examples { #expect(model.labels(ex.document) == ex.gold) }
        let (_, _, again) = Self.train(beam: width)
        #expect(again.encoded() == model.encoded())
        // The width is saved with the model.
        let read = try NERModel(decoding: model.encoded(), name: "m", clusters: nil, gazetteer: nil)
        #expect(read.beam == width)
        for ex in examples { #expect(read.labels(ex.document) == ex.gold) }
    }

    @Test func labelFeaturesAreTheOnesExtractLeavesOut() throws {
        let features = NERFeatures(clusters: nil, gazetteer: nil, options: [.clusterConjunctions])
        let doc = Document(pretokenized: [["Kofi", "Mensah", "visited", "Accra", "."]])
        let tables = features.tables(doc)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxFeatures)
        defer { buf.deallocate() }
        let all = features.extract(doc, tables, 1, 0, 5, previous: (1, 0), history: 0, stacked: nil, into: buf)
        let full = Set(UnsafeBufferPointer(start: buf, count: all))
        let k = features.extract(
            doc, tables, 1, 0, 5, previous: (1, 0), history: 0, stacked: nil, labelFeatures: false, into: buf)
        var split = Set(UnsafeBufferPointer(start: buf, count: k))
        let kl = features.labelFeatures(tables, 1, previous: (1, 0), into: buf)
        #expect(kl <= NERFeatures.maxLabelFeatures)
        split.formUnion(UnsafeBufferPointer(start: buf, count: kl))
        #expect(split == full)
        #expect(all == k + kl)
    }

    @Test func transitionTableMatchesTheFeatures() throws {
        let (_, _, model) = Self.train(beam: 3)
        let c = model.scheme.count
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxLabelFeatures)
        defer { buf.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: c)
        defer { scores.deallocate() }
        for (p1, p2) in [(0, 0), (1, 0), (2, 1)] {
            let k = NERFeatures.transitionFeatures(previous: (p1, p2), into: buf)
            for j in 0..<c { scores[j] = 0 }
            model.perceptron.score(UnsafeBufferPointer(start: buf, count: k), into: scores)
            for j in 0..<c { #expect(model.transitions[(p1 * c + p2) * c + j] == scores[j]) }
        }
    }

    @Test func bundledModelDecodesWithItsBeam() throws {
        let model = try NERModel.bundled()
        #expect(model.beam > 1)
        let doc = Document(pretokenized: [["Kofi", "Mensah", "of", "the", "Bank", "of", "Ghana", "spoke", "."]])
        let spans = model.scheme.spans(model.labels(doc))
        #expect(spans.contains { $0.start == 0 && $0.end == 2 && model.scheme.types[$0.type] == "PER" })
    }
}
