/// How much of an element's text is link text: the readability signal for navigation and link lists.
struct LinkDensity {
    var text = 0
    var links = 0

    /// The share of link text, 0 when there is no text.
    var density: Double { text == 0 ? 0 : Double(links) / Double(text) }

    /// A list that is mostly links, or has no text of its own besides them.
    var isLinkList: Bool { text > 0 && density > 0.6 }

    /// Counts non-space bytes of text below `node`, and those inside `<a>`, skipping boilerplate.
    static func of(_ node: XMLNodeRef, rules: BoilerplateRules) -> LinkDensity {
        var d = LinkDensity()
        d.count(node, inLink: false, depth: 0, rules: rules)
        return d
    }

    private mutating func count(_ node: XMLNodeRef, inLink: Bool, depth: Int, rules: BoilerplateRules) {
        if node.isText {
            let n = node.withContent { bytes in
                var c = 0
                for b in bytes where b > 0x20 { c += 1 }
                return c
            }
            text += n
            if inLink { links += n }
            return
        }
        guard node.isElement, depth < XMLNodeRef.maxDepth else { return }
        let name = node.name
        if depth > 0 && rules.isBoilerplate(node, name: name) { return }
        let link = inLink || name == "a"
        for child in node.children { count(child, inLink: link, depth: depth + 1, rules: rules) }
    }
}
