import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate <extractor>`: scores an extractor against gold annotations.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score an extractor against gold annotations.",
        subcommands: [
            EvaluateNER.self, EvaluatePOS.self, EvaluateParser.self, EvaluateActorsCommand.self,
            EvaluateTimeCommand.self, EvaluatePlacesCommand.self, EvaluateQuotesCommand.self,
            EvaluateEventsCommand.self,
        ]
    )
}

/// `dossier evaluate ner`: conlleval-style precision, recall and F1 per type on a CoNLL file.
struct EvaluateNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner", abstract: "Score the named-entity tagger on a CoNLL file (labels in the last column).")

    @Option(name: .long, help: "Gold CoNLL file (IOB1 or IOB2).") var gold: String
    @Option(name: .long, help: "A model file (default: the bundled model).") var model: String?
    @Option(name: .long, help: "Decode with this beam width instead of the model's own.") var beam: Int?
    @Option(name: .long, help: "Drop hypotheses scoring this much below the best (default: the model's own).")
    var beamMargin: Float?
    @Option(name: .long, help: "Score a lowercase word after a name only if an open hypothesis is this close.")
    var openMargin: Float?

    func run() throws {
        var m = try loadNERModel(model)
        if let beam { m.beam = beam }
        if let beamMargin { m.beamMargin = beamMargin }
        if let openMargin { m.openMargin = openMargin }
        let docs = CoNLL.read(try readText(gold))
        let scores = m.evaluate(docs)
        print(scores.report(), terminator: "")
    }
}

/// The bundled model, or one from a file with the bundled clusters and gazetteer.
func loadNERModel(_ path: String?) throws -> NERModel {
    guard let path else { return try NERModel.bundled() }
    let r = try NERModel.bundledResources()
    return try NERModel(
        decoding: try readBytes(path), name: path, clusters: r.clusters, gazetteer: r.gazetteer, casing: r.casing)
}
