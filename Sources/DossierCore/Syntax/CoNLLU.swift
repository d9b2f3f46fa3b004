/// CoNLL-U: the Universal Dependencies file format (https://universaldependencies.org/format.html).
///
/// A sentence is comment lines (`# text = ...`), then one line per word with ten tab-separated columns:
/// ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS, MISC. Multiword tokens (`1-2`) and empty nodes
/// (`1.1`) are kept as raw lines so a file is written back as it was read; the analysis and the evaluation
/// use the word lines only.
public enum CoNLLU {
    /// One word line.
    public struct Word: Sendable, Hashable {
        public var form: String
        public var lemma: String
        public var upos: String
        public var xpos: String
        public var feats: String
        /// 0 for the root, -1 when unknown (`_`).
        public var head: Int
        public var deprel: String
        public var deps: String
        public var misc: String

        public init(
            form: String, lemma: String = "_", upos: String = "_", xpos: String = "_", feats: String = "_",
            head: Int = -1, deprel: String = "_", deps: String = "_", misc: String = "_"
        ) {
            self.form = form
            self.lemma = lemma
            self.upos = upos
            self.xpos = xpos
            self.feats = feats
            self.head = head
            self.deprel = deprel
            self.deps = deps
            self.misc = misc
        }
    }

    /// One sentence: comments, words, and the other lines (multiword tokens, empty nodes) with their place.
    public struct Sentence: Sendable, Hashable {
        public var comments: [String] = []
        public var words: [Word] = []
        /// Raw lines that are not words, each with the number of words that precede it.
        public var extra: [(before: Int, line: String)] = []

        public init(comments: [String] = [], words: [Word] = []) {
            self.comments = comments
            self.words = words
        }

        public static func == (a: Sentence, b: Sentence) -> Bool {
            a.comments == b.comments && a.words == b.words && a.extra.map(\.before) == b.extra.map(\.before)
                && a.extra.map(\.line) == b.extra.map(\.line)
        }

        public func hash(into h: inout Hasher) {
            h.combine(comments)
            h.combine(words)
        }

        /// The word forms.
        public var forms: [String] { words.map(\.form) }

        /// Whether the gold tree (heads 1-based, 0 root) is projective: no arc crosses another.
        public var isProjective: Bool { DependencyTree.isProjective(words.map(\.head)) }
    }

    /// Reads CoNLL-U text. Lines that are not comments, blank or ten columns are ignored; a word whose HEAD is
    /// `_` gets head -1.
    public static func read(_ text: String) -> [Sentence] {
        var out: [Sentence] = []
        var cur = Sentence()
        var open = false
        func flush() {
            if open && (!cur.words.isEmpty || !cur.comments.isEmpty) { out.append(cur) }
            cur = Sentence()
            open = false
        }
        text.enumerateLinesFast { line in
            if line.isEmpty || line.allSatisfy({ $0 == " " || $0 == "\r" }) {
                flush()
                return
            }
            open = true
            if line.hasPrefix("#") {
                cur.comments.append(line)
                return
            }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2 else { return }
            let id = f[0]
            if id.contains("-") || id.contains(".") {
                cur.extra.append((cur.words.count, line))
                return
            }
            func col(_ k: Int) -> String { k < f.count ? String(f[k]) : "_" }
            cur.words.append(
                Word(
                    form: col(1), lemma: col(2), upos: col(3), xpos: col(4), feats: col(5),
                    head: Int(col(6)) ?? -1, deprel: col(7), deps: col(8), misc: col(9)))
        }
        flush()
        return out
    }

    /// Writes sentences as CoNLL-U (each followed by a blank line).
    public static func write(_ sentences: [Sentence]) -> String {
        var s = ""
        s.reserveCapacity(sentences.count * 400)
        for sent in sentences {
            for c in sent.comments {
                s += c
                s += "\n"
            }
            var e = 0
            for (i, w) in sent.words.enumerated() {
                // Extra lines sit where they were read: between word i-1 and word i.
                while e < sent.extra.count && sent.extra[e].before <= i {
                    s += sent.extra[e].line + "\n"
                    e += 1
                }
                let head = w.head < 0 ? "_" : String(w.head)
                s +=
                    "\(i + 1)\t\(w.form)\t\(w.lemma)\t\(w.upos)\t\(w.xpos)\t\(w.feats)\t\(head)\t\(w.deprel)\t\(w.deps)\t\(w.misc)\n"
            }
            while e < sent.extra.count {
                s += sent.extra[e].line + "\n"
                e += 1
            }
            s += "\n"
        }
        return s
    }

}

extension String {
    /// Calls `body` with each line (without its terminator), splitting on LF.
    func enumerateLinesFast(_ body: (String) -> Void) {
        var start = startIndex
        let u = utf8
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "\n") {
                var line = String(self[start..<i])
                if line.hasSuffix("\r") { line.removeLast() }
                body(line)
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if start < endIndex { body(String(self[start...])) }
    }
}

/// Helpers over head arrays (1-based heads, 0 = root, index k holds the head of word k+1).
public enum DependencyTree {
    /// Whether no two arcs cross (arcs from the root included).
    public static func isProjective(_ heads: [Int]) -> Bool {
        let n = heads.count
        for d in 0..<n {
            let h = heads[d]
            if h < 0 || h > n { return false }
            let a = min(h, d + 1)
            let b = max(h, d + 1)
            for d2 in 0..<n {
                let h2 = heads[d2]
                if h2 < 0 { return false }
                let c = min(h2, d2 + 1)
                let e = max(h2, d2 + 1)
                if (c > a && c < b && (e > b || e < a)) || (e > a && e < b && (c < a || c > b)) { return false }
            }
        }
        return true
    }

    /// A projective tree made by lifting (Nivre and Nilsson 2005): while some arc is non-projective (a word
    /// between its head and its dependent is not dominated by the head), the shortest such arc is moved up to
    /// the head's head. Relations are kept; a projective tree is returned unchanged. Malformed input (heads
    /// out of range, cycles) is returned as is.
    public static func projectivized(_ heads: [Int]) -> [Int] {
        let n = heads.count
        guard n > 0, heads.allSatisfy({ $0 >= 0 && $0 <= n }) else { return heads }
        var h = heads
        /// Whether node `a` is `x` or an ancestor of it (nodes 1-based, 0 = root).
        func dominates(_ a: Int, _ x: Int) -> Bool {
            var y = x
            var steps = 0
            while y != 0 && y != a && steps <= n {
                y = h[y - 1]
                steps += 1
            }
            return y == a
        }
        // A cycle leaves the input as it is.
        for d in 1...n where !dominates(0, d) { return heads }
        var lifts = 0
        while lifts <= n * n {
            var best = -1
            var bestSpan = Int.max
            for d in 1...n {
                let g = h[d - 1]
                if g == 0 { continue }
                let lo = min(g, d), hi = max(g, d)
                let span = hi - lo
                if span >= bestSpan || span < 2 { continue }
                for x in (lo + 1)..<hi where !dominates(g, x) {
                    best = d
                    bestSpan = span
                    break
                }
            }
            if best < 0 { return h }
            h[best - 1] = h[h[best - 1] - 1]
            lifts += 1
        }
        return h
    }
}
