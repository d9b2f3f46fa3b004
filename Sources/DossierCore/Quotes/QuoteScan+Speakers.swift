// Speaker phrases: the words next to a cue that name who speaks.

extension QuoteScan {
    /// The speaker phrase that ends right before a cue at `end`, not reaching before `limit`.
    ///
    /// Auxiliaries and adverbs between the phrase and the cue are skipped ("Miller has also said"); an
    /// appositive between commas is part of the phrase ("Miller, a spokesman for the department, said").
    func speakerBefore(_ end: Int, limit: Int) -> SpeakerPhrase? {
        var j = end - 1
        while j >= limit && isAuxOrAdverb(j) { j -= 1 }
        guard j >= limit else { return nil }
        if isComma(j) || isDash(j) {
            // An appositive: back over up to three commas or dashes to the one that opens it.
            var k = j - 1
            var seen = 0
            while k > limit && j - k < 30 && seen < 3 {
                if endsPhrase(k) || isQuote(k) { return nil }
                if isComma(k) || isDash(k) {
                    seen += 1
                    let a = k + 1
                    let capitalName = isCapWord(a) && !isCapFunctionWord(a) && j - a <= 4
                    // "Jenna Golden, Twitter's director of political advertising, said".
                    let possessive = isCapWord(a) && a + 1 < j && lower[a + 1] == QuoteScan.s && j - a <= 12
                    let opens =
                        classes(a).contains(.modifier) || classes(a).contains(.title) || lower[a] == QuoteScan.who
                        || flags(a).contains(.digits) || capitalName || possessive
                    if opens, a < j, var head = phraseEnding(at: k - 1, limit: limit),
                        head.kind == .name || head.kind == .nominal
                    {
                        var lo = head.range.lowerBound
                        if lo > limit && descriptorStart(lo - 1, limit: limit) == limit { lo = limit }
                        head.range = lo..<j
                        if capitalName && head.kind == .nominal {
                            // "Carter's press secretary, Peter Cook, told": the name is the appositive.
                            var e = a
                            while e < j && isCapWord(e) { e += 1 }
                            head.name = a..<e
                            head.kind = .name
                        }
                        return head
                    }
                    if opens && capitalName && k - 1 >= limit && descriptorStart(k - 1, limit: limit) == limit {
                        // "Google's chief human resources executive, Laszlo Bock, said" right after a quote.
                        var e = a
                        while e < j && isCapWord(e) { e += 1 }
                        return SpeakerPhrase(range: limit..<j, name: a..<e, kind: .name)
                    }
                }
                k -= 1
            }
            return nil
        }
        if isByte(j, UInt8(ascii: ")")) {
            // A party tag: "Sen. Marco Rubio (R-Fla.) said".
            var p = j - 1
            while p > limit && j - p <= 8 && !isByte(p, UInt8(ascii: "(")) { p -= 1 }
            if p > limit && isByte(p, UInt8(ascii: "(")), var head = phraseEnding(at: p - 1, limit: limit),
                head.kind == .name
            {
                head.range = head.range.lowerBound..<j + 1
                return head
            }
            return nil
        }
        return phraseEnding(at: j, limit: limit)
    }

