/// One pattern rule of `Resources/time/rules.txt`: a sequence of elements over tokens, a TIMEX3 type and a value
/// expression. See docs/time.md for the format.
public struct TimeRule: Sendable {
    /// What one element of a pattern matches.
    public enum Atom: Sendable, Hashable {
        /// A token whose lowercase form has this stable hash.
        case literal(UInt64)
        /// A token in a word class of the lexicon.
        case wordClass(Int)
        /// A token (or a few) of a built-in shape: numbers, years, clock times, ISO dates.
        case builtin(TimeBuiltin)
    }

    /// One position of a pattern: alternatives, optionality, capture and context.
    public struct Element: Sendable, Hashable {
        public var atoms: [Atom]
        public var optional: Bool
        /// Must start with an uppercase letter (`@monthx^`).
        public var capitalized: Bool
        /// Index of the capture this element fills, if named.
        public var capture: Int?
    }

    public var id: String
    /// The TIMEX3 type; nil for a blocker (`NONE`): a rule that wins a span so that nothing is tagged there.
    public var type: TimexType?
    public var elements: [Element]
    /// Elements before the extent and after it that must match but are not part of it (`{in}`).
    public var leadingContext: Int
    public var trailingContext: Int
    public var captureNames: [String]
    public var value: TimeValueExpression
    /// Atoms that can match a rule's first token: the rule is tried only where one of them matches.
    public var firstAtoms: [Atom]
    /// The line of the rule file, for error messages.
    public var line: Int

    /// Whether the value is computed from another time (`a year earlier`), so it does not become a reference.
    var isAnaphoric: Bool {
        if case .call(let fn, _) = value { return fn == .ago || fn == .offset || fn == .refquarter || fn == .wdbefore }
        return false
    }

    /// Whether the value names the quarter last mentioned again (`the quarter`, `the 1988 period`): it keeps
    /// that quarter the reference without replacing it.
    var mentionsReferenceQuarter: Bool {
        if case .call(let fn, _) = value { return fn == .refquarter }
        return false
    }
}

/// The built-in token shapes that rules refer to as `#name`.
public enum TimeBuiltin: UInt8, Sendable, Hashable, CaseIterable, BitwiseCopyable {
    /// Digits (a value up to 9 digits).
    case int
    /// A day of the month: 1 to 31, as digits or `12th`.
    case day
    /// An ordinal in digits: `12th`, `1st`, `20th`.
    case ord
    /// A day as an ordinal in digits only: `12th`.
    case day2
    /// A four-digit year 1000 to 2199, not money nor a percentage.
    case year
    /// A two-digit year with an apostrophe: `'98`.
    case yy
    /// A decade: `1990s`, `90s`.
    case decade
    /// A clock time: `12:30`, `3pm`, `3:30pm`.
    case clock
    /// Four digits read as a clock time: `0900`.
    case hhmm
    /// `2024-01-12`.
    case isodate
    /// `2024-01`.
    case isomonth
    /// `1/12/2024`, `1/12/24` (month first).
    case slashdate
    /// A count: digits, number words (`twenty-four`) or vague counts (`several`, value X).
    case num

    /// The built-in written `#name` in a rule file.
    public init?(name: some StringProtocol) {
        guard let b = TimeBuiltin.allCases.first(where: { String(describing: $0) == name }) else { return nil }
        self = b
    }
}
