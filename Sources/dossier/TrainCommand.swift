import ArgumentParser
import DossierCore
import Foundation

/// `dossier train <model>`: trains the engine's learned models from annotated data.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model (the named-entity tagger, word clusters, tagger, parser).",
        subcommands: [TrainNER.self, TrainClusters.self, TrainPOS.self, TrainParser.self]
    )
}

/// `dossier train ner`: the averaged-perceptron name tagger from CoNLL-2003-style files.
struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner", abstract: "Train the named-entity tagger from CoNLL files (IOB1 or IOB2).")

    @Option(name: .long, parsing: .upToNextOption, help: "Training files (CoNLL, label in the last column).")
    var train: [String]
    @Option(name: .long, help: "A development file: its F1 is logged after each epoch and saved in the model.")
    var dev: String?
    @Option(name: .long, help: "Where to write the model.")
    var out: String
    @Option(name: .long, help: "Training passes.") var epochs = 14
    @Option(name: .long, help: "Seed of the shuffling.") var seed: UInt64 = 1
    @Option(name: .long, help: "Train this many perceptrons (seeds seed, seed+1, ...) and average their weights.")
    var ensemble = 3
    @Option(name: .long, help: "Per mille of training tokens whose word features are hidden (word dropout).")
    var wordDropout: UInt64 = 0
    @Option(name: .long, help: "Word clusters file (TSV or binary; default: the bundled ner-clusters.bin).")
    var clusters: String?
    @Flag(name: .long, help: "Train without word clusters.") var noClusters = false
    @Flag(name: .long, help: "Train without the gazetteer.") var noGazetteer = false
    @Flag(name: .long, help: "Train without the casing table.") var noCasing = false
    @Flag(name: .long, help: "Label spans with BILOU instead of BIO.") var bilou = false
    @Flag(name: .long, help: "Add a document-aware second pass (about +0.25 F1 on CoNLL dev, half the speed).")
    var twoPass = false
    @Option(
        name: .long,
        help: """
            Optional feature groups, a bit set (see docs/ner.md): 1 extended prediction history, 2 context \
            aggregation, 4 all-caps words as title case, 8 headlines last, 16 cluster conjunctions, \
            32 hyphen parts, 64 neighbour affixes, 128 parentheses.
            """)
    var options = 0
    @Option(name: .long, help: "Beam width: 1 greedy (trained locally), more: beam search trained globally.")
    var beam = 4
    @Option(name: .long, help: "Saved with the model: tagging drops hypotheses this far below the best.")
    var beamMargin: Float = 160
    @Option(
        name: .long,
        help: "Saved with the model: a lowercase word after a name is scored only if an open hypothesis is this close.")
    var openMargin: Float = 20

    func run() throws {
        let bundled = try NERModel.bundledResources()
        var wc: WordClusters? = noClusters ? nil : bundled.clusters
        if let path = clusters { wc = try WordClusters(fileBytes: try readBytes(path), name: path) }
        let features = NERFeatures(
            clusters: wc, gazetteer: noGazetteer ? nil : bundled.gazetteer, casing: noCasing ? nil : bundled.casing,
            options: NERFeatures.Options(rawValue: options))
        var trainer = NERTrainer(epochs: epochs, seed: seed, features: features)
        let scheme = TagScheme(bilou ? .bilou : .bio, types: NERModel.types)
        trainer.scheme = scheme
        trainer.twoPass = twoPass
        trainer.ensemble = ensemble
        trainer.wordDropout = wordDropout
        trainer.beam = beam
        var docs: [CoNLL.Document] = []
        for path in train { docs += CoNLL.read(try readText(path)) }
        let start = Date()
        let examples = trainer.examples(docs, scheme: scheme)
        let devExamples = try dev.map { trainer.examples(CoNLL.read(try readText($0)), scheme: scheme) } ?? []
        stderrLine("\(examples.count) documents, \(examples.reduce(0) { $0 + $1.gold.count }) tokens")
        var model = trainer.train(examples, dev: devExamples) { stderrLine($0) }
        if beam > 1 {
            model.config.append(("beamMargin", String(beamMargin)))
            model.config.append(("openMargin", String(openMargin)))
        }
        model.config.append(("trainFiles", train.map { ($0 as NSString).lastPathComponent }.joined(separator: ",")))
        let bytes = model.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        stderrLine(
            "wrote \(out) (\(bytes.count) bytes) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}

/// `dossier train clusters`: word clusters from unlabeled text with the exchange algorithm.
struct TrainClusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Learn word clusters from unlabeled text (Reuters-21578 SGML, CoNLL token columns, plain text).")

    @Option(name: .long, parsing: .upToNextOption, help: "Reuters-21578 .sgm files (TITLE and BODY are read).")
    var sgml: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "CoNLL files (first column).")
    var conll: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: "Plain text files.")
    var text: [String] = []
    @Option(name: .long, help: "Where to write the clusters (TSV; the binary form when the name ends in .bin).")
    var out: String
    @Option(name: .long, help: "Re-encode this cluster table (TSV) into --out instead of learning one.")
    var from: String?
    @Option(name: .long, help: "Cluster counts, coarse to fine.") var sizes = "64,256,1024"
    @Option(name: .long, help: "Words seen fewer times share one unknown class.") var minCount = 3
    @Option(name: .long, help: "Exchange passes per clustering.") var iterations = 8
    @Option(
        name: .long,
        help: "Also write how often each lowercase word is capitalized mid-sentence (TSV, or binary as .bin).")
    var casingOut: String?

    func run() throws {
        if let from {
            try writeTable(try readText(from), to: out)
            return
        }
        let tokenizer = try Tokenizer()
        var counts: [String: Int] = [:]
        var sequences: [[String]] = []
        for path in sgml {
            for text in ReutersSGML.texts(try readText(path), dropEndMarks: false) {
                let (tokens, interner) = tokenizer.tokenize(text)
                var words: [String] = []
                words.reserveCapacity(tokens.count)
                for t in tokens { words.append(interner.string(t.form)) }
                sequences.append(words)
            }
        }
        for path in text {
            let (tokens, interner) = tokenizer.tokenize(try readText(path))
            sequences.append(tokens.map { interner.string($0.form) })
        }
        for path in conll {
            for doc in CoNLL.read(try readText(path), labelColumn: false) {
                for s in doc.sentences { sequences.append(s.tokens) }
            }
        }
        for s in sequences { for w in s { counts[w, default: 0] += 1 } }
        if let casingOut { try writeCasing(sequences, to: casingOut) }
        let vocab = counts.filter { $0.value >= minCount }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }
        .map(\.key)
        var ids: [String: Int32] = [:]
        for (i, w) in vocab.enumerated() { ids[w] = Int32(i) }
        let unknown = Int32(vocab.count)
        let boundary = Int32(vocab.count + 1)
        var corpus: [Int32] = [boundary]
        for s in sequences {
            for w in s { corpus.append(ids[w] ?? unknown) }
            corpus.append(boundary)
        }
        stderrLine("\(corpus.count) tokens, \(vocab.count) words with count >= \(minCount)")
        let ks = sizes.split(separator: ",").compactMap { Int($0) }
        var assignments: [[Int32]] = []
        for k in ks {
            let start = Date()
            let c = ExchangeClustering(classes: k, iterations: iterations).cluster(
                corpus: corpus, vocabularySize: vocab.count + 2
            ) { pass, objective in
                stderrLine("  K=\(k) pass \(pass + 1): objective \(String(format: "%.0f", objective))")
            }
            assignments.append(c)
            stderrLine("K=\(k) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        }
        if ks.isEmpty { return }
        var text = "# clusters " + ks.map(String.init).joined(separator: " ") + "\n"
        text += "# Word clusters learned by `dossier train clusters` (exchange algorithm); see clusters.md.\n"
        for (i, w) in vocab.enumerated() where !w.contains("\t") {
            text += w
            for a in assignments { text += "\t\(a[i])" }
            text += "\n"
        }
        try writeTable(text, to: out)
    }
}

