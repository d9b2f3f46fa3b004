import Foundation

/// The trained name tagger: an averaged perceptron over ``NERFeatures`` over CoNLL's four types (PER, ORG, LOC,
/// MISC) under BIO or BILOU constraints, decoded with a beam (``beam`` > 1, see `NERBeam.swift`) or greedily left
/// to right.
public struct NERModel: Sendable {
    /// The model's span types, CoNLL-2003's.
    public static let types = ["PER", "ORG", "LOC", "MISC"]
    public static let kind = "ner"

    public let scheme: TagScheme
    public internal(set) var perceptron: AveragedPerceptron {
        didSet { transitions = NERModel.transitionScores(perceptron) }
    }
    /// The beam decoder's table of ``NERModel/transitionScores(_:)`` of ``perceptron``.
    var transitions: [Float]
    /// The second-pass model, which also sees the first pass's labels across the document (nil: one pass).
    public internal(set) var second: AveragedPerceptron?
    public let features: NERFeatures
    /// The settings it was trained with, its seed and scores (saved in the file).
    public var config: [(key: String, value: String)]
    /// Beam width of decoding (1: greedy); saved in the config as `beam`.
    public var beam: Int
    /// Tagging drops hypotheses scoring more than this below the best; saved in the config as `beamMargin`.
    public var beamMargin: Float
    /// Tagging scores a lowercase word after a name only if a hypothesis with an open span scores within this
    /// of the best; saved in the config as `openMargin`.
    public var openMargin: Float

    public init(
        perceptron: AveragedPerceptron, second: AveragedPerceptron? = nil, features: NERFeatures,
        config: [(key: String, value: String)], scheme: TagScheme = TagScheme(.bilou, types: NERModel.types)
    ) {
        self.scheme = scheme
        self.perceptron = perceptron
        self.second = second
        self.features = features
        self.config = config
        self.transitions = NERModel.transitionScores(perceptron)
        self.beam = config.first(where: { $0.key == "beam" }).flatMap { Int($0.value) } ?? 1
        self.beamMargin = config.first(where: { $0.key == "beamMargin" }).flatMap { Float($0.value) } ?? .infinity
        self.openMargin = config.first(where: { $0.key == "openMargin" }).flatMap { Float($0.value) } ?? .infinity
    }

    /// A config value.
    public subscript(key: String) -> String? { config.first(where: { $0.key == key })?.value }

    // MARK: - Files

