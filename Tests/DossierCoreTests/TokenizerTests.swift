import DossierCore
import Foundation
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    static let cases: [(String, [String])] = [
        (
            "US Secretary of State Antonia Blake met Mr. Okafor.",
            ["US", "Secretary", "of", "State", "Antonia", "Blake", "met", "Mr.", "Okafor", "."]
        ),
        ("The U.S. and the U.K. agreed.", ["The", "U.S.", "and", "the", "U.K.", "agreed", "."]),
        (
            "Talks resumed at 3 p.m. on Jan. 5, 2024.",
            ["Talks", "resumed", "at", "3", "p.m.", "on", "Jan.", "5", ",", "2024", "."]
        ),
        (
            "Lai Ching-te leads a self-governing island.",
            ["Lai", "Ching-te", "leads", "a", "self-governing", "island", "."]
        ),
        (
            "Norvia's envoy said they don't agree.",
            ["Norvia", "'s", "envoy", "said", "they", "do", "n't", "agree", "."]
        ),
        ("The ministers' statement came late.", ["The", "ministers", "'", "statement", "came", "late", "."]),
        (
            "They'll see; we're ready, I'm sure.",
            ["They", "'ll", "see", ";", "we", "'re", "ready", ",", "I", "'m", "sure", "."]
        ),
        ("Patrick O'Neill arrived.", ["Patrick", "O'Neill", "arrived", "."]),
        (
            "It cost $1,250.50, up 3.5% at 12:30.",
            ["It", "cost", "$", "1,250.50", ",", "up", "3.5", "%", "at", "12:30", "."]
        ),
        ("Published 2024-01-12 and 12/01/2024.", ["Published", "2024-01-12", "and", "12/01/2024", "."]),
        ("See https://example.org/news/a-b?x=1. Then", ["See", "https://example.org/news/a-b?x=1", ".", "Then"]),
        (
            "Write to press@example.org or www.example.org!",
            ["Write", "to", "press@example.org", "or", "www.example.org", "!"]
        ),
        ("Follow #ElectionDay and @newsdesk now", ["Follow", "#ElectionDay", "and", "@newsdesk", "now"]),
        (
            "He said: \u{201C}We are ready\u{201D}.",
            ["He", "said", ":", "\u{201C}", "We", "are", "ready", "\u{201D}", "."]
        ),
        ("peace\u{2014}and quiet", ["peace", "\u{2014}", "and", "quiet"]),
        ("Wait\u{2026} what?!", ["Wait", "\u{2026}", "what", "?!"]),
        ("J. R. Hartley wrote it.", ["J.", "R.", "Hartley", "wrote", "it", "."]),
        ("Room No. 5 was empty; he said no.", ["Room", "No.", "5", "was", "empty", ";", "he", "said", "no", "."]),
        ("AT&T and S&P rose (slightly).", ["AT&T", "and", "S&P", "rose", "(", "slightly", ")", "."]),
        ("Zürich's café in São Paulo", ["Zürich", "'s", "café", "in", "São", "Paulo"]),
        ("Taiwan\u{2019}s election", ["Taiwan", "\u{2019}s", "election"]),
        ("1990s-era rules, 5th time, G7 summit", ["1990s-era", "rules", ",", "5th", "time", ",", "G7", "summit"]),
        ("a\u{00A0}b\r\nc", ["a", "b", "c"]),
    ]

    @Test("splits news text as the treebanks do", arguments: cases)
    func splits(_ text: String, _ expected: [String]) throws {
        let doc = try analyze(text)
        #expect(doc.tokenStrings == expected)
    }

    @Test("flags what it recognises")
    func flags() throws {
        let doc = try analyze("Mr. Blake visited the U.S. on 2024-01-12 (https://example.org) with NATO.")
        let byText = Dictionary(doc.tokens.map { (doc.string(of: $0), $0.flags) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["Mr."]?.contains(.abbreviation) == true)
        #expect(byText["U.S."]?.contains(.abbreviation) == true)
        #expect(byText["2024-01-12"]?.contains(.number) == true)
        #expect(byText["https://example.org"]?.contains(.url) == true)
        #expect(byText["NATO"]?.contains(.allCaps) == true)
        #expect(byText["Blake"]?.contains(.capitalized) == true)
        #expect(byText["("]?.contains(.openBracket) == true)
        #expect(byText["."]?.contains(.terminal) == true)
    }

    @Test("interns forms, lowercase forms and shapes")
    func forms() throws {
        let doc = try analyze("Blake BLAKE blake Ching-te 2024")
        let lowers = doc.tokens.map { doc.interner.string($0.lower) }
        #expect(lowers == ["blake", "blake", "blake", "ching-te", "2024"])
        let shapes = doc.tokens.map { doc.interner.string($0.shape) }
        #expect(shapes == ["Xxxxx", "XXXX", "xxxx", "Xxxxx-xx", "dddd"])
        #expect(doc.tokens[0].lower == doc.tokens[1].lower)
        #expect(doc.interner.hash(of: doc.tokens[2].form) == StableHash.hash("blake"))
    }

    /// What may lie between tokens: white space, and control characters, which are no text.
    static func isSkippable(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s.properties.generalCategory == .control
    }

    /// Tokens plus the white space between them give back the text, and nothing but white space is skipped.
    static func checkFidelity(_ text: String) throws {
        let doc = try analyze(text)
        let bytes = Array(doc.normalized.bytes)
        var rebuilt = [UInt8]()
        var last = 0
        for t in doc.tokens {
            #expect(Int(t.start) >= last, "tokens overlap or go backwards")
            let gap = bytes[last..<Int(t.start)]
            let gapText = String(decoding: gap, as: UTF8.self)
            #expect(gapText.unicodeScalars.allSatisfy(Self.isSkippable), "text skipped: \(gapText.debugDescription)")
            rebuilt.append(contentsOf: gap)
            rebuilt.append(contentsOf: bytes[t.range])
            last = Int(t.end)
        }
        let tail = String(decoding: bytes[last...], as: UTF8.self)
        #expect(tail.unicodeScalars.allSatisfy(Self.isSkippable))
        rebuilt.append(contentsOf: bytes[last...])
        #expect(rebuilt == bytes)
        // And every token maps back to the original text it came from.
        for t in doc.tokens {
            let original = doc.string(of: t)
            #expect(!original.isEmpty)
        }
    }

    @Test("source fidelity on the seed article", .enabled(if: Shared.hasSeed, "needs ../shared/examples/seed"))
    func fidelitySeed() throws {
        try Self.checkFidelity(Shared.seedText)
    }

    @Test("source fidelity on generated text", arguments: 0..<40)
    func fidelityGenerated(_ seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let pieces = [
            "Mr.", "U.S.", "said", "\u{201C}", "\u{201D}", "'s", "n't", " ", " ", " ", "\n", "\n\n", "3.5", "1,000",
            "-", "\u{2014}", "\u{2026}", "http://x.org/a.", "a@b.co", "#tag", "@h", "(", ")", "?!", "Ching-te", "é",
            "日本", "\u{00A0}", "\t", "\r\n", "'", "\"", ".", "...", "&", "$", "%", "\u{FFFD}", "J.", "p.m.", "x",
            "Z", "9", ",", ";", ":", "O'Neill", "\u{200B}", "e\u{301}", "🙂",
        ]
        var text = ""
        for _ in 0..<(50 + Int(rng.next() % 200)) {
            text += pieces[Int(rng.next() % UInt64(pieces.count))]
        }
        try Self.checkFidelity(text)
    }

    @Test("random bytes never crash it", arguments: 0..<20)
    func randomBytes(_ seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 1000)
        let bytes = (0..<(1 + Int(rng.next() % 600))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let text = UTF8Repair.decode(bytes).text
        try Self.checkFidelity(text)
    }
}
