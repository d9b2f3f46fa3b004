/// An intermediate value while a rule's value expression is evaluated.
enum TimeValue {
    /// Absent capture, or a value that cannot be determined.
    case none
    case int(Int)
    case text(String)
    case day(CalendarDate)

    var int: Int? {
        switch self {
        case .int(let v): return v
        case .text(let s): return Int(s)
        default: return nil
        }
    }

    var text: String? {
        switch self {
        case .text(let s): return s
        case .int(let v): return String(v)
        case .day(let d): return d.description
        case .none: return nil
        }
    }

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

/// Evaluates the value expressions of rules against the anchor (the publication date), the reference date
/// (the last full date mentioned before, for `two days later`) and the governing tense (asked for lazily).
struct TimeResolver {
    var anchor: CalendarDate?
    var reference: CalendarDate?
    /// The last quarter mentioned (`2024-Q3`), for `a year earlier` in quarterly reports: the same quarter a
    /// year before rather than the year.
    var referenceQuarter: (year: Int, quarter: Int)?
    /// The year of the last date, month, quarter or year mentioned, for `that year`, `later that year`.
    var referenceYear: Int?
    /// The month of the last date or month mentioned (`In March ... the following month`).
    var referenceMonth: CalendarDate?
    private let tenseOf: () -> Tense
    private var cachedTense: Tense?

    let lexicon: TimeLexicon

    init(lexicon: TimeLexicon, anchor: CalendarDate?, reference: CalendarDate?, tense: @escaping () -> Tense) {
        self.lexicon = lexicon
        self.anchor = anchor
        self.reference = reference
        self.tenseOf = tense
    }

    /// Whether the tense was asked for (recorded in the provenance).
    var usedTense: Tense? { cachedTense }

    mutating func tense() -> Tense {
        if let t = cachedTense { return t }
        let t = tenseOf()
        cachedTense = t
        return t
    }

    /// The TIMEX3 value string, or nil when it cannot be determined.
    mutating func value(_ e: TimeValueExpression, _ caps: [TimeCapture]) -> String? {
        eval(e, caps).text
    }

    mutating func eval(_ e: TimeValueExpression, _ caps: [TimeCapture]) -> TimeValue {
        switch e {
        case .capture(let i):
            guard i < caps.count, caps[i].set else { return .none }
            let c = caps[i]
            if c.twoDigitYear { return .int(-1000 - c.number) }  // marker read by fullYear
            if c.wordClass >= 0 {
                guard let e = lexicon.entries(c.hash)?.first(where: { $0.cls == Int(c.wordClass) }) else {
                    return .none
                }
                return Int(e.code) == nil ? .text(e.code) : .int(e.number)
            }
            return .int(c.number)
        case .constant(let s):
            if let v = Int(s) { return .int(v) }
            return .text(s)
        case .call(let fn, let args):
            var a: [TimeValue] = []
            a.reserveCapacity(args.count)
            for x in args { a.append(eval(x, caps)) }
            return call(fn, a)
        }
    }

    /// A year from a capture: four digits as is, `'98` (encoded -1098) in the anchor's century or the one before.
    func fullYear(_ v: TimeValue) -> Int? {
        guard let y = v.int else { return nil }
        if y <= -1000 {
            let yy = -y - 1000
            guard let a = anchor else { return yy + (yy <= 30 ? 2000 : 1900) }
            var c = a.year / 100 * 100 + yy
            if c > a.year + 10 { c -= 100 }
            return c
        }
        return y > 0 ? y : nil
    }

    // MARK: - Functions

