import DossierCore
import Foundation

/// Which HTML elements are page furniture rather than article text, read from `Resources/html-boilerplate.tsv`.
///
/// The rules are data, so a site that defeats them is fixed by a line in the file, not by code. Elements that
/// can never hold article text at all (scripts, styles, the head) are not rules but HTML itself: see
/// ``nonText``.
struct BoilerplateRules: Sendable {
    var tags: Set<String> = []
    var roles: Set<String> = []
    var words: Set<String> = []
    var contains: [String] = []
    var keep: [String] = []

    /// Elements whose content is never text a reader sees.
    static let nonText: Set<String> = [
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "video", "audio", "map", "select", "option", "textarea", "input", "link", "meta", "title", "picture",
        "source",
    ]

    /// Inline elements that class and id rules leave alone: dropping one would cut words out of a sentence.
    static let inline: Set<String> = ["a", "b", "strong", "em", "i", "u", "abbr", "cite", "q", "sub", "sup", "small"]

    /// The rules shipped with the package, loaded once.
    static let bundled: Result<BoilerplateRules, DossierError> = load()

    /// An empty rule set: only ``nonText`` elements are dropped.
    static let none = BoilerplateRules()

    static func load() -> Result<BoilerplateRules, DossierError> {
        let name = "html-boilerplate.tsv"
        guard let url = Bundle.module.url(forResource: "html-boilerplate", withExtension: "tsv",
                                          subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "html-boilerplate", withExtension: "tsv")
        else {
            return .failure(DossierError(.resource, "data file '\(name)' is missing from the ingest resources",
                                         input: name))
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(DossierError(.resource, "data file '\(name)' cannot be read", input: name))
        }
        return parse(text, name: name)
    }

    /// Reads rules from the text of a rules file.
    static func parse(_ text: String, name: String) -> Result<BoilerplateRules, DossierError> {
        var rules = BoilerplateRules()
        for (index, row) in LexiconFile.parse(text).enumerated() {
            guard row.count >= 2, !row[1].isEmpty else {
                return .failure(DossierError(.resource, "rule \(index + 1) needs a kind and a pattern", input: name))
            }
            let pattern = String(row[1]).lowercased()
            switch row[0] {
            case "tag": rules.tags.insert(pattern)
            case "role": rules.roles.insert(pattern)
            case "word": rules.words.insert(pattern)
            case "contains": rules.contains.append(pattern)
            case "keep": rules.keep.append(pattern)
            default:
                return .failure(DossierError(.resource, "rule \(index + 1) has an unknown kind '\(row[0])'",
                                             input: name))
            }
        }
        return .success(rules)
    }

    /// Whether the element `node` named `name` is furniture to drop with everything inside it.
    func isBoilerplate(_ node: XMLNodeRef, name: String) -> Bool {
        if BoilerplateRules.nonText.contains(name) || tags.contains(name) { return true }
        if let role = node.attribute("role")?.lowercased(), roles.contains(role) { return true }
        if node.attribute("hidden") != nil { return true }
        if node.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let style = node.attribute("style")?.lowercased(), style.contains("display:none")
            || style.contains("display: none") || style.contains("visibility:hidden")
        {
            return true
        }
        if BoilerplateRules.inline.contains(name) { return false }
        var names: [String] = []
        if let c = node.attribute("class") { names += c.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) }
        if let id = node.attribute("id") { names.append(id) }
        if names.isEmpty { return false }
        let normalized = names.map(BoilerplateRules.normalize)
        for n in normalized { for k in keep where n.contains(k) { return false } }
        for n in normalized {
            for c in contains where n.contains(c) { return true }
            for w in n.split(separator: "-") where words.contains(String(w)) { return true }
        }
        return false
    }

    /// Lowercases a class name or id and reads every run of characters other than letters and digits as one "-".
    static func normalize(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var dash = false
        for scalar in s.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                out.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
        }
        return out
    }
}
