import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate events`: the event coder on PETRARCH's unit-test records, as a conformance suite.
struct EvaluateEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Score the event coder on PETRARCH's unit-test records (source, target, code and root).",
        discussion: """
            Each record's sentence is tokenized and parsed by the engine; its actors come from the records' own \
            actor dictionary (fictional countries), in place of the names and actors stages; the events are \
            coded with the engine's own patterns. Actor codes are compared on their first three letters.
            """)

    @Option(name: .long, help: "The folder with PETR.UnitTest.records.xml and PETR.Validate.actors.txt.")
    var petrarch = "../shared/data/events/petrarch-unit-tests"
    @Flag(name: .long, help: "List every sentence with its expected and coded events.") var verbose = false

    func run() throws {
        let records = EventEvaluation.readRecords(try readText(petrarch + "/PETR.UnitTest.records.xml"))
        let actors = EventEvaluation.readActors(try readText(petrarch + "/PETR.Validate.actors.txt"))
        guard !records.isEmpty else { throw ValidationError("\(petrarch): no records found [E013]") }
        let front = try Pipeline([Tokenizer(), SentenceSplitter(), SyntaxAnalyzer.standard(), TimeTagger()])
        let coder = try EventCoder.standard()
        var exact = EventEvaluation.Counts()
        var root = EventEvaluation.Counts()
        var pairs = EventEvaluation.Counts()
        var byCategory: [String: (EventEvaluation.Counts, EventEvaluation.Counts)] = [:]
        for r in records {
            var doc = try front.run(Article(title: nil, text: r.text, published: nil, source: r.id))
            EventEvaluation.injectActors(actors, into: &doc)
            doc.layers.formUnion([.names, .entities, .places])
            try coder.apply(to: &doc)
            let predicted = doc.events.map { ($0.sourceCode ?? "-", $0.targetCode ?? "-", $0.code) }
            var c = byCategory[r.category] ?? (EventEvaluation.Counts(), EventEvaluation.Counts())
            EventEvaluation.score(predicted: predicted, record: r, exact: &exact, root: &root)
            EventEvaluation.scorePairs(predicted: predicted, record: r, pairs: &pairs)
            EventEvaluation.score(predicted: predicted, record: r, exact: &c.0, root: &c.1)
            byCategory[r.category] = c
            if verbose {
                let want = r.codings.map { "\($0.source) \($0.code) \($0.target)" }.joined(separator: ", ")
                let got = predicted.map { "\($0.0) \($0.2) \($0.1)" }.joined(separator: ", ")
                print("\(r.id)\twant [\(want)]\tgot [\(got)]\t\(r.text)")
            }
        }
        print("PETRARCH unit-test records: \(records.count) sentences, \(actors.count) actor phrases")
        for (name, c) in byCategory.sorted(by: { $0.key < $1.key }) {
            print(c.0.line("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) code"))
        }
        print(exact.line("ALL (source, target, code)"))
        print(root.line("ALL (source, target, root)"))
        print(pairs.line("ALL (source, target)      "))
    }
}
