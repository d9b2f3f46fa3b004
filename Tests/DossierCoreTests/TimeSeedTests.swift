import Foundation
import Testing

@testable import DossierCore

/// Where ../shared is, relative to the package root; tests that need it skip when it is absent.
enum TimeSharedData {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static var seed: URL { root.appendingPathComponent("examples/seed") }
    static var available: Bool {
        FileManager.default.fileExists(atPath: seed.appendingPathComponent("seed.gold.json").path)
    }
}

@Suite("TimeTagger: seed article")
struct TimeSeedTests {
    struct Gold: Decodable {
        struct T: Decodable {
            var text: String
            var start: Int
            var end: Int
            var value: String?
        }
        var published: String
        var timexes: [T]
    }

    @Test(.enabled(if: TimeSharedData.available, "needs ../shared/examples/seed"))
    func allGoldTimexesWithTheirValues() throws {
        let text = try String(contentsOf: TimeSharedData.seed.appendingPathComponent("seed.txt"), encoding: .utf8)
        let gold = try JSONDecoder().decode(
            Gold.self, from: Data(contentsOf: TimeSharedData.seed.appendingPathComponent("seed.gold.json")))
        let doc = try Pipeline([Tokenizer(), SentenceSplitter(), BoilerplateDetector.standard(), TimeTagger()]).run(
            Article(title: nil, text: text, published: CalendarDate(iso: gold.published), source: "seed.txt"))
        let offsets = ScalarOffsets(text)
        let found = doc.timexes.map { t -> (Int, Int, String?) in
            let r = doc.normalized.originalRange(t.span.range)
            return (offsets.scalar(r.lowerBound), offsets.scalar(r.upperBound), t.value)
        }
        #expect(gold.timexes.count == 8)
        for g in gold.timexes {
            let hit = found.first(where: { $0.0 == g.start && $0.1 == g.end })
            #expect(hit != nil, "missing '\(g.text)' at \(g.start)")
            #expect(hit?.2 == g.value, "'\(g.text)' at \(g.start): \(hit?.2 ?? "nil") != \(g.value ?? "nil")")
        }
    }
}
