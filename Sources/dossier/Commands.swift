import ArgumentParser

extension Dossier {
    /// Every subcommand, in the order `dossier --help` lists them. Each lives in its own file.
    static let commands: [any ParsableCommand.Type] = [
        ReadCommand.self,
        BenchCommand.self,
        EvaluateQuotesTemp.self,
    ]
}

/// TEMP: `dossier evaluate-quotes ARGS` runs `evaluate quotes ARGS` until the `evaluate` group exists.
struct EvaluateQuotesTemp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-quotes", abstract: "Temporary alias of 'evaluate quotes'.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() throws { try EvaluateQuotesCommand.parse(arguments).run() }
}