    /// The binary model file (see ``ModelFile``).
    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        perceptron.encodeSparse(into: &w)
        w.u8(second == nil ? 0 : 1)
        second?.encodeSparse(into: &w)
        var cfg = config.filter { $0.key != "scheme" && $0.key != "features" }
        cfg.insert(("scheme", scheme.encoding.rawValue + ":" + scheme.types.joined(separator: ",")), at: 0)
        cfg.insert(("features", String(NERFeatures.version)), at: 1)
        return ModelFile(kind: NERModel.kind, config: cfg, payload: w.bytes).encoded()
    }

    /// Reads a model file; `clusters`, `gazetteer` and `casing` must be the ones it was trained with.
    public init(
        decoding bytes: [UInt8], name: String, clusters: WordClusters?, gazetteer: Gazetteer?,
        casing: WordClusters? = nil
    ) throws(DossierError) {
        let file = try ModelFile(decoding: bytes, name: name)
        guard file.kind == NERModel.kind else {
            throw DossierError(.resource, "model kind is '\(file.kind)', not '\(NERModel.kind)'", input: name)
        }
        // Version 1 files are version 2 without options and with three cluster levels: the same features.
        guard file["features"] == String(NERFeatures.version) || file["features"] == "1" else {
            throw DossierError(
                .resource,
                "model uses feature templates v\(file["features"] ?? "?"), this engine has v\(NERFeatures.version)",
                input: name)
        }
        var scheme = TagScheme(.bilou, types: NERModel.types)
        if let s = file["scheme"] {
            let parts = s.split(separator: ":", maxSplits: 1)
            if parts.count == 2, let enc = TagScheme.Encoding(rawValue: String(parts[0])) {
                scheme = TagScheme(enc, types: parts[1].split(separator: ",").map(String.init))
            }
        }
        if let trained = file["clusters"], trained != "none", let clusters,
            trained != clusters.sizes.map(String.init).joined(separator: ",")
        {
            throw DossierError(
                .resource,
                "model was trained with clusters of sizes \(trained), the given clusters have "
                    + clusters.sizes.map(String.init).joined(separator: ","), input: name)
        }
        var r = ByteReader(file.payload, name: name)
        let p = try AveragedPerceptron.decode(&r)
        let p2 = try r.u8() == 1 ? AveragedPerceptron.decode(&r) : nil
        guard p.classes == scheme.count, p2.map({ $0.classes == scheme.count }) ?? true else {
            throw DossierError(.resource, "model has \(p.classes) classes, its scheme \(scheme.count)", input: name)
        }
        self.init(
            perceptron: p, second: p2,
            features: NERFeatures(
                clusters: file["clusters"] == "none" ? nil : clusters,
                gazetteer: file["gazetteer.entries"] == "0" ? nil : gazetteer,
                casing: file["casing"] == "yes" ? casing : nil,
                options: NERFeatures.Options(rawValue: Int(file["options"] ?? "0") ?? 0)),
            config: file.config,
            scheme: scheme)
    }

    /// The engine's bundled model (`Resources/models/ner.model`) with its clusters and gazetteer.
    public static func bundled() throws(DossierError) -> NERModel {
        let r = try bundledResources()
        let bytes = try resourceBytes("models", "ner.model")
        return try NERModel(
            decoding: bytes, name: "ner.model", clusters: r.clusters, gazetteer: r.gazetteer, casing: r.casing)
    }

    /// The bundled clusters, gazetteer and casing table alone (for training, or a model from a file).
    ///
    /// The clusters are the tagger's own `ner-clusters.bin` (four levels, more text; see its model card), not the
    /// `clusters.bin` that the POS tagger and the parser read.
    public static func bundledResources() throws(DossierError) -> (
        clusters: WordClusters, gazetteer: Gazetteer, casing: WordClusters
    ) {
        let clusters = try WordClusters(
            fileBytes: try resourceBytes("models", "ner-clusters.bin"), name: "ner-clusters.bin")
        let gazetteer = try Gazetteer(parsing: try resourceText("gazetteers", "names.tsv"), name: "names.tsv")
        let casing = try WordClusters(fileBytes: try resourceBytes("models", "casing.bin"), name: "casing.bin")
        return (clusters, gazetteer, casing)
    }

    static func resourceBytes(_ dir: String, _ file: String) throws(DossierError) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: dir) else {
            throw DossierError(.resource, "'\(dir)/\(file)' is missing from the engine's resources", input: file)
        }
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw DossierError(.resource, "'\(dir)/\(file)' cannot be read: \(error.localizedDescription)", input: file)
        }
    }

    static func resourceText(_ dir: String, _ file: String) throws(DossierError) -> String {
        String(decoding: try resourceBytes(dir, file), as: UTF8.self)
    }

    // MARK: - Tagging

    /// The label of every token (``scheme`` labels; 0 = `O`). Sentences flagged `.ignored` stay `O`.
    public func labels(_ doc: Document) -> [Int] {
        var tables = features.tables(doc, all: false)
        var p = perceptron
        let first =
            beam > 1
            ? NERModel.decodeBeam(
                doc, &tables, features: features, scheme: scheme, perceptron: &p, gold: nil, width: beam,
                transitions: transitions, margin: beamMargin, openMargin: openMargin)
            : NERModel.decode(doc, &tables, features: features, scheme: scheme, perceptron: &p, gold: nil)
        guard var p2 = second else { return first }
        let st = features.stacked(doc, labels: first, scheme: scheme)
        return NERModel.decode(
            doc, &tables, features: features, scheme: scheme, perceptron: &p2, gold: nil, stacked: st)
    }

    /// Greedy left-to-right decoding; with `gold`, a perceptron update is made at each scored token (training).
    ///
    /// Shared by tagging and training so that both see exactly the same features.
    static func decode(
        _ doc: Document, _ tables: inout NERFeatures.Tables, features: NERFeatures, scheme: TagScheme,
        perceptron: inout AveragedPerceptron, gold: [Int]?, stacked: NERFeatures.Stacked? = nil,
        dropout: (seed: UInt64, rate: UInt64) = (0, 0)
    ) -> [Int] {
        let n = doc.tokens.count
        var labels = [Int](repeating: 0, count: n)
        var history = [UInt8](repeating: 0, count: doc.interner.count)
        let extendedHistory = features.options.contains(.extendedHistory)
        let width = scheme.types.count + 1
        var counts = [UInt16](repeating: 0, count: extendedHistory ? doc.interner.count * width : 0)
        // Training scores every token (it learns better); tagging skips tokens that cannot start a name.
        let scoreAll = gold != nil
        let classes = scheme.count
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: NERFeatures.maxFeatures)
        defer { buffer.deallocate() }
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: classes)
        defer { scores.deallocate() }
        // Which labels may follow which, and which may end a sentence: tabulated once.
        var allowed = [Bool](repeating: false, count: (classes + 1) * classes)
        for l in 0..<classes {
            allowed[l] = scheme.allows(nil, l)
            for p in 0..<classes { allowed[(p + 1) * classes + l] = scheme.allows(p, l) }
        }
        let ends = (0..<classes).map { scheme.allowsEnd($0) }
        // With headlinesLast, all-caps sentences come after the others, so that their words see the labels the
        // same words got in running text.
        var order = Array(doc.sentences.indices)
        if features.options.contains(.headlinesLast) {
            let caps = order.filter { k in
                let r = doc.sentences[k].tokens
                return !r.isEmpty && tables.context[r.lowerBound] & 1 != 0
            }
            if !caps.isEmpty {
                order =
                    order.filter { k in
                        let r = doc.sentences[k].tokens
                        return r.isEmpty || tables.context[r.lowerBound] & 1 == 0
                    } + caps
            }
        }
        for si in order {
            let s = doc.sentences[si]
            if s.flags.contains(.ignored) { continue }
            let lo = s.tokens.lowerBound
            let hi = s.tokens.upperBound
            var p1 = 0
            var p2 = 0
            for i in lo..<hi {
                let tok = doc.tokens[i]
                let open = scheme.part(p1) == .begin || scheme.part(p1) == .inside
                if !open && !NERFeatures.isCandidate(tok) && !scoreAll {
                    p2 = p1
                    p1 = 0
                    continue
                }
                let hist = history[Int(tok.lower)]
                let ext =
                    extendedHistory ? NERFeatures.extendedHistory(counts, lower: Int(tok.lower), width: width) : 0
                if i > lo { features.fill(&tables, i - 1) }
                features.fill(&tables, i)
                if i + 1 < hi { features.fill(&tables, i + 1) }
                let k = features.extract(
                    doc, tables, i, lo, hi, previous: (p1, p2), history: hist, extended: ext, stacked: stacked,
                    into: buffer)
                if dropout.rate > 0 && k > 2 {
                    // Word dropout (training only): the word's own form and lowercase form are hidden at a
                    // seeded random fraction of tokens, so that the model also learns from the features that
                    // carry over to unseen names (shape, affixes, clusters, gazetteer, context).
                    let r = StableHash.combine(dropout.seed, UInt64(i)) % 1000
                    if r < dropout.rate {
                        buffer[1] = NERFeatures.f(97, 1)
                        buffer[2] = NERFeatures.f(97, 2)
                    }
                }
                let fs = UnsafeBufferPointer(start: buffer, count: k)
                for c in 0..<classes { scores[c] = 0 }
                perceptron.score(fs, into: scores)
                let row = i == lo ? 0 : (p1 + 1) * classes
                let last = i + 1 == hi
                var best = -1
                var top = -Float.infinity
                for c in 0..<classes where allowed[row + c] && (!last || ends[c]) && (best < 0 || scores[c] > top) {
                    best = c
                    top = scores[c]
                }
                if best < 0 { best = 0 }
                if let gold {
                    perceptron.tick()
                    perceptron.update(fs, truth: gold[i], guess: best)
                }
                labels[i] = best
                // Training conditions on the gold previous labels (teacher forcing): with BILOU constraints this
                // learns far better than conditioning on its own guesses (+1.4 F1 on CoNLL dev).
                let chosen = gold?[i] ?? best
                if NERFeatures.isCandidate(tok) {
                    history[Int(tok.lower)] = scheme.type(best).map { UInt8(2 + $0) } ?? 1
                    if extendedHistory {
                        let c = Int(tok.lower) * width + (scheme.type(best).map { $0 + 1 } ?? 0)
                        if counts[c] < UInt16.max { counts[c] += 1 }
                    }
                }
                p2 = p1
                p1 = chosen
            }
        }
        return labels
    }
}
