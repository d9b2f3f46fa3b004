import ArgumentParser

/// The `dossier` command.
@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Reads news articles and turns them into facts with their evidence.",
        version: "0.1.0",
        subcommands: Dossier.commands
    )
}
