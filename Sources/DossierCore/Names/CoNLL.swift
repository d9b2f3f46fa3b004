/// CoNLL-style column files: one token a line (first column), a blank line between sentences, `-DOCSTART-`
/// lines between documents; the NER label, when present, is the last column.
///
/// CoNLL-2003's English files use IOB1 (`I-X` starts a span unless it follows `X`; `B-X` only separates two
/// adjacent spans of one type). The reader converts labels to IOB2 (every span starts with `B-X`), which is
/// also what the writer and ``CoNLL/spans(_:)`` use.
public enum CoNLL {
    /// One sentence: its input lines exactly as read, the tokens, and the IOB2 labels (empty without labels).
    public struct Sentence: Sendable, Hashable {
        public var lines: [String]
        public var tokens: [String]
        public var labels: [String]

        public init(lines: [String], tokens: [String], labels: [String]) {
            self.lines = lines
            self.tokens = tokens
            self.labels = labels
        }
    }

    /// A document: the `-DOCSTART-` line that opened it (nil for text before any) and its sentences.
    public struct Document: Sendable, Hashable {
        public var header: String?
        public var sentences: [Sentence]

        public init(header: String?, sentences: [Sentence]) {
            self.header = header
            self.sentences = sentences
        }

        public var tokenCount: Int { sentences.reduce(0) { $0 + $1.tokens.count } }
    }

    /// Reads CoNLL text. With `labelColumn` true the last column of lines with two or more columns is the
    /// label (converted to IOB2); otherwise labels stay empty.
    public static func read(_ text: String, labelColumn: Bool = true) -> [Document] {
        var docs: [Document] = []
        var current = Document(header: nil, sentences: [])
        var sentence = Sentence(lines: [], tokens: [], labels: [])
        func endSentence() {
            if !sentence.tokens.isEmpty {
                if labelColumn { sentence.labels = iob2(sentence.labels) }
                current.sentences.append(sentence)
            }
            sentence = Sentence(lines: [], tokens: [], labels: [])
        }
        func endDocument() {
            endSentence()
            if current.header != nil || !current.sentences.isEmpty { docs.append(current) }
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty {
                endSentence()
                continue
            }
            if fields[0] == "-DOCSTART-" {
                endDocument()
                current = Document(header: String(line), sentences: [])
                continue
            }
            sentence.lines.append(String(line))
            sentence.tokens.append(String(fields[0]))
            if labelColumn {
                sentence.labels.append(fields.count >= 2 ? String(fields[fields.count - 1]) : "O")
            }
        }
        endDocument()
        return docs
    }

    /// Converts IOB1 (or already IOB2) labels to IOB2.
    public static func iob2(_ labels: [String]) -> [String] {
        var out = labels
        var previousType: Substring? = nil
        for (i, l) in labels.enumerated() {
            if l.hasPrefix("I-") {
                let t = l.dropFirst(2)
                if previousType != t { out[i] = "B-" + t }
                previousType = t
            } else if l.hasPrefix("B-") {
                previousType = l.dropFirst(2)
            } else {
                previousType = nil
            }
        }
        return out
    }

    /// The spans `(start, end, type)` of IOB2 labels; an `I-X` that does not continue `X` starts a span.
    public static func spans(_ labels: [String]) -> [(start: Int, end: Int, type: String)] {
        var out: [(Int, Int, String)] = []
        var open: (start: Int, type: Substring)? = nil
        for (i, l) in labels.enumerated() {
            let isB = l.hasPrefix("B-")
            let isI = l.hasPrefix("I-")
            let t = l.dropFirst(2)
            if let o = open, !(isI && o.type == t) {
                out.append((o.start, i, String(o.type)))
                open = nil
            }
            if isB || (isI && open == nil) { open = (i, t) }
        }
        if let o = open { out.append((o.start, labels.count, String(o.type))) }
        return out
    }

    /// IOB2 labels for spans over `count` tokens.
    public static func labels(count: Int, spans: [(start: Int, end: Int, type: String)]) -> [String] {
        var out = [String](repeating: "O", count: count)
        for s in spans where s.start < s.end && s.end <= count {
            out[s.start] = "B-" + s.type
            for i in (s.start + 1)..<s.end { out[i] = "I-" + s.type }
        }
        return out
    }

    /// The input text with one more column on every token line, in order: `tags` has one tag per token line
    /// (as ``read(_:labelColumn:)`` finds them). Blank lines, `-DOCSTART-` lines and everything else stay
    /// exactly as they were. The column is separated by a tab when the line uses tabs, else by a space.
    public static func appendingColumn(to text: String, tags: [String]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + tags.count * 7)
        var k = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, rawLine) in lines.enumerated() {
            let cr = rawLine.hasSuffix("\r")
            let line = cr ? rawLine.dropLast() : rawLine
            out += line
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if !fields.isEmpty && fields[0] != "-DOCSTART-" && k < tags.count {
                out += line.contains("\t") ? "\t" : " "
                out += tags[k]
                k += 1
            }
            if cr { out += "\r" }
            if n + 1 < lines.count { out += "\n" }
        }
        return out
    }

    /// Writes documents with one more column per token line: `predicted[d][s][t]`. Blank lines separate
    /// sentences; `-DOCSTART-` lines are copied, each followed by a blank line as in CoNLL-2003.
    public static func write(_ docs: [Document], predicted: [[[String]]]) -> String {
        var out = ""
        for (d, doc) in docs.enumerated() {
            if let h = doc.header {
                out += h + "\n\n"
            }
            for (s, sentence) in doc.sentences.enumerated() {
                for (t, line) in sentence.lines.enumerated() {
                    out += line
                    out += " "
                    out += predicted[d][s][t]
                    out += "\n"
                }
                out += "\n"
            }
        }
        return out
    }
}
