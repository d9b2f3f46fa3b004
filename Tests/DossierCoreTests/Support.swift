import DossierCore
import Foundation

/// Where the package and `../shared` are, for tests that read the seed or corpora.
enum Shared {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let seedPath = root.appendingPathComponent("examples/seed/seed.txt").path
    static let seedGoldPath = root.appendingPathComponent("examples/seed/seed.gold.json").path
    /// True when ../shared/examples/seed is there; tests that need it are skipped otherwise.
    static var hasSeed: Bool { FileManager.default.fileExists(atPath: seedPath) }
    static var seedText: String { (try? String(contentsOfFile: seedPath, encoding: .utf8)) ?? "" }
}

/// The engine's seeded generator, so generated test inputs are the same on every run.
typealias SeededGenerator = SplitMix64

extension Document {
    /// The original text of every token.
    var tokenStrings: [String] { tokens.map { string(of: $0) } }

    /// The original text of every sentence.
    var sentenceStrings: [String] {
        sentences.map { s in string(Int(tokens[s.tokens.lowerBound].start)..<Int(tokens[s.tokens.upperBound - 1].end)) }
    }
}

/// Runs the standard pipeline on a text.
func analyze(_ text: String, title: String? = nil, titleRange: Range<Int>? = nil) throws -> Document {
    try Pipeline.standard().run(Article(title: title, text: text, source: "test", titleRange: titleRange))
}
