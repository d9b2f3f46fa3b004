/// The abbreviation lexicon (`abbreviations.tsv`) and the sentence openers (`sentence-openers.tsv`),
/// indexed for byte look-ups.
public struct Abbreviations: Sendable {
    public enum Kind: UInt8, Sendable {
        /// Precedes a name or number; never ends a sentence.
        case title
        /// May end a sentence.
        case other
        /// Keeps its period only before a number ("No. 5").
        case number
    }

    var table = Interner(capacity: 256)
    var kinds: [Kind] = [.other]  // id 0 is the empty string
    var openers = Interner(capacity: 64)

    /// Loads the lexicons shipped with the engine.
    public static func standard() throws(DossierError) -> Abbreviations {
        var a = Abbreviations()
        for row in try LexiconFile.rows("abbreviations.tsv") {
            let kind: Kind
            switch row.count > 1 ? row[1] : "" {
            case "title": kind = .title
            case "number": kind = .number
            default: kind = .other
            }
            a.add(String(row[0]), kind)
        }
        for row in try LexiconFile.rows("sentence-openers.tsv") {
            _ = a.openers.intern(String(row[0]))
        }
        return a
    }

    /// An empty table (for tests that build their own).
    public init() {}

    public mutating func add(_ abbreviation: String, _ kind: Kind) {
        let id = table.intern(abbreviation.lowercased())
        if Int(id) == kinds.count { kinds.append(kind) } else { kinds[Int(id)] = kind }
    }

    /// The kind of the lowercased abbreviation in `bytes` (without its period), or nil.
    func kind(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        guard let id = table.lookup(bytes), id != 0 else { return nil }
        return kinds[Int(id)]
    }

    /// True if the lowercased word in `bytes` usually opens a sentence.
    func isOpener(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let id = openers.lookup(bytes) else { return false }
        return id != 0
    }
}
