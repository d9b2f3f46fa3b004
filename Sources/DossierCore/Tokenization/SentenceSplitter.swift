/// Groups tokens into sentences and paragraphs.
///
/// A paragraph break (see ``TokenFlags/paragraphStart``) always ends a sentence. Inside a paragraph a
/// sentence ends after `.`, `?`, `!` or `...` and the closing quotes and brackets that follow them, when the
/// next token can open a sentence (a capital, a digit, an opening quote or bracket). `?` and `!` followed by a
/// lowercase word stay inside (`"Why?" he asked`). An abbreviation ends a sentence only if it may
/// (``Abbreviations/Kind/other``) and the next word usually opens one ("in the U.S. The ...").
/// Sentences longer than ``maxTokens`` are cut at the last semicolon or comma, else hard, so later stages
/// never see unbounded input.
public struct SentenceSplitter: Stage {
    public let name = "sentences"
    public let requires: Set<Layer> = [.tokens]
    public let produces: Set<Layer> = [.sentences]
    let abbreviations: Abbreviations
    /// The longest sentence handed to later stages.
    public let maxTokens: Int

    public init(maxTokens: Int = 300) throws(DossierError) {
        self.abbreviations = try Abbreviations.standard()
        self.maxTokens = maxTokens
    }

    public init(abbreviations: Abbreviations, maxTokens: Int = 300) {
        self.abbreviations = abbreviations
        self.maxTokens = maxTokens
    }

    public func apply(to document: inout Document) throws(DossierError) {
        let count = document.tokens.count
        var sentences = ContiguousArray<Sentence>()
        sentences.reserveCapacity(count / 20 + 1)
        var paragraph: Int32 = -1
        var start = 0
        document.normalized.bytes.withUnsafeBufferPointer { text in
            document.tokens.withUnsafeMutableBufferPointer { tokens in
                func close(_ end: Int) {
                    guard end > start else { return }
                    var s = start
                    while end - s > maxTokens {
                        let cut = Self.cutPoint(tokens, text, s, s + maxTokens)
                        emit(s, cut)
                        s = cut
                    }
                    emit(s, end)
                    start = end
                }
                func emit(_ a: Int, _ b: Int) {
                    var flags: SentenceFlags = []
                    if tokens[a].flags.contains(.title) { flags.insert(.title) }
                    tokens[a].flags.insert(.sentenceStart)
                    sentences.append(
                        Sentence(tokenStart: Int32(a), tokenEnd: Int32(b), paragraph: paragraph, flags: flags))
                }
                var i = 0
                while i < count {
                    let t = tokens[i]
                    if t.flags.contains(.paragraphStart) {
                        close(i)
                        paragraph += 1
                    }
                    if t.flags.contains(.terminal) || t.flags.contains(.abbreviation) {
                        // Closing quotes and brackets after the terminal belong to this sentence.
                        var j = i + 1
                        while j < count && !tokens[j].flags.contains(.paragraphStart)
                            && (tokens[j].flags.contains(.closeBracket)
                                || (tokens[j].flags.contains(.quote) && !tokens[j].flags.contains(.spaceBefore))
                                || (tokens[j].flags.contains(.terminal)))
                        {
                            j += 1
                        }
                        if j < count && !tokens[j].flags.contains(.paragraphStart)
                            && endsSentence(tokens, text, i, next: j)
                        {
                            close(j)
                            i = j
                            continue
                        }
                        i = j
                        continue
                    }
                    i += 1
                }
                close(count)
            }
        }
        document.sentences = sentences
    }

    /// Whether the sentence ends after token `i`, given the next token `j` (past closing marks).
    func endsSentence(
        _ tokens: UnsafeMutableBufferPointer<Token>, _ text: UnsafeBufferPointer<UInt8>, _ i: Int,
        next j: Int
    ) -> Bool {
        let t = tokens[i]
        let next = tokens[j]
        guard next.flags.contains(.spaceBefore) || next.flags.contains(.quote) || j > i + 1 else { return false }
        let opens =
            next.flags.contains(.capitalized) || next.flags.contains(.digits) || next.flags.contains(.number)
            || next.flags.contains(.quote) || next.flags.contains(.openBracket)
        if t.flags.contains(.terminal) {
            return opens
        }
        // An abbreviation with its period.
        let range = t.range
        let lastDot = range.upperBound - 1
        let word = UnsafeBufferPointer(rebasing: text[range.lowerBound..<lastDot])
        let isInitial = word.count == 1
        var kind: Abbreviations.Kind? = nil
        if !isInitial {
            var lower = [UInt8]()
            lower.reserveCapacity(word.count)
            for b in word { lower.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            kind = lower.withUnsafeBufferPointer { abbreviations.kind($0) }
        }
        if isInitial || kind == .title || kind == .number { return false }
        // Dotted acronyms (U.S.) and "other" abbreviations: only before a usual sentence opener.
        guard next.flags.contains(.capitalized) || next.flags.contains(.quote) else { return false }
        if next.flags.contains(.quote) { return true }
        let nr = next.range
        var lower = [UInt8]()
        for k in nr { lower.append(text[k] >= 0x41 && text[k] <= 0x5A ? text[k] | 0x20 : text[k]) }
        return lower.withUnsafeBufferPointer { abbreviations.isOpener($0) }
    }

    /// Where to cut an over-long sentence: after the last `;` or `,` in its second half, else at `limit`.
    static func cutPoint(
        _ tokens: UnsafeMutableBufferPointer<Token>, _ text: UnsafeBufferPointer<UInt8>, _ s: Int,
        _ limit: Int
    ) -> Int {
        var k = limit - 1
        while k > s + (limit - s) / 2 {
            let r = tokens[k].range
            if r.count == 1 && (text[r.lowerBound] == UInt8(ascii: ";") || text[r.lowerBound] == UInt8(ascii: ",")) {
                return k + 1
            }
            k -= 1
        }
        return limit
    }
}
