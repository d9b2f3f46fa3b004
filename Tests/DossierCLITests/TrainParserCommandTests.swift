import DossierCore
import Foundation
import Testing

@Suite("dossier train parser")
struct TrainParserCommandTests {
    /// A sentence of our own with its tree.
    static let treebank = """
        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\tboard\tboard\tNOUN\tNN\t_\t3\tnsubj\t_\t_
        3\tapproved\tapprove\tVERB\tVBD\t_\t0\troot\t_\t_
        4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
        5\tplan\tplan\tNOUN\tNN\t_\t3\tobj\t_\t_
        6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_


        """

    /// `dossier train parser` for one epoch on ``treebank`` with `flags`, in a directory of its own: what the
    /// command printed and whether it wrote the model.
    static func trainOneEpoch(_ flags: [String]) throws -> (CLI.Output, Bool) {
        return try CLI.withTemporaryDirectory("dossier-tp") { dir in
            let train = dir.appendingPathComponent("train.conllu").path
            try treebank.write(toFile: train, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("p.model").path
            let r = try CLI.run(["train", "parser", "--train", train, "--out", out, "--epochs", "1"] + flags)
            return (r, FileManager.default.fileExists(atPath: out))
        }
    }

    @Test(
        "--joint-tags needs a labelled beam with jackknifed tags, a margin >= 0 and templates 1 or 2",
        arguments: [
            ["--joint-tags", "20"], ["--joint-tags", "20", "--labelled", "--beam", "4"],
            ["--joint-tags=-1", "--labelled", "--beam", "4", "--jackknife", "2"],
            ["--joint-tags", "20", "--joint-features", "3", "--labelled", "--beam", "4", "--jackknife", "2"],
        ])
    func jointTagsOptions(_ flags: [String]) throws {
        let (r, wrote) = try TrainParserCommandTests.trainOneEpoch(flags)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--joint-tags"), "\(r.stderr)")
        #expect(!wrote)
    }

    @Test(
        "--features is a known template version; 6 needs jackknifed runner-ups and no joint tagging",
        arguments: [
            (["--features", "9"], "--features 9"), (["--features", "6"], "--features 6"),
            (
                ["--features", "6", "--jackknife", "2", "--joint-tags", "20", "--labelled", "--beam", "4"],
                "--features 6"
            ),
        ])
    func featureVersionOptions(_ flags: [String], _ named: String) throws {
        let (r, wrote) = try TrainParserCommandTests.trainOneEpoch(flags)
        #expect(r.status != 0)
        #expect(r.stderr.contains(named), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").first?.contains(named) == true, "\(r.stderr)")
        #expect(!wrote)
    }

    @Test(
        "--easy-first parses greedily in its own order: not with a beam, right to left or joint tagging",
        arguments: [["--easy-first", "--beam", "4"], ["--easy-first", "--right-to-left"]])
    func easyFirstOptions(_ flags: [String]) throws {
        let (r, wrote) = try TrainParserCommandTests.trainOneEpoch(flags)
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").first?.contains("--easy-first") == true, "\(r.stderr)")
        #expect(!wrote)
    }

    @Test(
        "--arc-eager needs a labelled beam, without easy-first parsing or joint tagging",
        arguments: [
            ["--arc-eager"], ["--arc-eager", "--labelled"], ["--arc-eager", "--beam", "4"],
            ["--arc-eager", "--labelled", "--beam", "4", "--easy-first"],
        ])
    func arcEagerOptions(_ flags: [String]) throws {
        let (r, wrote) = try TrainParserCommandTests.trainOneEpoch(flags)
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").first?.contains("--arc-eager") == true, "\(r.stderr)")
        #expect(!wrote)
    }

    @Test("--arc-eager writes an arc-eager beam model that parses")
    func arcEagerTrains() throws {
        try CLI.withTemporaryDirectory("dossier-ae") { dir in
            let train = dir.appendingPathComponent("train.conllu").path
            try TrainParserCommandTests.treebank.write(toFile: train, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("ae.model").path
            let r = try CLI.run([
                "train", "parser", "--train", train, "--out", out, "--epochs", "10", "--labelled", "--beam", "2",
                "--arc-eager",
            ])
            #expect(r.status == 0, "\(r.stderr)")
            let model = try ParserModel(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), name: out)
            #expect(model.arcEager && model["system"] == "arc-eager" && model.beamWidth == 2)
            let e = try CLI.run(["evaluate", "parser", "--gold", train, "--model", out])
            #expect(e.status == 0, "\(e.stderr)")
            #expect(e.stdout.contains("UAS\t100.00"), "\(e.stdout)")
        }
    }

    @Test("--easy-first writes an easy-first model that parses")
    func easyFirstTrains() throws {
        try CLI.withTemporaryDirectory("dossier-ef") { dir in
            let train = dir.appendingPathComponent("train.conllu").path
            try TrainParserCommandTests.treebank.write(toFile: train, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("ef.model").path
            let r = try CLI.run(["train", "parser", "--train", train, "--out", out, "--epochs", "4", "--easy-first"])
            #expect(r.status == 0, "\(r.stderr)")
            let model = try ParserModel(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), name: out)
            #expect(model.easyFirst && model["system"] == "easy-first")
            let e = try CLI.run(["evaluate", "parser", "--gold", train, "--model", out])
            #expect(e.status == 0, "\(e.stderr)")
            #expect(e.stdout.contains("UAS\t"))
        }
    }

    @Test("evaluate parser --average-with writes the mean of two seeds; a parser of another system is a one-line error")
    func averageWith() throws {
        try CLI.withTemporaryDirectory("dossier-avg") { dir in
            let train = dir.appendingPathComponent("train.conllu").path
            try TrainParserCommandTests.treebank.write(toFile: train, atomically: true, encoding: .utf8)
            func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
            for (name, flags) in [("a", ["--seed", "1"]), ("b", ["--seed", "2"]), ("g", [])] {
                let system = name == "g" ? [] : ["--easy-first"]
                let r = try CLI.run(
                    ["train", "parser", "--train", train, "--out", path("\(name).model"), "--epochs", "2"] + system
                        + flags)
                #expect(r.status == 0, "\(r.stderr)")
            }
            let ok = try CLI.run([
                "evaluate", "parser", "--gold", train, "--model", path("a.model"), "--average-with", path("b.model"),
                "--pruned-out", path("mean.model"), "--repeats", "1",
            ])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("UAS\t"))
            let mean = try ParserModel(
                decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("mean.model")))), name: "m")
            #expect(mean.easyFirst)
            let bad = try CLI.run([
                "evaluate", "parser", "--gold", train, "--model", path("a.model"), "--average-with", path("g.model"),
                "--repeats", "1",
            ])
            #expect(bad.status != 0)
            #expect(bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("g.model"), "\(bad.stderr)")
            #expect(!bad.stdout.contains("UAS"))
            let ensemble = try CLI.run([
                "evaluate", "parser", "--gold", train, "--ensemble", "greedy=1", "--average-with", path("b.model"),
            ])
            #expect(ensemble.status != 0)
            #expect(
                ensemble.stderr.split(separator: "\n").first?.contains("--average-with") == true, "\(ensemble.stderr)")
            #expect(!ensemble.stdout.contains("UAS"))
        }
    }
}
