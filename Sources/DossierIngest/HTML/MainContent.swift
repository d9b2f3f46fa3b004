/// Finds the element that holds the article: the main container of a page.
///
/// By preference: the `<article>` with the most text, the element marked `itemprop="articleBody"`, `<main>`,
/// else the element whose paragraphs score highest, readability-style. A marked container that holds far
/// less text than the best-scoring one (a teaser card marked up as `<article>`) loses to it.
struct MainContent {
    let rules: BoilerplateRules

    /// Paragraphs shorter than this (non-space bytes) do not vote for their parent.
    static let minParagraph = 25
    /// A marked container must hold at least this share of the best paragraph score's text.
    static let minShareOfBest = 0.25

    enum Choice: String {
        case article, articleBody, main, scored, body
    }

    /// The container and how it was chosen.
    ///
    /// When the class and id rules hide every candidate (a wrapper named like furniture around the whole page),
    /// the search runs again without them; the rules still clean the container's content.
    func find(in root: XMLNodeRef) -> (node: XMLNodeRef, choice: Choice) {
        let found = search(in: root)
        guard found.choice == .body, rules.classAndIDRules else { return found }
        var tagRulesOnly = rules
        tagRulesOnly.classAndIDRules = false
        return MainContent(rules: tagRulesOnly).search(in: root)
    }

    private func search(in root: XMLNodeRef) -> (node: XMLNodeRef, choice: Choice) {
        var articles: [XMLNodeRef] = []
        var articleBody: XMLNodeRef?
        var main: XMLNodeRef?
        var body: XMLNodeRef?
        var scores: [NodeID: (node: XMLNodeRef, score: Double)] = [:]

        root.forEachElement { node, depth in
            let name = node.name
            if name == "body" && body == nil { body = node }
            if depth > 0 && name != "body" && rules.isBoilerplate(node, name: name) { return false }
            if name == "article" { articles.append(node) }
            if articleBody == nil, node.attribute("itemprop")?.lowercased() == "articlebody" { articleBody = node }
            if main == nil, name == "main" || node.attribute("role")?.lowercased() == "main" { main = node }
            if name == "p" || name == "pre" {
                let d = LinkDensity.of(node, rules: rules)
                if d.text >= MainContent.minParagraph, let parent = node.parent {
                    let s = Double(d.text) * (1 - d.density)
                    scores[NodeID(parent), default: (parent, 0)].score += s
                    if let grand = parent.parent { scores[NodeID(grand), default: (grand, 0)].score += s / 2 }
                }
                return false
            }
            return true
        }

        var best: (node: XMLNodeRef, score: Double)?
        // Ties go to the earlier element in document order: iterate in a fixed order, not the dictionary's.
        root.forEachElement { node, _ in
            if let s = scores[NodeID(node)], s.score > (best?.score ?? 0) { best = s }
            return true
        }
        let bar = (best?.score ?? 0) * MainContent.minShareOfBest

        func textOutsideLinks(_ node: XMLNodeRef) -> Double {
            let d = LinkDensity.of(node, rules: rules)
            return Double(d.text - d.links)
        }
        var bestArticle: (node: XMLNodeRef, text: Double)?
        for a in articles {
            let t = textOutsideLinks(a)
            if t > (bestArticle?.text ?? 0) { bestArticle = (a, t) }
        }
        if let a = bestArticle, a.text >= bar { return (a.node, .article) }
        if let b = articleBody, textOutsideLinks(b) >= max(bar, 1) { return (b, .articleBody) }
        if let m = main, textOutsideLinks(m) >= max(bar, 1) { return (m, .main) }
        if let b = best { return (b.node, .scored) }
        return (body ?? root, .body)
    }
}
