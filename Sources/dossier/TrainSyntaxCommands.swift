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
        var model = trainer.train(corpus, dev: devCorpus, clusters: clusters) { stderrLine($0) }
        model.config.append(("trainFiles", train.map { ($0 as NSString).lastPathComponent }.joined(separator: ",")))
        let bytes = model.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        stderrLine("wrote \(out) (\(bytes.count) bytes) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}

/// `dossier train parser`: the dependency parser from CoNLL-U treebanks (placeholder until the parser lands).
struct TrainParser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parser", abstract: "Train the dependency parser from CoNLL-U files.")
    func run() throws {}
}
