import Testing

@testable import DossierCore

// Rules that follow the TimeBank / TempEval-3 annotation conventions (docs/time.md, "TimeBank conventions").
// 2024-01-12 (a Friday) is the default publication date of the tables.

@Suite("TimeTagger: TimeBank conventions")
struct TimeConventionTests {
    static let cases: [TimexCase] = [
        // An offset in days, weeks or months is a duration; `later` / `earlier` stay outside the extent.
        TimexCase("The ferry sank and divers arrived three days later.", "three days", "P3D", .duration),
        TimexCase("The bank failed a few weeks later.", "a few weeks", "PXW", .duration),
        TimexCase("Rescuers came an hour earlier than planned.", "an hour earlier", "PT1H", .duration),
        // Years stay dates.
        TimexCase("Exports rose a year earlier.", "a year earlier", "2023"),
        // `n and a half` units.
        TimexCase("The hearing lasted an hour and a half.", "an hour and a half", "PT1H30M", .duration),
        TimexCase("He served two and a half years in prison.", "two and a half years", "P2Y6M", .duration),
        TimexCase("He served 2 1/2 years in prison.", "2 1/2 years", "P2Y6M", .duration),
        // `the past year` is the year before.
        TimexCase("Prices doubled over the past year.", "the past year", "2023"),
        // Years in words after a month or a season.
        TimexCase("The plant closed in March nineteen ninety-eight.", "March nineteen ninety-eight", "1998-03"),
        TimexCase(
            "It was built in the winter of nineteen eighty-one.", "the winter of nineteen eighty-one", "1981-WI"),
        TimexCase("Sales slowed in the last half of 2022.", "the last half of 2022", "2022-H2"),
        TimexCase("The trial opens the week of Feb. 5, lawyers said.", "the week of Feb. 5", "2024-W06"),
        // `the week` of a market report: which week is not said.
        TimexCase("The index rose 4% for the week.", "the week", "2024-WXX"),
        // `the year ended June 30` is a year's duration; `for the year` is the year in question.
        TimexCase("Profit rose 8% in the year ended June 30.", "the year", "P1Y", .duration),
        TimexCase("The club posted a record in 2021. For the year, sales doubled.", "the year", "2021"),
        TimexCase("It was the best result of the year.", "the year", "2024"),
        // `the quarter`: the one the report names, else the latest complete quarter.
        TimexCase("Profit rose in the quarter.", "the quarter", "2023-Q3", on: "2023-11-02"),
        TimexCase(
            "The chain reported a loss in its fiscal first quarter. Sales in the quarter fell.", "the quarter",
            "2023-Q1", on: "2023-11-02"),
        TimexCase("Sales grew in the fiscal first quarter.", "the fiscal first quarter", "2023-Q1", on: "2023-11-02"),
        TimexCase("Sales grew in the latest quarter.", "the latest quarter", "2023-Q3", on: "2023-11-02"),
        // Reference time: `the following month` counts from the last month mentioned, a clock time alone is on
        // the last date mentioned.
        TimexCase(
            "In March 2023 the board met. The following month, it sold the unit.", "The following month", "2023-04"),
        TimexCase("The blast came on Jan. 3. Police arrived at 6 a.m.", "6 a.m.", "2024-01-03T06:00", .time),
        TimexCase(
            "Stocks fell on Friday, Jan. 5, after gains the previous Friday.", "the previous Friday", "2023-12-29"),
        // A month in a present-tense clause: the nearest one.
        TimexCase("The index is at its highest since June.", "June", "2023-06", on: "2023-10-27"),
        TimexCase("The middle of October is the deadline for bids.", "The middle of October", "2023-10"),
        // The same quarter a year before, in a quarterly report.
        TimexCase(
            "The mill earned more in the third quarter than in the corresponding period last year.",
            "the corresponding period last year", "2022-Q3", on: "2023-11-02"),
        TimexCase(
            "The mill earned more in the third quarter. Costs in the 2022 quarter were higher.", "the 2022 quarter",
            "2022-Q3", on: "2023-11-02"),
        TimexCase("Costs in the 2022 period were higher.", "the 2022 period", "2022", on: "2023-11-02"),
        // Durations in TimeBank's form: decades in years, `-long`, trading days, a year-earlier period.
        TimexCase("The feud went on for decades.", "decades", "PXY", .duration),
        TimexCase("It ended the decades-long feud.", "decades-long", "PXY", .duration),
        TimexCase("After their second day-long hearing, the judge ruled.", "day-long", "P1D", .duration),
        TimexCase("Shares fell for six trading days.", "six trading days", "P6D", .duration),
        TimexCase(
            "Net in the year-earlier nine months was lower.", "the year-earlier nine months", "P9M", .duration),
        TimexCase("The then-current chairman resigned.", "then-current", "PAST_REF"),
        // `recent months` is a vague duration; `recent years` stays a past reference.
        TimexCase("Rents have climbed in recent months.", "recent months", "PXM", .duration),
        TimexCase("Rents have climbed in recent years.", "recent years", "PAST_REF"),
        TimexCase(
            "The mill earned more in the third quarter than in the quarter a year ago.", "the quarter a year ago",
            "2022-Q3", on: "2023-11-02"),
        // After a span of months (`the first nine months`), `a year earlier` is the year, not the quarter.
        TimexCase(
            "Profit rose in the third quarter. For the first nine months, profit was flat with a year earlier.",
            "a year earlier", "2022", on: "2023-11-02"),
        TimexCase(
            "Profit rose in the third quarter, compared with a year earlier.", "a year earlier", "2022-Q3",
            on: "2023-11-02"),
        // Vague references and durations of reports.
        TimexCase("Margins will stay thin in the near term.", "the near term", "FUTURE_REF"),
        TimexCase("The vote was put off to a later date.", "a later date", "FUTURE_REF"),
        TimexCase("The pumps will be fixed as soon as possible.", "as soon as possible", "FUTURE_REF"),
        TimexCase("Sales should recover in coming quarters.", "coming quarters", "FUTURE_REF"),
        TimexCase("Rates may rise over the next couple of years.", "the next couple of years", "P2Y", .duration),
        TimexCase("Traders are wary of the weeks ahead.", "the weeks ahead", "PXW", .duration),
        TimexCase("The talks failed. The next morning, troops left.", "The next morning", "2024-01-13"),
        TimexCase("The rally began on Jan. 9. By mid afternoon it had grown.", "mid afternoon", "2024-01-09TAF", .time),
        // Sets and parts of day.
        TimexCase("The fair is held each July in the valley.", "each July", "XXXX-07", .set),
        TimexCase("Trading halted mid-afternoon yesterday.", "mid-afternoon yesterday", "2024-01-11TAF", .time),
    ]

    @Test(arguments: cases) func convention(_ c: TimexCase) throws { try check(c) }

    @Test(arguments: [
        "More than a quarter of the seats were empty.", "Less than half of them voted.",
        "The envoys of Norway and Jan Eliasson met.",
    ])
    func fractionsAreNotTimes(_ sentence: String) throws {
        let found = try timexes(sentence, published: CalendarDate(year: 2024, month: 1, day: 12))
        #expect(found.isEmpty, "\(found.map(\.text))")
    }
}
