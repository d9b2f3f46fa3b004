/// The tense of the clause that governs a time expression, as far as anchoring needs it.
public enum Tense: String, Sendable, Hashable, CaseIterable {
    /// Reported as done: a bare weekday is the most recent one on or before the anchor.
    case past
    /// Present: news uses it for scheduled events ("goes to the polls on Saturday"), so forward.
    case present
    /// Will, is going to, plans to: the next one on or after the anchor.
    case future
    /// No cue: the nearest one.
    case unknown
}

/// Finds the tense that governs a time expression.
///
/// The default, ``LexiconTenseEstimator``, reads verb forms from a word list because the pipeline has no
/// part-of-speech tagger yet. A tagger-based estimator (finite verb of the clause, its tag VBD/VBZ/MD) can
/// replace it by conforming to this protocol and being passed to ``TimeTagger/init(rules:tense:)``.
public protocol TenseEstimator: Sendable {
    /// The tense governing tokens `timex` (token indices) of the sentence whose tokens are `sentence`.
    func tense(governing timex: Range<Int>, sentence: Range<Int>, in document: Document) -> Tense
}

/// Tense from a small lexicon of verb forms (`Resources/time/tense.tsv`) and an `-ed` heuristic: the
/// nearest cue in the sentence wins, looking left first (`said Thursday`, `goes to the polls on Saturday`).
public struct LexiconTenseEstimator: TenseEstimator {
    /// What a word says about tense.
    enum Cue: UInt8 {
        case past, present, future
        /// `going`, `plans`, `expected`: future when followed by `to` (or `for`: `scheduled for`).
        case lead
        /// Never a cue even if it ends in `-ed` (`need`, `hundred`).
        case none
    }

    private let cues: [UInt64: Cue]
    private let toHash = StableHash.hash("to")
    private let possessiveHash = StableHash.hash("'s")
    private let forHash = StableHash.hash("for")
    /// How many tokens on each side are searched.
    public var window = 14

    /// Reads `class <TAB> word` lines; classes: past, present, future, lead, none.
    public init(text: String) throws(DossierError) {
        var cues: [UInt64: Cue] = [:]
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let f = raw.split(separator: "\t")
            let cue: Cue
            switch f.first {
            case "past": cue = .past
            case "present": cue = .present
            case "future": cue = .future
            case "lead": cue = .lead
            case "none": cue = .none
            default:
                throw DossierError(
                    .resource, "expected 'past|present|future|lead|none<TAB>word'", input: "time/tense.tsv",
                    line: line)
            }
            guard f.count >= 2 else {
                throw DossierError(.resource, "missing word", input: "time/tense.tsv", line: line)
            }
            cues[StableHash.hash(String(f[1]))] = cue
        }
        self.cues = cues
    }

    /// The engine's verb-form lexicon.
    public static func standard() throws(DossierError) -> LexiconTenseEstimator {
        try LexiconTenseEstimator(text: TimeResources.contents("tense.tsv"))
    }

    public func tense(governing timex: Range<Int>, sentence: Range<Int>, in document: Document) -> Tense {
        // A possessive (`Wednesday's ruling`) names something that has happened.
        if timex.upperBound < sentence.upperBound,
            document.interner.hash(of: document.tokens[timex.upperBound].lower) == possessiveHash
        {
            return .past
        }
        var d = 1
        while d <= window {
            let l = timex.lowerBound - d
            if l >= sentence.lowerBound, let t = cue(at: l, sentence: sentence, document) { return t }
            let r = timex.upperBound - 1 + d
            if r < sentence.upperBound, let t = cue(at: r, sentence: sentence, document) { return t }
            if l < sentence.lowerBound && r >= sentence.upperBound { break }
            d += 1
        }
        return .unknown
    }

    /// The tense a token signals, if any.
    func cue(at i: Int, sentence: Range<Int>, _ doc: Document) -> Tense? {
        let tok = doc.tokens[i]
        let h = doc.interner.hash(of: tok.lower)
        if let c = cues[h] {
            switch c {
            case .past: return .past
            case .present: return .present
            case .future: return .future
            case .lead: return followedByTo(i, sentence, doc) || followedByFor(i, sentence, doc) ? .future : nil
            case .none: return nil
            }
        }
        guard tok.flags.contains(.alpha), endsInEd(tok, doc), tok.end - tok.start >= 5 else { return nil }
        // Capitalized mid-sentence words ending in -ed are names (`Ted`, `Mohammed`).
        if tok.flags.contains(.capitalized) && !tok.flags.contains(.sentenceStart) { return nil }
        return .past
    }

    private func followedByTo(_ i: Int, _ sentence: Range<Int>, _ doc: Document) -> Bool {
        i + 1 < sentence.upperBound && doc.interner.hash(of: doc.tokens[i + 1].lower) == toHash
    }

    /// `scheduled for`, `set for`, `slated for`.
    private func followedByFor(_ i: Int, _ sentence: Range<Int>, _ doc: Document) -> Bool {
        i + 1 < sentence.upperBound && doc.interner.hash(of: doc.tokens[i + 1].lower) == forHash
    }

    private func endsInEd(_ tok: Token, _ doc: Document) -> Bool {
        let e = Int(tok.end)
        guard e - Int(tok.start) >= 3 else { return false }
        let b = doc.normalized.bytes
        return (b[e - 2] | 0x20) == UInt8(ascii: "e") && (b[e - 1] | 0x20) == UInt8(ascii: "d")
    }
}