extension TrainClusters {
    /// For each lowercase word seen at least `minCount` times after the first word of a line or sentence: how
    /// often it is capitalized, in five buckets (0 never, 1 under 10%, 2 under 50%, 3 under 90%, 4 above).
    func writeCasing(_ sequences: [[String]], to path: String) throws {
        var capitalized: [String: Int] = [:]
        var total: [String: Int] = [:]
        for s in sequences {
            var previous = "."
            for w in s {
                defer { previous = w }
                guard let first = w.unicodeScalars.first, first.properties.isAlphabetic else { continue }
                if previous == "." || previous == "?" || previous == "!" || previous == "\"" || previous == ":" {
                    continue
                }
                // Words in all-caps lines say nothing about casing.
                if w.count > 1 && w == w.uppercased() { continue }
                let lower = w.lowercased()
                total[lower, default: 0] += 1
                if first.properties.isUppercase { capitalized[lower, default: 0] += 1 }
            }
        }
        var text = "# clusters 5\n# Casing buckets learned by `dossier train clusters --casing-out`; see clusters.md.\n"
        for (w, n) in total.sorted(by: { $0.key < $1.key }) where n >= minCount && !w.contains("\t") {
            let r = Double(capitalized[w] ?? 0) / Double(n)
            let bucket = r == 0 ? 0 : r < 0.1 ? 1 : r < 0.5 ? 2 : r < 0.9 ? 3 : 4
            text += "\(w)\t\(bucket)\n"
        }
        try writeTable(text, to: path)
    }

