/// The date of something that happens in a clause, for events: the timex its clause governs, or the publication
/// date when the sentence gives none.
public struct EventDate: Sendable, Hashable {
    /// Where the date comes from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// A DATE or TIME timex in the same sentence.
        case timex
        /// No timex: the publication date, by default.
        case publication
    }

    /// A TIMEX3 value (`2024-01-12`, `2023-11`), or nil when neither the timex nor the article has one.
    public var value: String?
    /// Index into ``Document/timexes`` when ``source`` is `.timex`.
    public var timex: Int?
    public var source: Source
}

extension Document {
    /// The date of the tokens `range` (an event's trigger): the nearest resolved DATE or TIME timex of the same
    /// sentence (vague references such as PAST_REF do not count), else the publication date, marked as such.
    ///
    /// - Complexity: O(t + log n) for t timexes and n tokens.
    public func eventDate(forTokens range: Range<Int>) -> EventDate {
        let published = EventDate(value: article.published?.description, timex: nil, source: .publication)
        guard !range.isEmpty, range.upperBound <= tokens.count,
            let s = sentences.firstIndex(where: { $0.tokens.contains(range.lowerBound) })
        else { return published }
        let sentence = sentences[s].tokens
        let lo = Int(tokens[sentence.lowerBound].start)
        let hi = Int(tokens[sentence.upperBound - 1].end)
        var best: (distance: Int, index: Int)?
        for (i, t) in timexes.enumerated() {
            guard Int(t.span.start) >= lo, Int(t.span.end) <= hi, t.type == .date || t.type == .time,
                let v = t.value, !v.hasSuffix("_REF")
            else { continue }
            let first = tokenIndex(at: Int(t.span.start))
            let last = tokenIndex(at: Int(t.span.end) - 1)
            let d: Int
            if last < range.lowerBound {
                d = range.lowerBound - last
            } else if first >= range.upperBound {
                d = first - range.upperBound + 1
            } else {
                d = 0
            }
            if let b = best, b.distance <= d { continue }
            best = (d, i)
        }
        guard let b = best else { return published }
        return EventDate(value: timexes[b.index].value, timex: b.index, source: .timex)
    }

    /// The index of the token that contains byte `offset` (or the last one starting before it).
    func tokenIndex(at offset: Int) -> Int {
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }
}
