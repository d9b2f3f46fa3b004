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

    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Parse the TITLE and BODY texts of these Reuters-21578 SGML files instead of stdin.")
    var sgml: [String] = []
    @Option(
        name: .long,
        help: """
            Print only the sentences of 3 words or more, not mostly in capitals, that this parser model parses \
            with the same heads and relations (self-training data; docs/syntax.md).
            """)
    var agreeModel: String?
    @Flag(name: .long, help: "Print each sentence (its sequence of words) once (with --sgml or text).")
    var unique = false
    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Do not print the sentences (sequences of words) of these CoNLL-U files (self-training data).")
    var exclude: [String] = []

    func run() throws {
        guard format == "conllu" else { throw ValidationError("unsupported format '\(format)' (conllu) [E011]") }
        let clusters = try SyntaxTables.bundledClusters()
        let tagger = try loadPOSModel(pos, clusters: clusters)
        let lemmatizer = try Lemmatizer.bundled()
        let analyzer =
            ensemble
            ? SyntaxAnalyzer(tagger: tagger, ensemble: try ParserEnsemble.bundled(), lemmatizer: lemmatizer)
            : SyntaxAnalyzer(tagger: tagger, parser: try loadParserModel(model, beam: beam), lemmatizer: lemmatizer)
        let judge = try agreeModel.map {
            SyntaxAnalyzer(tagger: tagger, parser: try loadParserModel($0), lemmatizer: lemmatizer)
        }
        // The word sequences not to print: those of the --exclude files, and with --unique those printed already.
        var seen = Set<[String]>()
        for path in exclude { for s in CoNLLU.read(try readText(path)) { seen.insert(s.forms) } }
        func fresh(_ sentences: [CoNLLU.Sentence]) -> [CoNLLU.Sentence] {
            sentences.filter { unique ? seen.insert($0.forms).inserted : !seen.contains($0.forms) }
        }
        if !sgml.isEmpty {
            // A file that cannot be read is reported in one line; the others are still parsed (exit code 1).
            let out = FileHandle.standardOutput
            var failed = false
            for path in sgml {
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                let texts: [String]
                do { texts = ReutersSGML.texts(try readText(path)) } catch {
                    stderrLine("\(error)")
                    failed = true
                    continue
                }
                for (a, text) in texts.enumerated() {
                    var doc = Document(article: Article(title: nil, text: text, source: path))
                    let sentences = try ParseCommand.raw(&doc, id: "\(name)-\(a + 1)")
                    let parsed = try ParseCommand.analyzed(&doc, sentences, analyzer)
                    out.write(Data(CoNLLU.write(fresh(try ParseCommand.agreeing(parsed, doc, judge))).utf8))
                }
            }
            if failed { throw ExitCode(1) }
            return
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        var sentences: [CoNLLU.Sentence]
        var doc: Document
        if ParseCommand.looksLikeCoNLLU(input) {
            sentences = CoNLLU.read(input)
            doc = Document(pretokenized: sentences.map(\.forms), source: "<stdin>")
        } else {
            doc = Document(article: Article(title: nil, text: input, source: "<stdin>"))
            sentences = try ParseCommand.raw(&doc, id: nil)
        }
        let parsed = try ParseCommand.analyzed(&doc, sentences, analyzer)
        FileHandle.standardOutput.write(
            Data(CoNLLU.write(fresh(try ParseCommand.agreeing(parsed, doc, judge))).utf8))
    }

    /// Tokenizes and splits raw text; one CoNLL-U sentence (words and `sent_id`/`text` comments) per sentence.
    static func raw(_ doc: inout Document, id: String?) throws -> [CoNLLU.Sentence] {
        try Tokenizer().apply(to: &doc)
        try SentenceSplitter().apply(to: &doc)
        var sentences: [CoNLLU.Sentence] = []
        for (k, s) in doc.sentences.enumerated() {
            let words = s.tokens.map { CoNLLU.Word(form: doc.string(of: doc.tokens[$0])) }
            let text = doc.string(
                Int(doc.tokens[s.tokens.lowerBound].start)..<Int(doc.tokens[s.tokens.upperBound - 1].end))
            let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            let sid = id.map { "\($0)-\(k + 1)" } ?? "\(k + 1)"
            sentences.append(CoNLLU.Sentence(comments: ["# sent_id = \(sid)", "# text = \(flat)"], words: words))
        }
        return sentences
    }

    /// Runs the syntax stage on `doc` and fills the sentences' LEMMA, UPOS, XPOS, HEAD and DEPREL from it.
    static func analyzed(_ doc: inout Document, _ sentences: [CoNLLU.Sentence], _ analyzer: SyntaxAnalyzer) throws
        -> [CoNLLU.Sentence]
    {
        var sentences = sentences
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
        return sentences
    }

    /// The sentences `judge` parses with the same heads and relations, of 3 words or more and with at most half
    /// of their words in capitals; all of them without a judge.
    static func agreeing(_ parsed: [CoNLLU.Sentence], _ doc: Document, _ judge: SyntaxAnalyzer?) throws
        -> [CoNLLU.Sentence]
    {
        guard let judge else { return parsed }
        var other = doc
        let second = try analyzed(&other, parsed, judge)
        return zip(parsed, second).compactMap { a, b in
            guard a.words.count >= 3 else { return nil }
            let capitals = a.words.filter { w in
                w.form.unicodeScalars.count > 1 && w.form.contains(where: \.isLetter)
                    && !w.form.contains(where: \.isLowercase)
            }
            guard capitals.count * 2 <= a.words.count else { return nil }
            for (x, y) in zip(a.words, b.words) where x.head != y.head || x.deprel != y.deprel { return nil }
            return a
        }
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
