import DossierCore
import DossierIngest
import Testing

@Suite("PlainTextReader")
struct PlainTextReaderTests {
    @Test("the first line is the title when text follows; the text is the content exactly")
    func title() throws {
        let content = "Envoys Meet in Kalden\nThe envoys met on Friday.\n"
        let a = try #require(PlainTextReader.read(Array(content.utf8), source: "a.txt", published: nil).value)
        #expect(a.title == "Envoys Meet in Kalden")
        #expect(a.text == content)
        #expect(a.titleRange == 0..<21)
        #expect(a.source == "a.txt")
    }

    @Test(
        "no title for one-line text, a blank first line, or a first line that is a paragraph",
        arguments: [
            "Just one line of text.",
            "\nBody after a blank line.",
            String(repeating: "A very long first paragraph that goes on. ", count: 10) + "\nSecond.",
            "Headline only\n   \n",
        ])
    func noTitle(_ content: String) throws {
        let a = try #require(PlainTextReader.read(Array(content.utf8), source: "a.txt", published: nil).value)
        #expect(a.title == nil)
        #expect(a.text == content)
    }

    @Test("the id is a content hash: same text, same id; other text, other id")
    func identity() throws {
        let one = try #require(PlainTextReader.read(Array("T\nBody.".utf8), source: "a", published: nil).value)
        let two = try #require(PlainTextReader.read(Array("T\nBody.".utf8), source: "b", published: nil).value)
        let three = try #require(PlainTextReader.read(Array("T\nBody!".utf8), source: "a", published: nil).value)
        #expect(one.id == two.id)
        #expect(one.id != three.id)
        #expect(one.id.count == 32)
    }

    @Test("invalid UTF-8 is replaced and reported as a warning; the article is still read")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("Title\nBad byte: ".utf8) + [0xFF] + Array(" here.".utf8)
        let a = try #require(PlainTextReader.read(bytes, source: "bad.txt", published: nil).value)
        #expect(a.text.contains("\u{FFFD}"))
        #expect(a.warnings.map(\.code) == [.invalidUTF8])
        #expect(a.warnings.first?.description.hasPrefix("bad.txt: 1 invalid UTF-8") == true)
    }

    @Test("an empty or blank file is an error naming it", arguments: ["", "  \n\t\n"])
    func empty(_ content: String) {
        let r = PlainTextReader.read(Array(content.utf8), source: "empty.txt", published: nil)
        #expect(r.error?.code == .emptyArticle)
        #expect(r.error?.input == "empty.txt")
    }
}

@Suite("PublishedDate")
struct PublishedDateTests {
    @Test(
        "reads the forms articles and feeds use",
        arguments: [
            ("2024-01-12", "2024-01-12"),
            ("2024-01-12T23:30:00-05:00", "2024-01-12"),
            ("2024-01-12 09:30", "2024-01-12"),
            ("Fri, 12 Jan 2024 09:30:00 GMT", "2024-01-12"),
            ("January 12, 2024", "2024-01-12"),
            ("12 January 2024", "2024-01-12"),
            ("Jan. 12, 2024 10:15 a.m. EST", "2024-01-12"),
            ("2024/01/12", "2024-01-12"),
            ("20240112", "2024-01-12"),
        ])
    func parses(_ input: String, _ expected: String) {
        #expect(PublishedDate.parse(input)?.description == expected)
    }

    @Test("rejects what is not a date", arguments: ["", "yesterday", "2024-02-30", "Friday", "13/45/2024"])
    func rejects(_ input: String) {
        #expect(PublishedDate.parse(input) == nil)
    }
}
