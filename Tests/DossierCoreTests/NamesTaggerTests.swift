import Foundation
import Testing

@testable import DossierCore

/// Where the shared data lives (../shared from the package root), if present.
enum NERSharedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("examples/seed/seed.txt").path)
    }
}

/// Parses inline gold like `"[PERSON Antony Blinken] met [GPE Washington]"` into text and spans.
func inlineGold(_ s: String) -> (text: String, spans: [(text: String, type: String)]) {
    var text = ""
    var spans: [(String, String)] = []
    var rest = Substring(s)
    while let open = rest.firstIndex(of: "[") {
        text += rest[..<open]
        let afterOpen = rest.index(after: open)
        guard let space = rest[afterOpen...].firstIndex(of: " "), let close = rest[space...].firstIndex(of: "]") else {
            break
        }
        let type = String(rest[afterOpen..<space])
        let name = String(rest[rest.index(after: space)..<close])
        text += name
        spans.append((name, type))
        rest = rest[rest.index(after: close)...]
    }
    text += rest
    return (text, spans)
}

@Suite("NameTagger")
struct NamesTaggerTests {
    static let tagger: NameTagger? = try? NameTagger.standard()

    static func run(_ text: String) throws -> Document {
        var doc = Document(article: Article(title: nil, text: text, source: "test"))
        try Tokenizer().apply(to: &doc)
        try SentenceSplitter().apply(to: &doc)
        if let tagger { try tagger.apply(to: &doc) }
        return doc
    }

    @Test func bundledModelLoads() throws {
        let model = try NERModel.bundled()
        #expect(model.scheme.types == NERModel.types)
        #expect(model.features.clusters != nil)
        #expect((model.features.gazetteer?.count ?? 0) > 1000)
    }

    static let ownSentences = [
        "[PERSON Antony Blinken] met [PERSON Liu Jianchao] in [GPE Washington] on Friday .",
        "[PERSON Angela Merkel] told reporters in [GPE Berlin] that [GPE Germany] would act .",
        "Officials of the [ORG European Union] and [ORG NATO] met in [GPE Brussels] on Tuesday .",
        "The [NORP French] president flew to [GPE Moscow] .",
    ]

    /// Every name is found with its exact extent.
    @Test(arguments: ownSentences)
    func findsTheNamesOfOwnSentences(_ gold: String) throws {
        let (text, spans) = inlineGold(gold)
        let doc = try Self.run(text)
        let found = doc.mentions.map { doc.string($0.span.range) }
        for s in spans { #expect(found.contains(s.text), "missing [\(s.text)] in \(found)") }
        #expect(found.count == spans.count, "extra names in \(found)")
        #expect(doc.entities.count == doc.mentions.count)
        #expect(doc.mentions.allSatisfy { $0.kind == .name && $0.provenance.stage == "names" })
    }

    /// Types are statistical: at least 9 in 10 are right over the sentences (one sentence alone gives the
    /// model little context; "Liu Jianchao" without any is taken for an organization).
    @Test func typesOfOwnSentences() throws {
        var right = 0
        var total = 0
        for gold in Self.ownSentences {
            let (text, spans) = inlineGold(gold)
            let doc = try Self.run(text)
            let found = doc.mentions.map { (doc.string($0.span.range), $0.type.rawValue) }
            for s in spans {
                total += 1
                if found.contains(where: { $0.0 == s.text && $0.1 == s.type }) { right += 1 }
            }
        }
        #expect(right * 10 >= total * 9, "\(right) of \(total) types right")
    }

    @Test func laterSurnameIsTaggedLikeTheFullName() throws {
        let doc = try Self.run(
            "Senator Tamsin Okafor arrived in Lagos on Monday. Later, Okafor met officials at the port.")
        let okafor = doc.mentions.filter { doc.string($0.span.range).hasSuffix("Okafor") }
        #expect(okafor.count == 2)
        #expect(okafor.allSatisfy { $0.type == .person })
    }

    @Test func featuresAreDeterministicAndBounded() throws {
        let model = try NERModel.bundled()
        let doc = Document(pretokenized: [["Lai", "Ching-te", "visited", "Paris", "."]])
        let tables = model.features.tables(doc)
        let buf = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxFeatures)
        defer { buf.deallocate() }
        let k1 = model.features.extract(doc, tables, 3, 0, 5, previous: (0, 0), history: 0, stacked: nil, into: buf)
        let a = Array(UnsafeBufferPointer(start: buf, count: k1))
        let k2 = model.features.extract(doc, tables, 3, 0, 5, previous: (0, 0), history: 0, stacked: nil, into: buf)
        let b = Array(UnsafeBufferPointer(start: buf, count: k2))
        #expect(a == b)
        #expect(k1 > 20 && k1 <= NERFeatures.maxFeatures)
        #expect(Set(a).count == a.count)
        // "Paris" is in the gazetteer as a city.
        #expect(tables.gazetteer[3] & (1 << UInt32(Gazetteer.Kind.city.rawValue * 4 + 3)) != 0)
        // A different previous label changes the label features.
        let k3 = model.features.extract(doc, tables, 3, 0, 5, previous: (1, 0), history: 0, stacked: nil, into: buf)
        #expect(Array(UnsafeBufferPointer(start: buf, count: k3)) != a)
    }

