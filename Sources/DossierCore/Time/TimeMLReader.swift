/// A TimeML document: the text of its `<TEXT>` element with the TIMEX3 annotations in it, and the creation time.
public struct TimeMLDocument: Sendable {
    /// A gold TIMEX3: UTF-8 byte offsets into ``TimeMLDocument/text``, end exclusive.
    public struct Annotation: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String
        public var value: String
        public var text: String
    }

    public var id: String
    /// The document creation time (`<DCT>`), the anchor of relative dates.
    public var creationDate: CalendarDate?
    /// The text of `<TEXT>`, tags removed and character entities decoded.
    public var text: String
    public var timexes: [Annotation]
}

/// Reads TimeML (TempEval-3 format): the DCT's TIMEX3 value, the `<TEXT>` element's text and its TIMEX3 tags.
///
/// Parsing only: the caller reads the file. Other tags inside the text (EVENT, SIGNAL) are dropped.
public enum TimeMLReader {
    public static func parse(_ xml: String, id: String) throws(DossierError) -> TimeMLDocument {
        let b = Array(xml.utf8)
        var dct: CalendarDate?
        if let d = find(b, "<DCT>", from: 0), let v = attribute(b, "value", inTagAt: find(b, "<TIMEX3", from: d) ?? d) {
            dct = CalendarDate(iso: v.prefix(10))
        }
        guard let open = find(b, "<TEXT>", from: 0), let close = find(b, "</TEXT>", from: open) else {
            throw DossierError(.unsupportedFormat, "no <TEXT> element: not TimeML", input: id)
        }
        var text: [UInt8] = []
        text.reserveCapacity(close - open)
        var annotations: [TimeMLDocument.Annotation] = []
        var openTimex: (start: Int, type: String, value: String)?
        var i = open + 6
        while i < close {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                guard let gt = b[i..<close].firstIndex(of: UInt8(ascii: ">")) else {
                    throw DossierError(.unsupportedFormat, "unterminated tag", input: id, line: line(b, i))
                }
                if startsWith(b, i, "<TIMEX3") {
                    openTimex = (
                        text.count, attribute(b, "type", inTagAt: i) ?? "", attribute(b, "value", inTagAt: i) ?? ""
                    )
                } else if startsWith(b, i, "</TIMEX3") {
                    guard let o = openTimex else {
                        throw DossierError(
                            .unsupportedFormat, "</TIMEX3> without <TIMEX3>", input: id, line: line(b, i))
                    }
                    annotations.append(
                        .init(
                            start: o.start, end: text.count, type: o.type, value: o.value,
                            text: String(decoding: text[o.start..<text.count], as: UTF8.self)))
                    openTimex = nil
                }
                i = gt + 1
                continue
            }
            if c == UInt8(ascii: "&"), let semi = b[i..<min(close, i + 10)].firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: b[(i + 1)..<semi], as: UTF8.self)
                if let s = entity(name) {
                    text.append(contentsOf: s.utf8)
                    i = semi + 1
                    continue
                }
            }
            text.append(c)
            i += 1
        }
        return TimeMLDocument(
            id: id, creationDate: dct, text: String(decoding: text, as: UTF8.self), timexes: annotations)
    }

    static func entity(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            return nil
        }
    }

    static func startsWith(_ b: [UInt8], _ i: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        return s.withUTF8Buffer { p in
            for k in 0..<n where b[i + k] != p[k] { return false }
            return true
        }
    }

    static func find(_ b: [UInt8], _ s: StaticString, from: Int) -> Int? {
        var i = from
        while i < b.count {
            if startsWith(b, i, s) { return i }
            i += 1
        }
        return nil
    }

    /// The value of `name="..."` in the tag starting at `i`.
    static func attribute(_ b: [UInt8], _ name: String, inTagAt i: Int) -> String? {
        guard let gt = b[i...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let tag = String(decoding: b[i..<gt], as: UTF8.self)
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[r.upperBound...]
        guard let q = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<q])
    }

    static func line(_ b: [UInt8], _ i: Int) -> Int {
        var n = 1
        for k in 0..<min(i, b.count) where b[k] == 0x0A { n += 1 }
        return n
    }
}