    /// A speaker phrase whose last token is `h`.
    func phraseEnding(at h: Int, limit: Int) -> SpeakerPhrase? {
        guard h >= limit, isText(h) else { return nil }
        let c = classes(h)
        if lower[h] == QuoteScan.who && h - 2 >= limit && isComma(h - 1) {
            // "Barkley, who said ...": the relative pronoun speaks for the name before it.
            guard let head = phraseEnding(at: h - 2, limit: limit), head.kind == .name || head.kind == .nominal else {
                return nil
            }
            return SpeakerPhrase(range: h..<h + 1, name: head.name, kind: head.kind)
        }
        if c.contains(.pronoun) && isWord(h) {
            return SpeakerPhrase(range: h..<h + 1, name: nil, kind: .pronoun)
        }
        if let m = mention(at: h), m.upperBound == h + 1 {
            let lo = max(m.lowerBound, limit)
            let start = extendLeft(from: lo, limit: limit)
            return SpeakerPhrase(range: start..<h + 1, name: lo..<h + 1, kind: .name)
        }
        if isCapWord(h) && c.isDisjoint(with: .sourceNoun) {
            var s = h
            if isCapFunctionWord(h) { return nil }
            while s - 1 >= limit && isCapWord(s - 1) && !classes(s - 1).contains(.pronoun) && !isCapFunctionWord(s - 1)
            {
                s -= 1
            }
            // Sentence-initial function words ("But Lai", "The ...") are not part of a name.
            while s < h && classes(s).contains(.stop) { s += 1 }
            // The name follows the last title word of the run: "Finance Minister Ilse Varga".
            var nameStart = s
            for t in s..<h where classes(t).contains(.title) { nameStart = t + 1 }
            if classes(nameStart).contains(.stop) { return nil }
            let start = extendLeft(from: s, limit: limit)
            return SpeakerPhrase(range: start..<h + 1, name: nameStart..<h + 1, kind: .name)
        }
        if !c.isDisjoint(with: .sourceNoun) && isWord(h) {
            let start = extendLeft(from: h, limit: limit)
            return SpeakerPhrase(range: start..<h + 1, name: nil, kind: c.contains(.group) ? .group : .nominal)
        }
        // A source noun with a prepositional phrase or "familiar with": "sources familiar with the talks",
        // "a spokesman for the ministry".
        var k = h - 1
        while k >= limit && h - k <= 7 && !isPunct(k) {
            if !classes(k).isDisjoint(with: .sourceNoun) && isWord(k) && k + 1 <= h {
                let next = k + 1
                if classes(next).contains(.prep) || lower[next] == QuoteScan.familiar || lower[next] == QuoteScan.close
                    || lower[next] == QuoteScan.who
                {
                    let start = extendLeft(from: k, limit: limit)
                    let kind: SpeakerPhrase.Kind = classes(k).contains(.group) ? .group : .nominal
                    return SpeakerPhrase(range: start..<h + 1, name: nil, kind: kind)
                }
            }
            if cue(k) != nil { break }
            k -= 1
        }
        return nil
    }

    /// Extends a phrase leftwards over titles, modifiers, capitalized words and possessives: "State
    /// Department spokesman", "US", "a senior", "China's foreign minister".
    func extendLeft(from s: Int, limit: Int) -> Int {
        var start = s
        while start - 1 >= limit {
            let t = start - 1
            let c = classes(t)
            if isCapWord(t) && !c.contains(.pronoun) && !(c.contains(.stop) && !c.contains(.modifier)) {
                start = t
            } else if isLowerWord(t)
                && (c.contains(.title) || c.contains(.modifier) || !c.isDisjoint(with: .sourceNoun))
            {
                start = t
            } else if lower[t] == QuoteScan.s && t - 1 >= limit && isCapWord(t - 1) {
                start = t
            } else if lower[t] == QuoteScan.of && t - 1 >= limit && isCapWord(t - 1) && t + 1 < n && isCapWord(t + 1) {
                start = t
            } else if lower[t] == QuoteScan.of && t - 1 >= limit && classes(t - 1).contains(.modifier) {
                // "half of", "74 percent of", "most of".
                start = t
            } else if flags(t).contains(.digits) {
                start = t
            } else if (lower[t] == QuoteScan.of || lower[t] == QuoteScan.inWord) && t - 1 >= limit && isNumber(t - 1)
                && flags(start).contains(.digits) && !QuoteScan.relativeWords.contains(lower[s])
            {
                // "eight of 10 voters", "four in 10" (not before a relative pronoun: "four in 10 who said").
                start = t - 1
            } else if isNumber(start) && QuoteScan.approximators.contains(lower[t]) {
                // "About four in 10", "nearly 60 percent of".
                start = t
            } else if lower[t] == QuoteScan.and && t - 1 >= limit && isCapWord(t - 1) && isCapWord(start) {
                // "Jeb Bush and Chris Christie said"
                start = t
            } else if isLowerWord(t) && isContentWord(t) && !QuoteScan.questionWords.contains(lower[t])
                && (flags(t).contains(.hyphenated) || hasAdjectiveSuffix(t)
                    || (isLowerWord(start) && (c.contains(.title) || !classes(start).isDisjoint(with: .sourceNoun))))
            {
                // "presidential candidate", "the gambling tycoon", "17-year-old".
                start = t
            } else {
                break
            }
        }
        // A sentence-initial conjunction is not part of the phrase.
        while start < s && classes(start).contains(.stop) && !classes(start).contains(.modifier) { start += 1 }
        return start
    }

    /// A number: digits or a number word ("six", "a dozen").
    func isNumber(_ i: Int) -> Bool {
        flags(i).contains(.digits) || QuoteScan.numberWords.contains(lower[i])
    }

