import DossierCore
import Foundation

/// The bytes handed to libxml2 and the encoding to force.
///
/// A page that declares no charset or UTF-8 is repaired to valid UTF-8 first (each invalid sequence replaced
/// by U+FFFD and reported as a warning) and parsed as UTF-8, whatever libxml2 would have guessed. A page that
/// declares another charset, or starts with a UTF-16 byte-order mark, is left to libxml2's converters.
struct HTMLInput {
    var bytes: [UInt8]
    var encoding: String?
    var warnings: [DossierError] = []

    init(_ raw: [UInt8], source: String) {
        if raw.count >= 2 && ((raw[0] == 0xFE && raw[1] == 0xFF) || (raw[0] == 0xFF && raw[1] == 0xFE)) {
            bytes = raw
            encoding = nil
            return
        }
        let declared = HTMLInput.declaredCharset(raw) ?? FeedInput.declaredEncoding(raw)  // XHTML: <?xml encoding?>
        if let declared, declared != "utf-8", declared != "utf8" {
            bytes = raw
            encoding = nil
            return
        }
        let repaired = UTF8Repair.decode(raw)
        if repaired.replacedAt.isEmpty {
            bytes = repaired.hadBOM ? Array(raw.dropFirst(3)) : raw
        } else {
            bytes = Array(repaired.text.utf8)
            warnings.append(contentsOf: Ingest.utf8Warnings(repaired, source: source))
        }
        encoding = "UTF-8"
    }

    /// The lowercased `charset=` value in the first 2 KB (meta tags come early), if any.
    static func declaredCharset(_ raw: [UInt8]) -> String? {
        let head = raw.prefix(2048).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        let key = Array("charset".utf8)
        guard head.count > key.count else { return nil }
        var i = 0
        while i + key.count <= head.count {
            if head[i] == key[0] && Array(head[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < head.count && (head[j] == 0x20 || head[j] == 0x09) { j += 1 }
                guard j < head.count, head[j] == UInt8(ascii: "=") else {
                    i += 1
                    continue
                }
                j += 1
                while j < head.count && (head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27) { j += 1 }
                var value: [UInt8] = []
                while j < head.count, value.count < 40 {
                    let b = head[j]
                    let ok =
                        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 0x2D || b == 0x5F || b == 0x3A
                        || b == 0x2E
                    guard ok else { break }
                    value.append(b)
                    j += 1
                }
                return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}