    @Test func taggingIsDeterministic() throws {
        let text = "Prime Minister Kofi Mensah of Ghana spoke with the European Union in Brussels."
        let a = try Self.run(text).mentions
        let b = try Self.run(text).mentions
        #expect(a == b)
    }

    @Test func ignoredSentencesGetNoNames() throws {
        var doc = Document(article: Article(title: nil, text: "Kofi Mensah met Angela Merkel in Berlin.", source: "t"))
        try Tokenizer().apply(to: &doc)
        try SentenceSplitter().apply(to: &doc)
        for k in doc.sentences.indices { doc.sentences[k].flags.insert(.ignored) }
        if let tagger = Self.tagger { try tagger.apply(to: &doc) }
        #expect(doc.mentions.isEmpty)
    }

    @Test func modelNeedsTheClustersItWasTrainedWith() throws {
        let model = try NERModel.bundled()
        var other = WordClusters(sizes: [8, 16])
        other.add(hash: StableHash.hash("Paris"), ids: [1, 2])
        #expect(throws: DossierError.self) {
            _ = try NERModel(
                decoding: model.encoded(), name: "m", clusters: other, gazetteer: model.features.gazetteer)
        }
    }

    @Test func optionalFeatureGroupsAreSavedWithTheModel() throws {
        let features = NERFeatures(clusters: nil, gazetteer: nil, options: [.extendedHistory, .headlinesLast])
        var trainer = NERTrainer(epochs: 2, seed: 1, features: features)
        trainer.scheme = TagScheme(.bio, types: NERModel.types)
        let conll = CoNLL.read("-DOCSTART- O\n\nKofi B-PER\nMensah I-PER\nvisited O\nAccra B-LOC\n. O\n")
        let model = trainer.train(trainer.examples(conll, scheme: trainer.scheme))
        let again = try NERModel(decoding: model.encoded(), name: "m", clusters: nil, gazetteer: nil)
        #expect(again.features.options == [.extendedHistory, .headlinesLast])
        let doc = Document(pretokenized: [["Kofi", "Mensah", "visited", "Accra", "."]])
        #expect(again.labels(doc) == model.labels(doc))
    }

    @Test func modelFileRoundTrips() throws {
        let model = try NERModel.bundled()
        let bytes = model.encoded()
        let again = try NERModel(
            decoding: bytes, name: "again", clusters: model.features.clusters, gazetteer: model.features.gazetteer)
        #expect(again.encoded() == bytes)
    }
}
