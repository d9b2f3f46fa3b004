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
}
