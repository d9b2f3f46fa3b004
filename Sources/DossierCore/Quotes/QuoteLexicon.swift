import Foundation

/// The word lists of the quotes stage: reporting cues, function words, and the words of speaker phrases.
///
/// Loaded from `Resources/quotes/*.tsv` (data, not code). Entries are keyed by the stable hash of their
/// lowercase form, the same hash the ``Interner`` keeps for every token, so lookups allocate nothing.
public struct QuoteLexicon: Sendable {
    /// What a reporting cue does.
    public enum CueClass: String, Sendable, Hashable {
        /// A verb of saying: "said", "told", "warned".
        case speech
        /// A speaker going on: "continued", "added".
        case continuation
        /// Reports speech only when a quoted phrase follows: "called the talks “constructive”".
        case partial
        /// A text or study that states something: "the report shows that".
        case evidence
    }

    /// Classes of function words (a word may have several).
    public struct WordClass: OptionSet, Sendable, Hashable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let aux = WordClass(rawValue: 1 << 0)
        public static let time = WordClass(rawValue: 1 << 1)
        public static let audience = WordClass(rawValue: 1 << 2)
        public static let pronoun = WordClass(rawValue: 1 << 3)
        public static let naming = WordClass(rawValue: 1 << 4)
        public static let prep = WordClass(rawValue: 1 << 5)
        public static let stop = WordClass(rawValue: 1 << 6)
        // Speaker-phrase words (sources.tsv).
        public static let person = WordClass(rawValue: 1 << 7)
        public static let group = WordClass(rawValue: 1 << 8)
        public static let artifact = WordClass(rawValue: 1 << 9)
        public static let modifier = WordClass(rawValue: 1 << 10)
        public static let title = WordClass(rawValue: 1 << 11)
        // Words that bound a speaker phrase (words.tsv).
        public static let medium = WordClass(rawValue: 1 << 12)
        public static let tail = WordClass(rawValue: 1 << 13)
        /// Adjectives and participles of a source's access ("familiar with", "close to", "briefed on").
        public static let informed = WordClass(rawValue: 1 << 14)

        /// A noun that can head a speaker phrase.
        public static let sourceNoun: WordClass = [.person, .group, .artifact]

        static func named(_ s: Substring) -> WordClass? {
            switch s {
            case "aux": return .aux
            case "time": return .time
            case "audience": return .audience
            case "pronoun": return .pronoun
            case "naming": return .naming
            case "prep": return .prep
            case "stop": return .stop
            case "person": return .person
            case "group": return .group
            case "artifact": return .artifact
            case "modifier": return .modifier
            case "title": return .title
            case "medium": return .medium
            case "tail": return .tail
            case "informed": return .informed
            default: return nil
            }
        }
    }

    /// A cue form: its lemma and class.
    public struct Cue: Sendable, Hashable {
        public var lemma: String
        public var cueClass: CueClass
        /// The cue reports only a clause, never a noun phrase object ("maintained that ..." reports,
        /// "maintained a lead" does not): cues.tsv's optional fourth column `clause`.
        public var clauseOnly = false

        public init(lemma: String, cueClass: CueClass, clauseOnly: Bool = false) {
            self.lemma = lemma
            self.cueClass = cueClass
            self.clauseOnly = clauseOnly
        }
    }

    /// Cue forms by the stable hash of their lowercase form.
    public let cues: [UInt64: Cue]
    /// Word classes by the stable hash of the lowercase form.
    public let words: [UInt64: WordClass]

    /// A lexicon from the text of its three files (see `Resources/quotes`).
    public init(cues cueText: String, words wordText: String, sources sourceText: String) throws(DossierError) {
        var cues: [UInt64: Cue] = [:]
        for row in LexiconFile.parse(cueText) {
            guard row.count >= 3, let cls = CueClass(rawValue: String(row[1])) else {
                throw DossierError(
                    .resource, "bad line in cues.tsv: \(row.joined(separator: " | "))", input: "quotes/cues.tsv")
            }
            let flags = row.count > 3 ? row[3].split(separator: " ").map(String.init) : []
            guard flags.allSatisfy({ $0 == "clause" }) else {
                throw DossierError(
                    .resource, "unknown flag in cues.tsv: \(row.joined(separator: " | "))", input: "quotes/cues.tsv")
            }
            for form in row[2].split(separator: " ") {
                cues[StableHash.hash(String(form))] = Cue(
                    lemma: String(row[0]), cueClass: cls, clauseOnly: flags.contains("clause"))
            }
        }
        var words: [UInt64: WordClass] = [:]
        for (name, text) in [("words.tsv", wordText), ("sources.tsv", sourceText)] {
            for row in LexiconFile.parse(text) {
                guard row.count >= 2, let cls = WordClass.named(row[1]) else {
                    throw DossierError(
                        .resource, "bad line in \(name): \(row.joined(separator: " | "))", input: "quotes/\(name)")
                }
                words[StableHash.hash(String(row[0])), default: []].insert(cls)
            }
        }
        self.cues = cues
        self.words = words
    }

    /// The engine's lexicon, from the package resources.
    public static func standard() throws(DossierError) -> QuoteLexicon {
        try QuoteLexicon(cues: try file("cues.tsv"), words: try file("words.tsv"), sources: try file("sources.tsv"))
    }

    /// The text of a file in `Resources/quotes`.
    static func file(_ name: String) throws(DossierError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "quotes") else {
            throw DossierError(
                .resource, "lexicon 'quotes/\(name)' is missing from the engine's resources", input: name)
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DossierError(
                .resource, "lexicon 'quotes/\(name)' cannot be read: \(error.localizedDescription)", input: name)
        }
    }

    @inline(__always) func cue(_ hash: UInt64) -> Cue? { cues[hash] }
    @inline(__always) func classes(_ hash: UInt64) -> WordClass { words[hash] ?? [] }
}
