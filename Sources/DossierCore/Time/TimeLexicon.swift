/// The word lists of the temporal tagger (`Resources/time/words.tsv`): words grouped in classes, each with a value.
///
/// Lookups go by the ``StableHash`` of a lowercase form, so the matcher compares a token's precomputed hash
/// and never builds a string.
public struct TimeLexicon: Sendable {
    /// One word of one class, with its number (months, counts, offsets) and code (units, seasons, references).
    public struct Entry: Sendable, Hashable {
        public var cls: Int
        public var number: Int
        public var code: String
    }

    /// Class names in the order they were first seen; a class id is an index here (at most 64 classes).
    public private(set) var classNames: [String] = []
    /// Entries of each word, keyed by the stable hash of its lowercase form.
    private var byHash: [UInt64: [Entry]] = [:]

    /// Reads a word list: `class <TAB> word <TAB> value` per line.
    public init(text: String, name: String = "words.tsv") throws(DossierError) {
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let trimmed = raw.drop(while: { $0 == " " })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 3, !f[0].isEmpty, !f[1].isEmpty else {
                throw DossierError(.resource, "expected 'class<TAB>word<TAB>value'", input: "time/\(name)", line: line)
            }
            let clsName = String(f[0])
            let cls: Int
            if let i = classNames.firstIndex(of: clsName) {
                cls = i
            } else {
                guard classNames.count < 64 else {
                    throw DossierError(.resource, "more than 64 word classes", input: "time/\(name)", line: line)
                }
                classNames.append(clsName)
                cls = classNames.count - 1
            }
            let code = String(f[2])
            let entry = Entry(cls: cls, number: Int(code) ?? 0, code: code)
            byHash[StableHash.hash(String(f[1])), default: []].append(entry)
        }
    }

    /// The engine's word lists.
    public static func standard() throws(DossierError) -> TimeLexicon {
        try TimeLexicon(text: TimeResources.contents("words.tsv"))
    }

    /// The id of a class, or nil if no word has it.
    public func classID(_ name: some StringProtocol) -> Int? {
        classNames.firstIndex(where: { $0 == name })
    }

    /// The entries of the word with this hash, or nil when it is in no list.
    public func entries(_ hash: UInt64) -> [Entry]? { byHash[hash] }

    /// The bit mask of the classes of the word with this hash.
    public func classMask(_ hash: UInt64) -> UInt64 {
        guard let es = byHash[hash] else { return 0 }
        var m: UInt64 = 0
        for e in es { m |= 1 << UInt64(e.cls) }
        return m
    }
}
