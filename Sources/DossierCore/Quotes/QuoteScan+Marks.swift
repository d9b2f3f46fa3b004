// Direct quotes: quote marks, which way they face, and how they pair.

extension QuoteScan {
    enum Facing { case open, close, unknown }

    /// A quote mark: its token, whether it is a double mark, and which way it faces.
    struct Mark {
        var token: Int
        var double: Bool
        var facing: Facing
    }

    /// Which way the original glyph of a folded mark faces (curly quotes, guillemets, TeX quotes), or
    /// `.unknown` for straight marks.
    func glyphFacing(_ i: Int, original: UnsafeBufferPointer<UInt8>) -> Facing {
        let t = doc.tokens[i]
        if t.end - t.start == 2 {
            // TeX quotes: `` opens; '' closes in TeX, but some papers use it on both sides, so spacing decides.
            return doc.normalized.bytes[Int(t.start)] == UInt8(ascii: "`") ? .open : .unknown
        }
        let o = doc.normalized.originalOffset(Int(t.start))
        guard o < original.count else { return .unknown }
        let b0 = original[o]
        if b0 == UInt8(ascii: "`") { return .open }
        if b0 == 0xC2 && o + 1 < original.count {
            switch original[o + 1] {
            case 0xAB: return .open  // «
            case 0xBB: return .close  // »
            default: return .unknown
            }
        }
        if b0 == 0xE2 && o + 2 < original.count && original[o + 1] == 0x80 {
            switch original[o + 2] {
            case 0x9C, 0x9E, 0x9F, 0x98, 0x9A, 0xB9: return .open  // “ „ ‟ ‘ ‚ ‹
            case 0x9D, 0x99, 0xBA: return .close  // ” ’ ›
            default: return .unknown
            }
        }
        return .unknown
    }

    /// Which way a mark faces from the spacing around it; `.unknown` when spacing does not tell.
    func contextFacing(_ i: Int) -> Facing {
        let f = flags(i)
        let prevAttached: Bool = {
            guard i > 0, !f.contains(.spaceBefore), !f.contains(.newlineBefore), !f.contains(.paragraphStart) else {
                return false
            }
            let p = flags(i - 1)
            if p.contains(.openBracket) { return false }
            if isByte(i - 1, UInt8(ascii: "-")) || (length(i - 1) == 2 && byte(i - 1) == UInt8(ascii: "-")) {
                return false
            }
            return true
        }()
        var nextWordish = false
        var nextAttached = false
        if i + 1 < n {
            let g = flags(i + 1)
            nextAttached = !g.contains(.spaceBefore) && !g.contains(.newlineBefore) && !g.contains(.paragraphStart)
            if nextAttached {
                let b = byte(i + 1)
                let closing =
                    b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == UInt8(ascii: ";")
                    || b == UInt8(ascii: ":") || b == UInt8(ascii: "?") || b == UInt8(ascii: "!")
                    || g.contains(.closeBracket)
                nextWordish = !closing
            }
        }
        if !prevAttached && nextWordish { return .open }
        if prevAttached && !nextWordish { return .close }
        if !prevAttached && !nextAttached { return .unknown }
        return .unknown
    }

    /// All quote marks of the article text (not boilerplate), in order.
    func marks() -> [Mark] {
        var text = doc.article.text
        return text.withUTF8 { original in
            var out: [Mark] = []
            for i in 0..<n where isQuote(i) && isText(i) {
                let t = doc.tokens[i]
                let b = doc.normalized.bytes[Int(t.start)]
                let double = b == UInt8(ascii: "\"") || t.end - t.start == 2
                let context = contextFacing(i)
                let glyph = glyphFacing(i, original: original)
                // Spacing wins over the glyph: typographic quotes are often wrong-way round in feeds.
                out.append(Mark(token: i, double: double, facing: context == .unknown ? glyph : context))
            }
            return out
        }
    }

    /// Pairs the marks into spans and sorts them into quotes, partial quotes and names.
    mutating func findMarkedSpans() {
        let all = marks()
        var found: [(open: Int, close: Int?, firstPara: Int32)] = []
        pairDouble(all.filter(\.double), into: &found)
        // Single marks count only outside double-quoted spans (British style, or stray apostrophes otherwise).
        var covered = ContiguousArray<Bool>(repeating: false, count: n)
        for f in found {
            let end = f.close ?? paragraphEnd(f.open)
            for i in f.open..<min(n, end + 1) { covered[i] = true }
        }
        let singles = all.filter { !$0.double && !covered[$0.token] }
        pairSingle(singles, into: &found)
        found.sort { $0.open < $1.open }
        for f in found {
            var lo = f.open + 1
            var hi = f.close ?? (paragraphEnd(f.open) + 1)
            if f.close == nil {
                // An unbalanced mark: the quote ends with its paragraph; drop trailing marks.
                while hi > lo && isQuote(hi - 1) { hi -= 1 }
            }
            if hi > lo && isComma(hi - 1) { hi -= 1 }
            while lo < hi && !isText(lo) { lo += 1 }
            guard hi > lo else { continue }
            let role = classify(open: f.open, close: f.close, content: lo..<hi)
            let lastPara = paragraph(hi - 1)
            let span = MarkedSpan(
                open: f.open, close: f.close, content: lo..<hi, role: role,
                paragraphs: f.firstPara...max(f.firstPara, lastPara))
            let k = Int32(spans.count)
            spans.append(span)
            let end = f.close ?? (hi - 1)
            for i in f.open...end where inSpan[i] < 0 { inSpan[i] = k }
        }
    }

