import ArgumentParser

extension Dossier {
    /// Every subcommand, in the order `dossier --help` lists them. Each lives in its own file.
    static let commands: [any ParsableCommand.Type] = [
        ReadCommand.self,
        TagCommand.self,
        TrainCommand.self,
        EvaluateCommand.self,
        ParseCommand.self,
        BenchCommand.self,
    ]
}
