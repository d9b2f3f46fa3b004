/// Reads PolNeAR's brat standoff annotations: attribution relations with their source, cue and content.
///
/// A `.ann` file has text-bound lines (`T7<TAB>Content 292 543;600 610<TAB>text`) and event lines
/// (`E2<TAB>Attribution:T8 Content:T7 Cue:T6 Source:T5`). Offsets count Unicode scalars of the `.txt`
/// (as Python `str` does), end exclusive; a span may have several pieces separated by `;`; the text of a
/// span that covers a line break goes on on the next lines. Pure: it takes the file contents, the caller
/// reads the files.
public enum PolNeARReader {
    /// One gold attribution; spans are Unicode-scalar ranges of the text.
    public struct Attribution: Sendable, Hashable {
        public var id: String
        public var source: [Range<Int>]
        public var cue: [Range<Int>]
        public var content: [Range<Int>]
    }

    /// The attributions of a `.ann` file, in the order of their event lines.
    public static func parse(ann: String, name: String) throws(DossierError) -> [Attribution] {
        var spans: [Substring: (type: Substring, ranges: [Range<Int>])] = [:]
        var events: [(Substring, [Substring: Substring])] = []
        var lineNumber = 0
        var afterText = false
        for line in ann.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count < 2 && afterText {
                continue  // the text of a span that covers a line break in the article goes on on this line
            }
            guard fields.count >= 2, let first = fields[0].first else {
                throw DossierError(.malformedJSON, "not a brat annotation line", input: name, line: lineNumber)
            }
            afterText = first == "T"
            switch first {
            case "T":
                let head = fields[1].split(separator: " ", maxSplits: 1)
                guard head.count == 2 else {
                    throw DossierError(
                        .malformedJSON, "text-bound annotation without offsets", input: name, line: lineNumber)
                }
                var ranges: [Range<Int>] = []
                for piece in head[1].split(separator: ";") {
                    let ends = piece.split(separator: " ")
                    guard ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]), a <= b else {
                        throw DossierError(.malformedJSON, "bad offsets '\(piece)'", input: name, line: lineNumber)
                    }
                    ranges.append(a..<b)
                }
                spans[fields[0]] = (head[0], ranges)
            case "E":
                var roles: [Substring: Substring] = [:]
                for arg in fields[1].split(separator: " ") {
                    let kv = arg.split(separator: ":", maxSplits: 1)
                    if kv.count == 2 { roles[kv[0]] = kv[1] }
                }
                events.append((fields[0], roles))
            default:
                continue  // relations, notes and attributes carry nothing scored here
            }
        }
        var out: [Attribution] = []
        for (id, roles) in events {
            func ranges(_ role: Substring) -> [Range<Int>] {
                guard let t = roles[role], let s = spans[t] else { return [] }
                return s.ranges
            }
            let content = ranges("Content")
            guard !content.isEmpty else { continue }
            out.append(Attribution(id: String(id), source: ranges("Source"), cue: ranges("Cue"), content: content))
        }
        return out
    }
}
