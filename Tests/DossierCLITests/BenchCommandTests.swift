import Foundation
import Testing

@Suite("dossier bench")
struct BenchCommandTests {
    @Test func reportsEachStageAndTheEndToEndFigure() throws {
        let out = try CLI.run(["bench", "Examples/articles", "--repeats", "1", "--through", "sentences"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map { String($0) }
        for stage in ["ingest", "fold", "tokenizer", "sentences", "sum of stages", "all"] {
            #expect(lines.contains { $0.hasPrefix(stage + " ") }, "no line for \(stage) in \(out.stdout)")
        }
        #expect(!lines.contains { $0.hasPrefix("names ") }, "--through sentences ran later stages")
        let corpus = try #require(lines.first { $0.hasPrefix("corpus: ") })
        #expect(!corpus.contains(" 0 tokens"))
    }

    @Test func namesAnUnknownStage() throws {
        let out = try CLI.run(["bench", "Examples/articles", "--repeats", "1", "--through", "nonsense"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("nonsense"))
    }
}