    /// Writes a table given in the text form to `path`: as text, or in the binary form
    /// (``WordClusters/binaryForm(ofText:name:)``) when the name ends in `.bin`.
    func writeTable(_ text: String, to path: String) throws {
        if path.hasSuffix(".bin") {
            let bytes = try WordClusters.binaryForm(ofText: text, name: path)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            stderrLine("wrote \(path) (\(bytes.count) bytes)")
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            stderrLine("wrote \(path)")
        }
    }
}

/// The TITLE and BODY texts of Reuters-21578 SGML, with its character entities decoded and, with
/// `dropEndMarks`, the end-of-text mark (`&#3;`) dropped. `train clusters` keeps the marks as text: the committed
/// `clusters.bin` was built so, and the command rebuilds it byte for byte.
enum ReutersSGML {
    static func texts(_ sgml: String, dropEndMarks: Bool = true) -> [String] {
        var out: [String] = []
        for article in sgml.components(separatedBy: "<REUTERS").dropFirst() {
            var parts: [String] = []
            for tag in ["TITLE", "BODY"] {
                guard let a = article.range(of: "<\(tag)>"), let b = article.range(of: "</\(tag)>"),
                    a.upperBound <= b.lowerBound
                else { continue }
                parts.append(String(article[a.upperBound..<b.lowerBound]))
            }
            if parts.isEmpty { continue }
            var t = parts.joined(separator: "\n\n")
            t = t.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "\u{3}", with: "")
            t = t.replacingOccurrences(of: " Reuter\n", with: "\n")
            if dropEndMarks { t = t.replacingOccurrences(of: "&#3;", with: "") }
            out.append(t)
        }
        return out
    }
}

/// Reads a file, or fails with a one-line message naming it.
func readBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("\(path): cannot be read [E001]")
    }
    return [UInt8](data)
}

/// Reads a UTF-8 file, or fails with a one-line message naming it.
func readText(_ path: String) throws -> String { String(decoding: try readBytes(path), as: UTF8.self) }

func stderrLine(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
