import DossierCore
import Foundation
import Testing

@testable import DossierIngest

/// The example articles in `Examples/articles`, which the README uses too.
enum HTMLFeedFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../Examples/articles")
        .standardizedFileURL

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// The engine's seeded generator (SplitMix64), so the fuzz tests feed the same inputs on every run.
typealias HTMLFeedFuzzRNG = SplitMix64

extension SplitMix64 {
    /// Random bytes, half of them drawn from markup characters so the parser sees tag-like soup.
    mutating func soup(count: Int) -> [UInt8] {
        let markup = Array("<>/=\"' &;!-?[]abcdefpdivhtmlscriptCDATA#x0123456789\n\t".utf8)
        return (0..<count).map { _ in
            Bool.random(using: &self)
                ? markup[Int.random(in: 0..<markup.count, using: &self)] : UInt8.random(in: 0...255, using: &self)
        }
    }
}

private func read(_ html: String, published: CalendarDate? = nil) -> Result<Article, DossierError> {
    HTMLReader.read(Array(html.utf8), source: "test.html", published: published)
}

private func article(_ html: String, published: CalendarDate? = nil) throws -> Article {
    try read(html, published: published).get()
}

private func page(head: String = "", body: String) -> String {
    "<!DOCTYPE html><html><head>\(head)</head><body>\(body)</body></html>"
}

private let filler = "The committee met again on Friday to go through the remaining questions in detail."

@Suite("HTMLReader")
struct HTMLReaderTests {
    // MARK: The example pages

