// Calendar arithmetic that TIMEX3 values need: ISO weeks, quarters, month shifts, zero-padded formats.

extension CalendarDate {
    /// Day of the year, 1-based.
    var dayOfYear: Int {
        daysSinceEpoch - (CalendarDate(year: year, month: 1, day: 1)?.daysSinceEpoch ?? daysSinceEpoch) + 1
    }

    /// The ISO 8601 week-numbering year and week: the week with the year's first Thursday is week 1.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        return (thursday.year, (thursday.dayOfYear - 1) / 7 + 1)
    }

    /// The same day `n` months later (earlier when negative), clamped to the month's length.
    func adding(months n: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12
        let m = total % 12 + 1
        let d = min(day, CalendarDate.daysIn(month: m, year: y))
        return CalendarDate(year: y, month: m, day: d) ?? self
    }

    /// The quarter, 1...4.
    var quarter: Int { (month - 1) / 3 + 1 }
}

/// Formatting of TIMEX3 values.
enum TimexFormat {
    static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(abs(v))
        let p = String(repeating: "0", count: max(0, w - s.count)) + s
        return v < 0 ? "-" + p : p
    }

    static func year(_ y: Int) -> String { pad(y, 4) }
    static func month(_ y: Int, _ m: Int) -> String { "\(pad(y, 4))-\(pad(m, 2))" }
    static func week(_ y: Int, _ w: Int) -> String { "\(pad(y, 4))-W\(pad(w, 2))" }
    static func week(of d: CalendarDate) -> String {
        let w = d.isoWeek
        return week(w.year, w.week)
    }
}
