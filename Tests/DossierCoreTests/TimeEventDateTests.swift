import Testing

@testable import DossierCore

@Suite("Document.eventDate")
struct TimeEventDateTests {
    @Test(arguments: [
        ("Blinken met Liu on Friday in Washington.", "met", "2024-01-12", EventDate.Source.timex),
        ("Blinken met Liu in Washington.", "met", "2024-01-12", EventDate.Source.publication),
        ("Tensions have risen in recent years.", "risen", "2024-01-12", EventDate.Source.publication),
        ("Liu spoke in New York on Tuesday, after talks on Monday.", "spoke", "2024-01-09", EventDate.Source.timex),
        ("The leaders met in November. They talked on Friday.", "met", "2023-11", EventDate.Source.timex),
    ])
    func eventDate(_ text: String, _ trigger: String, _ value: String, _ source: EventDate.Source) throws {
        let doc = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()]).run(
            Article(title: nil, text: text, published: CalendarDate(year: 2024, month: 1, day: 12), source: "t"))
        let i = try #require(doc.tokens.indices.first(where: { doc.string(of: doc.tokens[$0]) == trigger }))
        let d = doc.eventDate(forTokens: i..<i + 1)
        #expect(d.value == value)
        #expect(d.source == source)
    }

    @Test func noAnchorAndNoTimexIsNil() throws {
        let doc = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()]).run(
            Article(title: nil, text: "Blinken met Liu on Friday. They agreed.", source: "t"))
        let i = try #require(doc.tokens.indices.first(where: { doc.string(of: doc.tokens[$0]) == "agreed" }))
        #expect(doc.eventDate(forTokens: i..<i + 1) == EventDate(value: nil, timex: nil, source: .publication))
        let m = try #require(doc.tokens.indices.first(where: { doc.string(of: doc.tokens[$0]) == "met" }))
        // Friday is found, but without an anchor it has no value: it is not a resolved date.
        #expect(doc.eventDate(forTokens: m..<m + 1).source == .publication)
    }
}
