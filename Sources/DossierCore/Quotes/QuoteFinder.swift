/// Finds who said what: direct quotes in quote marks, indirect and mixed speech, and their speakers.
///
/// Ordered sieves, most precise first; each quote records the sieve that attributed it in its provenance
/// (`quotes:cue-before`, `quotes:cue-after`, `quotes:continuation`, `quotes:run`, ...). See docs/quotes.md.
///
/// The stage needs only tokens and sentences. When the names stage has run (``Layer/names``), its
/// mentions name the speakers; otherwise speaker phrases are found from the words themselves: capitalized
/// runs with their titles, group and anonymous sources from the lexicon, pronouns.
public struct QuoteFinder: Stage {
    public let name = "quotes"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public let produces: Set<Layer> = [.quotes]
    public let lexicon: QuoteLexicon

    public init(lexicon: QuoteLexicon) { self.lexicon = lexicon }

    /// The finder with the engine's lexicon.
    public static func standard() throws(DossierError) -> QuoteFinder {
        QuoteFinder(lexicon: try QuoteLexicon.standard())
    }

    public func apply(to document: inout Document) throws(DossierError) {
        guard !document.tokens.isEmpty else {
            document.quotes = []
            return
        }
        var scan = QuoteScan(document, lexicon: lexicon, stage: name)
        document.quotes = scan.run()
    }
}
