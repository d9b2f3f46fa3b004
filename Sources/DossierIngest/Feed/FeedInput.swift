import DossierCore
import Foundation

/// The bytes handed to libxml2: repaired to valid UTF-8 unless the XML declaration names another encoding.
struct FeedInput {
    var bytes: [UInt8]
    var warnings: [DossierError] = []

    init(_ raw: [UInt8], source: String) {
        if raw.count >= 2 && ((raw[0] == 0xFE && raw[1] == 0xFF) || (raw[0] == 0xFF && raw[1] == 0xFE)) {
            bytes = raw
            return
        }
        if let declared = FeedInput.declaredEncoding(raw), declared != "utf-8", declared != "utf8" {
            bytes = raw
            return
        }
        let repaired = UTF8Repair.decode(raw)
        if repaired.replacedAt.isEmpty {
            bytes = raw
        } else {
            bytes = Array(repaired.text.utf8)
            warnings.append(contentsOf: Ingest.utf8Warnings(repaired, source: source))
        }
    }

    /// The lowercased `encoding` of the XML declaration, if the input starts with one.
    static func declaredEncoding(_ raw: [UInt8]) -> String? {
        let head = String(decoding: raw.prefix(256), as: UTF8.self)
        guard let declStart = head.range(of: "<?xml"), let declEnd = head.range(of: "?>"),
            declStart.upperBound <= declEnd.lowerBound
        else { return nil }
        let decl = head[declStart.upperBound..<declEnd.lowerBound]
        guard let e = decl.range(of: "encoding") else { return nil }
        let rest = decl[e.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
        let value = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        return value.isEmpty ? nil : value.lowercased()
    }
}
