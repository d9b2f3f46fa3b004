import Testing

@testable import DossierCore

/// Runs tokenizer, sentence splitter and time tagger on one text published on `published`.
func timexes(_ text: String, published: CalendarDate? = CalendarDate(year: 2024, month: 1, day: 12)) throws
    -> [(text: String, type: TimexType, value: String?)]
{
    let doc = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()]).run(
        Article(title: nil, text: text, published: published, source: "test"))
    return doc.timexes.map { (doc.string($0.span.range), $0.type, $0.value) }
}

/// One table row: a sentence, the publication date, and the expected timex as `text=VALUE`, or TYPE:text=VALUE.
struct TimexCase: CustomTestStringConvertible, Sendable {
    var sentence: String
    var published: CalendarDate?
    var text: String
    var type: TimexType
    var value: String?
    var testDescription: String { "\(sentence) -> \(text)=\(value ?? "nil")" }

    init(_ sentence: String, _ text: String, _ value: String?, _ type: TimexType = .date, on published: String = "2024-01-12") {
        self.sentence = sentence
        self.text = text
        self.value = value
        self.type = type
        self.published = CalendarDate(iso: published)
    }
}

func check(_ c: TimexCase) throws {
    let found = try timexes(c.sentence, published: c.published)
    let hit = found.first(where: { $0.text == c.text })
    #expect(hit != nil, "no timex '\(c.text)' in \(found.map { "\($0.text)=\($0.value ?? "nil")" })")
    if let hit {
        #expect(hit.value == c.value, "\(c.text): \(hit.value ?? "nil") != \(c.value ?? "nil")")
        #expect(hit.type == c.type, "\(c.text): \(hit.type) != \(c.type)")
    }
}

@Suite("TimeTagger: durations")
struct TimeDurationTests {
    static let cases: [TimexCase] = [
        TimexCase("The talks lasted three days.", "three days", "P3D", .duration),
        TimexCase("He was held for 48 hours.", "48 hours", "PT48H", .duration),
        TimexCase("It was a two-year program.", "two-year", "P2Y", .duration),
        TimexCase("Over the past two months, prices rose.", "the past two months", "P2M", .duration),
        TimexCase("They waited several weeks.", "several weeks", "PXW", .duration),
        TimexCase("She has lived there for years.", "years", "PXY", .duration),
        TimexCase("The first nine months were slow.", "The first nine months", "P9M", .duration),
        TimexCase("Within twenty-four hours it was over.", "twenty-four hours", "PT24H", .duration),
    ]

    @Test(arguments: cases) func duration(_ c: TimexCase) throws { try check(c) }
}
