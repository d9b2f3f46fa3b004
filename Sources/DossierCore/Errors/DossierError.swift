/// The one error type of the engine: a stable code, a one-line message, and where it happened.
///
/// Users see ``description``: one line naming the input and the problem. Codes never change meaning
/// once released, so scripts and tests can match on them.
public struct DossierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes. New codes are appended; existing ones keep their number.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// E001: a file or directory could not be read.
        case unreadable = "E001"
        /// E002: the input looks like binary data, not text.
        case binaryData = "E002"
        /// E003: the article has no text.
        case emptyArticle = "E003"
        /// E004: JSON that does not parse, or lacks the fields of an article.
        case malformedJSON = "E004"
        /// E005: HTML from which no article text could be extracted.
        case noTextInHTML = "E005"
        /// E006: the input is larger than the configured limit.
        case tooLarge = "E006"
        /// E007: an RSS or Atom feed that does not parse or has no items.
        case malformedFeed = "E007"
        /// E008: a date that cannot be read (for example `--published`).
        case invalidDate = "E008"
        /// E009: a pipeline whose stages do not fit together.
        case pipelineOrder = "E009"
        /// E010: a data file of the engine (lexicon, model) is missing or malformed.
        case resource = "E010"
        /// E011: the input's format is not one Dossier reads.
        case unsupportedFormat = "E011"
        /// E012: invalid UTF-8 replaced by U+FFFD (a warning: the article is still read).
        case invalidUTF8 = "E012"
        /// E013: a command-line argument or option that does not make sense.
        case usage = "E013"
    }

    public var code: Code
    public var message: String
    /// The input the error is about: a path, a URL, `<stdin>`, or a stage name.
    public var input: String?
    /// Where in the input, when known: a line number for line formats, a byte offset otherwise.
    public var line: Int?

    public init(_ code: Code, _ message: String, input: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.input = input
        self.line = line
    }

    /// One line: `path:line: message [E004]`.
    public var description: String {
        var out = ""
        if let input {
            out += input
            if let line { out += ":\(line)" }
            out += ": "
        }
        out += message
        out += " [\(code.rawValue)]"
        return out
    }
}