    static let numberWords: Set<UInt64> = Set(
        [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "dozen", "dozens", "hundreds", "thousands", "millions",
        ].map { StableHash.hash($0) })
    static let approximators: Set<UInt64> = Set(
        ["about", "nearly", "roughly", "almost", "approximately", "only", "just", "some", "over", "around"].map {
            StableHash.hash($0)
        })

    /// The whole span between a quote and its cue taken as the speaker, when the phrase grammar above
    /// does not cover it ("“...,” the gambling tycoon said"): at most `maxWords` tokens, no sentence
    /// punctuation, not starting with a verb-like lowercase word.
    func loosePhrase(_ r: Range<Int>, maxWords: Int = 8, strictStart: Bool = true, verbless: Bool = false)
        -> SpeakerPhrase?
    {
        var lo = r.lowerBound
        var hi = r.upperBound
        while hi > lo && (isAuxOrAdverb(hi - 1) || isComma(hi - 1)) { hi -= 1 }
        while lo < hi && classes(lo).contains(.stop) && !classes(lo).contains(.modifier) { lo += 1 }
        guard hi > lo, hi - lo <= maxWords else { return nil }
        var name: Range<Int>? = nil
        var group = false
        for i in lo..<hi {
            if isTerminal(i) || isQuote(i) || isColon(i) || cue(i) != nil || !isText(i) { return nil }
            if isLowerWord(i) && isContentWord(i) && classes(i).isEmpty && !hasAdjectiveSuffix(i) && endsInEd(i) {
                return nil  // a verb in the past tense: a clause, not a speaker ("rallied supporters")
            }
            if (classes(i).contains(.aux) && lower[i] != QuoteScan.s) || (classes(i).contains(.pronoun) && hi - lo > 1)
            {
                return nil  // "Trump isn't", "I can now", "Let me": a clause
            }
            if verbless, let p = parse, let syntax = doc.syntax, p.analysed[i],
                syntax.upos[i] == .verb || syntax.upos[i] == .aux
            {
                // Next to a direct quote, a verb by the parse makes a clause ("Bryne went on to"), not a speaker.
                let r = p.relationName(p.relation(i))
                if r != "amod" && r != "acl" && r != "compound" && !r.hasPrefix("acl") { return nil }
            }
            if classes(i).contains(.group) { group = true }
            if isCapWord(i) && !isCapFunctionWord(i) && !classes(i).contains(.title) {
                if let nm = name, nm.upperBound == i { name = nm.lowerBound..<i + 1 } else { name = i..<i + 1 }
            }
        }
        guard
            !strictStart || isCapWord(lo) || classes(lo).contains(.modifier)
                || !classes(lo).isDisjoint(with: .sourceNoun) || flags(lo).contains(.digits)
                || flags(lo).contains(.hyphenated)
        else { return nil }
        if let nm = name, nm.upperBound == hi || (hi - nm.upperBound <= 2 && isComma(nm.upperBound)) {
            return SpeakerPhrase(range: lo..<hi, name: nm, kind: .name)
        }
        return SpeakerPhrase(range: lo..<hi, name: nil, kind: group ? .group : .nominal)
    }

    /// A lowercase word ending in "ed" (a past tense or participle).
    func endsInEd(_ i: Int) -> Bool {
        let t = doc.tokens[i]
        let b = doc.normalized.bytes
        return t.end - t.start > 3 && b[Int(t.end) - 2] == UInt8(ascii: "e") && b[Int(t.end) - 1] == UInt8(ascii: "d")
    }

    /// A lowercase word ending in "ing" (a participle: "saying", "adding").
    func endsInIng(_ i: Int) -> Bool {
        let t = doc.tokens[i]
        let b = doc.normalized.bytes
        let e = Int(t.end)
        return t.end - t.start > 4 && b[e - 3] == UInt8(ascii: "i") && b[e - 2] == UInt8(ascii: "n")
            && b[e - 1] == UInt8(ascii: "g")
    }

    /// A word that can open an appositive about a speaker: "a", "the", "who", a title, an age, a name
    /// ("Democrat of Vermont"), a role followed by "of" ("president of NDN"), "then".
    func opensAppositive(_ a: Int, limit: Int) -> Bool {
        guard a < limit else { return false }
        let c = classes(a)
        if c.contains(.modifier) || c.contains(.title) || lower[a] == QuoteScan.who || lower[a] == QuoteScan.whom {
            return true
        }
        if flags(a).contains(.digits) || lower[a] == QuoteScan.then { return true }
        if isCapWord(a) && !isCapFunctionWord(a) { return true }
        if isLowerWord(a) && isContentWord(a) && a + 1 < limit && lower[a + 1] == QuoteScan.of { return true }
        if isLowerWord(a) && flags(a).contains(.hyphenated) && isContentWord(a) { return true }
        return false
    }

