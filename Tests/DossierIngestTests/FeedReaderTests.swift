import DossierCore
import Foundation
import Testing

@testable import DossierIngest

private func feed(_ xml: String, published: CalendarDate? = nil) -> [Result<Article, DossierError>] {
    FeedReader.read(Array(xml.utf8), source: "test.xml", published: published)
}

private func articles(_ xml: String, published: CalendarDate? = nil) throws -> [Article] {
    try feed(xml, published: published).map { try $0.get() }
}

private func rss(_ items: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>Test</title><link>https://t.example/</link>\(items)</channel></rss>
    """
}

@Suite("FeedReader")
struct FeedReaderTests {
    // MARK: The example feeds

    @Test func wireFeedExample() throws {
        let results = FeedReader.read(
            try HTMLFeedFixtures.bytes("wire-feed.rss"), source: "wire-feed.rss", published: nil)
        let items = try results.map { try $0.get() }
        #expect(items.count == 3)
        #expect(
            items.map(\.title) == [
                "Brenna ferry sails for the first time in nine months",
                "Ostrid central bank holds rates, signals cut in summer",
                "Wildfire season: Kestria asks neighbours for water bombers",
            ])
        #expect(items.map(\.published) == Array(repeating: CalendarDate(year: 2025, month: 4, day: 8), count: 3))
        #expect(items[0].source == "https://wire.example/2025/04/08/brenna-ferry-sails")
        #expect(items[0].url == items[0].source)
        // content:encoded (CDATA) beats the short description; its share link is furniture.
        #expect(items[0].text.hasPrefix("HALDVIK (Tarsk Wire) – The first passenger ferry"))
        #expect(items[0].text.split(separator: "\n").count == 4)
        #expect(!items[0].text.contains("Share this story"))
        // Escaped HTML in a description, entities decoded twice over as the feed intends.
        #expect(items[1].text.contains("a cut was “likely before the autumn” if inflation"))
        #expect(items[1].text.split(separator: "\n").count == 3)
        // No link and a guid that is not a permalink: the item is numbered.
        #expect(items[2].source == "wire-feed.rss#3")
        #expect(items[2].url == nil)
        #expect(items[2].text.hasPrefix("SOLVAR (Tarsk Wire) – Kestria has asked"))
        for item in items { #expect(!item.text.contains("<") && !item.text.contains("&")) }
    }

    @Test func agencyAtomExample() throws {
        let items = try FeedReader.read(
            try HTMLFeedFixtures.bytes("agency.atom"), source: "agency.atom", published: nil
        )
        .map { try $0.get() }
        #expect(items.count == 3)
        #expect(items[0].title == "Ardal and Kestria sign river water accord")
        #expect(items[0].url == "https://dasksea.example/2025/05/19/river-accord")  // not the enclosure
        #expect(items[0].published == CalendarDate(year: 2025, month: 5, day: 19))  // published beats updated
        #expect(items[0].text.split(separator: "\n").count == 3)
        #expect(items[0].text.contains("“Rivers do not stop at borders, and neither should good sense,”"))
        #expect(items[1].title == "Velmoran opens new rail link to the coast")  // type="html" title
        #expect(items[1].url == "https://dasksea.example/2025/05/20/velmoran-rail")  // link without rel
        #expect(items[1].published == CalendarDate(year: 2025, month: 5, day: 20))  // updated as the fallback
        #expect(items[1].text.hasPrefix("CORVAL – Velmoran opened a rail line"))  // xhtml content
        #expect(items[1].text.split(separator: "\n").count == 3)
        #expect(items[2].source == "agency.atom#3")
        #expect(items[2].text.hasPrefix("Fisheries ministers from the four Dask Sea countries"))
        #expect(!items[2].text.contains("\n"))  // one wrapped paragraph of plain text
    }

    // MARK: Formats

    @Test func rss1RDF() throws {
        let items = try articles(
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://r.example/"><title>R</title><items/></channel>
              <item rdf:about="https://r.example/1"><title>First</title><link>https://r.example/1</link>
                <dc:date>2024-03-01T10:00:00Z</dc:date><description>One paragraph.</description></item>
              <item rdf:about="https://r.example/2"><title>Second</title><link>https://r.example/2</link>
                <description>&lt;p&gt;Two &amp;amp; three.&lt;/p&gt;</description></item>
            </rdf:RDF>
            """, published: CalendarDate(year: 2024, month: 3, day: 2))
        #expect(items.map(\.title) == ["First", "Second"])
        #expect(items.map(\.text) == ["One paragraph.", "Two & three."])
        #expect(
            items.map(\.published) == [
                CalendarDate(year: 2024, month: 3, day: 1), CalendarDate(year: 2024, month: 3, day: 2),
            ])
    }

    @Test func cdataAndNamespacePrefixes() throws {
        let items = try articles(
            rss(
                """
                <item><title><![CDATA[Ports & <b>harbours</b>]]></title><link>https://t.example/p</link>
                <content:encoded><![CDATA[<p>Alpha &amp; beta.</p><script>track()</script><p>Gamma]]]]><![CDATA[>.</p>]]></content:encoded>
                <description>Short.</description></item>
                """))
        #expect(items.first?.title == "Ports & harbours")
        #expect(items.first?.text == "Alpha & beta.\nGamma]]>.")
    }

    @Test func atomContentTypes() throws {
        let items = try articles(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
            <entry><title>Text</title><content type="text">Line &lt;b&gt; one
            wraps here.

            Second para.</content></entry>
            <entry><title>HTML</title><content type="html">&lt;p&gt;A&lt;/p&gt;&lt;p&gt;B&lt;/p&gt;</content></entry>
            <entry><title>XHTML</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>C <b>bold</b></p><p>D</p></div></content></entry>
            <entry><title>Elsewhere</title><content src="https://x.example/a" type="text/html"/><summary>Only the summary.</summary></entry>
            </feed>
            """)
        #expect(
            items.map(\.text) == ["Line <b> one wraps here.\nSecond para.", "A\nB", "C bold\nD", "Only the summary."])
        #expect(items.map(\.source) == ["test.xml#1", "test.xml#2", "test.xml#3", "test.xml#4"])
    }

    @Test func guidPermalinkIsTheLinkWhenThereIsNoLink() throws {
        let items = try articles(
            rss(
                """
                <item><title>A</title><guid>https://t.example/a</guid><description>Text.</description></item>
                <item><title>B</title><guid isPermaLink="false">https://t.example/b</guid><description>Text.</description></item>
                """))
        #expect(items.map(\.url) == ["https://t.example/a", nil])
        #expect(items.map(\.source) == ["https://t.example/a", "test.xml#2"])
    }

    // MARK: Errors

    @Test func anEmptyItemFailsAndTheOthersAreRead() {
        let results = feed(
            rss(
                """
                <item><title>Full</title><description>Text.</description></item>
                <item><title>Empty</title><description>   </description></item>
                <item><title>Markup only</title><description>&lt;p&gt;&lt;/p&gt;</description></item>
                <item><title>Also full</title><description>More text.</description></item>
                """))
        #expect(results.count == 4)
        #expect((try? results[0].get())?.text == "Text.")
        #expect((try? results[3].get())?.text == "More text.")
        for (index, result) in results.enumerated() where index == 1 || index == 2 {
            guard case .failure(let e) = result else {
                Issue.record("item \(index + 1) should fail")
                continue
            }
            #expect(e.code == .emptyArticle)
            #expect(e.description == "test.xml: item \(index + 1): empty article [E003]")
        }
    }

    @Test(arguments: [
        (rss(""), "test.xml: feed has no items [E007]"),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title></feed>", "test.xml: feed has no items [E007]"),
        (
            "<?xml version=\"1.0\"?><catalog><book><title>T</title></book></catalog>",
            "test.xml: not an RSS or Atom feed (root element <catalog>) [E007]"
        ),
        (
            "<html><body><p>Not a feed</p></body></html>",
            "test.xml: not an RSS or Atom feed (root element <html>) [E007]"
        ),
        ("", "test.xml: feed does not parse as XML [E007]"),
        ("just some words", "test.xml: feed does not parse as XML [E007]"),
    ])
    func malformedFeeds(xml: String, message: String) {
        let results = feed(xml)
        #expect(results.count == 1)
        guard case .failure(let e) = results.first else {
            Issue.record("expected one failure, got \(results)")
            return
        }
        #expect(e.code == .malformedFeed)
        #expect(e.description == message)
    }

    @Test func invalidUTF8InAFeedIsReplacedAndReported() throws {
        var bytes = Array(rss("<item><title>T</title><description>Caf</description></item>").utf8)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "f"))) + 1
        bytes.insert(0xE9, at: at)
        let a = try #require(FeedReader.read(bytes, source: "bad.rss", published: nil).first).get()
        #expect(a.text == "Caf\u{FFFD}")
        #expect(a.warnings.map(\.code) == [.invalidUTF8])
    }

    @Test func aDeclaredLegacyEncodingIsConverted() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><description>Caf".utf8)
        bytes += [0xE9]
        bytes += Array("</description></item></channel></rss>".utf8)
        let a = try #require(FeedReader.read(bytes, source: "latin1.rss", published: nil).first).get()
        #expect(a.text == "Café")
    }

    // MARK: Sniffing

    @Test(arguments: [
        ("<rss version=\"2.0\"><channel/></rss>", true),
        ("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- generated -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", true),
        ("<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"x.dtd\"><rss>", true),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", true),
        ("  \n<RSS>", true),
        ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"y\">]><rss>", true),
        ("<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\"></head>", false),
        ("<?xml version=\"1.0\"?><catalog/>", false),
        ("{\"title\": \"<rss>\"}", false),
        ("<feedback>", false),
        ("", false),
        ("<!-- never closed", false),
    ])
    func looksLikeFeed(text: String, expected: Bool) {
        #expect(FeedReader.looksLikeFeed(Array(text.utf8)) == expected)
    }

    @Test func theExamplesLookLikeFeedsAndThePagesDoNot() throws {
        #expect(FeedReader.looksLikeFeed(try HTMLFeedFixtures.bytes("wire-feed.rss")))
        #expect(FeedReader.looksLikeFeed(try HTMLFeedFixtures.bytes("agency.atom")))
        #expect(!FeedReader.looksLikeFeed(try HTMLFeedFixtures.bytes("harbour-talks.html")))
        #expect(!FeedReader.looksLikeFeed(try HTMLFeedFixtures.bytes("grain-levy.html")))
    }

    // MARK: No crash on any bytes

    @Test func randomBytesNeverCrash() {
        var rng = HTMLFeedFuzzRNG(seed: 0xFEED_0001)
        for round in 0..<400 {
            var bytes = rng.soup(count: Int.random(in: 0..<(round < 200 ? 64 : 2048), using: &rng))
            if round % 3 == 0 { bytes = Array("<rss><channel><item><description>".utf8) + bytes }
            if round % 3 == 1 { bytes = Array("<feed><entry><content type=\"xhtml\">".utf8) + bytes }
            let results = FeedReader.read(bytes, source: "fuzz", published: nil)
            #expect(!results.isEmpty)
            _ = FeedReader.looksLikeFeed(bytes)
        }
    }

    @Test(arguments: ["wire-feed.rss", "agency.atom"])
    func truncatedAndMutatedExamplesNeverCrash(name: String) throws {
        let full = try HTMLFeedFixtures.bytes(name)
        var rng = HTMLFeedFuzzRNG(seed: 0xFEED_0002)
        var cut = 0
        while cut < full.count {
            let results = FeedReader.read(Array(full[..<cut]), source: name, published: nil)
            #expect(!results.isEmpty)
            cut += Int.random(in: 1...61, using: &rng)
        }
        for _ in 0..<60 {
            var mutated = full
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            #expect(!FeedReader.read(mutated, source: name, published: nil).isEmpty)
        }
    }

    @Test func entityExpansionIsBounded() {
        // A "billion laughs" document: libxml2's limits stop it; the reader must return, not hang or crash.
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            xml += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
            previous = name
        }
        xml += "]><rss><channel><item><description>&i;</description></item></channel></rss>"
        #expect(!feed(xml).isEmpty)
    }
}
