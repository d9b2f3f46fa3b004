import DossierCore
import Foundation

/// Reads publication dates in the forms articles and feeds carry them.
///
/// ISO 8601 (`2024-01-12`, `2024-01-12T09:30:00Z`, `2024-01-12 09:30`), RFC 822 as RSS uses it
/// (`Fri, 12 Jan 2024 09:30:00 GMT`), `2024/01/12`, `20240112`, and English forms (`January 12, 2024`,
/// `12 January 2024`, `Jan. 12, 2024`). The date is the calendar day as written: a time zone does not
/// move it, since the publisher's own day is what relative dates in the text count from.
public enum PublishedDate {
    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// The date in `string`, or nil when it holds none that can be read.
    public static func parse(_ string: String) -> CalendarDate? {
        let s = string.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return nil }
        if let d = CalendarDate(iso: s) { return d }
        let u = Array(s.utf8)
        // 20240112
        if u.count == 8, u.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let y = Int(s.prefix(4)), let m = Int(s.dropFirst(4).prefix(2)), let d = Int(s.suffix(2))
        {
            return CalendarDate(year: y, month: m, day: d)
        }
        // Split into words of letters and runs of digits.
        var words: [Substring] = []
        var numbers: [Int] = []
        var order: [Character] = []  // "w" for a month word, "n" for a number, in order of appearance
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c.isLetter {
                let j = s[i...].firstIndex(where: { !$0.isLetter }) ?? s.endIndex
                let word = s[i..<j]
                if months[word.lowercased()] != nil {
                    words.append(word)
                    order.append("w")
                }
                i = j
            } else if c.isASCII && c.isNumber {
                let j = s[i...].firstIndex(where: { !($0.isASCII && $0.isNumber) }) ?? s.endIndex
                if let v = Int(s[i..<j]) {
                    numbers.append(v)
                    order.append("n")
                }
                // A time of day ends the date part.
                if j < s.endIndex && s[j] == ":" { break }
                i = j
            } else {
                i = s.index(after: i)
            }
        }
        if let w = words.first, let m = months[w.lowercased()] {
            // "January 12, 2024" / "12 January 2024" / "Fri, 12 Jan 2024 09:30:00 GMT"
            let year = numbers.first(where: { $0 >= 1000 })
            let day = numbers.first(where: { $0 >= 1 && $0 <= 31 })
            guard let y = year, let d = day else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        }
        // 2024/01/12 or 2024.01.12
        if numbers.count >= 3, numbers[0] >= 1000 {
            return CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
        }
        return nil
    }
}
