import Foundation
import Testing

@testable import dossier

@Suite("EvaluateTimeCommand")
struct EvaluateTimeCommandTests {
    @Test func scoresATimeMLDirectory() throws {
        try CLI.withTemporaryDirectory("dossier-time") { dir in
            let tml = """
                <TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-12">20240112</TIMEX3></DCT>
                <TEXT>The minister said <TIMEX3 tid="t1" type="DATE" value="2024-01-11">Thursday</TIMEX3> that talks \
                lasted <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>
                """
            try tml.write(to: dir.appendingPathComponent("a.tml"), atomically: true, encoding: .utf8)
            let command = try EvaluateTimeCommand.parse(["--gold", dir.path])
            try command.run()
            #expect(try EvaluateTimeCommand.timeMLFiles(under: dir.path).count == 1)
        }
    }

    @Test func needsAnInput() throws {
        let command = try EvaluateTimeCommand.parse([])
        #expect(throws: (any Error).self) { try command.run() }
    }

    @Test func splitsSGMLBodies() {
        let sgml = "<REUTERS><BODY>One &lt;b&gt; text.</BODY></REUTERS><REUTERS><BODY>Two.</BODY></REUTERS>"
        #expect(EvaluateTimeCommand.articles(in: sgml) == ["One <b> text.", "Two."])
    }
}