    mutating func call(_ fn: TimeFunction, _ a: [TimeValue]) -> TimeValue {
        func arg(_ i: Int) -> TimeValue { i < a.count ? a[i] : .none }
        switch fn {
        case .ymd:
            guard let m = arg(1).int, let d = arg(2).int else { return .none }
            if let y = fullYear(arg(0)) {
                return CalendarDate(year: y, month: m, day: d).map { .day($0) } ?? .none
            }
            return monthDay(m, d)
        case .ym:
            guard let m = arg(1).int, (1...12).contains(m) else { return .none }
            if let y = fullYear(arg(0)) { return .text(TimexFormat.month(y, m)) }
            return bareMonth(m)
        case .year:
            return fullYear(arg(0)).map { .text(TimexFormat.year($0)) } ?? .none
        case .month:
            guard let m = arg(0).int, (1...12).contains(m) else { return .none }
            return bareMonth(m)
        case .monthrel:
            guard let m = arg(0).int, (1...12).contains(m), let k = arg(1).int, let an = anchor else { return .none }
            var y = an.year
            if k < 0 && m >= an.month { y -= 1 }
            if k > 0 && m <= an.month { y += 1 }
            return .text(TimexFormat.month(y, m))
        case .iso:
            guard let v = arg(0).int else { return .none }
            if v >= 10_000_000 {
                return CalendarDate(year: v / 10000, month: v / 100 % 100, day: v % 100).map { .day($0) } ?? .none
            }
            return .text(TimexFormat.month(v / 100, v % 100))
        case .wd:
            guard let w = arg(0).int, (1...7).contains(w) else { return .none }
            return weekday(w, arg(1).int)
        case .day:
            guard let k = arg(0).int, let an = anchor else { return .none }
            return .day(an.adding(days: k))
        case .rel:
            guard let u = arg(0).text, let k = arg(1).int, let an = anchor else { return .none }
            return relative(an, u, k)
        case .ago:
            guard let u = arg(1).text, let n = arg(0).int else { return .none }
            if n < 0 { return .text("PAST_REF") }
            guard let an = anchor else { return .none }
            if u == "Y", let q = referenceQuarter { return .text("\(TimexFormat.year(q.year - n))-Q\(q.quarter)") }
            return relative(an, u, -n, shift: true)
        case .offset:
            guard let u = arg(1).text, let n = arg(0).int, let dir = arg(2).int else { return .none }
            if n < 0 { return .text(dir < 0 ? "PAST_REF" : "FUTURE_REF") }
            if u == "Y", let q = referenceQuarter, n > 0 {
                return .text("\(TimexFormat.year(q.year + (dir < 0 ? -n : n)))-Q\(q.quarter)")
            }
            if u == "Y", n == 0, let y = referenceYear { return .text(TimexFormat.year(y)) }
            if u == "Q", n == 0, let q = referenceQuarter { return .text("\(TimexFormat.year(q.year))-Q\(q.quarter)") }
            if u == "M", let m = referenceMonth { return relative(m, u, dir < 0 ? -n : n) }
            guard let r = reference ?? anchor else { return .none }
            return relative(r, u, dir < 0 ? -n : n, shift: true)
        case .dur, .every:
            guard let u = arg(1).text else { return .none }
            let n = arg(0).int ?? (fn == .every ? 1 : -1)
            return .text(duration(n, u))
        case .quarter, .half:
            guard let q = arg(0).int else { return .none }
            let letter = fn == .quarter ? "Q" : "H"
            let count = fn == .quarter ? 4 : 2
            guard (1...count).contains(q) else { return .none }
            if let y = fullYear(arg(1)) { return .text("\(TimexFormat.year(y))-\(letter)\(q)") }
            guard let an = anchor else { return .none }
            let current = fn == .quarter ? an.quarter : (an.month <= 6 ? 1 : 2)
            var y = an.year
            // Quarters and halves are reported after they end: a later one than the current is last year's,
            // except in future statements.
            if q > current && tense() != .future { y -= 1 }
            return .text("\(TimexFormat.year(y))-\(letter)\(q)")
        case .season:
            guard let s = arg(0).text, let an = anchor else { return .none }
            return .text("\(TimexFormat.year(seasonYear(s, arg(1).int, an)))-\(s)")
        case .seasony:
            guard let s = arg(0).text, let y = fullYear(arg(1)) else { return .none }
            return .text("\(TimexFormat.year(y))-\(s)")
        case .decade:
            guard let d = arg(0).int else { return .none }
            if d >= 1000 { return .text(String(d / 10)) }
            guard d < 100 else { return .none }
            var c = (anchor?.year ?? 1999) / 100
            if c * 100 + d > (anchor?.year ?? 1999) { c -= 1 }
            return .text(String(c * 10 + d / 10))
        case .century:
            guard let c = arg(0).int, c >= 1, c <= 30 else { return .none }
            return .text(TimexFormat.pad(c - 1, 2))
        case .clock:
            guard let v = arg(0).int else { return .none }
            var h = v <= 24 ? v : v / 100
            let m = v <= 24 ? 0 : v % 100
            if let ap = arg(1).int {
                guard h >= 1 && h <= 12 else { return .none }
                h = ap == 12 ? (h % 12) + 12 : h % 12
            }
            guard h <= 24, m < 60 else { return .none }
            let date: String
            switch arg(2) {
            case .day(let d): date = d.description
            case .none:
                // A clock time alone is on the day the story is about: the last date mentioned, else the anchor.
                guard let an = reference ?? anchor else { return .none }
                date = an.description
            default: return .none
            }
            return .text("\(date)T\(TimexFormat.pad(h, 2)):\(TimexFormat.pad(m, 2))")
        case .pod:
            guard case .day(let d) = arg(0), let p = arg(1).text else { return .none }
            return .text("\(d)T\(p)")
        case .weekend:
            guard let an = anchor else { return .none }
            var k = arg(0).int
            if k == nil {
                switch tense() {
                case .past: k = an.weekday >= 6 ? 0 : -1
                default: k = 0
                }
            }
            return .text(TimexFormat.week(of: an.adding(days: 7 * (k ?? 0))) + "-WE")
        case .everywd:
            guard let w = arg(0).int, (1...7).contains(w) else { return .none }
            return .text("XXXX-WXX-\(w)")
        case .holiday:
            guard let code = arg(0).text else { return .none }
            return holiday(code)
        case .code:
            return arg(0).text.map { .text($0) } ?? .none
        case .yearwords:
            guard let c = arg(0).int, let y = arg(1).int, c == 18 || c == 19, (10...99).contains(y) else {
                return .none
            }
            return .text(TimexFormat.year(c * 100 + y))
        case .durhalf:
            guard let u = arg(1).text else { return .none }
            return .text(halfDuration(arg(0).int ?? -1, u))
        case .unknownin:
            guard let u = arg(0).text, let an = anchor else { return .none }
            switch u {
            case "W": return .text("\(TimexFormat.year(an.year))-WXX")
            case "Q": return .text("\(TimexFormat.year(an.year))-QX")
            case "M": return .text("\(TimexFormat.year(an.year))-XX")
            case "D": return .text("\(TimexFormat.year(an.year))-XX-XX")
            default: return .none
            }
        case .wdbefore:
            guard let w = arg(0).int, (1...7).contains(w), let r = reference ?? anchor else { return .none }
            let back = (r.weekday - w + 7) % 7
            return .day(r.adding(days: back == 0 ? -7 : -back))
        case .weekof:
            guard case .day(let d) = arg(0) else { return .none }
            return .text(TimexFormat.week(of: d))
        case .everymonth:
            guard let m = arg(0).int, (1...12).contains(m) else { return .none }
            return .text("XXXX-\(TimexFormat.pad(m, 2))")
        case .refquarter:
            if a.count == 1 {
                guard let y = fullYear(arg(0)) else { return .none }
                if let q = referenceQuarter { return .text("\(TimexFormat.year(y))-Q\(q.quarter)") }
                return .text(TimexFormat.year(y))
            }
            if let q = referenceQuarter { return .text("\(TimexFormat.year(q.year))-Q\(q.quarter)") }
            guard let an = anchor else { return .none }
            return relative(an, "Q", -1)
        }
    }

