import Foundation
import Testing

@Suite("dossier parse")
struct ParseCommandTests {
    /// Words of a CoNLL-U sentence of our own, the other columns empty.
    static let input = """
        1\tThe\t_\t_\t_\t_\t_\t_\t_\t_
        2\tboard\t_\t_\t_\t_\t_\t_\t_\t_
        3\tapproved\t_\t_\t_\t_\t_\t_\t_\t_
        4\tthe\t_\t_\t_\t_\t_\t_\t_\t_
        5\tplan\t_\t_\t_\t_\t_\t_\t_\t_
        6\t.\t_\t_\t_\t_\t_\t_\t_\t_


        """

    @Test(
        "greedy, beam and ensemble parsers fill heads and relations of CoNLL-U input",
        arguments: [[], ["--beam"], ["--ensemble"]])
    func parsers(_ flags: [String]) throws {
        let r = try CLI.run(["parse", "--format", "conllu"] + flags, stdin: ParseCommandTests.input)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == 6)
        #expect(rows.map { $0[1] } == ["The", "board", "approved", "the", "plan", "."])
        #expect(rows.map { $0[6] } == ["2", "3", "0", "5", "3", "3"])
        #expect(rows.map { $0[7] } == ["det", "nsubj", "root", "det", "obj", "punct"])
    }

    @Test("--sgml parses Reuters SGML articles; --agree-model keeps sentences of 3 words or more, not in capitals")
    func sgmlAgreement() throws {
        try CLI.withTemporaryDirectory("dossier-sgml") { dir in
            let path = dir.appendingPathComponent("wire-001.sgm").path
            try """
            <REUTERS NEWID="1"><TEXT><TITLE>FARMERS SELL MORE WHEAT</TITLE><BODY>The cooperative sold its wheat to \
            a mill in the north. Prices rose. Yes.
             Reuter
            &#3;</BODY></TEXT></REUTERS>
            <REUTERS NEWID="2"><TEXT><BODY>A small bank opened two branches &amp; hired twelve clerks.
            </BODY></TEXT></REUTERS>
            """.write(toFile: path, atomically: true, encoding: .utf8)
            let all = try CLI.run(["parse", "--sgml", path])
            #expect(all.status == 0, "\(all.stderr)")
            let ids = all.stdout.split(separator: "\n").filter { $0.hasPrefix("# sent_id") }
            #expect(ids.first == "# sent_id = wire-001-1-1")
            #expect(ids.contains("# sent_id = wire-001-2-1"))
            #expect(all.stdout.contains("# text = The cooperative sold its wheat to a mill in the north."))
            #expect(all.stdout.contains("\t&\t"))
            #expect(!all.stdout.contains("#3"), "the end-of-text marks are dropped")
            // The greedy parser agrees with itself everywhere: the filter alone decides.
            let model = CLI.packageRoot.appendingPathComponent("Sources/DossierCore/Resources/models/parser.model").path
            let kept = try CLI.run(["parse", "--sgml", path, "--agree-model", model])
            #expect(kept.status == 0, "\(kept.stderr)")
            let texts = kept.stdout.split(separator: "\n").filter { $0.hasPrefix("# text") }
            #expect(texts.count == 3, "\(texts)")
            #expect(texts.contains("# text = Prices rose."))
            #expect(texts.allSatisfy { !$0.contains("WHEAT") && !$0.contains("Yes") })
            // A missing file is reported in one line; the others are still parsed.
            let bad = try CLI.run(["parse", "--sgml", dir.appendingPathComponent("missing.sgm").path, path])
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("missing.sgm"))
            #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
            #expect(bad.stdout == all.stdout)
        }
    }

    @Test("--unique prints each sentence once; --exclude leaves out the sentences of CoNLL-U files")
    func sgmlUniqueAndExclude() throws {
        try CLI.withTemporaryDirectory("dossier-uniq") { dir in
            let path = dir.appendingPathComponent("wire-002.sgm").path
            try """
            <REUTERS NEWID="1"><TEXT><BODY>The port reopened on Monday. Ships waited outside the harbour.
            </BODY></TEXT></REUTERS>
            <REUTERS NEWID="2"><TEXT><BODY>The port reopened on Monday. Dockers returned to work.
            </BODY></TEXT></REUTERS>
            """.write(toFile: path, atomically: true, encoding: .utf8)
            func texts(_ arguments: [String]) throws -> [Substring] {
                let r = try CLI.run(["parse", "--sgml", path] + arguments)
                #expect(r.status == 0, "\(r.stderr)")
                return r.stdout.split(separator: "\n").filter { $0.hasPrefix("# text") }
            }
            let all = try texts([])
            #expect(all.filter { $0 == "# text = The port reopened on Monday." }.count == 2, "\(all)")
            let once = try texts(["--unique"])
            #expect(all.count == 4 && once == Array(all[0..<2] + all[3...]), "\(once)")
            // A sentence of an excluded file is not printed, whatever its comments; without --unique the others repeat.
            let excluded = dir.appendingPathComponent("seen.conllu").path
            try "# sent_id = x\n1\tShips\t_\t_\t_\t_\t0\troot\t_\t_\n2\twaited\t_\t_\t_\t_\t1\tdep\t_\t_\n"
                .appending("3\toutside\t_\t_\t_\t_\t2\tdep\t_\t_\n4\tthe\t_\t_\t_\t_\t5\tdet\t_\t_\n")
                .appending("5\tharbour\t_\t_\t_\t_\t3\tdep\t_\t_\n6\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n")
                .write(toFile: excluded, atomically: true, encoding: .utf8)
            let rest = try texts(["--exclude", excluded])
            #expect(rest == all.filter { !$0.contains("Ships") }, "\(rest)")
            let missing = try CLI.run([
                "parse", "--sgml", path, "--exclude", dir.appendingPathComponent("no.conllu").path,
            ])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("no.conllu"))
        }
    }
}