    /// The last token of the paragraph of token `i`.
    func paragraphEnd(_ i: Int) -> Int {
        var s = Int(sentenceOf[i])
        let p = doc.sentences[s].paragraph
        while s + 1 < doc.sentences.count && doc.sentences[s + 1].paragraph == p { s += 1 }
        return Int(doc.sentences[s].tokenEnd) - 1
    }

    /// Pairs double marks paragraph by paragraph. A quote left open at the end of a paragraph continues
    /// when the next paragraph opens with a mark (the news convention for quotes over several paragraphs);
    /// otherwise it ends with its paragraph, so an unbalanced mark never swallows the article.
    func pairDouble(_ marks: [Mark], into found: inout [(open: Int, close: Int?, firstPara: Int32)]) {
        var open: Int? = nil
        var chain: [Int] = []  // opening marks of a multi-paragraph quote so far
        func unclosed() {
            // Each paragraph of an unfinished chain becomes its own quote, when it opened the paragraph.
            for o in chain + (open.map { [$0] } ?? []) where startsParagraph(o) {
                found.append((o, nil, paragraph(o)))
            }
            open = nil
            chain = []
        }
        for m in marks {
            let i = m.token
            if let o = open, paragraph(o) != paragraph(i) {
                let next = paragraph(o) + 1 == paragraph(i) && startsParagraph(i) && m.facing != .close
                if next {
                    chain.append(o)
                    open = i
                    continue
                }
                unclosed()
            }
            switch m.facing {
            case .open:
                if open != nil { unclosed() }
                open = i
            case .close:
                if let o = open {
                    found.append((chain.first ?? o, i, paragraph(chain.first ?? o)))
                    open = nil
                    chain = []
                }
            case .unknown:
                if let o = open {
                    found.append((chain.first ?? o, i, paragraph(chain.first ?? o)))
                    open = nil
                    chain = []
                } else {
                    open = i
                }
            }
        }
        if open != nil { unclosed() }
    }

    /// Pairs single marks within a paragraph: an opening mark before a word, a closing one after a word.
    func pairSingle(_ marks: [Mark], into found: inout [(open: Int, close: Int?, firstPara: Int32)]) {
        var open: Int? = nil
        for m in marks {
            let i = m.token
            if let o = open, paragraph(o) != paragraph(i) { open = nil }
            switch m.facing {
            case .open: open = i
            case .close:
                if let o = open, i - o > 2 {
                    found.append((o, i, paragraph(o)))
                    open = nil
                }
            case .unknown: break
            }
        }
    }

    func startsParagraph(_ i: Int) -> Bool {
        i == 0 || flags(i).contains(.paragraphStart) || paragraph(i - 1) != paragraph(i)
    }

    /// Whether a quoted span is a quote, a partial quote inside a sentence, or a name or title.
    func classify(open: Int, close: Int?, content: Range<Int>) -> MarkedSpan.Role {
        let before = open - 1
        if before >= 0 && isText(before) {
            if classes(before).contains(.naming) { return .naming }
            // "known as “...”", "a plan called “...”", "named “...”".
            let w = lower[before]
            if w == QuoteScan.called || w == QuoteScan.named
                || (w == QuoteScan.as && before > 0 && lower[before - 1] == QuoteScan.known)
            {
                return .naming
            }
        }
        var words = 0
        var capitalized = 0
        var terminalInside = false
        for i in content {
            if isWord(i) {
                words += 1
                if isCapWord(i) || classes(i).contains(.stop) || classes(i).contains(.prep) { capitalized += 1 }
            }
            if isTerminal(i) || isComma(i) { terminalInside = true }
        }
        // A title in quote marks: every word capitalized (function words aside), no sentence punctuation.
        let capitalizedWords = content.filter { isCapWord($0) }.count
        if words >= 2 && capitalized == words && capitalizedWords >= 2 && !terminalInside && words <= 14 {
            return .naming
        }
        let afterIsComma = close.map { $0 + 1 < n && isComma($0 + 1) } ?? false
        let startsSentence = isSentenceStart(open) || startsParagraph(open)
        let introduced =
            before >= 0
            && (isComma(before) || isColon(before) || cue(before) != nil || isQuote(before)
                || lower[before] == QuoteScan.that || isByte(before, UInt8(ascii: "(")))
        if startsSentence || introduced || afterIsComma { return .quote }
        // Inside a clause ("the talks were “constructive”"): a partial quote, whatever its length, unless
        // it is a whole sentence of its own.
        if terminalInside && words >= 6 && isTerminal(content.upperBound - 1) && before >= 0 && !isWord(before) {
            return .quote
        }
        return .partial
    }

    static let that = StableHash.hash("that")
    static let called = StableHash.hash("called")
    static let named = StableHash.hash("named")
    static let `as` = StableHash.hash("as")
    static let known = StableHash.hash("known")
    static let according = StableHash.hash("according")
    static let to = StableHash.hash("to")
    static let who = StableHash.hash("who")
    static let whom = StableHash.hash("whom")
    static let then = StableHash.hash("then")
    static let familiar = StableHash.hash("familiar")
    static let close = StableHash.hash("close")
    static let s = StableHash.hash("'s")
    static let of = StableHash.hash("of")
    static let and = StableHash.hash("and")
    static let or = StableHash.hash("or")
}
