import DossierCore
import DossierIngest
import Foundation
import Testing

@Suite("Ingest")
struct IngestTests {
    @Test("directories are read recursively in sorted order; hidden and foreign files are skipped")
    func directories() throws {
        let dir = try TempDir()
        try dir.write("b.txt", "Bee\nText of b.")
        try dir.write("a/z.json", #"{"text": "Text of z."}"#)
        try dir.write("a/y.txt", "Why\nText of y.")
        try dir.write(".hidden.txt", "Hidden\nNo.")
        try dir.write(".git/c.txt", "Hidden dir\nNo.")
        try dir.write("picture.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00])
        let r = Ingest().readAll([dir.url.path])
        #expect(r.compactMap(\.value).map(\.text) == ["Why\nText of y.", "Text of z.", "Bee\nText of b."])
        #expect(r.allSatisfy { $0.error == nil })
    }

    @Test("bad inputs give one error each, naming the input; good inputs are still read")
    func badInputs() throws {
        let dir = try TempDir()
        let good = try dir.write("good.txt", "Good\nA fine article.")
        let binary = try dir.write("binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00] + Array(repeating: 0, count: 100))
        let empty = try dir.write("empty.txt", "")
        let big = try dir.write("big.txt", String(repeating: "word ", count: 400))
        let missing = dir.url.appendingPathComponent("missing.txt").path
        let noText = try dir.write("nav-only.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
        let badFeed = try dir.write("broken.rss", "<rss version=\"2.0\"><channel></channel></rss>")
        let ingest = Ingest(maxBytes: 1000)
        let r = ingest.readAll([missing, binary, good, empty, big, noText, badFeed])
        #expect(r.count == 7)
        #expect(r[5].error?.code == .noTextInHTML)
        #expect(r[6].error?.code == .malformedFeed)
        #expect(r[0].error?.code == .unreadable)
        #expect(r[0].error?.input == missing)
        #expect(r[1].error?.code == .binaryData)
        #expect(r[2].value?.title == "Good")
        #expect(r[3].error?.code == .emptyArticle)
        #expect(r[4].error?.code == .tooLarge)
        #expect(r[4].error?.description.contains("--max-bytes") == true)
        for e in r.compactMap(\.error) {
            #expect(!e.description.contains("\n"))
        }
        _ = good
    }

    @Test(
        "formats are sniffed when the name says nothing",
        arguments: [
            ("{\"text\": \"x\"}", InputFormat.json),
            ("[{\"text\": \"x\"}]", .json),
            ("{\"text\": \"a\"}\n{\"text\": \"b\"}\n", .jsonl),
            ("<!DOCTYPE html><html><body><p>x</p></body></html>", .html),
            ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>", .feed),
            ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", .feed),
            ("Plain title\nPlain text.", .text),
            ("\u{FEFF}  {\"text\": \"x\"}", .json),
        ])
    func sniff(_ content: String, _ format: InputFormat) {
        #expect(InputFormat.sniff(Array(content.utf8)) == format)
    }

    @Test("every example article is read, in every format, with its date")
    func examples() throws {
        let r = Ingest().readAll([Examples.directory.path])
        #expect(r.allSatisfy { $0.error == nil })
        let articles = r.compactMap(\.value)
        #expect(articles.count >= 12)
        let sources = Set(articles.map { ($0.source as NSString).pathExtension })
        #expect(sources.contains("html") && sources.contains("txt"))
        #expect(articles.filter { $0.published != nil }.count >= articles.count - 1)
    }

    @Test("the publication date given on the command line fills articles without one")
    func published() throws {
        let dir = try TempDir()
        let path = try dir.write("a.txt", "Title\nBody.")
        let date = CalendarDate(year: 2024, month: 1, day: 12)
        let r = Ingest(published: date).readAll([path])
        #expect(r.first?.value?.published == date)
    }

    @Test("JSON Lines files are streamed; an over-long line is an error and the rest is read")
    func longLine() throws {
        let dir = try TempDir()
        let long = "{\"text\": \"" + String(repeating: "x", count: 3000) + "\"}"
        let path = try dir.write("big.jsonl", "{\"text\": \"short one\"}\n\(long)\n{\"text\": \"after\"}")
        let r = Ingest(maxBytes: 1000).readAll([path])
        #expect(r.count == 3)
        #expect(r[0].value?.text == "short one")
        #expect(r[1].error?.code == .tooLarge)
        #expect(r[1].error?.line == 2)
        #expect(r[2].value?.text == "after")
    }

    @Test("random and truncated inputs never crash any reader", arguments: InputFormat.allCases)
    func fuzz(_ format: InputFormat) throws {
        var rng = SeededGenerator(seed: 7)
        let samples = [
            "Title\nBody with “quotes” and — dashes.",
            #"{"title": "T", "text": "Body.", "published": "2024-01-12"}"#,
            "{\"text\": \"a\"}\n{\"text\": \"b\"}",
            "<html><head><title>T</title></head><body><article><p>Para one.</p><p>Two.</p></article></body></html>",
            "<rss version=\"2.0\"><channel><item><title>T</title><description>Body.</description></item></channel></rss>",
        ]
        let ingest = Ingest()
        for sample in samples {
            let bytes = Array(sample.utf8)
            for cut in stride(from: 0, through: bytes.count, by: 3) {
                let results = ingest.read(bytes: Array(bytes[..<cut]), source: "cut", format: format)
                #expect(!results.isEmpty)
            }
        }
        for _ in 0..<200 {
            let n = Int(rng.next() % 300)
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let results = ingest.read(bytes: bytes, source: "random", format: format)
            #expect(!results.isEmpty)
        }
    }
}
