import DossierCore
import Foundation

/// Reads a news article from an HTML page: the main text without the page's furniture, and its metadata.
///
/// The page is parsed by libxml2's forgiving HTML parser, so broken markup reads like a browser would show it
/// and no byte sequence makes it fail. Then:
/// - the main container is chosen (``MainContent``), page furniture dropped by the rules in
///   `Resources/html-boilerplate.tsv` (navigation, share bars, related links, footers, ...), and its text laid
///   out one paragraph per line (``TextRenderer``); the headline is the title, not part of the text;
/// - the title comes from `og:title`, else `<title>` (without a " | Site" suffix when the headline or
///   `og:site_name` shows where it starts), else the first `<h1>`;
/// - the publication date from meta tags, `itemprop="datePublished"`, JSON-LD, or a `<time datetime>` in the
///   article, else `published`;
/// - the URL from `<link rel="canonical">`, else `og:url`.
public enum HTMLReader {
    /// Reads one article from the bytes of an HTML page.
    ///
    /// - Returns: the article, or `.noTextInHTML` when the page has no article text, `.resource` when the
    ///   boilerplate rules are missing from the package.
    /// - Complexity: O(n) in the size of the page, plus O(n·d) for link-density checks of nested lists of depth d.
    public static func read(_ bytes: [UInt8], source: String, published: CalendarDate?) -> Result<Article, DossierError>
    {
        let rules: BoilerplateRules
        switch BoilerplateRules.bundled {
        case .success(let r): rules = r
        case .failure(let e): return .failure(e)
        }
        let input = HTMLInput(bytes, source: source)
        let page = LibXML.withHTMLDocument(input.bytes, encoding: input.encoding) { root in
            PageExtraction(root: root, rules: rules)
        }
        guard let page, !page.text.isEmpty else {
            return .failure(DossierError(.noTextInHTML, "no article text found in HTML", input: source))
        }
        return .success(
            Article(
                title: page.title, text: page.text, published: page.published ?? published, source: source,
                url: page.url, warnings: input.warnings))
    }

    /// The plain text of an HTML fragment (a feed item's description, say): one paragraph per line.
    ///
    /// Applies the same furniture rules as ``read(_:source:published:)`` but chooses no container.
    public static func extractText(_ bytes: [UInt8]) -> String {
        let rules = (try? BoilerplateRules.bundled.get()) ?? BoilerplateRules.none
        let input = HTMLInput(bytes, source: "")
        return LibXML.withHTMLDocument(input.bytes, encoding: input.encoding) { root in
            var renderer = TextRenderer(rules: rules.exemptingWrappers(in: root))
            renderer.protected = NodeID(root)
            renderer.render(root)
            return renderer.text
        } ?? ""
    }
}
