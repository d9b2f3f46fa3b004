extension Quote {
    /// A quote with every field given (public: the synthesized memberwise initializer is internal).
    public init(
        content span: ByteSpan, kind: QuoteKind, speaker: Int32? = nil, speakerName: String? = nil,
        speakerMention: ByteSpan? = nil, cue: ByteSpan? = nil, provenance: Provenance
    ) {
        self.span = span
        self.kind = kind
        self.speaker = speaker
        self.speakerName = speakerName
        self.speakerMention = speakerMention
        self.cue = cue
        self.provenance = provenance
    }
}
