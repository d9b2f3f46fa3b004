/// The syntax layer of a document: per token a universal and a Penn tag, a lemma, a head and a relation.
///
/// Arrays are indexed by token (``Document/tokens``); tokens of ignored sentences have tag 0, head -1 and no
/// relation. Tag and relation ids index ``tagNames`` and ``relations``.
public struct SyntaxAnnotations: Sendable {
    public var upos: [UPOS]
    /// Penn tag id per token (``xposNames``).
    public var xpos: [UInt8]
    public var xposNames: [String]
    /// Interned lemma per token (``Document/interner``).
    public var lemma: [UInt32]
    /// The head token index, or -1 for a sentence root (and unparsed tokens).
    public var head: [Int32]
    /// Relation id per token (``relations``).
    public var relation: [UInt8]
    public var relations: [String]
    /// Whether the token was analysed (false in ignored sentences).
    public var analysed: [Bool]

    public init(count n: Int, xposNames: [String], relations: [String]) {
        upos = [UPOS](repeating: .x, count: n)
        xpos = [UInt8](repeating: 0, count: n)
        self.xposNames = xposNames
        lemma = [UInt32](repeating: 0, count: n)
        head = [Int32](repeating: -1, count: n)
        relation = [UInt8](repeating: 0, count: n)
        self.relations = relations
        analysed = [Bool](repeating: false, count: n)
    }
}

/// The syntax stage: tags, lemmatizes and parses every sentence not flagged `.ignored`, filling
/// ``Document/syntax``.
public struct SyntaxAnalyzer: Stage {
    public let name = "syntax"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public var produces: Set<Layer> { [.syntax] }
    public let tagger: POSModel
    /// nil: tags and lemmas only (unless `ensemble` is set).
    public let parser: ParserModel?
    /// Parsers combined by votes, used instead of `parser` when set.
    public let ensemble: ParserEnsemble?
    public let lemmatizer: Lemmatizer
    public let clusters: WordClusters?

    public init(tagger: POSModel, parser: ParserModel?, lemmatizer: Lemmatizer) {
        self.tagger = tagger
        self.parser = parser
        self.ensemble = nil
        self.lemmatizer = lemmatizer
        self.clusters = tagger.clusters
    }

    /// The stage parsing with an ensemble of parsers.
    public init(tagger: POSModel, ensemble: ParserEnsemble, lemmatizer: Lemmatizer) {
        self.tagger = tagger
        self.parser = nil
        self.ensemble = ensemble
        self.lemmatizer = lemmatizer
        self.clusters = tagger.clusters
    }

    /// The stage with the engine's bundled models: the greedy parser; with `beam` the beam-search parser
    /// (`parser-beam.model`, labelled transitions, beam 8: about 2.1 UAS and 2.3 LAS more accurate on EWT dev,
    /// 14 times slower); with `ensemble` the bundled ensemble (``ParserEnsemble/bundled()``: the beam
    /// parser, a right-to-left beam parser and the greedy one voting, about 0.7 UAS more than the beam parser
    /// alone, twice as slow again).
    public static func standard(beam: Bool = false, ensemble: Bool = false) throws(DossierError) -> SyntaxAnalyzer {
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try POSModel.bundled(clusters: clusters)
        if ensemble {
            return SyntaxAnalyzer(
                tagger: tagger, ensemble: try ParserEnsemble.bundled(), lemmatizer: try Lemmatizer.bundled())
        }
        return SyntaxAnalyzer(
            tagger: tagger, parser: beam ? try ParserModel.bundledBeam() : try ParserModel.bundled(),
            lemmatizer: try Lemmatizer.bundled())
    }

    public func apply(to document: inout Document) throws(DossierError) {
        var interner = document.interner
        let a = analyse(document, interner: &interner)
        document.interner = interner
        document.syntax = a
    }

    /// The tables the parsers read for `doc`, the tagger's classes, and the runner-ups an ensemble parses as
    /// tag hypotheses (nil without an ensemble that does).
    func prepared(_ doc: Document) -> (tables: SyntaxTables, classes: [UInt8], alternatives: TagAlternatives?) {
        var tables = SyntaxTables(doc, clusters: clusters)
        // The tagger's runner-up tags only for an ensemble that parses them or a parser that reads them.
        let classes: [UInt8]
        var alternatives: TagAlternatives? = nil
        let readsRunnerUps = parser?.readsRunnerUps ?? ensemble?.readsRunnerUps ?? false
        let hypotheses = (ensemble?.tagMargin ?? 0) > 0
        if hypotheses || readsRunnerUps {
            let tagged = tagger.tagWithAlternatives(doc, tables)
            classes = tagged.classes
            if hypotheses { alternatives = tagged.alternatives }
            if readsRunnerUps {
                tables.runnerUp = tagger.tagHashes(tagged.alternatives.runnerUp)
                tables.tagMargin = tagged.alternatives.margin
            }
        } else {
            classes = tagger.tag(doc, tables)
        }
        if parser.map({ $0.featureSet >= 5 }) ?? ensemble?.needsAmbiguity ?? false {
            tables.ambiguity = tagger.ambiguityClasses(of: tables)
        }
        return (tables, classes, alternatives)
    }

