import DossierCore
import DossierIngest
import Testing

@Suite("JSONArticleReader")
struct JSONArticleReaderTests {
    @Test("an object with the contract's fields")
    func object() throws {
        let json =
            #"{"title": "T", "text": "Body text.", "published": "2025-04-04", "url": "https://x.org/a", "source": "Wire"}"#
        let r = JSONArticleReader.readJSON(Array(json.utf8), source: "a.json", published: nil)
        let a = try #require(r.first?.value)
        #expect(r.count == 1)
        #expect(a.title == "T")
        #expect(a.text == "Body text.")
        #expect(a.published?.description == "2025-04-04")
        #expect(a.url == "https://x.org/a")
        #expect(a.source == "Wire")
    }

    @Test("an array of objects; source falls back to url, then path#N; --published fills missing dates")
    func array() throws {
        let json = #"[{"text": "One."}, {"body": "Two.", "link": "https://x.org/2"}, 5, {"title": "no text"}]"#
        let fallback = CalendarDate(year: 2024, month: 1, day: 12)
        let r = JSONArticleReader.readJSON(Array(json.utf8), source: "many.json", published: fallback)
        #expect(r.count == 4)
        #expect(r[0].value?.source == "many.json#1")
        #expect(r[0].value?.published == fallback)
        #expect(r[1].value?.source == "https://x.org/2")
        #expect(r[1].value?.text == "Two.")
        #expect(r[2].error?.code == .malformedJSON)
        #expect(r[3].error?.description.contains("no 'text' field") == true)
    }

    @Test(
        "errors name the problem",
        arguments: [
            (#"{"text": 42}"#, DossierError.Code.malformedJSON),
            (#"{"text": "   "}"#, .emptyArticle),
            (#"{"text": "ok", "title": ["x"]}"#, .malformedJSON),
            (#"{"text": "ok""#, .malformedJSON),
            (#""just a string""#, .malformedJSON),
            ("[]", .emptyArticle),
        ])
    func errors(_ json: String, _ code: DossierError.Code) {
        let r = JSONArticleReader.readJSON(Array(json.utf8), source: "bad.json", published: nil)
        #expect(r.count == 1)
        #expect(r.first?.error?.code == code)
        #expect(r.first?.error?.input == "bad.json")
    }

    @Test("an unreadable date is a warning, not a failure")
    func badDate() throws {
        let json = #"{"text": "Body.", "published": "sometime"}"#
        let a = try #require(
            JSONArticleReader.readJSON(Array(json.utf8), source: "d.json", published: nil).first?.value)
        #expect(a.published == nil)
        #expect(a.warnings.map(\.code) == [.invalidDate])
    }

    @Test("JSON Lines: a malformed line is reported with its number, the others are read")
    func lines() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "feed.jsonl", "{\"text\": \"First.\"}\n\n{\"text\": broken}\n{\"text\": \"Fourth.\", \"title\": \"4\"}\n")
        let r = Ingest().readAll([path])
        #expect(r.count == 3)
        #expect(r[0].value?.text == "First.")
        #expect(r[1].error?.code == .malformedJSON)
        #expect(r[1].error?.line == 3)
        #expect(r[1].error?.description.hasPrefix("\(path):3: malformed JSON line") == true)
        #expect(r[2].value?.title == "4")
        #expect(r[2].value?.source == "\(path):4")
    }
}
