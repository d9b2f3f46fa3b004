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
    // The same patterns as bytes, for matching against libxml2's attribute bytes.
    private var containsBytes: [[UInt8]] = []
    private var keepBytes: [[UInt8]] = []
    private var wordBytes: Set<[UInt8]> = []
    /// Elements of the current page that class and id rules leave alone (see ``exemptingWrappers(in:)``).
    var exempt: Set<NodeID> = []
    /// Off only while searching for a container on a page where the rules hid every candidate.
    var classAndIDRules = true

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
        guard
            let url = Bundle.module.url(
                forResource: "html-boilerplate", withExtension: "tsv",
                subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "html-boilerplate", withExtension: "tsv")
        else {
            return .failure(
                DossierError(
                    .resource, "data file '\(name)' is missing from the ingest resources",
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
                return .failure(
                    DossierError(
                        .resource, "rule \(index + 1) has an unknown kind '\(row[0])'",
                        input: name))
            }
        }
        rules.containsBytes = rules.contains.map { Array($0.utf8) }
        rules.keepBytes = rules.keep.map { Array($0.utf8) }
        rules.wordBytes = Set(rules.words.map { Array($0.utf8) })
        return .success(rules)
    }

    /// Whether the element `node` named `name` is furniture to drop with everything inside it.
    ///
    /// Called for every element of a page, several times: it reads the attributes once, compares bytes, and
    /// makes no `String` unless the element has a class, id, role or style.
    func isBoilerplate(_ node: XMLNodeRef, name: String) -> Bool {
        if BoilerplateRules.nonText.contains(name) || tags.contains(name) { return true }
        var classOrID: [[UInt8]] = []
        var attr = node.pointer.pointee.properties
        while let a = attr {
            attr = a.pointee.next
            guard let n = a.pointee.name else { continue }
            switch AttributeName(n) {
            case .role:
                if roles.contains(XMLNodeRef.value(of: a).lowercased()) { return true }
            case .hidden:
                return true
            case .ariaHidden:
                if XMLNodeRef.value(of: a).lowercased() == "true" { return true }
            case .style:
                let style = XMLNodeRef.value(of: a).lowercased().filter { $0 != " " }
                if style.contains("display:none") || style.contains("visibility:hidden") { return true }
            case .class:
                if !BoilerplateRules.inline.contains(name) {
                    let value = Array(XMLNodeRef.value(of: a).utf8)
                    for c in value.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                        classOrID.append(BoilerplateRules.normalize(c))
                    }
                }
            case .id:
                if !BoilerplateRules.inline.contains(name) {
                    classOrID.append(BoilerplateRules.normalize(Array(XMLNodeRef.value(of: a).utf8)[...]))
                }
            case .other:
                break
            }
        }
        if classOrID.isEmpty || !classAndIDRules || exempt.contains(NodeID(node)) { return false }
        for n in classOrID { for k in keepBytes where n.contains(k) { return false } }
        for n in classOrID {
            for c in containsBytes where n.contains(c) { return true }
            for w in n.split(separator: UInt8(ascii: "-")) where wordBytes.contains(Array(w)) { return true }
        }
        return false
    }

    /// These rules for one page: the elements that wrap its article are exempt from the class and id rules.
    ///
    /// A page whose wrapper is `<div class="layout-with-sidebar">`, or `<body class="has-comments">`, would
    /// otherwise lose its whole article. Wrappers are the ancestors of `<body>`, `<main>`, `role="main"`,
    /// `itemprop="articleBody"`, and the `<article>` with the most text. (Not the `<h1>`: its wrapper is
    /// often the byline box.) Tag and role rules
    /// still apply to them.
    func exemptingWrappers(in root: XMLNodeRef) -> BoilerplateRules {
        var markers: [XMLNodeRef] = []
        var largest: (node: XMLNodeRef, size: Int)?
        root.forEachElement { node, _ in
            let name = node.name
            if BoilerplateRules.nonText.contains(name) { return false }
            switch name {
            case "body", "main":
                markers.append(node)
            case "article":
                let size = LinkDensity.of(node, rules: .none).text
                if size > (largest?.size ?? 0) { largest = (node, size) }
            default:
                if node.attribute("role")?.lowercased() == "main"
                    || node.attribute("itemprop")?.lowercased() == "articlebody"
                {
                    markers.append(node)
                }
            }
            return true
        }
        if let largest { markers.append(largest.node) }
        var copy = self
        for marker in markers {
            if marker.name == "body" { copy.exempt.insert(NodeID(marker)) }
            var up = marker.parent
            while let p = up, copy.exempt.insert(NodeID(p)).inserted { up = p.parent }
        }
        return copy
    }

    /// Lowercases a class name or id (ASCII) and reads every run of ASCII characters other than letters and
    /// digits as one "-". Bytes of other scripts count as letters.
    static func normalize(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var dash = false
        for b in s {
            let lower = b >= 65 && b <= 90 ? b + 32 : b
            if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower >= 0x80 {
                if dash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                dash = false
                out.append(lower)
            } else {
                dash = true
            }
        }
        return out
    }

    static func normalize(_ s: String) -> String {
        String(decoding: normalize(Array(s.utf8)[...]), as: UTF8.self)
    }

}

/// The attribute names the boilerplate rules look at, recognized from libxml2's bytes without a `String`.
enum AttributeName {
    case role, hidden, ariaHidden, style, `class`, id, other

    init(_ name: UnsafePointer<UInt8>) {
        func equals(_ literal: StaticString) -> Bool {
            let n = literal.utf8CodeUnitCount
            let l = literal.utf8Start
            for i in 0..<n {
                let b = name[i]
                guard b != 0, (b >= 65 && b <= 90 ? b + 32 : b) == l[i] else { return false }
            }
            return name[n] == 0
        }
        switch name[0] | 0x20 {
        case UInt8(ascii: "c"): self = equals("class") ? .class : .other
        case UInt8(ascii: "i"): self = equals("id") ? .id : .other
        case UInt8(ascii: "r"): self = equals("role") ? .role : .other
        case UInt8(ascii: "h"): self = equals("hidden") ? .hidden : .other
        case UInt8(ascii: "a"): self = equals("aria-hidden") ? .ariaHidden : .other
        case UInt8(ascii: "s"): self = equals("style") ? .style : .other
        default: self = .other
        }
    }
}

extension [UInt8] {
    /// Whether `needle` occurs in this array (naive search: both are a few dozen bytes).
    func contains(_ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard n <= count else { return false }
        var i = 0
        while i + n <= count {
            if self[i] == needle[0] {
                var j = 1
                while j < n && self[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}
