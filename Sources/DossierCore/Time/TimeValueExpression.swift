/// The value part of a rule (`=> ymd(y, m, d)`): a small expression over the rule's captures.
///
/// Functions are resolved when the rule file is read, so a misspelt name fails at load time with its line.
public indirect enum TimeValueExpression: Sendable, Hashable {
    /// A capture of the pattern, by index.
    case capture(Int)
    /// A quoted or bare constant: `PAST_REF`, `D`, `-1`.
    case constant(String)
    case call(TimeFunction, [TimeValueExpression])

    /// Parses an expression; capture names are resolved against `captures`.
    static func parse(_ text: Substring, captures: [String]) -> Result<TimeValueExpression, TimeRuleError> {
        var p = Parser(chars: Array(text.unicodeScalars), captures: captures)
        let r = p.expression()
        if case .success = r {
            p.skipSpace()
            if p.i < p.chars.count { return .failure(TimeRuleError("unexpected '\(String(p.chars[p.i]))' in value")) }
        }
        return r
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        let captures: [String]
        var i = 0

        mutating func skipSpace() {
            while i < chars.count && chars[i] == " " { i += 1 }
        }

        mutating func word() -> String {
            var s = ""
            while i < chars.count {
                let c = chars[i]
                if c == "(" || c == ")" || c == "," || c == " " { break }
                s.unicodeScalars.append(c)
                i += 1
            }
            return s
        }

        mutating func expression() -> Result<TimeValueExpression, TimeRuleError> {
            skipSpace()
            guard i < chars.count else { return .failure(TimeRuleError("empty value")) }
            if chars[i] == "\"" {
                i += 1
                var s = ""
                while i < chars.count && chars[i] != "\"" {
                    s.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { return .failure(TimeRuleError("unterminated string")) }
                i += 1
                return .success(.constant(s))
            }
            let name = word()
            guard !name.isEmpty else { return .failure(TimeRuleError("expected a name at column \(i + 1)")) }
            skipSpace()
            if i < chars.count && chars[i] == "(" {
                i += 1
                guard let fn = TimeFunction(rawValue: name) else {
                    return .failure(TimeRuleError("unknown function '\(name)'"))
                }
                var args: [TimeValueExpression] = []
                skipSpace()
                if i < chars.count && chars[i] == ")" {
                    i += 1
                } else {
                    while true {
                        switch expression() {
                        case .success(let a): args.append(a)
                        case .failure(let e): return .failure(e)
                        }
                        skipSpace()
                        guard i < chars.count else { return .failure(TimeRuleError("missing ')'")) }
                        if chars[i] == "," {
                            i += 1
                            continue
                        }
                        if chars[i] == ")" {
                            i += 1
                            break
                        }
                        return .failure(TimeRuleError("expected ',' or ')'"))
                    }
                }
                guard fn.arity.contains(args.count) else {
                    return .failure(
                        TimeRuleError("\(name) takes \(fn.arity.lowerBound)...\(fn.arity.upperBound) arguments"))
                }
                return .success(.call(fn, args))
            }
            if let c = captures.firstIndex(of: name) { return .success(.capture(c)) }
            return .success(.constant(name))
        }
    }
}

/// The functions a rule's value can call. docs/time.md describes each.
public enum TimeFunction: String, Sendable, Hashable, CaseIterable {
    /// `ymd(y, m, d)`: a full date; a missing year is inferred from the anchor and the tense.
    case ymd
    /// `ym(y, m)`: a month of a year; a missing year is inferred.
    case ym
    /// `year(y)`: a year; two-digit years take the anchor's century.
    case year
    /// `month(m)`: a month without a year: the nearest one in the tense's direction.
    case month
    /// `monthrel(m, k)`: `last November` (k = -1), `next May` (1), `this June` (0).
    case monthrel
    /// `iso(x)`: a date from `#isodate`, `#isomonth` or `#slashdate`.
    case iso
    /// `wd(w)` by tense, `wd(w, k)`: last (-1), this (0), next (1) weekday.
    case wd
    /// `day(k)`: the anchor plus k days (`today`, `yesterday`).
    case day
    /// `rel(unit, k)`: the unit containing the anchor moved by k units (`last week` = 2024-W01).
    case rel
    /// `ago(n, unit)`: n units before the anchor, at the unit's granularity (`two days ago`).
    case ago
    /// `offset(n, unit, dir)`: n units from the reference date (the last date mentioned, else the anchor).
    case offset
    /// `dur(n, unit)`: a duration, `P3D`, `PT48H`, `PXY`.
    case dur
    /// `quarter(q)`, `quarter(q, y)`: `2024-Q1`; without a year, the one the tense points to.
    case quarter
    /// `half(h)`, `half(h, y)`: `2024-H1`.
    case half
    /// `season(s)`, `season(s, k)` (k relative: -1 last), `seasony(s, y)`.
    case season
    case seasony
    /// `decade(d)`: `199` for the 1990s.
    case decade
    /// `century(c)`: `19` for the 20th century.
    case century
    /// `clock(hm)`, `clock(h, ampm)`, `clock(hm, ampm, date)`: a time on the anchor day or on `date`.
    case clock
    /// `pod(date, part)`: a part of a day, `2024-01-12TMO`.
    case pod
    /// `weekend(k)`, or by tense without k: `2024-W02-WE`.
    case weekend
    /// `everywd(w)`: `XXXX-WXX-1`.
    case everywd
    /// `every(n, unit)`: `P1D`, `P2W`.
    case every
    /// `holiday(code)`: a fixed date `MM-DD` or the n-th weekday of a month, in the year the tense points to.
    case holiday
    /// `code(c)`: a capture's code as the value (`PAST_REF`, `P1D`).
    case code
    /// `yearwords(c, y)`: a year said in words, `nineteen ninety-six` = 19 * 100 + 96.
    case yearwords
    /// `durhalf(n, unit)`: n and a half units, `PT1M30S`, `P2Y6M`.
    case durhalf
    /// `unknownin(unit)`: a unit of the anchor's year that the text does not determine, `2024-WXX`.
    case unknownin
    /// `everymonth(m)`: `XXXX-07`.
    case everymonth
    /// `wdbefore(w)`: the weekday w strictly before the reference date (`the previous Friday`).
    case wdbefore
    /// `weekof(date)`: the ISO week of a date, `the week of March 6` = `2000-W10`.
    case weekof
    /// `refquarter()`: the quarter last mentioned (a few sentences back), else the latest complete quarter;
    /// `refquarter(y)`: that quarter in year y (`the 1988 period`), else the year.
    case refquarter

    /// The number of arguments it takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .ymd: return 3...3
        case .ym, .monthrel, .ago, .dur, .every, .yearwords, .durhalf: return 2...2
        case .refquarter: return 0...1
        case .offset: return 3...3
        case .wd, .quarter, .half, .season, .weekend: return 0...2
        case .seasony, .pod: return 2...2
        case .clock: return 1...3
        case .rel: return 2...2
        default: return 1...1
        }
    }
}

/// A problem in a rule line (reported as a ``DossierError`` with the line).
struct TimeRuleError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
