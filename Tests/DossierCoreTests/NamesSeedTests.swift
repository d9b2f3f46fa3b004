import Foundation
import Testing

@testable import DossierCore

@Suite("NameTagger on the seed article")
struct NamesSeedTests {
    struct Gold: Decodable {
        struct Entity: Decodable {
            var start: Int
            var end: Int
            var label: String
            var alt: [String]?
        }
        struct Span: Decodable {
            var start: Int
            var end: Int
        }
        var entities: [Entity]
        var boilerplate: [Span]
    }

    @Test(.enabled(if: NERSharedData.available, "needs ../shared (the seed article is not in the repository)"))
    func seedF1AndNoNamesInIgnoredLine() throws {
        let dir = NERSharedData.root.appendingPathComponent("examples/seed")
        let text = try String(contentsOf: dir.appendingPathComponent("seed.txt"), encoding: .utf8)
        let gold = try JSONDecoder().decode(
            Gold.self, from: Data(contentsOf: dir.appendingPathComponent("seed.gold.json")))
        let firstLine = text.prefix(while: { $0 != "\n" })
        let article = Article(
            title: String(firstLine), text: text, source: "seed.txt", titleRange: 0..<firstLine.utf8.count)
        let doc = try Pipeline.standard().run(article)
        let record = ArticleRecord(doc)
        let predicted = record.entities.flatMap(\.mentions).filter { $0.kind == "name" }
        var tp = 0
        var missing: [String] = []
        for g in gold.entities {
            let labels = [g.label] + (g.alt ?? [])
            if predicted.contains(where: { $0.start == g.start && $0.end == g.end && labels.contains($0.label) }) {
                tp += 1
            } else {
                let s = text.unicodeScalars
                let a = s.index(s.startIndex, offsetBy: g.start)
                let b = s.index(s.startIndex, offsetBy: g.end)
                missing.append("\(String(s[a..<b])):\(g.label)")
            }
        }
        let precision = Double(tp) / Double(max(predicted.count, 1))
        let recall = Double(tp) / Double(gold.entities.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        let extra = predicted.filter { p in
            !gold.entities.contains { $0.start == p.start && $0.end == p.end }
        }.map { "\($0.text):\($0.label)" }
        #expect(f1 >= 0.95, "seed F1 \(f1): missing \(missing), extra \(extra)")
        for span in gold.boilerplate {
            #expect(!predicted.contains { $0.start < span.end && span.start < $0.end }, "a name in the ignored line")
        }
    }
}
