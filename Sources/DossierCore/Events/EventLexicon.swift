/// The project's verb and noun patterns for events (`Resources/events/patterns.tsv`; format in docs/events.md).
///
/// Lookups are by the stable hash of a lemma (``StableHash``), which is what the document's interner keeps for
/// every lemma, so the coder never builds a string to find a candidate predicate.
public struct EventLexicon: Sendable {
    /// How a pattern's code combines with a complement clause ("intends to send" -> intent to meet).
    public enum Composition: String, Sendable, Hashable {
        case none, intent, threat, refuse, appeal
    }

    /// One row of the pattern file.
    public struct Pattern: Sendable, Hashable {
        public var isNoun: Bool
        public var lemma: String
        /// A verb particle ("on" in "call on"), nil if none.
        public var particle: String?
        /// `obj` and/or prepositions that introduce the target.
        public var targetSlots: [String]
        /// Hashes of the lemmas the object (verbs) or a modifier (nouns) must have; empty for no constraint.
        public var objectLemmas: Set<UInt64>
        public var code: String
        public var symmetric: Bool
        public var speech: Bool
        public var composition: Composition
        /// Matches only when negated ("has not ruled out").
        public var negated: Bool
        /// A noun that needs a source of its own (possessor, "by" phrase, demonym).
        public var explicitSource: Bool
        /// The row number in the file, for the `rule` of the events it makes.
        public var line: Int

        /// Specificity for choosing between rows: particle and object constraint first.
        var rank: Int { (particle != nil ? 2 : 0) + (objectLemmas.isEmpty ? 0 : 1) }
        public var takesObject: Bool { targetSlots.contains("obj") }
    }

    /// Patterns by lemma hash, most specific first, then in file order.
    public let verbs: [UInt64: [Pattern]]
    public let nouns: [UInt64: [Pattern]]

    public init(parsing text: String, name: String = "patterns.tsv") throws(DossierError) {
        var classes: [String: [String]] = [:]
        var verbs: [UInt64: [Pattern]] = [:]
        var nouns: [UInt64: [Pattern]] = [:]
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let trimmed = raw.drop(while: { $0 == " " })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f[0] == "@" {
                guard f.count >= 3 else { throw DossierError(.resource, "bad word class", input: "\(name):\(line)") }
                classes[f[1]] = f[2].split(separator: " ").map(String.init)
                continue
            }
            guard f.count >= 6, f[0] == "V" || f[0] == "N" else {
                throw DossierError(.resource, "bad pattern row (6 tab-separated columns)", input: "\(name):\(line)")
            }
            let words = f[1].split(separator: " ").map(String.init)
            guard let lemma = words.first else {
                throw DossierError(.resource, "empty lemma", input: "\(name):\(line)")
            }
            var objects: Set<UInt64> = []
            if f[3] != "-" {
                for item in f[3].split(separator: "|") {
                    if item.hasPrefix("@") {
                        guard let members = classes[String(item.dropFirst())] else {
                            throw DossierError(.resource, "unknown word class \(item)", input: "\(name):\(line)")
                        }
                        for m in members { objects.insert(StableHash.hash(m)) }
                    } else {
                        objects.insert(StableHash.hash(String(item)))
                    }
                }
            }
            let options = Set(f[5].split(separator: ",").map { String($0) })
            var composition = Composition.none
            for c in [Composition.intent, .threat, .refuse, .appeal] where options.contains(c.rawValue) {
                composition = c
            }
            let p = Pattern(
                isNoun: f[0] == "N", lemma: lemma, particle: words.count > 1 ? words[1] : nil,
                targetSlots: f[2] == "-" ? [] : f[2].split(separator: "|").map(String.init), objectLemmas: objects,
                code: f[4], symmetric: options.contains("sym"), speech: options.contains("say"),
                composition: composition, negated: options.contains("neg"),
                explicitSource: options.contains("explicit"),
                line: line)
            let key = StableHash.hash(lemma)
            if p.isNoun { nouns[key, default: []].append(p) } else { verbs[key, default: []].append(p) }
        }
        func order(_ d: [UInt64: [Pattern]]) -> [UInt64: [Pattern]] {
            d.mapValues { ps in
                ps.enumerated().sorted { a, b in
                    a.element.rank != b.element.rank ? a.element.rank > b.element.rank : a.offset < b.offset
                }.map(\.element)
            }
        }
        self.verbs = order(verbs)
        self.nouns = order(nouns)
    }

    /// The bundled patterns.
    public static func bundled() throws(DossierError) -> EventLexicon {
        try EventLexicon(parsing: LexiconFile.contents("patterns.tsv", directory: "events"))
    }
}
