/// One article under analysis: a folded text buffer and the flat tables that stages fill in order.
///
/// Modelled on spaCy's `Doc`: tokens are a flat array of small structs, strings are interned, and
/// every table refers to the text by byte offsets into ``normalized``. A stage takes the document
/// `inout` and adds its table; ``layers`` records which tables are filled.
public struct Document: Sendable {
    public let article: Article
    /// The folded analysis buffer and its map back to ``Article/text``.
    public let normalized: NormalizedText
    public var interner: Interner
    public var tokens: ContiguousArray<Token> = []
    public var sentences: ContiguousArray<Sentence> = []
    public var ignored: [IgnoredSpan] = []
    public var mentions: [Mention] = []
    public var entities: [Entity] = []
    public var quotes: [Quote] = []
    public var timexes: [Timex] = []
    public var places: [Place] = []
    public var events: [Event] = []
    public var syntax: SyntaxAnnotations?
    /// The byte range of the title line in ``normalized``, if the text starts with one.
    public let titleRange: Range<Int>?
    /// The layers filled so far.
    public var layers: Set<Layer> = [.text]

    public init(article: Article) {
        self.article = article
        self.normalized = NormalizedText(article.text)
        // About one distinct form, lowercase form or shape per five bytes of news text: sized so the table
        // rarely grows while a document is tokenized.
        self.interner = Interner(capacity: max(256, article.text.utf8.count / 5))
        if let t = article.titleRange {
            // Map the title's original byte range into the folded buffer.
            self.titleRange = Document.foldedRange(of: t, in: normalized)
        } else {
            self.titleRange = nil
        }
    }

    /// The folded bytes of a byte range.
    public func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        ArraySlice(normalized.bytes[range])
    }

    /// The original text of a folded byte range (what output shows).
    public func string(_ span: Range<Int>) -> String {
        let r = normalized.originalRange(span)
        let utf8 = article.text.utf8
        let lo = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
        let hi = utf8.index(utf8.startIndex, offsetBy: r.upperBound)
        return String(article.text[lo..<hi])
    }

    /// The original text of a token.
    public func string(of token: Token) -> String { string(token.range) }

    /// The folded form of a token, as interned.
    public func form(of token: Token) -> String { interner.string(token.form) }

    static func foldedRange(of original: Range<Int>, in n: NormalizedText) -> Range<Int> {
        guard let map = n.toOriginal else { return original }
        var lo = 0
        while lo < n.bytes.count && Int(map[lo]) < original.lowerBound { lo += 1 }
        var hi = lo
        while hi < n.bytes.count && Int(map[hi]) < original.upperBound { hi += 1 }
        return lo..<hi
    }
}

/// The tables of a ``Document`` that stages fill; a stage declares which it requires and produces.
public enum Layer: String, Sendable, Hashable, CaseIterable {
    /// The folded text: present from the start.
    case text
    case tokens
    case sentences
    /// Spans that are not article text.
    case ignored
    /// Part-of-speech tags, lemmas, dependencies.
    case syntax
    /// Named-entity mentions.
    case names
    /// Canonical actors with nominal and pronoun mentions.
    case entities
    case timexes
    case places
    case quotes
    case events
}