    /// `n and a half` units: the half in the next smaller unit (`PT1M30S`, `P2Y6M`, `P1DT12H`); without a
    /// count (`-1`), the vague duration (`PXY`).
    func halfDuration(_ n: Int, _ unit: String) -> String {
        guard n >= 0 else { return duration(-1, unit) }
        switch unit {
        case "TH": return "PT\(n)H30M"
        case "TM": return "PT\(n)M30S"
        case "D": return "P\(n)DT12H"
        case "W": return "P\(n * 7 + 3)DT12H"
        case "M": return "P\(n)M15D"
        case "Y": return "P\(n)Y6M"
        case "DE": return "P\(n * 10 + 5)Y"
        default: return duration(-1, unit)
        }
    }

    /// `January 12` without a year. News names dates close to its own date in both directions (`effective
    /// Dec. 7`), so the nearest one wins, unless the tense points the other way and that one is not much farther
    /// (less than twice as far).
    mutating func monthDay(_ m: Int, _ d: Int) -> TimeValue {
        guard let an = anchor else { return .none }
        var before: CalendarDate?
        var after: CalendarDate?
        for y in [an.year - 1, an.year, an.year + 1] {
            guard let c = CalendarDate(year: y, month: m, day: d) else { continue }
            if c <= an { before = c } else if after == nil { after = c }
        }
        guard let b = before else { return after.map { .day($0) } ?? .none }
        guard let f = after else { return .day(b) }
        let db = an.daysSinceEpoch - b.daysSinceEpoch
        let df = f.daysSinceEpoch - an.daysSinceEpoch
        switch tense() {
        case .past: return .day(df * 2 < db ? f : b)
        case .future: return .day(db * 2 < df ? b : f)
        case .present, .unknown: return .day(db <= df ? b : f)
        }
    }

