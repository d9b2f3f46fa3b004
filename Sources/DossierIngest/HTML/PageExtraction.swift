import DossierCore
import Foundation

/// Everything read from one parsed page, built while the libxml2 document is alive.
struct PageExtraction {
    var title: String?
    var text: String
    var published: CalendarDate?
    var url: String?

    init(root: XMLNodeRef, rules pageIndependentRules: BoilerplateRules) {
        let rules = pageIndependentRules.exemptingWrappers(in: root)
        let metadata = PageMetadata(root: root)
        let (container, choice) = MainContent(rules: rules).find(in: root)
        let headline =
            PageExtraction.firstHeadline(in: container, rules: rules)
            ?? PageExtraction.firstHeadline(in: root, rules: rules)
        title = PageExtraction.title(
            metadata: metadata, headline: headline.map { Whitespace.collapse($0.textContent) })

        var renderer = TextRenderer(rules: rules)
        renderer.protected = NodeID(container)
        renderer.skipped = PageExtraction.headingsToSkip(in: container, title: title, rules: rules)
        renderer.render(container)
        text = renderer.text
        if text.isEmpty && choice != .body {
            // The chosen container had nothing left after the rules: try the whole page.
            var whole = TextRenderer(rules: rules)
            whole.skipped = PageExtraction.headingsToSkip(in: root, title: title, rules: rules)
            whole.render(root)
            text = whole.text
        }

        published = metadata.publishedDate()
        if published == nil && choice != .body && choice != .scored {
            published = PageExtraction.firstTimeDate(in: container)
        }
        url = metadata.canonical ?? metadata.ogURL
    }

    /// The first `<h1>` below `node` outside page furniture.
    static func firstHeadline(in node: XMLNodeRef, rules: BoilerplateRules) -> XMLNodeRef? {
        var found: XMLNodeRef?
        node.forEachElement { n, depth in
            if found != nil { return false }
            let name = n.name
            if name == "h1", Whitespace.hasText(n) {
                found = n
                return false
            }
            // Headers are furniture for the text, but the headline lives in them.
            if depth > 0 && name != "header" && rules.isBoilerplate(n, name: name) { return false }
            return true
        }
        return found
    }

    /// The title: `og:title`, else `<title>` without a clear site-name suffix, else the headline.
    static func title(metadata: PageMetadata, headline: String?) -> String? {
        if let og = metadata.meta["og:title"].map(Whitespace.collapse), !og.isEmpty { return og }
        if let t = metadata.titleElement.map(Whitespace.collapse), !t.isEmpty {
            return TitleSuffix.strip(
                t, headlines: [headline].compactMap { $0 } + metadata.headings, siteName: metadata.meta["og:site_name"])
        }
        if let h = headline, !h.isEmpty { return h }
        return nil
    }

    /// The headline elements that repeat the title: the first `<h1>` before any paragraph, and any `<h1>`/`<h2>`
    /// whose text is the title.
    static func headingsToSkip(in container: XMLNodeRef, title: String?, rules: BoilerplateRules) -> Set<NodeID> {
        var skip: Set<NodeID> = []
        var seenParagraph = false
        var skippedFirst = false
        let folded = title.map { Whitespace.collapse($0).lowercased() }
        container.forEachElement { n, depth in
            let name = n.name
            if depth > 0 && name != "header" && rules.isBoilerplate(n, name: name) { return false }
            if name == "p" && !seenParagraph && Whitespace.hasText(n) { seenParagraph = true }
            if name == "h1" || name == "h2" {
                let text = Whitespace.collapse(n.textContent).lowercased()
                if (name == "h1" && !seenParagraph && !skippedFirst) || (folded != nil && text == folded) {
                    skip.insert(NodeID(n))
                    if name == "h1" { skippedFirst = true }
                }
                return false
            }
            return true
        }
        return skip
    }

    /// The date of the first `<time datetime>` in the article.
    static func firstTimeDate(in container: XMLNodeRef) -> CalendarDate? {
        var date: CalendarDate?
        container.forEachElement { n, _ in
            if date != nil { return false }
            if n.name == "time", let dt = n.attribute("datetime"), let d = PublishedDate.parse(dt) {
                date = d
                return false
            }
            return true
        }
        return date
    }
}
