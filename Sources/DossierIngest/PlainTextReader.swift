import DossierCore

/// Reads a plain-text article: the text is the content exactly, and the first line is the title when a
/// newline follows it and more text comes after (as in a file saved from a news site: headline, then body).
public enum PlainTextReader {
    /// The longest first line still taken as a title, in Unicode scalars; a longer one is a paragraph.
    public static let maxTitleLength = 250

    public static func read(_ bytes: [UInt8], source: String, published: CalendarDate?) -> Result<Article, DossierError>
    {
        let decoded = UTF8Repair.decode(bytes)
        let text = decoded.text
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .failure(DossierError(.emptyArticle, "empty article: no text", input: source))
        }
        let utf8 = Array(text.utf8)
        var title: String?
        var titleRange: Range<Int>?
        if let nl = utf8.firstIndex(of: 0x0A) {
            var lo = 0
            while lo < nl && (utf8[lo] == 0x20 || utf8[lo] == 0x09) { lo += 1 }
            var hi = nl
            while hi > lo && (utf8[hi - 1] == 0x20 || utf8[hi - 1] == 0x09 || utf8[hi - 1] == 0x0D) { hi -= 1 }
            let rest = utf8[(nl + 1)...]
            let line = String(decoding: utf8[lo..<hi], as: UTF8.self)
            if hi > lo && line.unicodeScalars.count <= maxTitleLength
                && rest.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
            {
                title = line
                titleRange = lo..<hi
            }
        }
        return .success(
            Article(
                title: title, text: text, published: published, source: source, titleRange: titleRange,
                warnings: Ingest.utf8Warnings(decoded, source: source)))
    }
}
