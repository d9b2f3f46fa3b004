import Testing

@testable import DossierCore

/// Runs tokenizer, sentence splitter and time tagger on one text published on `published`.
func timexes(_ text: String, published: CalendarDate?) throws -> [(text: String, type: TimexType, value: String?)] {
    let doc = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()]).run(
        Article(title: nil, text: text, published: published, source: "test"))
    return doc.timexes.map { (doc.string($0.span.range), $0.type, $0.value) }
}

/// One table row: a sentence, its publication date, and one timex it must contain (text, value, type).
struct TimexCase: CustomTestStringConvertible, Sendable {
    var sentence: String
    var published: CalendarDate?
    var text: String
    var type: TimexType
    var value: String?
    var testDescription: String { "\"\(sentence)\" (\(published?.description ?? "no date")) -> \(text)" }

    init(
        _ sentence: String, _ text: String, _ value: String?, _ type: TimexType = .date,
        on published: String? = "2024-01-12"
    ) {
        self.sentence = sentence
        self.text = text
        self.value = value
        self.type = type
        self.published = published.flatMap { CalendarDate(iso: $0) }
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

// 2024-01-12 is a Friday: the default publication date of the tables.

@Suite("TimeTagger: absolute dates")
struct TimeAbsoluteDateTests {
    static let cases: [TimexCase] = [
        TimexCase("The treaty was signed on January 12, 2024, in Geneva.", "January 12, 2024", "2024-01-12"),
        TimexCase("The vote took place on 12 January 2024.", "12 January 2024", "2024-01-12"),
        TimexCase("Filed 2024-01-12 by the clerk.", "2024-01-12", "2024-01-12"),
        TimexCase("The ruling came on 1/5/2024 after a delay.", "1/5/2024", "2024-01-05"),
        TimexCase("The deadline is Jan. 5 for all parties.", "Jan. 5", "2024-01-05"),
        TimexCase("The court will sit on Feb. 2 next.", "Feb. 2", "2024-02-02"),
        TimexCase("The law passed in 2023 after long talks.", "2023", "2023"),
        TimexCase("Elections were held in March 2019.", "March 2019", "2019-03"),
        TimexCase("At their November meeting the leaders agreed to talk.", "November", "2023-11"),
        TimexCase("The summit will be held in March, officials said.", "March", "2024-03"),
        TimexCase("He took office in May and resigned later.", "May", "2023-05"),
        TimexCase("It happened on Saturday, Jan. 6, in the capital.", "Saturday, Jan. 6", "2024-01-06"),
        TimexCase("Prices peaked in late November and fell after.", "late November", "2023-11"),
        TimexCase("Trade grew in the 1990s across the region.", "the 1990s", "199"),
        TimexCase("Trade grew in the '90s across the region.", "the '90s", "199"),
        TimexCase("Housing boomed in the mid-1990s there.", "the mid-1990s", "199"),
        TimexCase("Much changed in the 20th century.", "the 20th century", "19"),
        TimexCase("Profit rose in fiscal 1989 as sales grew.", "fiscal 1989", "1989"),
        TimexCase("The war ended in nineteen ninety-six, he said.", "nineteen ninety-six", "1996"),
        TimexCase("Stores closed on Christmas Day last year.", "Christmas Day", "2023-12-25"),
    ]

    @Test(arguments: cases) func date(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: relative dates and tense")
struct TimeRelativeDateTests {
    static let cases: [TimexCase] = [
        // Past tense: the most recent such weekday on or before publication; the same weekday is that day.
        TimexCase("The minister said Friday that talks would resume.", "Friday", "2024-01-12"),
        TimexCase("The minister said Thursday that talks would resume.", "Thursday", "2024-01-11"),
        TimexCase("The senators met on Saturday to discuss the bill.", "Saturday", "2024-01-06"),
        // Present and future: the next one on or after publication.
        TimexCase("The island goes to the polls on Saturday.", "Saturday", "2024-01-13"),
        TimexCase("The council will vote on Friday.", "Friday", "2024-01-12"),
        TimexCase("The council will vote on Thursday.", "Thursday", "2024-01-18"),
        TimexCase("The leaders plan to meet on Monday in Paris.", "Monday", "2024-01-15"),
        TimexCase("The vote, scheduled for Sunday, was announced by officials.", "Sunday", "2024-01-14"),
        TimexCase("The ministers are due to meet on Thursday.", "Thursday", "2024-01-18"),
        TimexCase("The strike, which began Monday, has spread.", "Monday", "2024-01-08"),
        TimexCase("Police said the attack happened on Friday.", "Friday", "2024-01-12", on: "2024-01-15"),
        TimexCase("The company said Monday it would cut jobs.", "Monday", "2024-01-08"),
        // Explicit direction.
        TimexCase("The strike began last Friday at dawn.", "last Friday", "2024-01-05"),
        TimexCase("The strike ends next Friday, unions said.", "next Friday", "2024-01-19"),
        TimexCase("Officials met last Tuesday in Rome.", "last Tuesday", "2024-01-09"),
        // Across a month boundary (published Wednesday 2024-03-06) and a year boundary (Tuesday 2024-01-02).
        TimexCase("The mayor said Friday that the bridge was safe.", "Friday", "2024-03-01", on: "2024-03-06"),
        TimexCase("The mayor said Friday that the bridge was safe.", "Friday", "2023-12-29", on: "2024-01-02"),
        TimexCase("Parliament will reconvene on Tuesday.", "Tuesday", "2024-01-02", on: "2023-12-29"),
        TimexCase("Parliament will reconvene on Wednesday.", "Wednesday", "2024-01-03", on: "2023-12-29"),
        // Leap days.
        TimexCase("The board met on Monday to review it.", "Monday", "2024-02-26", on: "2024-02-29"),
        TimexCase("The results arrived yesterday.", "yesterday", "2024-02-29", on: "2024-03-01"),
        TimexCase("The results arrive tomorrow.", "tomorrow", "2024-02-29", on: "2024-02-28"),
        TimexCase("The market opens Thursday, traders said.", "Thursday", "2024-02-29", on: "2024-02-26"),
        TimexCase("The last census was taken on Feb. 29, 2020.", "Feb. 29, 2020", "2020-02-29"),
        // Day words, weeks, months, years.
        TimexCase("The decision was announced today.", "today", "2024-01-12"),
        TimexCase("Rebels seized the town two days ago.", "two days ago", "2024-01-10"),
        TimexCase("Rebels seized the town a week ago.", "a week ago", "2024-W01"),
        TimexCase("Talks collapsed last week in Doha.", "last week", "2024-W01"),
        TimexCase("Talks resume next week in Doha.", "next week", "2024-W03"),
        TimexCase("Talks collapsed this week in Doha.", "this week", "2024-W02"),
        TimexCase("Inflation eased earlier this month, data showed.", "earlier this month", "2024-01"),
        TimexCase("Inflation eased last month, data showed.", "last month", "2023-12"),
        TimexCase("Exports fell in the previous year.", "the previous year", "2023"),
        TimexCase("Exports fell last year.", "last year", "2023"),
        TimexCase("Exports will rise next year.", "next year", "2025"),
        TimexCase("Exports rose this year.", "this year", "2024"),
        TimexCase("Exports rose a year earlier.", "a year earlier", "2023"),
        TimexCase("Exports rose earlier last year.", "earlier last year", "2023"),
        TimexCase("The plant opened in the year two thousand.", "the year two thousand", "2000"),
        TimexCase("Sales fell in July last year.", "July last year", "2023-07"),
        TimexCase("Profit rose in the third quarter.", "the third quarter", "2023-Q3"),
        TimexCase("First-quarter profit rose 5 percent.", "First-quarter", "2024-Q1", on: "2024-04-20"),
        TimexCase("Sales rose in the last quarter.", "the last quarter", "2023-Q4"),
        TimexCase("Growth slowed in the first half of 2023.", "the first half of 2023", "2023-H1"),
        TimexCase("The troops left at the weekend.", "the weekend", "2024-W01-WE", on: "2024-01-10"),
    ]

    @Test(arguments: cases) func date(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: ISO weeks")
struct TimeISOWeekTests {
    static let cases: [TimexCase] = [
        // 2020 has 53 ISO weeks: 2020-12-31 (Thursday) and 2021-01-03 (Sunday) are in 2020-W53.
        TimexCase("The factory closed last week.", "last week", "2020-W53", on: "2021-01-08"),
        TimexCase("The factory closed this week.", "this week", "2020-W53", on: "2020-12-31"),
        TimexCase("The factory closed this week.", "this week", "2020-W53", on: "2021-01-03"),
        TimexCase("The factory reopens next week.", "next week", "2021-W01", on: "2020-12-31"),
        // 2024-12-30 (Monday) starts 2025-W01.
        TimexCase("The factory reopens this week.", "this week", "2025-W01", on: "2024-12-31"),
        TimexCase("The factory closed last week.", "last week", "2024-W52", on: "2024-12-31"),
    ]

    @Test(arguments: cases) func week(_ c: TimexCase) throws { try check(c) }

    @Test(arguments: [
        ("2020-12-31", 2020, 53), ("2021-01-03", 2020, 53), ("2021-01-04", 2021, 1), ("2024-01-01", 2024, 1),
        ("2024-12-30", 2025, 1), ("2026-12-31", 2026, 53), ("2027-01-01", 2026, 53), ("2008-12-29", 2009, 1),
    ])
    func isoWeek(_ date: String, _ year: Int, _ week: Int) throws {
        let d = try #require(CalendarDate(iso: date))
        #expect(d.isoWeek.year == year)
        #expect(d.isoWeek.week == week)
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
        TimexCase("The siege lasted nearly two decades.", "nearly two decades", "P20Y", .duration),
        TimexCase("He spoke for 90 minutes.", "90 minutes", "PT90M", .duration),
        TimexCase("Output fell over the past 12 months.", "the past 12 months", "P12M", .duration),
        TimexCase("They will stay for a few days.", "a few days", "PXD", .duration),
        TimexCase("It lasted more than three years.", "more than three years", "P3Y", .duration),
    ]

    @Test(arguments: cases) func duration(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: sets")
struct TimeSetTests {
    static let cases: [TimexCase] = [
        TimexCase("The committee meets every Monday.", "every Monday", "XXXX-WXX-1", .set),
        TimexCase("The shop is closed on Sundays.", "Sundays", "XXXX-WXX-7", .set),
        TimexCase("The report is published annually.", "annually", "P1Y", .set),
        TimexCase("Prices are set daily by the board.", "daily", "P1D", .set),
        TimexCase("The board meets every week.", "every week", "P1W", .set),
        TimexCase("The census is held every ten years.", "every ten years", "P10Y", .set),
        TimexCase("They meet twice a year in Brussels.", "twice a year", "P1Y", .set),
    ]

    @Test(arguments: cases) func set(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: times of day")
struct TimeOfDayTests {
    static let cases: [TimexCase] = [
        TimexCase("Polls close at 3 p.m. local time.", "3 p.m. local time", "2024-01-12T15:00", .time),
        TimexCase("Trading resumed at 0900 GMT.", "0900 GMT", "2024-01-12T09:00", .time),
        TimexCase("The blast happened at 10:30 a.m.", "10:30 a.m.", "2024-01-12T10:30", .time),
        TimexCase("The blast happened at 4pm.", "4pm", "2024-01-12T16:00", .time),
        TimexCase("The deal was signed at noon.", "noon", "2024-01-12T12:00", .time),
        // A weekday with a part of the day is the date alone (TimeBank's convention, docs/time.md).
        TimexCase("The leaders met Friday morning.", "Friday morning", "2024-01-12", .date),
        TimexCase("Fighting broke out late Tuesday night.", "late Tuesday night", "2024-01-09", .date),
        TimexCase("The storm hit last night.", "last night", "2024-01-11TNI", .time),
        TimexCase("The minister speaks tonight.", "tonight", "2024-01-12TNI", .time),
        TimexCase("He resigned this morning.", "this morning", "2024-01-12TMO", .time),
        TimexCase("Markets closed at 5 p.m. EST Thursday.", "5 p.m. EST Thursday", "2024-01-11T17:00", .time),
    ]

    @Test(arguments: cases) func time(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: vague references")
struct TimeVagueTests {
    static let cases: [TimexCase] = [
        TimexCase("Tensions have risen in recent years.", "recent years", "PAST_REF"),
        TimexCase("The firm recently hired a new chief.", "recently", "PAST_REF"),
        TimexCase("The firm is now in talks.", "now", "PRESENT_REF"),
        TimexCase("The firm currently employs 300 people.", "currently", "PRESENT_REF"),
        TimexCase("More cuts are expected in the coming days.", "the coming days", "FUTURE_REF"),
        TimexCase("Such rules may change in the future.", "the future", "FUTURE_REF"),
        TimexCase("Such rules were common in the past.", "the past", "PAST_REF"),
    ]

    @Test(arguments: cases) func vague(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: unresolvable and extents")
struct TimeUnresolvedTests {
    static let cases: [TimexCase] = [
        // No anchor: relative values are nil, absolute ones still resolve.
        TimexCase("The minister said Friday that talks would resume.", "Friday", nil, on: nil),
        TimexCase("Talks collapsed last week.", "last week", nil, on: nil),
        TimexCase("Rebels seized the town two days ago.", "two days ago", nil, on: nil),
        TimexCase("The vote is at 3 p.m.", "3 p.m.", nil, .time, on: nil),
        TimexCase("The treaty was signed on January 12, 2024.", "January 12, 2024", "2024-01-12", on: nil),
        TimexCase("The talks lasted three days.", "three days", "P3D", .duration, on: nil),
        TimexCase("Tensions have risen in recent years.", "recent years", "PAST_REF", on: nil),
        TimexCase("The committee meets every Monday.", "every Monday", "XXXX-WXX-1", .set, on: nil),
    ]

    @Test(arguments: cases) func unresolved(_ c: TimexCase) throws { try check(c) }

    @Test(arguments: [
        ("The vote was held on Friday.", "Friday"),
        ("It rose in 2023 and fell in 2024.", "2023"),
        ("Officials met in recent years.", "recent years"),
        ("It will be decided by next week.", "next week"),
    ])
    func extentHasNoPreposition(_ sentence: String, _ text: String) throws {
        let found = try timexes(sentence, published: CalendarDate(year: 2024, month: 1, day: 12))
        #expect(found.contains(where: { $0.text == text }), "\(found.map(\.text))")
    }

    @Test(arguments: [
        "The 6-year-old boy was found safe.",
        "A three-year-old girl was rescued.",
        "The minister may be replaced, aides said.",
        "Three-quarters of the voters agreed.",
        "The mayor will march with them.",
        "Some two thousand people marched.",
        "Fifteen twenty-year-olds signed up.",
    ])
    func noTimex(_ sentence: String) throws {
        let found = try timexes(sentence, published: CalendarDate(year: 2024, month: 1, day: 12))
        #expect(found.isEmpty, "\(found.map(\.text))")
    }

    @Test func provenanceNamesTheRule() throws {
        let doc = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()]).run(
            Article(
                title: nil, text: "He said Thursday that it was over.", published: CalendarDate(iso: "2024-01-12"),
                source: "t"))
        let t = try #require(doc.timexes.first)
        #expect(t.provenance.stage == "time")
        #expect(t.provenance.rule == "time:date.wd+past")
    }

    @Test func ignoredSentencesAreSkipped() throws {
        var doc = Document(
            article: Article(
                title: nil, text: "It ended on Friday. Also read: Monday news.",
                published: CalendarDate(iso: "2024-01-12"), source: "t"))
        try Tokenizer().apply(to: &doc)
        try SentenceSplitter().apply(to: &doc)
        #expect(doc.sentences.count == 2)
        doc.sentences[1].flags.insert(.ignored)
        try TimeTagger().apply(to: &doc)
        #expect(doc.timexes.map { doc.string($0.span.range) } == ["Friday"])
    }
}

@Suite("TimeTagger: seasons")
struct TimeSeasonTests {
    static let cases: [TimexCase] = [
        TimexCase("Fires spread this summer across the south.", "this summer", "2024-SU", on: "2024-07-20"),
        TimexCase("The river froze last winter.", "last winter", "2023-WI", on: "2024-07-20"),
        TimexCase("The river froze last winter.", "last winter", "2022-WI", on: "2024-01-12"),
        TimexCase("The river is frozen this winter.", "this winter", "2023-WI", on: "2024-01-12"),
        TimexCase("The vote is due next spring.", "next spring", "2024-SP", on: "2024-01-12"),
        TimexCase("The vote was held last fall.", "last fall", "2023-FA", on: "2024-01-12"),
        TimexCase("The vote was held in the autumn.", "autumn", "2023-FA", on: "2024-01-12"),
        TimexCase("The deal was struck in the summer of 2019.", "summer of 2019", "2019-SU"),
    ]

    @Test(arguments: cases) func season(_ c: TimexCase) throws { try check(c) }
}

@Suite("TimeTagger: robustness")
struct TimeRobustnessTests {
    @Test(arguments: [
        "'", "-", "- -", "1/2/3", "99999999999 days ago", "2024-13-45", "the the the", "mid-", "-1990s", "a.m.",
        "12:99", "9999-99-99", "Friday Friday Friday morning night", "999 centuries ago", "the 99th century",
        "'99 '00 '", "twenty- four hours", "Dec. 32", "Feb. 30, 2023", "0000 GMT", "2500 GMT", "13 p.m.",
        "every", "last", "the past", "nineteen", "a year ago a year ago", "\u{201C}Friday\u{201D}", "Jan.",
    ])
    func oddInputNeverCrashes(_ text: String) throws {
        for published in [CalendarDate(year: 2024, month: 1, day: 12), CalendarDate(year: 1, month: 1, day: 1), nil] {
            let found = try timexes(text, published: published)
            for t in found { #expect(!t.text.isEmpty) }
        }
    }

    @Test func invalidDatesHaveNoValue() throws {
        let found = try timexes("It is due Feb. 30, 2023.", published: CalendarDate(year: 2024, month: 1, day: 12))
        #expect(found.allSatisfy { $0.value != "2023-02-30" })
    }
}
