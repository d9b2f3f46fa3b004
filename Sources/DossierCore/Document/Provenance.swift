/// Where a fact came from: the stage, the rule or model (with its version) and how sure it is.
public struct Provenance: Sendable, Hashable, Codable {
    public var stage: String
    /// The sieve, rule or model that produced the fact, e.g. `"boilerplate:also-read"` or `"ner@1"`.
    public var rule: String
    /// 0...1.
    public var confidence: Double

    public init(stage: String, rule: String, confidence: Double) {
        self.stage = stage
        self.rule = rule
        self.confidence = confidence
    }
}

/// A byte range of the folded text, end exclusive. Output converts it to scalar offsets of the original text.
public struct ByteSpan: Sendable, Hashable, Codable {
    public var start: Int32
    public var end: Int32

    public init(_ range: Range<Int>) {
        start = Int32(range.lowerBound)
        end = Int32(range.upperBound)
    }

    @inlinable public var range: Range<Int> { Int(start)..<Int(end) }
}

/// A span that is not article text, and why.
public struct IgnoredSpan: Sendable, Hashable {
    public var span: ByteSpan
    /// Machine-readable reason, e.g. `related-link`, `share`, `byline-footer`.
    public var reason: String
    public var provenance: Provenance

    public init(span: ByteSpan, reason: String, provenance: Provenance) {
        self.span = span
        self.reason = reason
        self.provenance = provenance
    }
}
