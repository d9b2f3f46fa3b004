import DossierCore
import Foundation

/// What one RSS item or Atom entry holds, read while its libxml2 document is alive.
struct FeedItem {
    var title: String?
    var text: String = ""
    var link: String?
    var published: CalendarDate?

    init(_ node: XMLNodeRef) {
        var fullContent: String?
        var shortContent: String?
        var alternate: String?
        var otherLink: String?
        var permalink: String?
        var publishedDate: CalendarDate?
        var updatedDate: CalendarDate?

        for child in node.childElements {
            switch child.lowercasedName {
            case "title":
                if title == nil {
                    let type: ContentType = FeedItem.isAtom(node) ? .text : .html
                    let t = Whitespace.collapse(FeedItem.text(of: child, defaultType: type))
                    if !t.isEmpty { title = t }
                }
            case "link":
                if let href = child.attribute("href").map(FeedItem.trim), !href.isEmpty {
                    // Atom: rel defaults to "alternate"; prefer an HTML alternate.
                    let rel = child.attribute("rel")?.lowercased() ?? "alternate"
                    if rel == "alternate" {
                        let type = child.attribute("type")?.lowercased()
                        if alternate == nil || type == "text/html" { alternate = href }
                    }
                } else {
                    let href = FeedItem.trim(child.textContent)
                    if !href.isEmpty && otherLink == nil { otherLink = href }
                }
            case "guid", "id":
                let value = FeedItem.trim(child.textContent)
                if permalink == nil, child.attribute("ispermalink")?.lowercased() != "false",
                    value.hasPrefix("http://") || value.hasPrefix("https://")
                {
                    permalink = value
                }
            case "pubdate", "published", "issued", "date", "created":
                if publishedDate == nil { publishedDate = PublishedDate.parse(child.textContent) }
            case "updated", "modified":
                if updatedDate == nil { updatedDate = PublishedDate.parse(child.textContent) }
            case "encoded":
                if fullContent == nil { fullContent = FeedItem.text(of: child, defaultType: .html) }
            case "content":
                // Atom content with a src attribute points elsewhere: there is no text here.
                if fullContent == nil, child.attribute("src") == nil {
                    fullContent = FeedItem.text(of: child, defaultType: FeedItem.isAtom(node) ? .text : .html)
                }
            case "description":
                if shortContent == nil { shortContent = FeedItem.text(of: child, defaultType: .html) }
            case "summary":
                if shortContent == nil { shortContent = FeedItem.text(of: child, defaultType: .text) }
            default:
                break
            }
        }
        link = alternate ?? otherLink ?? permalink
        published = publishedDate ?? updatedDate
        if let full = fullContent, !full.isEmpty {
            text = full
        } else {
            text = shortContent ?? ""
        }
    }

    /// Atom entries are `<entry>`; RSS items are `<item>`.
    static func isAtom(_ node: XMLNodeRef) -> Bool { node.lowercasedName == "entry" }

    enum ContentType { case text, html, xhtml }

    /// The plain text of a title, content, summary or description element, by its `type` attribute.
    static func text(of node: XMLNodeRef, defaultType: ContentType) -> String {
        var type = defaultType
        if let t = node.attribute("type")?.lowercased() {
            if t == "html" || t == "text/html" || t == "escaped" {
                type = .html
            } else if t == "xhtml" || t.hasSuffix("xhtml+xml") {
                type = .xhtml
            } else if t == "text" || t == "text/plain" {
                type = .text
            }
        }
        switch type {
        case .xhtml:
            var renderer = TextRenderer(rules: (try? BoilerplateRules.bundled.get()) ?? .none)
            renderer.protected = NodeID(node)
            renderer.render(node)
            return renderer.text
        case .html:
            let raw = node.textContent
            // Escaped HTML, or plain text in a field that may hold HTML: only markup needs the HTML parser.
            if !raw.utf8.contains(UInt8(ascii: "<")) && !raw.utf8.contains(UInt8(ascii: "&")) {
                return plainText(raw)
            }
            return HTMLReader.extractText(Array(raw.utf8))
        case .text:
            return plainText(node.textContent)
        }
    }

    /// Plain text laid out like HTML text: paragraphs (separated by blank lines) one per line, white space
    /// inside a paragraph collapsed.
    static func plainText(_ raw: String) -> String {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(Whitespace.collapse(current.joined(separator: " "))) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(Whitespace.collapse(current.joined(separator: " "))) }
        return paragraphs.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}
