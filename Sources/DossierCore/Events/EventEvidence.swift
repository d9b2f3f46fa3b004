/// One mention of an event in the text: the span that states it and its trigger word.
public struct EventEvidence: Sendable, Hashable {
    public var span: ByteSpan
    public var trigger: ByteSpan
    /// The rule that coded this mention.
    public var rule: String

    public init(span: ByteSpan, trigger: ByteSpan, rule: String) {
        self.span = span
        self.trigger = trigger
        self.rule = rule
    }
}
