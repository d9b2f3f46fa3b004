import DossierCore
import Foundation

/// What a page says about itself: meta tags, `<title>`, the canonical link, JSON-LD, dated `<time>` elements.
struct PageMetadata {
    /// `<meta>` contents by lowercased `property`, `name` or `itemprop`, first occurrence kept.
    var meta: [String: String] = [:]
    var titleElement: String?
    var canonical: String?
    var jsonLD: [String] = []
    /// `<time itemprop="datePublished">`: its `datetime`, or its text.
    var itempropTime: String?
    /// The text of the page's first `<h1>` elements (a logo may come before the headline).
    var headings: [String] = []

    /// Meta keys that carry the publication date, most trusted first.
    static let dateKeys = [
        "article:published_time", "og:published_time", "article:published", "datepublished", "pubdate",
        "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dcterms.issued",
        "dcterms.created", "dc.date", "sailthru.date", "parsely-pub-date",
    ]

    init(root: XMLNodeRef) {
        root.forEachElement { node, _ in
            switch node.name {
            case "meta":
                guard let content = node.attribute("content") else { break }
                for key in ["property", "name", "itemprop"] {
                    if let k = node.attribute(key)?.lowercased(), meta[k] == nil { meta[k] = content }
                }
            case "title":
                if titleElement == nil { titleElement = node.textContent }
            case "link":
                if canonical == nil, let rel = node.attribute("rel")?.lowercased(),
                    rel.split(separator: " ").contains("canonical"),
                    let href = node.attribute("href")?.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty
                {
                    canonical = href
                }
            case "script":
                if node.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) == "application/ld+json" {
                    jsonLD.append(node.textContent)
                }
                return false
            case "h1":
                if headings.count < 8 { headings.append(Whitespace.collapse(node.textContent)) }
                return false
            case "time":
                if itempropTime == nil, node.attribute("itemprop")?.lowercased() == "datepublished" {
                    itempropTime = node.attribute("datetime") ?? node.textContent
                }
            default: break
            }
            return true
        }
    }

    /// The publication date the page declares, most trusted source first.
    func publishedDate() -> CalendarDate? {
        for key in PageMetadata.dateKeys {
            if let v = meta[key], let d = PublishedDate.parse(v) { return d }
        }
        if let t = itempropTime, let d = PublishedDate.parse(t) { return d }
        for block in jsonLD {
            if let v = JSONLD.datePublished(in: block), let d = PublishedDate.parse(v) { return d }
        }
        return nil
    }

    /// `og:url`, the fallback when there is no canonical link.
    var ogURL: String? {
        guard let u = meta["og:url"]?.trimmingCharacters(in: .whitespacesAndNewlines), !u.isEmpty else { return nil }
        return u
    }
}

/// Reads `datePublished` from a JSON-LD block: an object, an array of objects, or an `@graph`.
enum JSONLD {
    static let articleTypes = [
        "article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "webpage",
    ]

    static func datePublished(in text: String) -> String? {
        guard let data = text.data(using: .utf8),
            let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        var found: [(isArticle: Bool, date: String)] = []
        collect(json, into: &found, depth: 0)
        return (found.first(where: \.isArticle) ?? found.first)?.date
    }

    private static func collect(_ value: Any, into found: inout [(isArticle: Bool, date: String)], depth: Int) {
        guard depth < 32 else { return }
        if let array = value as? [Any] {
            for v in array { collect(v, into: &found, depth: depth + 1) }
        } else if let object = value as? [String: Any] {
            if let date = object["datePublished"] as? String {
                let types: [String] = (object["@type"] as? [String]) ?? [(object["@type"] as? String) ?? ""]
                found.append((types.contains { articleTypes.contains($0.lowercased()) }, date))
            }
            // Fixed key order, so the same page always gives the same date.
            for key in object.keys.sorted() where key != "datePublished" {
                if let v = object[key] { collect(v, into: &found, depth: depth + 1) }
            }
        }
    }
}
