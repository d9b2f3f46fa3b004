import Crypto

/// An article as read from its source, before any analysis.
public struct Article: Sendable, Hashable {
    /// A stable id: a hash of the title and text, so the same article read twice has the same id.
    public var id: String
    public var title: String?
    /// The text that every output offset points into.
    public var text: String
    public var published: CalendarDate?
    /// Where it came from: a path (with `#N` for the N-th article of a multi-article file) or a URL.
    public var source: String
    public var url: String?
    /// The byte range of the title inside `text`, when the text starts with its title line (plain text).
    public var titleRange: Range<Int>?
    /// Problems that did not stop the article from being read (replaced invalid UTF-8, ...).
    public var warnings: [DossierError]

    public init(
        title: String?, text: String, published: CalendarDate? = nil, source: String, url: String? = nil,
        titleRange: Range<Int>? = nil, warnings: [DossierError] = []
    ) {
        self.id = Article.contentHash(title: title, text: text)
        self.title = title
        self.text = text
        self.published = published
        self.source = source
        self.url = url
        self.titleRange = titleRange
        self.warnings = warnings
    }

    /// The first 128 bits of SHA-256 over the title and the text, in hex.
    ///
    /// Source, URL and date are left out on purpose: the same story fetched from two mirrors is one article.
    public static func contentHash(title: String?, text: String) -> String {
        var hasher = SHA256()
        var t = title ?? ""
        t.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        hasher.update(data: [0x1F])
        var body = text
        body.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let digest = hasher.finalize()
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(32)
        for byte in digest.prefix(16) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return out
    }
}
