import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate time`: scores the temporal tagger on TimeML files with TempEval-3's measures.
struct EvaluateTimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time",
        abstract: "Scores time expressions and their values on TimeML files (TempEval-3 measures).",
        discussion: """
            Reads every .tml file under --gold, anchors relative dates on each document's creation time (DCT),
            and reports strict and relaxed extent P/R/F1, value F1 and accuracy, type accuracy, per gold type,
            and the most frequent value errors.
            """
    )

    @Option(name: .long, help: "A directory of TimeML (.tml) files, searched recursively.")
    var gold: String

    @Option(name: .long, help: "How many of the most frequent value errors to list.")
    var errors: Int = 15

    @Flag(name: .long, help: "Also list every missed, spurious and wrongly valued timex.")
    var details = false

    @Flag(name: .long, help: "Ignore the DCT: evaluate without an anchor.")
    var noAnchor = false

    func run() throws {
        let files = try EvaluateTimeCommand.timeMLFiles(under: gold)
        guard !files.isEmpty else {
            throw ValidationError("no .tml files under \(gold)")
        }
        let pipeline = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()])
        var scorer = TimexScorer()
        var seconds = 0.0
        var bytes = 0
        for file in files {
            let xml: String
            do {
                xml = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw DossierError(.unreadable, "cannot read: \(error.localizedDescription)", input: file)
            }
            let tml = try TimeMLReader.parse(xml, id: file)
            let article = Article(
                title: nil, text: tml.text, published: noAnchor ? nil : tml.creationDate, source: file)
            let t0 = Date()
            let doc = try pipeline.run(article)
            seconds += Date().timeIntervalSince(t0)
            bytes += tml.text.utf8.count
            let system = doc.timexes.map { t -> TimexScorer.Item in
                let r = doc.normalized.originalRange(t.span.range)
                return TimexScorer.Item(
                    start: r.lowerBound, end: r.upperBound, type: t.type.rawValue, value: t.value,
                    text: doc.string(t.span.range), rule: t.provenance.rule)
            }
            let goldItems = tml.timexes.map {
                TimexScorer.Item(start: $0.start, end: $0.end, type: $0.type, value: $0.value, text: $0.text)
            }
            scorer.add(gold: goldItems, system: system, document: (file as NSString).lastPathComponent)
        }
        print("documents: \(files.count)")
        print(scorer.report(errors: errors), terminator: "")
        print(String(format: "pipeline (tokens, sentences, time): %.2f MB/s", Double(bytes) / 1e6 / max(seconds, 1e-9)))
        if details {
            print("\nmissed:")
            for (d, x) in scorer.missed { print("  \(d)\t\(x.type)\t\(x.value ?? "nil")\t\(x.text)") }
            print("\nspurious:")
            for (d, x) in scorer.spurious {
                print("  \(d)\t\(x.type)\t\(x.value ?? "nil")\t\(x.text)\t\(x.rule ?? "")")
            }
            print("\nwrong values (gold | system):")
            for (d, g, s) in scorer.wrongValues {
                print("  \(d)\t\(g.text)\t\(g.value ?? "nil")\t|\t\(s.text)\t\(s.value ?? "nil")\t\(s.rule ?? "")")
            }
        }
    }

    static func timeMLFiles(under dir: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw DossierError(.unreadable, "not a directory", input: dir)
        }
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        for case let p as String in e where p.hasSuffix(".tml") { out.append((dir as NSString).appendingPathComponent(p)) }
        return out.sorted()
    }
}
