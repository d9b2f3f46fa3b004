import DossierCore
import Foundation

/// Reads articles from JSON (one object or an array of objects) and JSON Lines (one object per line).
///
/// Fields: `text` (also `body`, `content`), `title` (also `headline`), `published` (also `date`,
/// `publishedAt`, `published_at`, `pubDate`), `url` (also `link`), `source`. Only `text` is required.
public enum JSONArticleReader {
    static let textKeys = ["text", "body", "content"]
    static let titleKeys = ["title", "headline"]
    static let dateKeys = ["published", "date", "publishedAt", "published_at", "pubDate", "datePublished"]
    static let urlKeys = ["url", "link"]

    /// Reads a JSON document: an object, or an array of objects (source `path#N` for the N-th).
    public static func readJSON(_ bytes: [UInt8], source: String, published: CalendarDate?) -> [Result<
        Article, DossierError
    >] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return [.failure(DossierError(.malformedJSON, "malformed JSON: \(reason(error))", input: source))]
        }
        if let object = value as? [String: Any] {
            return [article(object, source: source, published: published, fallbackSource: source)]
        }
        if let array = value as? [Any] {
            if array.isEmpty {
                return [.failure(DossierError(.emptyArticle, "empty JSON array: no articles", input: source))]
            }
            return array.enumerated().map { k, item in
                let itemSource = "\(source)#\(k + 1)"
                guard let object = item as? [String: Any] else {
                    return .failure(DossierError(.malformedJSON, "array item \(k + 1) is not an object", input: source))
                }
                return article(object, source: itemSource, published: published, fallbackSource: itemSource)
            }
        }
        return [
            .failure(DossierError(.malformedJSON, "JSON is neither an object nor an array of objects", input: source))
        ]
    }

    /// Reads one line of JSON Lines (1-based `line`); nil for a blank line.
    public static func readLine(_ bytes: ArraySlice<UInt8>, line: Int, source: String, published: CalendarDate?)
        -> Result<Article, DossierError>?
    {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return .failure(
                DossierError(.malformedJSON, "malformed JSON line: \(reason(error))", input: source, line: line))
        }
        guard let object = value as? [String: Any] else {
            return .failure(DossierError(.malformedJSON, "JSON line is not an object", input: source, line: line))
        }
        switch article(object, source: source, published: published, fallbackSource: "\(source):\(line)") {
        case .success(let a): return .success(a)
        case .failure(var e):
            e.line = line
            return .failure(e)
        }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return "not valid JSON"
    }

    static func string(_ object: [String: Any], _ keys: [String]) -> String?? {
        for k in keys {
            guard let v = object[k] else { continue }
            if v is NSNull { return .some(nil) }
            if let s = v as? String { return .some(s) }
            return nil  // present but not a string
        }
        return .some(nil)
    }

    static func article(_ object: [String: Any], source: String, published: CalendarDate?, fallbackSource: String)
        -> Result<Article, DossierError>
    {
        guard let textField = string(object, textKeys) else {
            return .failure(DossierError(.malformedJSON, "field 'text' is not a string", input: source))
        }
        guard let text = textField else {
            return .failure(
                DossierError(.malformedJSON, "no 'text' field (also tried 'body', 'content')", input: source))
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .failure(DossierError(.emptyArticle, "empty article: 'text' is blank", input: source))
        }
        guard let titleField = string(object, titleKeys), let urlField = string(object, urlKeys),
            let sourceField = string(object, ["source"]), let dateField = string(object, dateKeys)
        else {
            return .failure(DossierError(.malformedJSON, "a field that should be a string is not one", input: source))
        }
        var date = published
        var warnings: [DossierError] = []
        if let d = dateField {
            if let parsed = PublishedDate.parse(d) {
                date = parsed
            } else {
                warnings.append(DossierError(.invalidDate, "cannot read the publication date '\(d)'", input: source))
            }
        }
        let title = titleField.flatMap { $0.isEmpty ? nil : $0 }
        return .success(
            Article(
                title: title, text: text, published: date, source: sourceField ?? urlField ?? fallbackSource,
                url: urlField, warnings: warnings))
    }
}
