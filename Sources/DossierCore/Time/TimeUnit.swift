/// A unit of matching: a token, or a piece of a hyphenated token (`five-year` is `five`, `-`, `year`).
///
/// Pieces let rules see inside hyphenated words without the tokenizer splitting them for everyone else.
struct TimeUnit: BitwiseCopyable {
    /// Byte range in the folded text.
    var start: Int32
    var end: Int32
    /// Stable hash of the lowercase form.
    var hash: UInt64
    /// Word classes of the lexicon it belongs to.
    var classMask: UInt64
    /// The value of its numeric shape (see ``shape``), else 0.
    var number: Int32
    var shape: Shape
    var capitalized: Bool
    /// White space (or nothing but a hyphen split) before it.
    var spaceBefore: Bool
    /// The token it comes from.
    var token: Int32

    /// Numeric shapes recognized when the unit is built, once, for all rules.
    enum Shape: UInt8, BitwiseCopyable {
        case word
        /// Digits only; ``number`` is the value (up to 9 digits), ``digits`` their count.
        case digits
        /// `12th`.
        case ordinal
        /// `1990s` (number 1990) or `90s` (number 90).
        case decade
        /// `12:30`, `3pm`: number is hours * 100 + minutes.
        case clock
        /// `2024-01-12`: number is y * 10000 + m * 100 + d.
        case isoDate
        /// `2024-01`: y * 100 + m.
        case isoMonth
        /// `1/12/2024`: y * 10000 + m * 100 + d.
        case slashDate
    }

    /// The number of digits of a `.digits` unit.
    var digits: Int { shape == .digits ? Int(end - start) : 0 }
}

/// Builds the units of a sentence from its tokens.
struct TimeUnitBuilder {
    let lexicon: TimeLexicon
    let hyphenHash = StableHash.hash("-")

    /// Appends the units of tokens `range` to `units`.
    func build(
        _ document: Document, tokens range: Range<Int>, bytes p: UnsafeBufferPointer<UInt8>,
        into units: inout ContiguousArray<TimeUnit>
    ) {
        units.removeAll(keepingCapacity: true)
        for t in range {
            let tok = document.tokens[t]
            let s = Int(tok.start)
            let e = Int(tok.end)
            let (shape, number) = TimeUnitBuilder.shape(p, s, e)
            let hasInnerHyphen =
                shape != .isoDate && shape != .isoMonth && e - s > 2
                && (s + 1..<e - 1).contains(where: { p[$0] == UInt8(ascii: "-") })
            let capital = p[s] >= 0x41 && p[s] <= 0x5A
            let space = tok.flags.contains(.spaceBefore) || t == range.lowerBound
            if !hasInnerHyphen {
                let h = document.interner.hash(of: tok.lower)
                units.append(
                    TimeUnit(
                        start: tok.start, end: tok.end, hash: h, classMask: lexicon.classMask(h),
                        number: Int32(truncatingIfNeeded: number), shape: shape, capitalized: capital,
                        spaceBefore: space, token: Int32(t)))
                continue
            }
            var a = s
            var first = true
            while a <= e {
                var b = a
                while b < e && p[b] != UInt8(ascii: "-") { b += 1 }
                if b > a {
                    let h = TimeUnitBuilder.lowerHash(p, a, b)
                    let (sh, n) = TimeUnitBuilder.shape(p, a, b)
                    units.append(
                        TimeUnit(
                            start: Int32(a), end: Int32(b), hash: h, classMask: lexicon.classMask(h),
                            number: Int32(truncatingIfNeeded: n), shape: sh,
                            capitalized: p[a] >= 0x41 && p[a] <= 0x5A, spaceBefore: first ? space : false,
                            token: Int32(t)))
                }
                first = false
                if b < e {
                    units.append(
                        TimeUnit(
                            start: Int32(b), end: Int32(b + 1), hash: hyphenHash, classMask: 0, number: 0,
                            shape: .word, capitalized: false, spaceBefore: false, token: Int32(t)))
                }
                a = b + 1
            }
        }
    }

    /// FNV-1a of the ASCII-lowercased bytes: equal to the hash of the interned lowercase form.
    @inline(__always)
    static func lowerHash(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h = StableHash.offsetBasis
        for i in s..<e {
            let b = p[i]
            let l = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            h = (h ^ UInt64(l)) &* StableHash.prime
        }
        return h
    }

