/// The names stage: finds named-entity mentions with the statistical tagger and fills ``Document/mentions``.
///
/// The model labels CoNLL's types (PER, ORG, LOC, MISC); ``NameTypes`` maps them to the output types
/// (PERSON, ORG, GPE, LOC, NORP, MISC) with the gazetteer. Sentences flagged `.ignored` (boilerplate) get no
/// names. Until the actors stage exists, the stage also fills ``Document/entities`` with one entity per mention.
public struct NameTagger: Stage {
    public let name = "names"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public var produces: Set<Layer> { fillsEntities ? [.names, .entities] : [.names] }
    public let model: NERModel
    public let types: NameTypes
    /// Whether to fill ``Document/entities`` with one entity per name mention.
    public var fillsEntities: Bool

    public init(model: NERModel, fillsEntities: Bool = true) {
        self.model = model
        self.types = NameTypes(gazetteer: model.features.gazetteer)
        self.fillsEntities = fillsEntities
    }

    /// The stage with the engine's bundled model.
    public static func standard() throws(DossierError) -> NameTagger {
        try NameTagger(model: NERModel.bundled())
    }

    public func apply(to document: inout Document) throws(DossierError) {
        let labels = model.labels(document)
        let rule = "ner@" + (model["version"] ?? "1")
        var mentions: [Mention] = []
        for s in document.sentences where !s.flags.contains(.ignored) {
            let lo = s.tokens.lowerBound
            for span in model.scheme.spans(Array(labels[s.tokens])) {
                let range = (lo + span.start)..<(lo + span.end)
                let type = types.type(model.scheme.types[span.type], range, in: document)
                let bytes =
                    Int(document.tokens[range.lowerBound].start)..<Int(document.tokens[range.upperBound - 1].end)
                mentions.append(
                    Mention(
                        span: ByteSpan(bytes), type: type, kind: .name,
                        provenance: Provenance(stage: name, rule: rule, confidence: 0.9)))
            }
        }
        document.mentions += mentions
        if fillsEntities { document.fillEntitiesFromNameMentions() }
    }
}
