/// Lays out the text of an HTML subtree: one paragraph per line, white space inside a paragraph collapsed.
///
/// Works on the UTF-8 bytes libxml2 hands out (entities already decoded), appending to one byte buffer, so a
/// page costs one `String` at the end, not one per node.
struct TextRenderer {
    /// Elements that start and end a line of their own.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tr", "thead", "tbody", "tfoot", "caption", "figure", "header", "footer",
        "address", "hr", "center", "details", "summary", "fieldset", "form", "nav", "aside", "hgroup", "body",
        "html", "content", "entry", "item",
    ]
    /// Cells: a space between them, not a new line.
    static let cells: Set<String> = ["td", "th"]
    /// Lists dropped from the main text when most of their text is links (lists of related articles).
    static let linkLists: Set<String> = ["ul", "ol", "dl", "menu"]

    let rules: BoilerplateRules
    /// Nodes left out on purpose (the headline, which is the title, not text).
    var skipped: Set<NodeID> = []
    /// Never dropped by the rules: the container chosen as the article.
    var protected: NodeID?

    private(set) var output: [UInt8] = []
    private var pendingSpace = false
    private var lineHasText = false
    private var preDepth = 0

    init(rules: BoilerplateRules) {
        self.rules = rules
        output.reserveCapacity(16 * 1024)
    }

    /// The paragraphs rendered so far, separated by "\n" (no newline after the last).
    var text: String {
        let end = output.last == 0x0A ? output.count - 1 : output.count
        return String(decoding: output[..<end], as: UTF8.self)
    }

    mutating func render(_ node: XMLNodeRef) {
        visit(node, depth: 0)
        breakLine()
    }

    private mutating func visit(_ node: XMLNodeRef, depth: Int) {
        if node.isText {
            node.withContent { appendText($0) }
            return
        }
        guard node.isElement, depth < XMLNodeRef.maxDepth else { return }
        if skipped.contains(NodeID(node)) { return }
        let name = node.name
        if name == "br" {
            breakLine()
            return
        }
        if NodeID(node) != protected {
            if rules.isBoilerplate(node, name: name) { return }
            if TextRenderer.linkLists.contains(name), LinkDensity.of(node, rules: rules).isLinkList { return }
        }
        let block = TextRenderer.blocks.contains(name)
        if block { breakLine() }
        if TextRenderer.cells.contains(name) { pendingSpace = lineHasText }
        if name == "pre" { preDepth += 1 }
        for child in node.children { visit(child, depth: depth + 1) }
        if name == "pre" { preDepth -= 1 }
        if block { breakLine() }
        if TextRenderer.cells.contains(name) { pendingSpace = lineHasText }
    }

    /// Ends the current line if it has text.
    private mutating func breakLine() {
        if lineHasText { output.append(0x0A) }
        lineHasText = false
        pendingSpace = false
    }

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A && preDepth > 0 {
                breakLine()
                i += 1
            } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                pendingSpace = lineHasText
                i += 1
            } else if b == 0xC2 && i + 1 < n && bytes[i + 1] == 0xA0 {
                // A no-break space collapses like any other: "&nbsp;" paragraphs are spacers, not text.
                pendingSpace = lineHasText
                i += 2
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                lineHasText = true
                output.append(b)
                i += 1
            }
        }
    }
}