    /// A month named alone: the most recent in past reporting, the next in future, the nearest otherwise.
    mutating func bareMonth(_ m: Int) -> TimeValue {
        guard let an = anchor else { return .none }
        // Months back to the most recent such month (0 = this month) and forward to the next one.
        let back = (an.month - m + 12) % 12
        let forward = (m - an.month + 12) % 12
        let goBack: Bool
        switch tense() {
        case .past: goBack = back <= 8
        case .future: goBack = forward > 8
        // `is` / `says` near a month describe the story's present: the nearest such month.
        case .present, .unknown: goBack = back <= forward
        }
        let date = an.adding(months: goBack ? -back : forward)
        return .text(TimexFormat.month(date.year, date.month))
    }

    /// A weekday: `k` -1 last (strictly before), 1 next (strictly after), 0 this week; nil: by tense.
    mutating func weekday(_ w: Int, _ k: Int?) -> TimeValue {
        guard let an = anchor else { return .none }
        let back = (an.weekday - w + 7) % 7
        let fwd = (w - an.weekday + 7) % 7
        let delta: Int
        switch k {
        case .some(let k) where k < 0: delta = back == 0 ? -7 : -back
        case .some(let k) where k > 0: delta = fwd == 0 ? 7 : fwd
        case .some: delta = w - an.weekday
        case .none:
            switch tense() {
            case .past: delta = -back
            case .future: delta = fwd
            case .present, .unknown: delta = back <= fwd ? -back : fwd
            }
        }
        return .day(an.adding(days: delta))
    }

