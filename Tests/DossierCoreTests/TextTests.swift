import DossierCore
import Testing

@Suite("NormalizedText")
struct NormalizedTextTests {
    @Test("folds typographic variants and maps every offset back")
    func folds() throws {
        let text = "\u{201C}Peace\u{201D}\u{2014}now\u{2026} it\u{2019}s\u{00A0}time\r\nok\u{200B}!"
        let n = NormalizedText(text)
        #expect(String(decoding: n.bytes, as: UTF8.self) == "\"Peace\"--now... it's time\nok!")
        #expect(n.toOriginal != nil)
        let original = Array(text.utf8)
        // "Peace" in folded text is bytes 1..<6; it maps to the original bytes 3..<8 (after the 3-byte quote).
        let r = n.originalRange(1..<6)
        #expect(String(decoding: original[r], as: UTF8.self) == "Peace")
        // The ellipsis expands to three dots; any part of it maps to the whole character.
        let folded = Array(n.bytes)
        let dotStart = try #require(folded.firstIndex(of: UInt8(ascii: ".")))
        #expect(String(decoding: original[n.originalRange(dotStart..<(dotStart + 3))], as: UTF8.self) == "\u{2026}")
        #expect(String(decoding: original[n.originalRange(dotStart..<(dotStart + 1))], as: UTF8.self) == "\u{2026}")
        // The end of the text maps to the end of the original.
        #expect(n.originalOffset(folded.count) == original.count)
    }

    @Test("ASCII text without CR is not copied into a map")
    func identity() {
        let n = NormalizedText("plain ASCII text.\nTwo lines.")
        #expect(n.toOriginal == nil)
        #expect(n.originalRange(0..<5) == 0..<5)
    }

    @Test(
        "a CR or a non-ASCII byte anywhere, in a whole word of eight bytes or in the tail, is folded", arguments: 0..<21
    )
    func crAnywhere(_ position: Int) {
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 21)
        bytes[position] = 0x0D
        let n = NormalizedText(String(decoding: bytes, as: UTF8.self))
        #expect(n.toOriginal != nil)
        #expect(!n.bytes.contains(0x0D))
        var quote = Array(repeating: UInt8(ascii: "b"), count: 21)
        quote.insert(contentsOf: Array("\u{2019}".utf8), at: position)
        #expect(NormalizedText(String(decoding: quote, as: UTF8.self)).bytes.contains(UInt8(ascii: "'")))
    }

    @Test("non-ASCII text that needs no folding keeps no map")
    func unfoldedUnicode() {
        let n = NormalizedText("Zürich, São Paulo, 日本")
        #expect(n.toOriginal == nil)
    }
}

@Suite("ScalarOffsets")
struct ScalarOffsetsTests {
    @Test("byte offsets to scalar offsets, as Python counts")
    func scalars() {
        let s = ScalarOffsets("a\u{2019}b\u{1F642}c")
        // bytes: a(0) ’(1,2,3) b(4) 🙂(5..8) c(9) end(10)
        #expect(s.scalar(0) == 0)
        #expect(s.scalar(1) == 1)
        #expect(s.scalar(4) == 2)
        #expect(s.scalar(5) == 3)
        #expect(s.scalar(9) == 4)
        #expect(s.scalar(10) == 5)
        #expect(ScalarOffsets("abc").scalar(3) == 3)
    }
}

@Suite("UTF8Repair")
struct UTF8RepairTests {
    @Test("valid text passes unchanged; a BOM is dropped")
    func valid() {
        let r = UTF8Repair.decode(Array("\u{FEFF}héllo".utf8))
        #expect(r.text == "héllo")
        #expect(r.hadBOM)
        #expect(r.replacedAt.isEmpty)
    }

    @Test("invalid sequences become U+FFFD and are located")
    func invalid() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0x63, 0xE2, 0x82]
        let r = UTF8Repair.decode(bytes)
        #expect(r.text == "a\u{FFFD}b\u{FFFD}(c\u{FFFD}")
        #expect(r.replacedAt == [1, 3, 6])
    }

    @Test(
        "binary data is recognised, text is not",
        arguments: [
            ([0x00, 0x01, 0x02, 0x50, 0x4B] as [UInt8], true),
            (Array("An ordinary sentence.\n".utf8), false),
            (Array("Ünïcödé text — fine".utf8), false),
            ((0..<200).map { UInt8(($0 * 37) % 32) } + [0x41], true),
        ])
    func binary(_ bytes: [UInt8], _ expected: Bool) {
        #expect(UTF8Repair.looksBinary(bytes) == expected)
    }
}

@Suite("Interner")
struct InternerTests {
    @Test("the same bytes get the same id; ids are dense; hashes are the stable hash")
    func interning() {
        var i = Interner(capacity: 2)
        let words = (0..<5000).map { "w\($0)-\($0 % 7 == 0 ? "long-enough-to-pass-eight-bytes" : "")" }
        let ids = words.map { i.intern($0) }
        #expect(Set(ids).count == words.count)
        #expect(words.map { i.intern($0) } == ids)
        #expect(i.count == words.count + 1)
        #expect(i.string(ids[123]) == words[123])
        #expect(i.hash(of: ids[42]) == StableHash.hash(words[42]))
        #expect(i.intern("") == 0)
        var bytes = Array("w7-long-enough-to-pass-eight-bytes".utf8)
        #expect(bytes.withUnsafeBufferPointer { i.lookup($0) } == ids[7])
        bytes[bytes.count - 1] = UInt8(ascii: "X")
        #expect(bytes.withUnsafeBufferPointer { i.lookup($0) } == nil)
    }

    @Test("the stable hash does not change between versions (models depend on it)")
    func stableHash() {
        #expect(StableHash.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.hash("a") == 0xaf63_dc4c_8601_ec8c)
    }
}

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test(
        "weekdays and day arithmetic",
        arguments: [
            ("2024-01-12", 5), ("2024-01-13", 6), ("1970-01-01", 4), ("2000-02-29", 2), ("2026-11-29", 7),
        ])
    func weekday(_ iso: String, _ weekday: Int) throws {
        let d = try #require(CalendarDate(iso: iso))
        #expect(d.weekday == weekday)
        #expect(CalendarDate(daysSinceEpoch: d.daysSinceEpoch) == d)
    }

    @Test("invalid days are rejected")
    func invalid() {
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2024-13-01") == nil)
        #expect(CalendarDate(iso: "20240112") == nil)
        #expect(CalendarDate(iso: "2024-01-12T10:00:00Z")?.description == "2024-01-12")
    }

    @Test("adding days crosses months, years and leap days")
    func adding() throws {
        let d = try #require(CalendarDate(iso: "2023-12-30"))
        #expect(d.adding(days: 3).description == "2024-01-02")
        #expect(try #require(CalendarDate(iso: "2024-02-28")).adding(days: 1).description == "2024-02-29")
        #expect(try #require(CalendarDate(iso: "2024-03-01")).adding(days: -1).description == "2024-02-29")
    }
}
