import ArgumentParser
import DossierCore
import Foundation

/// `dossier tag --format conll`: tags pre-tokenized CoNLL input with the named-entity tagger.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract:
            "Tag CoNLL-style input (token in the first column) with predicted NER tags (IOB2: PER, ORG, LOC, MISC).",
        discussion: """
            Reads stdin and writes every input line unchanged plus one column, the predicted tag. Blank lines \
            separate sentences; -DOCSTART- lines start documents and are copied. Tokens are tagged as given.
            """
    )

    enum Format: String, ExpressibleByArgument { case conll }

    @Option(name: .long, help: "Input and output format.") var format: Format = .conll
    @Option(name: .long, help: "A model file (default: the bundled model).") var model: String?
    @Argument(help: "Input file (default: stdin).") var input: String?

    func run() throws {
        let m = try loadNERModel(model)
        let text: String
        if let input, input != "-" {
            text = try readText(input)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        // Lines are kept as they are: the reader is told there is no label column to interpret.
        let docs = CoNLL.read(text, labelColumn: false)
        let tags = m.tag(docs).flatMap { $0.flatMap { $0 } }
        let out = CoNLL.appendingColumn(to: text, tags: tags)
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
