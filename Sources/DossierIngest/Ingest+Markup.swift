import DossierCore

extension Ingest {
    /// HTML pages and feeds. Content sniffed as HTML that turns out to be a feed (an `.xml` file, stdin) goes to
    /// the feed reader.
    static func markupReader(_ bytes: [UInt8], _ source: String, _ published: CalendarDate?, _ format: InputFormat)
        -> [Result<Article, DossierError>]
    {
        if format == .feed || FeedReader.looksLikeFeed(bytes) {
            return FeedReader.read(bytes, source: source, published: published)
        }
        return [HTMLReader.read(bytes, source: source, published: published)]
    }
}
