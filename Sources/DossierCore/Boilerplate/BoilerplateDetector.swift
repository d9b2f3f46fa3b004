/// Marks paragraphs that are not article text (related-article links, share prompts, ads) as ignored.
///
/// Patterns come from the lexicon `boilerplate.tsv`. Ignored paragraphs stay in the text, so offsets do
/// not move; their tokens and sentences are flagged, and later stages skip them. The title is never ignored.
public struct BoilerplateDetector: Stage {
    public let name = "boilerplate"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public let produces: Set<Layer> = [.ignored]

    /// A lexicon entry.
    public struct Pattern: Sendable, Hashable {
        public enum Match: String, Sendable, Hashable { case prefix, line }
        public var match: Match
        /// Lowercase words of the pattern, compared to the lowercase token forms of the paragraph.
        public var words: [String]
        /// Stable hashes of ``words``: compared with the interned hashes of the tokens, allocation-free.
        public var hashes: [UInt64]
        public var reason: String
        /// The text as written in the lexicon, recorded in the provenance.
        public var text: String
    }

    public let patterns: [Pattern]
    /// Pattern indices by the hash of their first word: a paragraph is compared only with the patterns that
    /// start with its first word.
    let byFirstWord: [UInt64: [Int]]

    public init(patterns: [Pattern]) {
        self.patterns = patterns
        var index: [UInt64: [Int]] = [:]
        for (k, p) in patterns.enumerated() {
            guard let first = p.hashes.first else { continue }
            index[first, default: []].append(k)
        }
        byFirstWord = index
    }

    /// The detector with the engine's lexicon.
    public static func standard() throws(DossierError) -> BoilerplateDetector {
        var patterns: [Pattern] = []
        let tokenizer = try Tokenizer()
        for row in try LexiconFile.rows("boilerplate.tsv") {
            guard row.count >= 3, let match = Pattern.Match(rawValue: String(row[0])) else {
                throw DossierError(
                    .resource, "bad line in boilerplate.tsv: \(row.joined(separator: " | "))",
                    input: "boilerplate.tsv")
            }
            // Patterns are compared token by token, so tokenize them as the text is.
            let (tokens, interner) = tokenizer.tokenize(String(row[1]))
            let words = tokens.map { interner.string($0.lower) }
            patterns.append(
                Pattern(
                    match: match, words: words, hashes: words.map { StableHash.hash($0) }, reason: String(row[2]),
                    text: String(row[1])))
        }
        return BoilerplateDetector(patterns: patterns)
    }

    public func apply(to document: inout Document) throws(DossierError) {
        var s = 0
        let sentences = document.sentences
        while s < sentences.count {
            // One paragraph: the run of sentences with the same paragraph index.
            var e = s + 1
            while e < sentences.count && sentences[e].paragraph == sentences[s].paragraph { e += 1 }
            let first = Int(sentences[s].tokenStart)
            let last = Int(sentences[e - 1].tokenEnd)
            if !sentences[s].flags.contains(.title), let pattern = matching(document, first..<last) {
                let span = ByteSpan(Int(document.tokens[first].start)..<Int(document.tokens[last - 1].end))
                document.ignored.append(
                    IgnoredSpan(
                        span: span, reason: pattern.reason,
                        provenance: Provenance(stage: name, rule: "boilerplate:\(pattern.text)", confidence: 0.9)))
                for k in first..<last { document.tokens[k].flags.insert(.ignored) }
                for k in s..<e { document.sentences[k].flags.insert(.ignored) }
            }
            s = e
        }
    }

    func matching(_ doc: Document, _ tokens: Range<Int>) -> Pattern? {
        guard !tokens.isEmpty else { return nil }
        let first = doc.interner.hash(of: doc.tokens[tokens.lowerBound].lower)
        guard let candidates = byFirstWord[first] else { return nil }
        for pattern in candidates.map({ patterns[$0] }) {
            let words = pattern.hashes
            switch pattern.match {
            case .prefix:
                guard tokens.count >= words.count else { continue }
            case .line:
                // Trailing punctuation is allowed after a whole-line pattern.
                var end = tokens.upperBound
                while end > tokens.lowerBound && doc.tokens[end - 1].flags.contains(.punct) { end -= 1 }
                guard end - tokens.lowerBound == words.count else { continue }
            }
            var ok = true
            for (k, w) in words.enumerated() where doc.interner.hash(of: doc.tokens[tokens.lowerBound + k].lower) != w {
                ok = false
                break
            }
            if ok { return pattern }
        }
        return nil
    }
}