    /// Reads the numeric shape of bytes `s..<e`.
    static func shape(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (TimeUnit.Shape, Int) {
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        guard s < e, isDigit(p[s]) else { return (.word, 0) }
        // Up to three digit groups with their separators, then a letter suffix.
        var groups: (Int, Int, Int) = (0, 0, 0)
        var lens: (Int, Int, Int) = (0, 0, 0)
        var seps: (UInt8, UInt8) = (0, 0)
        var g = 0
        var i = s
        while i < e {
            let b = p[i]
            if isDigit(b) {
                let d = Int(b - 48)
                switch g {
                case 0:
                    if lens.0 < 10 { groups.0 = groups.0 * 10 + d }
                    lens.0 += 1
                case 1:
                    if lens.1 < 10 { groups.1 = groups.1 * 10 + d }
                    lens.1 += 1
                default:
                    if lens.2 < 10 { groups.2 = groups.2 * 10 + d }
                    lens.2 += 1
                }
                i += 1
                continue
            }
            if (b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == UInt8(ascii: "/")) && g < 2 && i + 1 < e
                && isDigit(p[i + 1])
            {
                if g == 0 { seps.0 = b } else { seps.1 = b }
                g += 1
                i += 1
                continue
            }
            break
        }
        let suffixStart = i
        var suffix: UInt32 = 0  // up to 4 lowercase letters packed
        var suffixLen = 0
        while i < e {
            let b = p[i] | 0x20
            guard b >= 0x61 && b <= 0x7A, suffixLen < 4 else { return (.word, 0) }
            suffix = suffix << 8 | UInt32(b)
            suffixLen += 1
            i += 1
        }
        _ = suffixStart
        let am: UInt32 = 0x616D  // "am"
        let pm: UInt32 = 0x706D  // "pm"
        switch g {
        case 0:
            if suffixLen == 0 {
                return lens.0 <= 9 ? (.digits, groups.0) : (.word, 0)
            }
            let st: UInt32 = 0x7374, nd: UInt32 = 0x6E64, rd: UInt32 = 0x7264, th: UInt32 = 0x7468
            if suffixLen == 2 && (suffix == st || suffix == nd || suffix == rd || suffix == th) && lens.0 <= 3 {
                return (.ordinal, groups.0)
            }
            if suffixLen == 1 && suffix == 0x73 && (lens.0 == 4 || lens.0 == 2) && groups.0 % 10 == 0 {
                return (.decade, groups.0)
            }
            if suffixLen == 2 && (suffix == am || suffix == pm) && lens.0 <= 2 && groups.0 >= 1 && groups.0 <= 12 {
                let h = suffix == pm ? (groups.0 % 12) + 12 : groups.0 % 12
                return (.clock, h * 100)
            }
            return (.word, 0)
        case 1:
            if seps.0 == UInt8(ascii: ":") && lens.0 <= 2 && lens.1 == 2 && groups.0 <= 24 && groups.1 < 60 {
                if suffixLen == 0 { return (.clock, groups.0 * 100 + groups.1) }
                if suffixLen == 2 && (suffix == am || suffix == pm) && groups.0 >= 1 && groups.0 <= 12 {
                    let h = suffix == pm ? (groups.0 % 12) + 12 : groups.0 % 12
                    return (.clock, h * 100 + groups.1)
                }
                return (.word, 0)
            }
            if seps.0 == UInt8(ascii: "-") && suffixLen == 0 && lens.0 == 4 && lens.1 == 2 && groups.1 >= 1
                && groups.1 <= 12
            {
                return (.isoMonth, groups.0 * 100 + groups.1)
            }
            return (.word, 0)
        default:
            guard suffixLen == 0 else { return (.word, 0) }
            if seps.0 == UInt8(ascii: "-") && seps.1 == UInt8(ascii: "-") && lens.0 == 4 && lens.1 == 2 && lens.2 == 2,
                CalendarDate(year: groups.0, month: groups.1, day: groups.2) != nil
            {
                return (.isoDate, groups.0 * 10000 + groups.1 * 100 + groups.2)
            }
            if seps.0 == UInt8(ascii: "/") && seps.1 == UInt8(ascii: "/") && lens.0 <= 2 && lens.1 <= 2
                && (lens.2 == 4 || lens.2 == 2)
            {
                var y = groups.2
                if lens.2 == 2 { y += y <= 30 ? 2000 : 1900 }
                if CalendarDate(year: y, month: groups.0, day: groups.1) != nil {
                    return (.slashDate, y * 10000 + groups.0 * 100 + groups.1)
                }
            }
            return (.word, 0)
        }
    }
}
