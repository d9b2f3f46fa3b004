/// The actors stage: turns the name mentions of the names stage into canonical actors.
///
/// It adds nominal mentions ("the Secretary", "US officials", "the two superpowers") and pronouns, groups all
/// mentions into entities by ordered sieves (most precise first: exact name, organization and country aliases,
/// acronyms, name parts with titles stripped, role nouns, pronouns), extracts the roles the article states
/// (pre-nominal titles, appositions, predicates) and links every actor it can to a country (ISO3) and a CAMEO
/// actor code. Each entity's provenance lists the sieves that built it; each nominal or pronoun mention records
/// the sieve that linked it. It replaces whatever the names stage put in ``Document/entities``.
public struct ActorResolver: Stage {
    public let name = "actors"
    public let requires: Set<Layer> = [.tokens, .sentences, .names]
    public let produces: Set<Layer> = [.entities]
    public let lexicon: ActorLexicon

    public init(lexicon: ActorLexicon) {
        self.lexicon = lexicon
    }

    /// The stage with the engine's bundled data files.
    public static func standard() throws(DossierError) -> ActorResolver {
        ActorResolver(lexicon: try ActorLexicon.bundled())
    }

    public func apply(to document: inout Document) throws(DossierError) {
        let work = ActorResolution(document: document, lexicon: lexicon, stage: name)
        work.run()
        work.write(to: &document)
    }
}
