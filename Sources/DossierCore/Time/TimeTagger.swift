/// Finds time expressions and resolves them to TIMEX3 values against the publication date.
///
/// Rules are data (`Resources/time/rules.txt` and `words.tsv`, docs/time.md); a small engine matches them over
/// the tokens of each sentence (longest extent wins). Relative expressions are anchored on
/// ``Article/published``; without it their value is nil, never a guess. Bare weekdays, months and seasons take
/// their direction from the tense of the governing clause (``TenseEstimator``). Each timex records its rule,
/// and the tense when one was used, in its provenance.
public struct TimeTagger: Stage {
    public let name = "time"
    public let requires: Set<Layer> = [.tokens, .sentences]
    public let produces: Set<Layer> = [.timexes]
    let rules: TimeRuleSet
    let matcher: TimeMatcher
    let tense: any TenseEstimator

    /// The tagger with the engine's rules and verb-form lexicon.
    public init() throws(DossierError) {
        try self.init(rules: TimeRuleSet.standard(), tense: LexiconTenseEstimator.standard())
    }

    public init(rules: TimeRuleSet, tense: any TenseEstimator) {
        self.rules = rules
        self.matcher = TimeMatcher(rules)
        self.tense = tense
    }

    public func apply(to document: inout Document) throws(DossierError) {
        document.timexes = tag(document)
    }

    /// The timexes of a document, in text order.
    public func tag(_ document: Document) -> [Timex] {
        let anchor = document.article.published
        var reference: CalendarDate?
        var referenceQuarter: (year: Int, quarter: Int)?
        // A quarter is the reference of `a year earlier` only in the next few sentences.
        var quarterSentence = Int.min / 2
        var referenceYear: Int?
        var referenceMonth: CalendarDate?
        var out: [Timex] = []
        let builder = TimeUnitBuilder(lexicon: rules.lexicon)
        var units = ContiguousArray<TimeUnit>()
        var scratch = TimeMatcher.Scratch()
        document.normalized.bytes.withUnsafeBufferPointer { p in
            for (sentenceIndex, sentence) in document.sentences.enumerated() where !sentence.flags.contains(.ignored) {
                let range = sentence.tokens
                if range.isEmpty { continue }
                builder.build(document, tokens: range, bytes: p, into: &units)
                let matches = units.withUnsafeBufferPointer { u in matcher.run(u, bytes: p, scratch: &scratch) }
                for m in matches {
                    let rule = rules.rules[m.rule]
                    guard let type = rule.type else { continue }
                    let lo = units[m.lo]
                    let hi = units[m.hi - 1]
                    let tokenRange = Int(lo.token)..<Int(hi.token) + 1
                    let estimator = tense
                    var resolver = TimeResolver(lexicon: rules.lexicon, anchor: anchor, reference: reference) {
                        estimator.tense(governing: tokenRange, sentence: range, in: document)
                    }
                    resolver.referenceQuarter = sentenceIndex - quarterSentence <= 4 ? referenceQuarter : nil
                    resolver.referenceYear = referenceYear
                    resolver.referenceMonth = referenceMonth
                    let value = resolver.value(rule.value, m.captures)
                    var ruleName = "time:" + rule.id
                    var confidence = value == nil ? 0.5 : 0.9
                    if let t = resolver.usedTense {
                        ruleName += "+" + t.rawValue
                        confidence = value == nil ? 0.5 : 0.75
                    }
                    if let v = value {
                        if v.utf8.count == 10, let d = CalendarDate(iso: v) { reference = d }
                        if let q = TimeTagger.quarter(v), !rule.isAnaphoric {
                            referenceQuarter = q
                            quarterSentence = sentenceIndex
                        } else if rule.mentionsReferenceQuarter, referenceQuarter != nil {
                            quarterSentence = sentenceIndex
                        } else if type == .duration, v.hasPrefix("P"), v.hasSuffix("M"), !v.hasPrefix("PT") {
                            // `for the nine months ... a year earlier`: the comparison is now with a year.
                            referenceQuarter = nil
                        }
                        if type == .date, let y = TimeTagger.year(v) { referenceYear = y }
                        if type == .date, let m = TimeTagger.month(v) { referenceMonth = m }
                    }
                    out.append(
                        Timex(
                            span: ByteSpan(Int(lo.start)..<Int(hi.end)), type: type, value: value,
                            provenance: Provenance(stage: name, rule: ruleName, confidence: confidence)))
                }
            }
        }
        return out
    }

    /// The year a DATE value starts with (`1998`, `1998-10-23`, `1998-Q3`).
    static func year(_ v: String) -> Int? {
        let u = v.utf8
        guard u.count >= 4, u.prefix(4).allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        guard u.count == 4 || u.dropFirst(4).first == UInt8(ascii: "-") else { return nil }
        return Int(v.prefix(4))
    }

    /// The first day of the month of a `YYYY-MM` or `YYYY-MM-DD` value.
    static func month(_ v: String) -> CalendarDate? {
        let u = Array(v.utf8)
        guard u.count == 7 || u.count == 10, u[4] == UInt8(ascii: "-"), let y = Int(v.prefix(4)),
            let m = Int(v.dropFirst(5).prefix(2))
        else { return nil }
        return CalendarDate(year: y, month: m, day: 1)
    }

    /// The year and quarter of a `YYYY-Qn` value.
    static func quarter(_ v: String) -> (year: Int, quarter: Int)? {
        let u = Array(v.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"), u[5] == UInt8(ascii: "Q"), let y = Int(v.prefix(4)),
            u[6] >= UInt8(ascii: "1"), u[6] <= UInt8(ascii: "4")
        else { return nil }
        return (y, Int(u[6] - UInt8(ascii: "0")))
    }
}