    @Test func harbourTalksExample() throws {
        let a = try HTMLReader.read(
            HTMLFeedFixtures.bytes("harbour-talks.html"), source: "harbour-talks.html",
            published: nil
        ).get()
        #expect(a.title == "Harbour talks resume as Velmoran and Ostrid agree on ferry corridor")
        #expect(a.published == CalendarDate(year: 2025, month: 3, day: 14))
        #expect(a.url == "https://courier.example/world/harbour-talks-resume")
        #expect(a.source == "harbour-talks.html")
        #expect(a.warnings.isEmpty)
        let lines = a.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8)
        #expect(lines.first?.hasPrefix("HALDVIK – Negotiators from Velmoran") == true)
        #expect(lines.last?.hasSuffix("expected by the end of May.") == true)
        #expect(lines.contains("Also read: Why the Tarsk Strait matters to both countries"))
        #expect(lines.contains("What happens next"))
        #expect(a.text.contains("from April 1 under"))  // &nbsp; collapsed to a space
        #expect(a.text.contains("“as soon as the inspections are done,”"))
        for furniture in [
            "Harbour talks resume", "Ilse Maranek", "Share on", "Copy link", "Photo: Courier archive", "Advertisement",
            "Velmoran\nOstrid", "Corrections?", "Comments", "Finally some good news", "Related stories",
            "morning briefing", "Subscribe", "All rights reserved", "cookies", "Skip to content", "Politics",
            "dataLayer", "display: flex",
        ] {
            #expect(!a.text.contains(furniture), "furniture left in the text: \(furniture)")
        }
        #expect(!a.text.contains("  "))
        #expect(!lines.contains { $0.isEmpty })
    }

    @Test func grainLevyExampleWithoutArticleElement() throws {
        let a = try HTMLReader.read(
            HTMLFeedFixtures.bytes("grain-levy.html"), source: "grain-levy.html",
            published: CalendarDate(year: 2000, month: 1, day: 1)
        ).get()
        #expect(a.title == "Kestria parliament votes to scrap grain export levy")
        #expect(a.published == CalendarDate(year: 2025, month: 6, day: 2))
        #expect(a.url == "https://meridian.example/news/kestria-grain-levy")
        let lines = a.text.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.first?.hasPrefix("SOLVAR — Kestria's parliament voted") == true)
        for furniture in [
            "Most read", "Heatwave", "Facebook", "More on this story", "Farmers lift", "Contact",
            "Meridian Daily", "2 June 2025, 16:20",
        ] {
            #expect(!a.text.contains(furniture), "furniture left in the text: \(furniture)")
        }
    }

    @Test func examplesAreNewsSized() throws {
        for name in ["harbour-talks.html", "grain-levy.html"] {
            let a = try HTMLReader.read(HTMLFeedFixtures.bytes(name), source: name, published: nil).get()
            let words = a.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            #expect((150...400).contains(words), "\(name) has \(words) words")
        }
    }

    // MARK: Main text

    @Test func nestedBoilerplateInsideTheArticleIsDropped() throws {
        let a = try article(
            page(
                body: """
                    <article><h1>Headline</h1><p>\(filler)</p>
                    <div class="story-tools"><div class="share-buttons"><div><p>Share this on every network you use today please.</p></div></div></div>
                    <section class="related-content"><h2>Related</h2><ul><li><p>Another story entirely about something else.</p></li></ul></section>
                    <p>Second paragraph of the story, still part of the text.</p></article>
                    """))
        #expect(a.text == "\(filler)\nSecond paragraph of the story, still part of the text.")
        #expect(a.title == "Headline")
    }

    @Test func linkListsInsideTheContainerGoButRelatedLinkParagraphsStay() throws {
        let a = try article(
            page(
                body: """
                    <article><p>\(filler)</p>
                    <ul><li><a href="/a">A story about the port</a></li><li><a href="/b">A story about the ferry</a></li></ul>
                    <p>Also read: <a href="/c">What the strait means for fishing</a></p>
                    <ul><li>Lists of plain points stay in the text.</li><li>So does this one.</li></ul></article>
                    """))
        #expect(
            a.text == """
                \(filler)
                Also read: What the strait means for fishing
                Lists of plain points stay in the text.
                So does this one.
                """)
    }

    @Test func withoutArticleTheBestScoredParagraphsWin() throws {
        let body = """
            <div id="menu-area"><p>Home News Sport Weather Culture Travel Business Money</p></div>
            <div class="wrap"><div class="col-a"><p><a href="/x">A very long link text that is only a link to another page</a></p></div>
            <div class="col-b"><p>\(filler)</p><p>\(filler) Again, with more words in it.</p></div></div>
            """
        let a = try article(page(body: body))
        #expect(a.text == "\(filler)\n\(filler) Again, with more words in it.")
    }

    @Test func aTeaserArticleLosesToTheRealText() throws {
        let body = """
            <aside><article><p>Teaser card text here.</p></article></aside>
            <div class="col"><article class="card"><a href="/t">Short teaser</a></article></div>
            <div class="body"><p>\(filler)</p><p>\(filler)</p><p>\(filler)</p></div>
            """
        let a = try article(page(body: body))
        #expect(a.text == "\(filler)\n\(filler)\n\(filler)")
    }

    @Test func articleBodyThenMainArePreferredOverScoring() throws {
        let withItemprop = try article(
            page(
                body: """
                    <div><p>\(filler) Outside.</p></div><div itemprop="articleBody"><p>\(filler) Inside.</p></div>
                    """))
        #expect(withItemprop.text == "\(filler) Inside.")
        let withMain = try article(
            page(
                body: """
                    <div><p>\(filler) Outside.</p></div><main><p>\(filler) Inside main.</p></main>
                    """))
        #expect(withMain.text == "\(filler) Inside main.")
    }

    @Test(arguments: [
        "<body class=\"has-sidebar with-comments\"><article><p>\(filler)</p></article><div class=\"sidebar\"><p>Side box text that is long enough to count.</p></div></body>",
        "<body><div id=\"page\" class=\"layout-with-sidebar\"><main><p>\(filler)</p></main><div class=\"sidebar\"><p>Side box.</p></div></div></body>",
        "<body><div class=\"wrap--share-enabled\"><div class=\"txt\"><p>\(filler)</p><p>\(filler)</p></div><div class=\"sidebar\"><p>Side box text that is long enough to count.</p></div></div></body>",
    ])
    func wrappersNamedLikeFurnitureDoNotHideTheArticle(html: String) throws {
        let a = try article("<html>\(html)</html>")
        #expect(a.text.hasPrefix(filler))
        #expect(!a.text.contains("Side box"))
    }

    @Test func concurrentReadsAgree() async throws {
        let bytes = try HTMLFeedFixtures.bytes("harbour-talks.html")
        let expected = try HTMLReader.read(bytes, source: "h", published: nil).get()
        let texts = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<64 {
                group.addTask { try? HTMLReader.read(bytes, source: "h", published: nil).get().text }
            }
            var all: [String?] = []
            for await t in group { all.append(t) }
            return all
        }
        #expect(texts.count == 64)
        #expect(texts.allSatisfy { $0 == expected.text })
    }

    @Test func brokenAndUnclosedTagsStillGiveParagraphs() throws {
        let a = try article("<html><body><div class=story><p>First paragraph <b>in bold<p>Second <i>para</div><p>Third")
        #expect(a.text == "First paragraph in bold\nSecond para\nThird")
    }

    @Test func entitiesAreDecodedAndWhiteSpaceCollapsed() throws {
        let a = try article(
            page(
                body: """
                    <article><p>  Caf&eacute;s &amp; bars in   S&atilde;o Paulo&#8217;s centre,\n\t&ldquo;quoted&rdquo;&nbsp;&nbsp;text &#x2014; end.  </p></article>
                    """))
        #expect(a.text == "Cafés & bars in São Paulo’s centre, “quoted” text — end.")
    }

    @Test func lineBreaksAndBlocksMakeLines() throws {
        let a = try article(
            page(
                body: """
                    <article><div>One<br>Two<br/><br/>Three</div><blockquote>Four</blockquote><ul><li>Five</li><li>Six</li></ul>
                    <table><tr><td>Seven</td><td>eight</td></tr></table><pre>Nine
                    Ten</pre></article>
                    """))
        #expect(a.text == "One\nTwo\nThree\nFour\nFive\nSix\nSeven eight\nNine\nTen")
    }

    @Test func hiddenElementsAreDropped() throws {
        let a = try article(
            page(
                body: """
                    <article><p>Visible.</p><p hidden>Hidden.</p><p style="display:none">Gone.</p><p aria-hidden="true">Icon.</p></article>
                    """))
        #expect(a.text == "Visible.")
    }

    // MARK: Title

    @Test(arguments: [
        (
            "<meta property=\"og:title\" content=\"  From  OG \"><title>From title | Site</title>", "<h1>From h1</h1>",
            "From OG"
        ),
        ("<title>Talks resume | The Courier</title>", "<h1>Talks resume</h1>", "Talks resume"),
        ("<title>Talks resume - The Courier</title>", "", "Talks resume - The Courier"),
        (
            "<meta property=\"og:site_name\" content=\"The Courier\"><title>Talks - resume — The Courier</title>", "",
            "Talks - resume"
        ),
        (
            "<title>Rates: a guide - part 2 | Money | The Courier</title>", "<h1>Rates: a guide - part 2</h1>",
            "Rates: a guide - part 2"
        ),
        ("", "<h1>Only a <em>headline</em></h1>", "Only a headline"),
    ])
    func title(head: String, headline: String, expected: String) throws {
        let a = try article(page(head: head, body: "<article>\(headline)<p>\(filler)</p></article>"))
        #expect(a.title == expected)
        #expect(a.text == filler)
    }

    @Test func aLogoHeadingBeforeTheHeadlineDoesNotKeepTheSuffix() throws {
        let a = try article(
            page(
                head: "<title>Talks resume | The Courier</title>",
                body: """
                    <div class="logo"><h1>The Courier</h1></div><div class="headline"><h1>Talks resume</h1></div>
                    <div class="txt"><p>\(filler)</p><p>\(filler)</p></div>
                    """))
        #expect(a.title == "Talks resume")
        #expect(a.text == "\(filler)\n\(filler)")
    }

    @Test func noTitleAnywhereIsNil() throws {
        let a = try article(page(body: "<p>\(filler)</p>"))
        #expect(a.title == nil)
    }

    // MARK: Publication date

    @Test(arguments: [
        "<meta property=\"article:published_time\" content=\"2024-01-12T09:30:00Z\">",
        "<meta property=\"og:published_time\" content=\"2024-01-12\">",
        "<meta name=\"pubdate\" content=\"20240112\">",
        "<meta name=\"publishdate\" content=\"2024/01/12\">",
        "<meta name=\"date\" content=\"January 12, 2024\">",
        "<meta name=\"DC.date.issued\" content=\"2024-01-12\">",
        "<meta name=\"dcterms.created\" content=\"12 January 2024\">",
        "<meta name=\"sailthru.date\" content=\"2024-01-12 08:00:00\">",
        "<meta name=\"parsely-pub-date\" content=\"2024-01-12T08:00:00Z\">",
        "<meta itemprop=\"datePublished\" content=\"2024-01-12\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-01-12T10:00:00+01:00\"}</script>",
        "<script type=\"application/ld+json\">[{\"@type\":\"Organization\",\"name\":\"X\"},{\"@type\":\"Article\",\"datePublished\":\"Fri, 12 Jan 2024 09:30:00 GMT\"}]</script>",
        "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":[\"NewsArticle\"],\"datePublished\":\"2024-01-12\"}]}</script>",
    ])
    func publishedDateFromTheHead(head: String) throws {
        let a = try article(
            page(head: head, body: "<article><p>\(filler)</p></article>"),
            published: CalendarDate(year: 1999, month: 9, day: 9))
        #expect(a.published == CalendarDate(year: 2024, month: 1, day: 12))
    }

    @Test func publishedDateFromTimeElements() throws {
        let itemprop = try article(
            page(
                body: """
                    <div><time itemprop="datePublished" datetime="2024-01-12">Friday</time></div><p>\(filler)</p>
                    """))
        #expect(itemprop.published == CalendarDate(year: 2024, month: 1, day: 12))
        let inArticle = try article(
            page(
                body: """
                    <article><header><time datetime="2024-01-12T07:00">7am</time></header><p>\(filler)</p></article>
                    """))
        #expect(inArticle.published == CalendarDate(year: 2024, month: 1, day: 12))
    }

    @Test func theMetaTagBeatsALaterSourceAndTheArgumentIsTheFallback() throws {
        let both = try article(
            page(
                head: "<meta property=\"article:published_time\" content=\"2024-01-12\">",
                body: "<article><time datetime=\"2023-05-05\">x</time><p>\(filler)</p></article>"))
        #expect(both.published == CalendarDate(year: 2024, month: 1, day: 12))
        let fallback = CalendarDate(year: 2024, month: 2, day: 29)
        let none = try article(
            page(
                head: "<meta name=\"date\" content=\"not a date\">",
                body: "<article><p>\(filler)</p></article>"), published: fallback)
        #expect(none.published == fallback)
        let brokenJSON = try article(
            page(
                head: "<script type=\"application/ld+json\">{\"datePublished\": </script>",
                body: "<p>\(filler)</p>"), published: fallback)
        #expect(brokenJSON.published == fallback)
    }

    // MARK: URL

    @Test func canonicalThenOgURL() throws {
        let both = try article(
            page(
                head:
                    "<link rel=\"canonical\" href=\" https://a.example/x \"><meta property=\"og:url\" content=\"https://b.example/y\">",
                body: "<p>\(filler)</p>"))
        #expect(both.url == "https://a.example/x")
        let og = try article(
            page(head: "<meta property=\"og:url\" content=\"https://b.example/y\">", body: "<p>\(filler)</p>"))
        #expect(og.url == "https://b.example/y")
        #expect(try article(page(body: "<p>\(filler)</p>")).url == nil)
    }

    // MARK: Encodings

    @Test func invalidUTF8IsReplacedAndReported() throws {
        var bytes = Array(page(body: "<article><p>Caf</p></article>").utf8)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "f"))) + 1
        bytes.insert(0xE9, at: at)  // a Latin-1 é in a page that declares nothing
        let a = try HTMLReader.read(bytes, source: "bad.html", published: nil).get()
        #expect(a.text == "Caf\u{FFFD}")
        #expect(a.warnings.map(\.code) == [.invalidUTF8])
        #expect(a.warnings.first?.input == "bad.html")
    }

    @Test func aDeclaredLegacyCharsetIsConverted() throws {
        var bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body><p>Caf".utf8)
        bytes += [0xE9, 0x20, 0x93, 0x71, 0x94]  // é “q”
        bytes += Array("</p></body></html>".utf8)
        let a = try HTMLReader.read(bytes, source: "legacy.html", published: nil).get()
        #expect(a.text == "Café “q”")
        #expect(a.warnings.isEmpty)
    }

    @Test func anXHTMLDeclarationNamesTheEncoding() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<html><body><p>Caf".utf8)
        bytes += [0xE9]
        bytes += Array("</p></body></html>".utf8)
        let a = try HTMLReader.read(bytes, source: "x.xhtml", published: nil).get()
        #expect(a.text == "Café")
    }

    @Test func aByteOrderMarkIsNotText() throws {
        let a = try HTMLReader.read(
            [0xEF, 0xBB, 0xBF] + Array("<p>Text.</p>".utf8), source: "bom.html", published: nil
        ).get()
        #expect(a.text == "Text.")
    }

    // MARK: Errors

    @Test(arguments: [
        "", "   ", "<html><body></body></html>",
        "<html><body><nav><a href=/>Home</a></nav><footer>(c) 2025</footer></body></html>",
        "<script>var only = 'code';</script><style>p { color: red }</style>", "<!-- just a comment -->",
        "<html><head><title>Title only</title></head><body><h1>Title only</h1></body></html>",
    ])
    func pagesWithoutTextFail(html: String) {
        let result = read(html)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(error.code == .noTextInHTML)
        #expect(error.description == "test.html: no article text found in HTML [E005]")
    }

    // MARK: Fragments

    @Test func extractTextOfAFragment() {
        #expect(
            HTMLReader.extractText(Array("<p>One &amp; two</p><p>Three<br>four</p><script>x()</script>".utf8))
                == "One & two\nThree\nfour")
        #expect(HTMLReader.extractText(Array("plain words".utf8)) == "plain words")
        #expect(HTMLReader.extractText([]) == "")
    }

    @Test func rulesFileParses() throws {
        let rules = try BoilerplateRules.bundled.get()
        #expect(rules.tags.contains("nav"))
        #expect(rules.contains.contains("share"))
        #expect(rules.keep.contains("commentary"))
        guard case .failure(let e) = BoilerplateRules.parse("bogus\tx\n", name: "r.tsv") else {
            Issue.record("an unknown rule kind must fail")
            return
        }
        #expect(e.code == .resource)
    }

    // MARK: No crash on any bytes

    @Test func randomBytesNeverCrash() {
        var rng = HTMLFeedFuzzRNG(seed: 0x5EED_0001)
        for round in 0..<400 {
            let bytes = rng.soup(count: Int.random(in: 0..<(round < 200 ? 64 : 2048), using: &rng))
            switch HTMLReader.read(bytes, source: "fuzz", published: nil) {
            case .success(let a): #expect(!a.text.isEmpty)
            case .failure(let e): #expect(e.code == .noTextInHTML)
            }
            _ = HTMLReader.extractText(bytes)
        }
    }

    @Test(arguments: ["harbour-talks.html", "grain-levy.html"])
    func truncatedAndMutatedExamplesNeverCrash(name: String) throws {
        let full = try HTMLFeedFixtures.bytes(name)
        var rng = HTMLFeedFuzzRNG(seed: 0x5EED_0002)
        var cut = 0
        while cut < full.count {
            let prefix = Array(full[..<cut])
            if case .success(let a) = HTMLReader.read(prefix, source: name, published: nil) {
                #expect(!a.text.isEmpty)
            }
            cut += Int.random(in: 1...97, using: &rng)
        }
        for _ in 0..<60 {
            var mutated = full
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = HTMLReader.read(mutated, source: name, published: nil)
        }
    }

    @Test func deepNestingDoesNotExhaustTheStack() {
        let deep =
            String(repeating: "<div><ul><li>", count: 5000) + "deep text"
            + String(repeating: "</li></ul></div>", count: 5000)
        _ = read(page(body: deep))
        _ = HTMLReader.extractText(Array(deep.utf8))
    }
}
