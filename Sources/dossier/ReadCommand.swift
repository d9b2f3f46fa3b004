import ArgumentParser
import DossierCore
import DossierIngest
import Foundation

/// `dossier read`: articles in, one JSON object per article out (output contract v1, docs/schema.md).
struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read articles and print what Dossier finds in them as JSON.",
        discussion: """
            PATH is a file or a directory (read recursively); none or '-' reads stdin. Formats: plain text \
            (.txt; the first line is the title), JSON and JSON Lines (title, text, published, url, source), \
            HTML, RSS and Atom feeds (.rss, .atom, or .xml sniffed). A bad input is reported on stderr in one \
            line and the others are still read; the exit code is 1 if any input failed.
            """)

    @Argument(help: "Files or directories to read ('-' or none: stdin).")
    var paths: [String] = []

    @Option(help: "Publication date (YYYY-MM-DD) for articles whose input gives none; anchors relative dates.")
    var published: String?

    @Option(help: "Output: 'json' (a pretty JSON array) or 'jsonl' (one object per line).")
    var format: OutputFormat = .json

    @Option(
        name: .customLong("input-format"),
        help: "Read every input as this format instead of guessing: text, json, jsonl, html, feed.")
    var inputFormat: InputFormatOption?

    @Option(name: .customLong("max-bytes"), help: "Largest input file (and JSON line) to read, in bytes.")
    var maxBytes: Int = Ingest.defaultMaxBytes

    @Option(help: "Articles processed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help: """
            The dependency parser: greedy (fast, the default), beam or ensemble (more accurate parses; about 14 \
            and 180 times slower to parse).
            """)
    var parser: ParserChoice = .greedy

    func validate() throws {
        if let published, CalendarDate(iso: published) == nil || published.count != 10 {
            throw ValidationError("--published takes a date as YYYY-MM-DD, not '\(published)'")
        }
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        if jobs <= 0 { throw ValidationError("--jobs must be positive") }
    }

    func run() async throws {
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.standard(parser: parser)
        } catch {
            Diagnostics.error(error)
            throw ExitCode(2)
        }
        let ingest = Ingest(
            published: published.flatMap { CalendarDate(iso: $0) }, maxBytes: maxBytes, format: inputFormat?.format)
        let writer = RecordWriter(format: format)
        var failed = false
        var batch: [Article] = []

        func flush() async {
            let docs = await Self.process(batch, pipeline)
            batch.removeAll(keepingCapacity: true)
            for result in docs {
                switch result {
                case .success(let doc): writer.write(ArticleRecord(doc))
                case .failure(let error):
                    Diagnostics.error(error)
                    failed = true
                }
            }
        }

        for input in ingest.inputs(paths) {
            switch input {
            case .failure(let error):
                Diagnostics.error(error)
                failed = true
            case .success(let input):
                var articles: [Article] = []
                ingest.read(input) { result in
                    switch result {
                    case .success(let article):
                        for warning in article.warnings { Diagnostics.warning(warning) }
                        articles.append(article)
                    case .failure(let error):
                        Diagnostics.error(error)
                        failed = true
                    }
                }
                for article in articles {
                    batch.append(article)
                    if batch.count >= jobs * 8 { await flush() }
                }
            }
        }
        await flush()
        writer.finish()
        if failed { throw ExitCode(1) }
    }

    /// Runs the pipeline on a batch in parallel, keeping the input order.
    static func process(_ articles: [Article], _ pipeline: Pipeline) async -> [Result<Document, DossierError>] {
        await withTaskGroup(of: (Int, Result<Document, DossierError>).self) { group in
            for (k, article) in articles.enumerated() {
                group.addTask {
                    do throws(DossierError) {
                        return (k, .success(try pipeline.run(article)))
                    } catch {
                        return (k, .failure(error))
                    }
                }
            }
            var out = [Result<Document, DossierError>?](repeating: nil, count: articles.count)
            for await (k, r) in group { out[k] = r }
            return out.compactMap { $0 }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl
}

enum InputFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, html, feed
    var format: InputFormat { InputFormat(rawValue: rawValue) ?? .text }
}

extension ParserChoice: ExpressibleByArgument {}
