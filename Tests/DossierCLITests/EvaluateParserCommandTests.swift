import Foundation
import Testing

@Suite("dossier evaluate parser")
struct EvaluateParserCommandTests {
    /// A sentence of our own with its tree.
    static let treebank = """
        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\t_
        3\tpassed\tpass\tVERB\tVBD\t_\t0\troot\t_\t_
        4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
        5\tbudget\tbudget\tNOUN\tNN\t_\t3\tobj\t_\t_
        6\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_
        7\tTuesday\tTuesday\tPROPN\tNNP\t_\t3\tobl\t_\t_
        8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_


        """

    /// `dossier evaluate parser --gold` on ``treebank`` with `flags`.
    static func evaluate(_ flags: [String]) throws -> CLI.Output {
        return try CLI.withTemporaryDirectory("dossier-ep") { dir in
            let gold = dir.appendingPathComponent("gold.conllu").path
            try treebank.write(toFile: gold, atomically: true, encoding: .utf8)
            return try CLI.run(["evaluate", "parser", "--gold", gold, "--repeats", "1"] + flags)
        }
    }

    @Test("--ensemble MODEL@WIDTH=WEIGHT decodes a member at that width; a bad width is a one-line error")
    func ensembleMemberWidths() throws {
        let ok = try EvaluateParserCommandTests.evaluate(["--ensemble", "beam@16=1", "greedy@2=0.5"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("UAS\t"), "\(ok.stdout)")
        #expect(ok.stdout.contains("member 2\t"), "\(ok.stdout)")
        for spec in ["beam@0=1", "beam@x=1", "beam@=1"] {
            let r = try EvaluateParserCommandTests.evaluate(["--ensemble", spec])
            #expect(r.status != 0)
            #expect(r.stderr.split(separator: "\n").first?.contains("--ensemble \(spec)") == true, "\(r.stderr)")
            #expect(!r.stdout.contains("UAS"))
        }
    }

    @Test("--greedy-temperature sets how greedy members split their votes; a negative one is a one-line error")
    func greedyTemperature() throws {
        let ok = try EvaluateParserCommandTests.evaluate([
            "--ensemble", "greedy=1", "beam=0.5", "--temperature", "30", "--greedy-temperature", "30",
        ])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("UAS\t"), "\(ok.stdout)")
        let bad = try EvaluateParserCommandTests.evaluate(["--ensemble", "bundled", "--greedy-temperature", "-1"])
        #expect(bad.status != 0)
        #expect(bad.stderr.split(separator: "\n").first?.contains("--greedy-temperature") == true, "\(bad.stderr)")
        #expect(!bad.stdout.contains("UAS"))
    }

    @Test("--by-relation adds a row per universal relation of the gold file after the totals")
    func byRelation() throws {
        let r = try EvaluateParserCommandTests.evaluate(["--by-relation", "--gold-tags"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("by relation\t") }
        #expect(header != nil && lines.firstIndex { $0.hasPrefix("UAS\t") }! < header!, "\(r.stdout)")
        let rows = lines.filter { $0.hasPrefix("relation ") }.map { $0.split(separator: "\t").map(String.init) }
        #expect(
            Set(rows.map { $0[0] })
                == Set(["det", "nsubj", "root", "obj", "case", "obl", "punct"].map { "relation \($0)" }))
        #expect(rows.first { $0[0] == "relation det" }?[1] == "2")
        #expect(rows.allSatisfy { $0.count == 5 })
        let plain = try EvaluateParserCommandTests.evaluate(["--gold-tags"])
        #expect(!plain.stdout.contains("by relation"))
    }
}
