import ArgumentParser

/// `dossier evaluate`: scores a stage against gold annotations.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a stage against gold annotations.",
        subcommands: [EvaluatePlacesCommand.self, EvaluateTimeCommand.self, EvaluateQuotesCommand.self]
    )
}