    /// The annotations of a document (lemmas are interned into `interner`).
    public func analyse(_ doc: Document, interner: inout Interner) -> SyntaxAnnotations {
        let (tables, classes, alternatives) = prepared(doc)
        let xposNames = Array(Set(tagger.xpos)).sorted()
        var xposIndex: [String: UInt8] = [:]
        for (i, x) in xposNames.enumerated() { xposIndex[x] = UInt8(i) }
        let classXpos = tagger.xpos.map { xposIndex[$0] ?? 0 }
        var a = SyntaxAnnotations(
            count: doc.tokens.count, xposNames: xposNames, relations: parser?.labels ?? ensemble?.labels ?? [])
        let sentences = doc.sentences.filter { !$0.flags.contains(.ignored) }.map(\.tokens)
        // Lemmas are cached per (lowercase form, tag class) within the document.
        var cache: [UInt64: UInt32] = [:]
        for r in sentences {
            for i in r {
                let c = Int(classes[i])
                a.analysed[i] = true
                a.upos[i] = tagger.upos[c]
                a.xpos[i] = classXpos[c]
                let tok = doc.tokens[i]
                let key = UInt64(tok.form) << 8 | UInt64(c)
                if let l = cache[key] {
                    a.lemma[i] = l
                } else {
                    let form = doc.interner.string(tok.form)
                    let l = lemmatizer.lemma(form, xpos: tagger.xpos[c], upos: tagger.upos[c], vocabulary: clusters)
                    let id = l == form ? tok.form : interner.intern(l)
                    cache[key] = id
                    a.lemma[i] = id
                }
            }
        }
        let tags = tagger.tagHashes(classes)
        if let out = parser?.parse(tables, tags: tags, sentences: sentences)
            ?? ensemble?.parse(
                tables, tags: tags, sentences: sentences,
                alternatives: alternatives.map { (tagger.tagHashes($0.runnerUp), $0.margin) })
        {
            a.head = out.heads
            a.relation = out.labels
        }
        return a
    }
}

extension ParserModel {
    /// The engine's bundled parser (`Resources/models/parser.model`).
    public static func bundled() throws(DossierError) -> ParserModel {
        try ParserModel(decoding: try NERModel.resourceBytes("models", "parser.model"), name: "parser.model")
    }

    /// The engine's bundled beam-search parser (`Resources/models/parser-beam.model`; its width is in its
    /// config and can be changed with ``beamWidth``).
    public static func bundledBeam() throws(DossierError) -> ParserModel {
        try ParserModel(
            decoding: try NERModel.resourceBytes("models", "parser-beam.model"), name: "parser-beam.model")
    }

    /// The engine's bundled arc-eager beam-search parser (`Resources/models/parser-arc-eager.model`: beam 8,
    /// ``ParserModel/arcEager``), a member of ``ParserEnsemble/bundled()``.
    public static func bundledArcEager() throws(DossierError) -> ParserModel {
        try ParserModel(
            decoding: try NERModel.resourceBytes("models", "parser-arc-eager.model"), name: "parser-arc-eager.model")
    }

    /// The engine's bundled right-to-left arc-eager beam-search parser
    /// (`Resources/models/parser-arc-eager-rtl.model`: beam 4), a member of ``ParserEnsemble/bundled()``.
    public static func bundledArcEagerRightToLeft() throws(DossierError) -> ParserModel {
        try ParserModel(
            decoding: try NERModel.resourceBytes("models", "parser-arc-eager-rtl.model"),
            name: "parser-arc-eager-rtl.model")
    }

    /// The engine's bundled easy-first parser (`Resources/models/parser-easy-first.model`: labelled arcs, trained
    /// on EWT train twice and GUM train once), a member of ``ParserEnsemble/bundled()``.
    public static func bundledEasyFirst() throws(DossierError) -> ParserModel {
        try ParserModel(
            decoding: try NERModel.resourceBytes("models", "parser-easy-first.model"),
            name: "parser-easy-first.model")
    }

    /// The engine's bundled right-to-left beam-search parser (`Resources/models/parser-rtl.model`), a member of
    /// ``ParserEnsemble/bundled()``.
    public static func bundledRightToLeft() throws(DossierError) -> ParserModel {
        try ParserModel(decoding: try NERModel.resourceBytes("models", "parser-rtl.model"), name: "parser-rtl.model")
    }
}

extension ParserEnsemble {
    /// The bundled ensemble: the beam parser (weight 1, decoded at width 16), the arc-eager beam parser (1,
    /// width 16), the right-to-left beam parser (0.8, width 8), the greedy parser (0.6), the easy-first parser
    /// (0.5) and the right-to-left arc-eager beam parser (0.5, width 8), the beam parsers voting with their last
    /// beams at temperature 30, the greedy parser with its rival heads at temperature 30, and every member
    /// parsing the runner-up tags of the tokens the tagger is unsure of (margin below 30, three at most per
    /// sentence) as well, at weight 0.5 (docs/syntax.md).
    public static func bundled() throws(DossierError) -> ParserEnsemble {
        var beam = try ParserModel.bundledBeam()
        beam.beamWidth = bundledBeamWidth
        var eager = try ParserModel.bundledArcEager()
        eager.beamWidth = bundledBeamWidth
        var rtl = try ParserModel.bundledRightToLeft()
        rtl.beamWidth = bundledRightToLeftWidth
        var eagerRTL = try ParserModel.bundledArcEagerRightToLeft()
        eagerRTL.beamWidth = bundledRightToLeftWidth
        var e = ParserEnsemble(
            [
                .init(model: beam, weight: 1),
                .init(model: eager, weight: 1),
                .init(model: rtl, weight: 0.8),
                .init(model: try ParserModel.bundled(), weight: 0.6),
                .init(model: try ParserModel.bundledEasyFirst(), weight: 0.5),
                .init(model: eagerRTL, weight: 0.5),
            ], temperature: 30)
        e.greedyTemperature = 30
        e.tagMargin = 30
        return e
    }

    /// The beam widths at which the bundled ensemble decodes its left-to-right beam members (trained at 8) and
    /// its right-to-left ones (trained at 4): a wider last beam gives their votes more parses (docs/syntax.md,
    /// seventeenth session).
    public static let bundledBeamWidth = 16
    public static let bundledRightToLeftWidth = 8
}