    /// The unit containing `d` moved by `k` units, at the unit's granularity. With `shift`, days and weeks move
    /// the date itself (`two days ago`); without, `rel(W, -1)` is last week's week value.
    func relative(_ d: CalendarDate, _ unit: String, _ k: Int, shift: Bool = false) -> TimeValue {
        // Keep results inside the four-digit years of TIMEX3 values.
        let years = unit == "CE" ? 100 * k : unit == "DE" ? 10 * k : unit == "Y" ? k : k / 12
        guard (1...9999).contains(d.year + years), abs(k) <= 100_000 else { return .none }
        switch unit {
        case "D": return .day(d.adding(days: k))
        case "W": return .text(TimexFormat.week(of: d.adding(days: 7 * k)))
        case "F": return .text(TimexFormat.week(of: d.adding(days: 14 * k)))
        case "WE": return .text(TimexFormat.week(of: d.adding(days: 7 * k)) + "-WE")
        case "M":
            let x = d.adding(months: k)
            return .text(TimexFormat.month(x.year, x.month))
        case "Q":
            let q = d.year * 4 + (d.quarter - 1) + k
            return .text("\(TimexFormat.year(q / 4))-Q\(q % 4 + 1)")
        case "Y": return .text(TimexFormat.year(d.year + k))
        case "DE": return .text(shift ? TimexFormat.year(d.year + 10 * k) : String(d.year / 10 + k))
        case "CE": return .text(shift ? TimexFormat.year(d.year + 100 * k) : TimexFormat.pad(d.year / 100 + k, 2))
        case "TH", "TM", "TS": return .day(d)
        default: return .none
        }
    }

    /// `P3D`, `PT48H`, `PXY` (n = -1).
    func duration(_ n: Int, _ unit: String) -> String {
        let count = n < 0 ? "X" : String(n)
        switch unit {
        case "TH": return "PT\(count)H"
        case "TM": return "PT\(count)M"
        case "TS": return "PT\(count)S"
        case "F": return n < 0 ? "PXW" : "P\(2 * n)W"
        // TimeBank writes decades and centuries in years.
        case "DE": return n < 0 ? "PXY" : "P\(10 * n)Y"
        case "CE": return n < 0 ? "PXCE" : "P\(100 * n)Y"
        default: return "P\(count)\(unit)"
        }
    }

    /// The year of a season: `k` relative (-1 last, 0 this, 1 next) or, without, by tense.
    ///
    /// `YYYY-WI` is the winter that starts in December of YYYY, so January 2024 lies in 2023-WI.
    mutating func seasonYear(_ s: String, _ k: Int?, _ an: CalendarDate) -> Int {
        let order = ["SP": 0, "SU": 1, "FA": 2, "WI": 3]
        let target = order[s] ?? 0
        // Seasons counted as year * 4 + index; the anchor's own season first.
        let current: Int
        switch an.month {
        case 1, 2: current = (an.year - 1) * 4 + 3
        case 12: current = an.year * 4 + 3
        default: current = an.year * 4 + (an.month - 3) / 3
        }
        let sameYear = (current / 4) * 4 + target
        let before = sameYear <= current ? sameYear : sameYear - 4
        let after = sameYear >= current ? sameYear : sameYear + 4
        let chosen: Int
        switch k {
        case .some(let k) where k < 0: chosen = before == current ? before - 4 : before
        case .some(let k) where k > 0: chosen = after == current ? after + 4 : after
        case .some: chosen = current - before < after - current ? before : after
        case .none:
            switch tense() {
            case .past: chosen = before
            case .future: chosen = after
            case .present, .unknown: chosen = current - before <= after - current ? before : after
            }
        }
        return chosen / 4
    }

    /// `12-25` or `N11-4-4` (the fourth Thursday of November) in the year the tense points to.
    mutating func holiday(_ code: String) -> TimeValue {
        let parts = code.split(separator: "-")
        if code.hasPrefix("N"), parts.count == 3, let m = Int(parts[0].dropFirst()), let w = Int(parts[1]),
            let n = Int(parts[2]), let an = anchor
        {
            func nth(_ y: Int) -> CalendarDate? {
                guard let first = CalendarDate(year: y, month: m, day: 1) else { return nil }
                return first.adding(days: (w - first.weekday + 7) % 7 + 7 * (n - 1))
            }
            guard let guess = nth(an.year) else { return .none }
            guard case .day(let d) = monthDay(guess.month, guess.day), let real = nth(d.year) else { return .none }
            return .day(real)
        }
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]) else { return .none }
        return monthDay(m, d)
    }
}
