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

/// The bytes handed to libxml2 and the encoding to force.
///
/// A page that declares no charset or UTF-8 is repaired to valid UTF-8 first (each invalid sequence replaced
/// by U+FFFD and reported as a warning) and parsed as UTF-8, whatever libxml2 would have guessed. A page that
/// declares another charset, or starts with a UTF-16 byte-order mark, is left to libxml2's converters.
struct HTMLInput {
    var bytes: [UInt8]
    var encoding: String?
    var warnings: [DossierError] = []

    init(_ raw: [UInt8], source: String) {
        if raw.count >= 2 && ((raw[0] == 0xFE && raw[1] == 0xFF) || (raw[0] == 0xFF && raw[1] == 0xFE)) {
            bytes = raw
            encoding = nil
            return
        }
        let declared = HTMLInput.declaredCharset(raw) ?? FeedInput.declaredEncoding(raw)  // XHTML: <?xml encoding?>
        if let declared, declared != "utf-8", declared != "utf8" {
            bytes = raw
            encoding = nil
            return
        }
        let repaired = UTF8Repair.decode(raw)
        if repaired.replacedAt.isEmpty {
            bytes = repaired.hadBOM ? Array(raw.dropFirst(3)) : raw
        } else {
            bytes = Array(repaired.text.utf8)
            let n = repaired.replacedAt.count
            warnings.append(
                DossierError(
                    .invalidUTF8, "\(n) invalid UTF-8 sequence\(n == 1 ? "" : "s") replaced by U+FFFD",
                    input: source, line: repaired.replacedAt.first))
        }
        encoding = "UTF-8"
    }

    /// The lowercased `charset=` value in the first 2 KB (meta tags come early), if any.
    static func declaredCharset(_ raw: [UInt8]) -> String? {
        let head = raw.prefix(2048).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        let key = Array("charset".utf8)
        guard head.count > key.count else { return nil }
        var i = 0
        while i + key.count <= head.count {
            if head[i] == key[0] && Array(head[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < head.count && (head[j] == 0x20 || head[j] == 0x09) { j += 1 }
                guard j < head.count, head[j] == UInt8(ascii: "=") else {
                    i += 1
                    continue
                }
                j += 1
                while j < head.count && (head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27) { j += 1 }
                var value: [UInt8] = []
                while j < head.count, value.count < 40 {
                    let b = head[j]
                    let ok =
                        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 0x2D || b == 0x5F || b == 0x3A
                        || b == 0x2E
                    guard ok else { break }
                    value.append(b)
                    j += 1
                }
                return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}

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

/// Strips a site name from a `<title>` ("Talks resume | The Harbour Post") when the page shows where it starts.
enum TitleSuffix {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " // "]

    /// `title` without its suffix when one of `headlines` is the part before a separator, or `siteName` the
    /// part after it; else `title` as it is.
    static func strip(_ title: String, headlines: [String], siteName: String?) -> String {
        let heads = Set(headlines.map { $0.lowercased() }.filter { !$0.isEmpty })
        let site = siteName.map { Whitespace.collapse($0).lowercased() }
        if heads.contains(title.lowercased()) { return title }
        for sep in separators {
            var search = title.endIndex
            while let r = title.range(of: sep, options: .backwards, range: title.startIndex..<search) {
                let prefix = String(title[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                let suffix = String(title[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                if !prefix.isEmpty {
                    if heads.contains(prefix.lowercased()) { return prefix }
                    if let site, !site.isEmpty, suffix.lowercased() == site { return prefix }
                }
                search = r.lowerBound
            }
        }
        return title
    }
}

/// White space handling for short strings (titles, headings), on UTF-8 bytes.
enum Whitespace {
    /// Trims and collapses every run of ASCII white space and no-break spaces into one space.
    static func collapse(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        var previous: UInt8 = 0
        for b in s.utf8 {
            defer { previous = b }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                space = !out.isEmpty
            } else if b == 0xC2 {
                continue  // decided by the next byte
            } else if previous == 0xC2 && b == 0xA0 {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20) }
                space = false
                if previous == 0xC2 { out.append(0xC2) }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text below `node` has anything but white space.
    static func hasText(_ node: XMLNodeRef) -> Bool {
        var found = false
        func visit(_ n: XMLNodeRef, depth: Int) {
            if found { return }
            if n.isText {
                found = n.withContent { bytes in bytes.contains { $0 > 0x20 && $0 != 0xC2 && $0 != 0xA0 } }
                return
            }
            guard depth < XMLNodeRef.maxDepth else { return }
            for c in n.children { visit(c, depth: depth + 1) }
        }
        visit(node, depth: 0)
        return found
    }
}