    /// A dash token: `-` or `--` standing alone.
    func isDash(_ i: Int) -> Bool {
        byte(i) == UInt8(ascii: "-") && flags(i).contains(.spaceBefore)
    }

    /// A lowercase word that is not a function word or a cue: it may qualify a speaker ("presidential").
    func isContentWord(_ i: Int) -> Bool {
        let c = classes(i)
        return c.isDisjoint(with: [.stop, .prep, .aux, .time, .pronoun, .audience, .naming]) && cue(i) == nil
    }

    /// Ends like an adjective: "-al", "-ic", "-ive", "-ous", "-ary", "-ese", "-ish", "-ian".
    func hasAdjectiveSuffix(_ i: Int) -> Bool {
        let t = doc.tokens[i]
        let len = Int(t.end - t.start)
        guard len > 4 else { return false }
        let b = doc.normalized.bytes
        let e = Int(t.end)
        let last2 = (b[e - 2], b[e - 1])
        let last3 = (b[e - 3], b[e - 2], b[e - 1])
        func is2(_ s: StaticString) -> Bool { s.withUTF8Buffer { last2 == ($0[0], $0[1]) } }
        func is3(_ s: StaticString) -> Bool { s.withUTF8Buffer { last3 == ($0[0], $0[1], $0[2]) } }
        return is2("al") || is2("ic") || is3("ive") || is3("ous") || is3("ary") || is3("ese") || is3("ish")
            || is3("ian")
    }

    /// A capitalized word that is a function word, a time word or a cue ("According", "Having", "Monday"):
    /// not a name.
    func isCapFunctionWord(_ i: Int) -> Bool {
        let c = classes(i)
        return !c.isDisjoint(with: [.stop, .prep, .aux, .time, .naming]) || lex.cue(lower[i]) != nil
    }

    /// The speaker phrase that starts at `start` (after an inverted cue: "said Matthew Miller", "said a
    /// senior official", "according to the ministry"), ending before `limit`.
    func speakerAfter(_ start: Int, limit: Int, appositive: Bool = true) -> SpeakerPhrase? {
        guard start < limit, start < n, isText(start) else { return nil }
        if classes(start).contains(.pronoun) && isWord(start) {
            return SpeakerPhrase(range: start..<start + 1, name: nil, kind: .pronoun)
        }
        var j = start
        var nameStart: Int? = nil
        var nameEnd = start
        var headNoun: Int? = nil
        while j < limit && isText(j) {
            let c = classes(j)
            if let m = mention(at: j), m.lowerBound == j {
                nameStart = j
                nameEnd = min(m.upperBound, limit)
                j = nameEnd
                continue
            }
            if isCapWord(j) && (c.contains(.modifier) || c.contains(.title)) && !(nameStart != nil && nameEnd == j) {
                // "The", "A", "Former": opens the phrase, names nothing.
            } else if isCapWord(j) && isCapFunctionWord(j) {
                break
            } else if isCapWord(j) && !c.contains(.pronoun) {
                if nameStart == nil || nameEnd != j { nameStart = j }
                nameEnd = j + 1
            } else if isLowerWord(j) && !c.isDisjoint(with: .sourceNoun) {
                headNoun = j
            } else if isLowerWord(j) && (c.contains(.title) || c.contains(.modifier)) {
            } else if lower[j] == QuoteScan.s && nameEnd == j {
            } else if lower[j] == QuoteScan.of && j > start && isCapWord(j - 1) && j + 1 < limit && isCapWord(j + 1) {
            } else if flags(j).contains(.digits) {
            } else if isDescriptor(j), nameStart == nil || descriptorsBeforeName(j, limit: limit) {
                // "former tech executive Carly Fiorina", "Virginia delegate Beau Correll".
            } else {
                break
            }
            j += 1
        }
        // The phrase ends at its last name or head noun.
        var end = start
        if let h = headNoun { end = max(end, h + 1) }
        if nameStart != nil { end = max(end, nameEnd) }
        guard end > start else { return nil }
        var kind: SpeakerPhrase.Kind = .name
        var name: Range<Int>? = nil
        if let ns = nameStart, nameEnd == end {
            var s = ns
            for t in ns..<(nameEnd - 1) where classes(t).contains(.title) { s = t + 1 }
            name = s..<nameEnd
        } else if let h = headNoun {
            kind = classes(h).contains(.group) ? .group : .nominal
        }
        // A party tag in parentheses: "Rep. Bobby Scott (D-Va.)".
        if end < limit && isByte(end, UInt8(ascii: "(")) {
            var f = end + 1
            while f < limit && f - end <= 6 && !isByte(f, UInt8(ascii: ")")) { f += 1 }
            if f < limit && isByte(f, UInt8(ascii: ")")) { end = f + 1 }
        }
        // Appositives after commas: "said Matthew Miller, a spokesman for the department", "said Simon
        // Rosenberg, president of NDN, a policy group", "said Jim Bennett, 57,".
        if appositive {
            var e = end
            var segments = 0
            while e + 1 < limit && isComma(e) && segments < 3 && opensAppositive(e + 1, limit: limit) {
                var f = e + 1
                while f < limit && !isComma(f) && !endsPhrase(f) && !isQuote(f) && !isColon(f) { f += 1 }
                guard f - e <= 24 else { break }
                e = f
                segments += 1
            }
            end = e
        }
        return SpeakerPhrase(range: start..<end, name: name, kind: kind)
    }

