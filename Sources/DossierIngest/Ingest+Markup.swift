import DossierCore

extension Ingest {
    /// HTML pages and feeds.
    static func markupReader(_ bytes: [UInt8], _ source: String, _ published: CalendarDate?, _ format: InputFormat)
        -> [Result<Article, DossierError>]
    {
        [.failure(DossierError(.unsupportedFormat, "\(format.rawValue) input is not supported yet", input: source))]
    }
}
