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
        let utf8 = text.utf8
        guard
            utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x0C })
                && text.contains(where: { !$0.isWhitespace })
        else {
            return .failure(DossierError(.emptyArticle, "empty article: no text", input: source))
        }
        var title: String?
        var titleRange: Range<Int>?
        // Only the first line and a little after it are needed to decide on a title.
        var native = text
        let head = native.withUTF8 { Array($0.prefix(4096)) }
        if let nl = head.firstIndex(of: 0x0A) {
            var lo = 0
            while lo < nl && (head[lo] == 0x20 || head[lo] == 0x09) { lo += 1 }
            var hi = nl
            while hi > lo && (head[hi - 1] == 0x20 || head[hi - 1] == 0x09 || head[hi - 1] == 0x0D) { hi -= 1 }
            let rest = utf8.dropFirst(nl + 1)
            let line = String(decoding: head[lo..<hi], as: UTF8.self)
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