    /// A lowercase word that can describe a speaker before the name ("tech", "delegate", "leadership"): a
    /// noun or adjective by the parse's tags, or, without a parse, a content word that does not look like a
    /// verb or an adverb.
    func isDescriptor(_ j: Int) -> Bool {
        guard isLowerWord(j), isContentWord(j), !isAuxOrAdverb(j) else { return false }
        if let syntax = doc.syntax, parse != nil {
            let u = syntax.upos[j]
            return u == .noun || u == .adj
        }
        return !endsInEd(j) && !endsInIng(j)
    }

    /// Where a run of words that can open a speaker description ends on the left, from `j` back to `limit`:
    /// modifiers, titles, source nouns, descriptors, capitalized words and possessives ("Google's chief
    /// human resources executive").
    func descriptorStart(_ j: Int, limit: Int) -> Int {
        var k = j
        while k >= limit && j - k < 10 {
            let c = classes(k)
            let ok =
                isDescriptor(k) || c.contains(.modifier) || c.contains(.title) || !c.isDisjoint(with: .sourceNoun)
                || (isCapWord(k) && !isCapFunctionWord(k)) || lower[k] == QuoteScan.s
            guard ok else { break }
            k -= 1
        }
        return k + 1
    }

    /// Whether the lowercase descriptors from `j` lead to a capitalized name within three words.
    func descriptorsBeforeName(_ j: Int, limit: Int) -> Bool {
        var k = j
        while k < limit && k - j < 3 && isDescriptor(k) { k += 1 }
        return k < limit && isCapWord(k) && !isCapFunctionWord(k) && (parse == nil || doc.syntax?.upos[k] == .propn)
    }

    /// The token range of the names-stage mention that covers token `i`, if any (person, organization,
    /// country or group).
    func mention(at i: Int) -> Range<Int>? {
        guard hasNames else { return nil }
        let k = mentionAt[i]
        guard k >= 0 else { return nil }
        return mentionTokens[Int(k)]
    }
}

extension QuoteScan {
    /// A speaker phrase without what PolNeAR leaves out of sources at its end: the medium ("Corey Lewandowski
    /// in a statement", "in a Friday tweet"), a participle set off by a comma (", referring to ...", ", citing
    /// ..."). Not a time phrase: PolNeAR keeps "a poll taken last week" whole.
    func trimmedTail(_ r: Range<Int>) -> Range<Int> {
        guard r.count >= 2 else { return r }
        for k in r.lowerBound + 1..<r.upperBound {
            var cut = false
            if lower[k] == QuoteScan.inWord || lower[k] == QuoteScan.during {
                let look = k + 1..<min(r.upperBound, k + 5)
                cut = look.contains { classes($0).contains(.medium) } && !look.contains { isComma($0) }
            } else if isComma(k - 1), classes(k).contains(.tail) {
                cut = true
            }
            if cut {
                var e = k
                while e > r.lowerBound + 1 && isPunct(e - 1) { e -= 1 }
                return r.lowerBound..<e
            }
        }
        return r
    }

    static let during = StableHash.hash("during")
    /// Prepositions that open a time phrase, not part of a speaker ("Clinton during a town hall meeting").
    static let timePrepositions: Set<UInt64> = Set(["during", "after", "before"].map { StableHash.hash($0) })
}
