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

    /// The standard stages with the syntax stage parsing by `parser`: `.greedy` is ``standard()`` (shared);
    /// `.beam` and `.ensemble` build a new pipeline (slower parsers; docs/syntax.md).
    public static func standard(parser: ParserChoice) throws(DossierError) -> Pipeline {
        switch parser {
        case .greedy: return try shared.get()
        case .beam: return try make(SyntaxAnalyzer.standard(beam: true))
        case .ensemble: return try make(SyntaxAnalyzer.standard(ensemble: true))
        }
    }

    static let shared: Result<Pipeline, DossierError> = Result { () throws(DossierError) in
        try make(SyntaxAnalyzer.standard())
    }

    static func make(_ syntax: SyntaxAnalyzer) throws(DossierError) -> Pipeline {
        try Pipeline([
            Tokenizer(), SentenceSplitter(), BoilerplateDetector.standard(), syntax,
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

/// Which dependency parser the syntax stage runs: the fast greedy one (default), the beam parser, or the
/// ensemble of the bundled parsers (most accurate, about 50 times slower than greedy; docs/syntax.md).
public enum ParserChoice: String, Sendable, CaseIterable {
    case greedy, beam, ensemble
}
