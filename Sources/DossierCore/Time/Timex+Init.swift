extension Timex {
    /// A time expression over `span` with its TIMEX3 type and value (nil when unresolved).
    ///
    /// Public, for other modules (evaluation, stores); inside the engine the memberwise initializer is used. The
    /// label differs from it because an extension cannot redeclare a synthesized initializer.
    public init(_ span: ByteSpan, type: TimexType, value: String?, provenance: Provenance) {
        self.init(span: span, type: type, value: value, provenance: provenance)
    }
}
