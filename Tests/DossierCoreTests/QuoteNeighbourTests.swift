import DossierCore
import Foundation
import Testing

/// Sieves that find a direct quote's speaker outside the quote's own sentence, or through the parse.
@Suite("QuoteFinder: speakers in a neighbouring sentence")
struct QuoteNeighbourTests {
    let text = """
        Harbour

        Harbour pilot Edith Varga spoke on Friday.

        Varga told reporters on the quay.

        “The port is ours and it stays ours.”

        “Nobody asked the fishermen first.” Varga said on Monday.

        A hand-painted banner on the old crane, hung by dock workers overnight, proclaims: “Hands off our harbour.”
        """

    @Test("previous-sentence: a paragraph that only attributes, then a quote paragraph")
    func previousSentence() throws {
        let q = try findQuotes(text)
        let quote = q.first { $0.text == "The port is ours and it stays ours." }
        #expect(quote?.rule.hasPrefix("quotes:previous-sentence") == true, "\(q)")
        #expect(quote?.speakerName == "Edith Varga")
        #expect(quote?.mention == "Varga")
    }

    @Test("next-sentence: a quote that ends its sentence, then a short attribution")
    func nextSentence() throws {
        let q = try findQuotes(text)
        let quote = q.first { $0.text == "Nobody asked the fishermen first." }
        #expect(quote?.rule.hasPrefix("quotes:next-sentence") == true, "\(q)")
        #expect(quote?.speakerName == "Edith Varga")
        #expect(quote?.cue == "said")
    }

    @Test("a previous sentence that reports something of its own gives no speaker")
    func previousSentenceWithContent() throws {
        let q = try findQuotesWithoutSyntax(
            "Varga told reporters that the quay would reopen soon.\n\n“Bring the cranes back.”")
        let quote = q.first { $0.text == "Bring the cranes back." }
        #expect(quote?.rule.hasPrefix("quotes:previous-sentence") != true, "\(q)")
    }

    @Test("syntax-governor: the subject of the verb a quote hangs on, a verb outside the cue lexicon")
    func governor() throws {
        let q = try findQuotes(text)
        let quote = q.first { $0.text == "Hands off our harbour." }
        #expect(quote?.rule.hasPrefix("quotes:syntax-governor") == true, "\(q)")
        #expect(quote?.mention?.hasPrefix("A hand-painted banner") == true)
        #expect(quote?.cue == "proclaims")
    }
}
