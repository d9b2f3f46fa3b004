import ArgumentParser
import DossierCore
import Foundation

/// `dossier bench-actors`: the CPU time of each stage of the standard pipeline, and the actors stage's share.
///
/// A helper until `dossier bench` reports every stage: it runs the stages one by one over every article a few
/// times (best pass kept) and prints thread CPU time per stage.
struct BenchActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-actors",
        abstract: "Measure the cost of the actors stage against the whole pipeline (one core).")

    @Argument(help: "Reuters .sgm files or .txt files.") var files: [String]
    @Option(name: .long, help: "Passes over the texts.") var repeats = 3

    func run() throws {
        var texts: [String] = []
        for f in files {
            let t = try readText(f)
            if f.hasSuffix(".sgm") { texts += ReutersSGML.texts(t) } else { texts.append(t) }
        }
        let pipeline = try Pipeline.standard()
        // Native UTF-8 strings, as `dossier read` makes them (Foundation's SGML clean-up leaves bridged ones).
        let articles = texts.map { t in
            var s = t
            s.makeContiguousUTF8()
            return Article(title: nil, text: s, source: "bench")
        }
        var best = [Double](repeating: .infinity, count: pipeline.stages.count)
        var tokens = 0
        var entities = 0
        var mentions = 0
        for _ in 0..<max(repeats, 1) {
            var times = [Double](repeating: 0, count: pipeline.stages.count)
            tokens = 0
            entities = 0
            mentions = 0
            for a in articles {
                var doc = Document(article: a)
                for (k, stage) in pipeline.stages.enumerated() {
                    let t0 = threadCPUTime()
                    try stage.apply(to: &doc)
                    times[k] += threadCPUTime() - t0
                    doc.layers.formUnion(stage.produces)
                }
                tokens += doc.tokens.count
                entities += doc.entities.count
                mentions += doc.mentions.count
            }
            for k in times.indices { best[k] = min(best[k], times[k]) }
        }
        let total = best.reduce(0, +)
        var out = "articles: \(articles.count), tokens: \(tokens), mentions: \(mentions), entities: \(entities)\n"
        for (k, stage) in pipeline.stages.enumerated() {
            out +=
                "  \(stage.name.padding(toLength: 12, withPad: " ", startingAt: 0)) "
                + String(format: "%8.3f s  %5.1f%%\n", best[k], 100 * best[k] / max(total, 1e-9))
        }
        out += String(format: "  pipeline     %8.3f s = %.0f tokens/s\n", total, Double(tokens) / max(total, 1e-9))
        if let k = pipeline.stages.firstIndex(where: { $0.name == "actors" }) {
            let rest = total - best[k]
            out += String(
                format: "actors stage adds %.1f%% to the rest of the pipeline\n", 100 * best[k] / max(rest, 1e-9))
        }
        print(out, terminator: "")
    }
}
