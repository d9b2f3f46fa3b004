import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate actors`: name-coreference precision and recall on GUM (its CoNLL-U coreference annotation).
struct EvaluateActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "Score name coreference of the actors stage on GUM (pairwise links between name mentions).")

    @Option(name: .long, help: "The GUM folder (with splits.md and dep/*.conllu).") var gum = "../shared/data/gum"
    @Option(name: .long, help: "Split of splits.md: dev or train (test is kept aside).") var split = "dev"
    @Option(name: .long, help: "Genre (the part of the document id after GUM_), or 'all'.") var genre = "news"
    @Flag(name: .long, help: "List the wrong and missed links of each document.") var verbose = false

    func run() throws {
        guard split != "test" && split != "test2" else {
            throw ValidationError("the test splits are kept aside: use dev or train [E013]")
        }
        let ids = try Self.documents(in: readText(gum + "/splits.md"), split: split)
            .filter { genre == "all" || $0.hasPrefix("GUM_\(genre)_") }
        guard !ids.isEmpty else { throw ValidationError("no GUM documents for split \(split), genre \(genre) [E013]") }
        let pipeline = try Pipeline.standard()
        var total = ActorEvaluation.Scores()
        var report = ""
        for id in ids {
            let path = gum + "/dep/\(id).conllu"
            guard FileManager.default.fileExists(atPath: path) else {
                // GUM ships some genres (reddit) without their text.
                stderrLine("\(path): missing, skipped")
                continue
            }
            for gold in ActorEvaluation.readGUM(try readText(path)) {
                let doc = try pipeline.run(Article(title: nil, text: gold.text, source: id))
                let s = ActorEvaluation.score(gold, doc)
                total.add(s)
                report += s.report(gold.id)
                if verbose { report += s.errors.map { "    " + $0 + "\n" }.joined() }
            }
        }
        print(report + total.report("ALL (\(ids.count) documents, split \(split), genre \(genre))"), terminator: "")
    }

    /// The document ids listed under `## <split>` in GUM's splits.md.
    static func documents(in splits: String, split: String) -> [String] {
        var ids: [String] = []
        var inSplit = false
        for line in splits.split(separator: "\n") {
            if line.hasPrefix("## ") {
                inSplit = line.dropFirst(3).trimmingCharacters(in: .whitespaces) == split
            } else if inSplit, line.trimmingCharacters(in: .whitespaces).hasPrefix("* ") {
                ids.append(line.trimmingCharacters(in: .whitespaces).dropFirst(2).trimmingCharacters(in: .whitespaces))
            }
        }
        return ids
    }
}
