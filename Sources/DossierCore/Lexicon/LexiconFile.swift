import Foundation

/// Reads the engine's data files (lexicons, later models) shipped as package resources.
///
/// Lexicon files are UTF-8 text: one entry per line, fields separated by tabs, `#` starts a comment line.
public enum LexiconFile {
    /// The lines of a lexicon, split into tab-separated fields, comments and blank lines removed.
    /// `directory` is the resource folder (`lexicons` by default; stages with several files have their own).
    public static func rows(_ name: String, directory: String = "lexicons") throws(DossierError) -> [[Substring]] {
        let text = try contents(name, directory: directory)
        return parse(text)
    }

    /// Splits lexicon text into rows of fields.
    public static func parse(_ text: String) -> [[Substring]] {
        var rows: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(line.split(separator: "\t", omittingEmptySubsequences: false))
        }
        return rows
    }

    /// The text of a data file in `Resources/<directory>`.
    public static func contents(_ name: String, directory: String = "lexicons") throws(DossierError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: directory) else {
            throw DossierError(.resource, "lexicon '\(name)' is missing from the engine's resources", input: name)
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DossierError(
                .resource, "lexicon '\(name)' cannot be read: \(error.localizedDescription)", input: name)
        }
    }
}
