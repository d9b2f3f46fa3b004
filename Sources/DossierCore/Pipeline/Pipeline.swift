/// Stages in one fixed, visible order, checked to fit together when built.
public struct Pipeline: Sendable {
    public let stages: [any Stage]

    /// Builds a pipeline, failing with ``DossierError/Code/pipelineOrder`` if a stage requires a layer
    /// that no earlier stage produces.
    public init(_ stages: [any Stage]) throws(DossierError) {
        var have: Set<Layer> = [.text]
        for stage in stages {
            let missing = stage.requires.subtracting(have)
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).sorted().joined(separator: ", ")
                throw DossierError(
                    .pipelineOrder, "stage '\(stage.name)' requires \(names), which no earlier stage produces",
                    input: "pipeline")
            }
            have.formUnion(stage.produces)
        }
        self.stages = stages
    }

    /// The stages of this version of the engine, in order: tokens, sentences, boilerplate, syntax (tags, lemmas,
    /// dependencies), names, actors, time, places, quotes, events. Built once per process (loading lexicons, the
    /// gazetteer and the models) and shared: a pipeline is immutable and safe to use from any number of threads.
    ///
    /// Parsing costs more than every other stage together; the quotes (indirect speech) and events stages read it.
    public static func standard() throws(DossierError) -> Pipeline {
        try shared.get()
    }

    static let shared: Result<Pipeline, DossierError> = Result { () throws(DossierError) in
        try Pipeline([
            Tokenizer(), SentenceSplitter(), BoilerplateDetector.standard(), SyntaxAnalyzer.standard(),
            NameTagger.standard(),
            ActorResolver.standard(), TimeTagger(), PlaceResolver.standard(), QuoteFinder.standard(),
            EventCoder.standard(),
        ])
    }

    /// Runs every stage on the article.
    public func run(_ article: Article) throws(DossierError) -> Document {
        var doc = Document(article: article)
        for stage in stages {
            try stage.apply(to: &doc)
            doc.layers.formUnion(stage.produces)
        }
        return doc
    }

    /// The names of the stages, in order.
    public var stageNames: [String] { stages.map(\.name) }
}
