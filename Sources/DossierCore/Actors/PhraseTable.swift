/// Multi-word phrases keyed by the stable hashes of their tokens' lowercase forms.
///
/// A phrase is tokenized with the engine's ``Tokenizer`` when it is added, so "U.S." or "Party's" split the
/// same way in the lexicon as in an article. Lookups take the per-token hashes of a document and allocate nothing.
struct PhraseTable: Sendable {
    /// Phrase key -> row (open addressing on the key itself: no `Hasher` per lookup), row -> value.
    private var rows = FeatureTable(capacity: 64)
    private var values: [Int32] = []
    /// The first words of the phrases: most tokens start none, and are rejected with one probe.
    private var starts = FeatureTable(capacity: 64)
    /// The longest phrase, in tokens.
    private(set) var maxLength = 1

    static let seed: UInt64 = 0x6163_746f_7273_2121

    /// The key of a token run from its lowercase hashes.
    static func key(_ hashes: UnsafeBufferPointer<UInt64>, _ range: Range<Int>) -> UInt64 {
        var h = seed
        for i in range { h = StableHash.combine(h, hashes[i]) }
        return h
    }

    /// Adds a phrase (first value wins for a phrase added twice). Returns its token count.
    @discardableResult
    mutating func add(_ phrase: String, value: Int32, tokenizer: Tokenizer) -> Int {
        let (tokens, interner) = tokenizer.tokenize(phrase)
        guard !tokens.isEmpty else { return 0 }
        var h = PhraseTable.seed
        for t in tokens { h = StableHash.combine(h, interner.hash(of: t.lower)) }
        if rows.row(h) < 0 { replace(h, value: value, length: tokens.count) }
        _ = starts.insert(interner.hash(of: tokens[0].lower))
        maxLength = max(maxLength, tokens.count)
        return tokens.count
    }

    /// Sets the value of a phrase key, replacing an earlier one.
    mutating func replace(_ key: UInt64, value: Int32, length: Int) {
        let before = rows.count
        let r = Int(rows.insert(key))
        if r == before { values.append(value) } else { values[r] = value }
        maxLength = max(maxLength, length)
    }

    func value(_ hashes: UnsafeBufferPointer<UInt64>, _ range: Range<Int>) -> Int32? {
        guard starts.row(hashes[range.lowerBound]) >= 0 else { return nil }
        return self[PhraseTable.key(hashes, range)]
    }

    /// The value of a phrase key, nil if the phrase is not in the table.
    subscript(key: UInt64) -> Int32? {
        let r = rows.row(key)
        return r < 0 ? nil : values[Int(r)]
    }

    /// The longest phrase that starts at token `start` and ends at or before `limit`.
    /// - Complexity: O(maxLength) lookups.
    func longest(startingAt start: Int, limit: Int, _ hashes: UnsafeBufferPointer<UInt64>) -> (end: Int, value: Int32)?
    {
        guard start < limit, starts.row(hashes[start]) >= 0 else { return nil }
        var h = PhraseTable.seed
        var best: (Int, Int32)?
        var i = start
        while i < limit && i - start < maxLength {
            h = StableHash.combine(h, hashes[i])
            i += 1
            if let v = self[h] { best = (i, v) }
        }
        return best
    }

    /// The longest phrase that ends just before token `end` and starts at or after `floor`.
    /// - Complexity: O(maxLength²) hash steps; maxLength is small.
    func longest(endingAt end: Int, floor: Int, _ hashes: UnsafeBufferPointer<UInt64>) -> (start: Int, value: Int32)? {
        var len = min(maxLength, end - floor)
        while len > 0 {
            if let v = self[PhraseTable.key(hashes, (end - len)..<end)] { return (end - len, v) }
            len -= 1
        }
        return nil
    }
}

extension PhraseTable {
    /// Adds a phrase, replacing an earlier value.
    mutating func set(_ phrase: String, value: Int32, tokenizer: Tokenizer) {
        let (tokens, interner) = tokenizer.tokenize(phrase)
        guard !tokens.isEmpty else { return }
        var h = PhraseTable.seed
        for t in tokens { h = StableHash.combine(h, interner.hash(of: t.lower)) }
        replace(h, value: value, length: tokens.count)
        _ = starts.insert(interner.hash(of: tokens[0].lower))
    }
}
