import DossierCore
import Foundation

/// Writes article records to stdout as a JSON array or as JSON Lines, one record at a time.
final class RecordWriter {
    let format: OutputFormat
    var count = 0

    init(format: OutputFormat) {
        self.format = format
    }

    func write(_ record: ArticleRecord) {
        var out: String
        switch format {
        case .jsonl:
            out = record.json()
            out += "\n"
        case .json:
            out = count == 0 ? "[\n  " : ",\n  "
            out += record.json(pretty: true, depth: 1)
        }
        count += 1
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    func finish() {
        if format == .json {
            FileHandle.standardOutput.write(Data((count == 0 ? "[]\n" : "\n]\n").utf8))
        }
    }
}

/// Messages for the user on stderr: one line each.
enum Diagnostics {
    static func error(_ error: DossierError) {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    }

    static func warning(_ error: DossierError) {
        FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
    }
}
