import ArgumentParser
import DossierCore
import Foundation

/// `dossier parse --format conllu`: tags, lemmatizes and parses CoNLL-U or raw text from stdin and writes
/// CoNLL-U with LEMMA, UPOS, XPOS, HEAD and DEPREL filled (docs/OUTPUT.md).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse CoNLL-U (words as given) or raw text from stdin; write CoNLL-U.")

    @Option(name: .long, help: "Output format (conllu).") var format = "conllu"
    @Option(name: .long, help: "A tagger model file (default: the bundled model).") var pos: String?
    @Option(name: .long, help: "A parser model file (default: the bundled model).") var model: String?
    @Flag(name: .long, help: "Use the bundled beam-search parser (more accurate, slower).") var beam = false
    @Flag(name: .long, help: "Use the bundled parser ensemble (the most accurate, slower than --beam).")
    var ensemble = false

    func run() throws {
        guard format == "conllu" else { throw ValidationError("unsupported format '\(format)' (conllu) [E011]") }
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try loadPOSModel(pos, clusters: clusters)
        let analyzer =
            ensemble
            ? SyntaxAnalyzer(
                tagger: tagger, ensemble: try ParserEnsemble.bundled(), lemmatizer: try Lemmatizer.bundled())
            : SyntaxAnalyzer(
                tagger: tagger, parser: try loadParserModel(model, beam: beam), lemmatizer: try Lemmatizer.bundled())
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        var sentences: [CoNLLU.Sentence]
        var doc: Document
        if ParseCommand.looksLikeCoNLLU(input) {
            sentences = CoNLLU.read(input)
            doc = Document(pretokenized: sentences.map(\.forms), source: "<stdin>")
        } else {
            doc = Document(article: Article(title: nil, text: input, source: "<stdin>"))
            try Tokenizer().apply(to: &doc)
            try SentenceSplitter().apply(to: &doc)
            sentences = []
            for (k, s) in doc.sentences.enumerated() {
                let words = s.tokens.map { CoNLLU.Word(form: doc.string(of: doc.tokens[$0])) }
                let text = doc.string(
                    Int(doc.tokens[s.tokens.lowerBound].start)..<Int(doc.tokens[s.tokens.upperBound - 1].end))
                let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
                sentences.append(CoNLLU.Sentence(comments: ["# sent_id = \(k + 1)", "# text = \(flat)"], words: words))
            }
        }
        try analyzer.apply(to: &doc)
        let v = SyntaxView(doc)
        for (si, s) in doc.sentences.enumerated() where si < sentences.count {
            let lo = s.tokens.lowerBound
            for j in 0..<sentences[si].words.count {
                let t = lo + j
                guard t < doc.tokens.count else { break }
                var w = sentences[si].words[j]
                w.upos = v.upos(t)?.name ?? "_"
                w.xpos = v.xpos(t) ?? "_"
                w.lemma = v.lemma(t) ?? "_"
                w.head = v.head(of: t).map { $0 - lo + 1 } ?? 0
                w.deprel = v.relation(of: t) ?? "_"
                sentences[si].words[j] = w
            }
        }
        FileHandle.standardOutput.write(Data(CoNLLU.write(sentences).utf8))
    }

    /// CoNLL-U when the first line that is neither blank nor a comment has ten tab-separated columns.
    static func looksLikeCoNLLU(_ text: String) -> Bool {
        for line in text.split(separator: "\n", maxSplits: 50) {
            if line.isEmpty || line.hasPrefix("#") { continue }
            return line.split(separator: "\t", omittingEmptySubsequences: false).count == 10
        }
        return false
    }
}
