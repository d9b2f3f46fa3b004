/// The formats Dossier reads articles from.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Plain text; the first line is the title when a newline follows it.
    case text
    /// One JSON object, or an array of them, with `title`, `text`, `published`, `url`, `source`.
    case json
    /// One JSON object per line.
    case jsonl
    /// An HTML page; the main text is extracted and boilerplate removed.
    case html
    /// An RSS 2.0, RSS 1.0 or Atom feed: one article per item.
    case feed

    /// The format a file name's extension stands for, or nil when it says nothing.
    public init?(pathExtension ext: String) {
        switch ext.lowercased() {
        case "txt", "text": self = .text
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        case "html", "htm", "xhtml": self = .html
        case "rss", "atom": self = .feed
        default: return nil
        }
    }

    /// Guesses the format of content whose name says nothing (stdin, `.xml`, no extension).
    public static func sniff(_ bytes: [UInt8]) -> InputFormat {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) {
            i += 1
        }
        guard i < bytes.count else { return .text }
        switch bytes[i] {
        case UInt8(ascii: "["):
            return .json
        case UInt8(ascii: "{"):
            // Several lines that each open an object: JSON Lines.
            var lines = 0
            var objectLines = 0
            var atLineStart = true
            for b in bytes[i...].prefix(1 << 16) {
                if b == 0x0A {
                    atLineStart = true
                    continue
                }
                if atLineStart && b != 0x20 && b != 0x09 && b != 0x0D {
                    lines += 1
                    if b == UInt8(ascii: "{") { objectLines += 1 }
                    atLineStart = false
                }
            }
            return objectLines >= 2 && objectLines == lines ? .jsonl : .json
        case UInt8(ascii: "<"):
            let head = String(decoding: bytes[i...].prefix(2048), as: UTF8.self).lowercased()
            if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") { return .feed }
            return .html
        default:
            return .text
        }
    }
}
