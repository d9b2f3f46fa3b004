import DossierCore
import Foundation

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item.
///
/// Elements are matched by local name, so any namespace prefix works (`content:encoded`, `dc:date`,
/// `atom:link`). An item's text is its full content (`content:encoded`, Atom `content`) when present, else its
/// `description` or `summary`, turned into plain text with ``HTMLReader/extractText(_:)``. A bad item is
/// reported and the others are still read.
public enum FeedReader {
    /// Reads every item of a feed.
    ///
    /// - Returns: one result per item, in feed order; a single `.malformedFeed` failure when the bytes are not a
    ///   feed or the feed has no items. An item without text is an `.emptyArticle` failure naming the item.
    public static func read(_ bytes: [UInt8], source: String, published: CalendarDate?) -> [Result<
        Article, DossierError
    >] {
        let input = FeedInput(bytes, source: source)
        let outcome: Result<[FeedItem], DossierError>? = LibXML.withXMLDocument(input.bytes) { root in
            let items = FeedReader.itemNodes(root)
            guard let items else {
                return .failure(
                    DossierError(
                        .malformedFeed, "not an RSS or Atom feed (root element <\(root.name)>)",
                        input: source))
            }
            return .success(items.map(FeedItem.init))
        }
        guard let outcome else {
            return [.failure(DossierError(.malformedFeed, "feed does not parse as XML", input: source))]
        }
        switch outcome {
        case .failure(let e):
            return [.failure(e)]
        case .success(let items) where items.isEmpty:
            return [.failure(DossierError(.malformedFeed, "feed has no items", input: source))]
        case .success(let items):
            return items.enumerated().map { index, item in
                guard !item.text.isEmpty else {
                    return .failure(DossierError(.emptyArticle, "item \(index + 1): empty article", input: source))
                }
                return .success(
                    Article(
                        title: item.title, text: item.text, published: item.published ?? published,
                        source: item.link ?? "\(source)#\(index + 1)", url: item.link, warnings: input.warnings))
            }
        }
    }

    /// Whether the bytes start like a feed: the first element is `<rss>`, `<feed>` or `<rdf:RDF>`.
    ///
    /// Looks only at the start (past a byte-order mark, the XML declaration, comments and a doctype), so it is
    /// cheap enough to run on every file.
    public static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
        let u = bytes.prefix(4096)
        var i = u.startIndex
        if u.count >= 3 && u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF { i += 3 }
        while i < u.endIndex {
            let b = u[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                i += 1
                continue
            }
            guard b == UInt8(ascii: "<"), i + 1 < u.endIndex else { return false }
            let next = u[i + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                // A declaration, processing instruction, comment or doctype: skip to its end.
                if u[(i + 1)...].starts(with: Array("!--".utf8)) {
                    guard let end = firstRange(of: Array("-->".utf8), in: u, from: i + 2) else { return false }
                    i = end
                    continue
                }
                // A doctype's internal subset ("[...]") holds declarations with their own ">".
                var depth = 0
                var k = i + 2
                while k < u.endIndex {
                    let c = u[k]
                    if c == UInt8(ascii: "[") { depth += 1 }
                    if c == UInt8(ascii: "]") { depth -= 1 }
                    if c == UInt8(ascii: ">") && depth <= 0 { break }
                    k += 1
                }
                guard k < u.endIndex else { return false }
                i = k + 1
                continue
            }
            var j = i + 1
            var name: [UInt8] = []
            while j < u.endIndex, name.count < 64 {
                let c = u[j]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">") || c == UInt8(ascii: "/")
                {
                    break
                }
                name.append(c >= 65 && c <= 90 ? c + 32 : c)
                j += 1
            }
            let local = name.split(separator: UInt8(ascii: ":")).last.map { Array($0) } ?? []
            return local == Array("rss".utf8) || local == Array("feed".utf8) || local == Array("rdf".utf8)
        }
        return false
    }

    /// The index just past the first occurrence of `needle` at or after `from`.
    private static func firstRange(of needle: [UInt8], in hay: ArraySlice<UInt8>, from: Int) -> Int? {
        var k = from
        while k + needle.count <= hay.endIndex {
            if hay[k..<(k + needle.count)].elementsEqual(needle) { return k + needle.count }
            k += 1
        }
        return nil
    }

    /// The item elements of a feed in document order, or nil when the root is not a feed.
    static func itemNodes(_ root: XMLNodeRef) -> [XMLNodeRef]? {
        switch root.lowercasedName {
        case "rss":
            var items: [XMLNodeRef] = []
            for child in root.childElements {
                switch child.lowercasedName {
                case "channel": items += child.childElements.filter { $0.lowercasedName == "item" }
                case "item": items.append(child)
                default: break
                }
            }
            return items
        case "rdf":
            // RSS 1.0 puts items beside the channel; some feeds nest them anyway.
            var items: [XMLNodeRef] = []
            for child in root.childElements {
                switch child.lowercasedName {
                case "item": items.append(child)
                case "channel": items += child.childElements.filter { $0.lowercasedName == "item" }
                default: break
                }
            }
            return items
        case "feed":
            return root.childElements.filter { $0.lowercasedName == "entry" }
        default:
            return nil
        }
    }
}
