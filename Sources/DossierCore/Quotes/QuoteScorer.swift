/// Scores found quotes against gold attributions, the way Citron reports PARC 3.0: precision, recall and F1
/// of the content, source and cue spans, by exact match and by token overlap.
///
/// Spans are compared as sets of word tokens (punctuation and quote marks left out, and a leading "that"
/// left out of contents), so that a content given without its quote marks, as Dossier gives it, matches
/// PolNeAR's content with its marks. Predicted quotes that share a cue form one attribution (the two
/// halves of an interrupted quote), as PolNeAR annotates them. Each predicted attribution is aligned to
/// at most one gold attribution, greedily by content overlap. Then, per span type:
/// - exact: a predicted span counts when its aligned gold span has the same tokens; precision over the
///   predicted attributions that have such a span, recall over the gold ones that have it;
/// - overlap: the tokens shared by aligned spans, over all predicted tokens (precision) and all gold tokens
///   (recall) of that span type.
/// Slices: all attributions; direct (gold content wholly in quote marks / predicted `direct`); indirect
/// (the others, mixed included); indirect speech (gold indirect attributions whose cue is a reporting cue
/// of the lexicon, "according to" included).
public struct QuoteScorer: Sendable {
    public enum Part: String, Sendable, CaseIterable { case content, source, cue }
    public enum Slice: String, Sendable, CaseIterable {
        case all, direct, indirect
        case indirectSpeech = "indirect speech"
    }

    /// Sums for one span type in one slice.
    public struct Counts: Sendable {
        public var exactPredicted = 0  // exact matches counted on the predicted side
        public var exactGold = 0  // exact matches counted on the gold side
        public var predicted = 0  // predicted attributions with this span
        public var gold = 0  // gold attributions with this span
        public var overlapPredicted = 0
        public var overlapGold = 0
        public var predictedTokens = 0
        public var goldTokens = 0

        public var exact: (p: Double, r: Double, f: Double) {
            QuoteScorer.prf(Double(exactPredicted), Double(predicted), Double(exactGold), Double(gold))
        }
        public var overlap: (p: Double, r: Double, f: Double) {
            QuoteScorer.prf(Double(overlapPredicted), Double(predictedTokens), Double(overlapGold), Double(goldTokens))
        }
    }

    public private(set) var counts: [Slice: [Part: Counts]] = [:]
    public private(set) var documents = 0
    public private(set) var predictedAttributions: [Slice: Int] = [:]
    public private(set) var goldAttributions: [Slice: Int] = [:]
    /// When true, ``add(_:gold:)`` keeps one ``Detail`` per attribution for error analysis.
    public var recordDetails = false
    /// One line per gold attribution (aligned or not) and per predicted attribution left unaligned.
    public private(set) var details: [Detail] = []
    let lexicon: QuoteLexicon

    /// What one attribution scored, for error analysis (`dossier evaluate quotes --details FILE`).
    public struct Detail: Sendable {
        public var document: String
        /// "gold" for a gold attribution (with its aligned prediction, if any), "extra" for an unaligned prediction.
        public var side: String
        public var direct: Bool
        public var speech: Bool
        /// The sieve of the aligned or extra prediction; for a miss, empty, or "~content:RULE" / "~cue:RULE" when
        /// a prediction aligned to another gold attribution overlaps its content / has its cue.
        public var rule: String
        public var goldContent: Int
        public var predictedContent: Int
        public var contentOverlap: Int
        public var goldSource: Int
        public var predictedSource: Int
        public var sourceOverlap: Int
        public var goldCue: String
        public var goldText: String
        public var predictedText: String
        public var goldSourceText: String
        public var predictedSourceText: String
    }

    public init(lexicon: QuoteLexicon) {
        self.lexicon = lexicon
        for s in Slice.allCases {
            counts[s] = Dictionary(uniqueKeysWithValues: Part.allCases.map { ($0, Counts()) })
        }
    }

    static func prf(_ tpP: Double, _ nP: Double, _ tpR: Double, _ nR: Double) -> (p: Double, r: Double, f: Double) {
        let p = nP > 0 ? tpP / nP : 0
        let r = nR > 0 ? tpR / nR : 0
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }

    /// One attribution as sets of word tokens.
    struct Item {
        var content: Set<Int>
        var source: Set<Int>
        var cue: Set<Int>
        var direct: Bool
        var speech: Bool
        var rule = ""

        func part(_ p: Part) -> Set<Int> {
            switch p {
            case .content: return content
            case .source: return source
            case .cue: return cue
            }
        }
    }

    /// Adds a document: its found quotes (``Document/quotes``) against its gold attributions.
    public mutating func add(_ doc: Document, gold: [PolNeARReader.Attribution]) {
        documents += 1
        let spans = SpanMapper(doc)
        var predicted: [Item] = []
        var byCue: [ByteSpan: Int] = [:]
        for q in doc.quotes {
            let content = words(doc, q.span.range, content: true)
            if let c = q.cue, let k = byCue[c] {
                predicted[k].content.formUnion(content)
                predicted[k].direct = predicted[k].direct && q.kind == .direct
                continue
            }
            let item = Item(
                content: content, source: q.speakerMention.map { words(doc, $0.range, content: false) } ?? [],
                cue: q.cue.map { words(doc, $0.range, content: false) } ?? [], direct: q.kind == .direct, speech: true,
                rule: q.provenance.rule)
            if let c = q.cue { byCue[c] = predicted.count }
            predicted.append(item)
        }
        var golds: [Item] = []
        for g in gold {
            var content = Set<Int>()
            var enclosed = true
            for r in g.content {
                let b = spans.folded(r)
                content.formUnion(words(doc, b, content: true))
                if !isQuoted(doc, b) { enclosed = false }
            }
            guard !content.isEmpty else { continue }
            var cue = Set<Int>()
            for r in g.cue { cue.formUnion(words(doc, spans.folded(r), content: false)) }
            var source = Set<Int>()
            for r in g.source { source.formUnion(words(doc, spans.folded(r), content: false)) }
            let speech = cue.contains { i in
                let h = doc.interner.hash(of: doc.tokens[i].lower)
                if h == QuoteScan.according { return true }
                guard let c = lexicon.cue(h) else { return false }
                return c.cueClass == .speech || c.cueClass == .continuation
            }
            golds.append(Item(content: content, source: source, cue: cue, direct: enclosed, speech: speech))
        }
        // Align predicted to gold by content overlap, greedily.
        var pairs: [(p: Int, g: Int, o: Int)] = []
        for (i, p) in predicted.enumerated() {
            for (j, g) in golds.enumerated() {
                let o = p.content.intersection(g.content).count
                if o > 0 { pairs.append((i, j, o)) }
            }
        }
        pairs.sort { ($0.o, -$0.p, -$0.g) > ($1.o, -$1.p, -$1.g) }
        var usedP = Set<Int>()
        var usedG = Set<Int>()
        var aligned: [(Int, Int)] = []
        for pr in pairs where !usedP.contains(pr.p) && !usedG.contains(pr.g) {
            usedP.insert(pr.p)
            usedG.insert(pr.g)
            aligned.append((pr.p, pr.g))
        }
        if recordDetails { record(doc, predicted, golds, aligned) }
        for slice in Slice.allCases {
            let inP: (Item) -> Bool
            let inG: (Item) -> Bool
            switch slice {
            case .all:
                inP = { _ in true }
                inG = { _ in true }
            case .direct:
                inP = { $0.direct }
                inG = { $0.direct }
            case .indirect:
                inP = { !$0.direct }
                inG = { !$0.direct }
            case .indirectSpeech:
                inP = { !$0.direct }
                inG = { !$0.direct && $0.speech }
            }
            predictedAttributions[slice, default: 0] += predicted.filter(inP).count
            goldAttributions[slice, default: 0] += golds.filter(inG).count
            for part in Part.allCases {
                var c = counts[slice]?[part] ?? Counts()
                for p in predicted where inP(p) && !p.part(part).isEmpty {
                    c.predicted += 1
                    c.predictedTokens += p.part(part).count
                }
                for g in golds where inG(g) && !g.part(part).isEmpty {
                    c.gold += 1
                    c.goldTokens += g.part(part).count
                }
                for (i, j) in aligned {
                    let a = predicted[i].part(part)
                    let b = golds[j].part(part)
                    guard !a.isEmpty, !b.isEmpty else { continue }
                    let o = a.intersection(b).count
                    let same = a == b ? 1 : 0
                    if inP(predicted[i]) {
                        c.overlapPredicted += o
                        c.exactPredicted += same
                    }
                    if inG(golds[j]) {
                        c.overlapGold += o
                        c.exactGold += same
                    }
                }
                counts[slice]?[part] = c
            }
        }
    }

    mutating func record(_ doc: Document, _ predicted: [Item], _ golds: [Item], _ aligned: [(Int, Int)]) {
        func text(_ s: Set<Int>) -> String {
            s.sorted().map { doc.string(doc.tokens[$0].range) }.joined(separator: " ")
        }
        let name = doc.article.source.split(separator: "/").last.map(String.init) ?? doc.article.source
        var byGold: [Int: Int] = [:]
        var alignedP = Set<Int>()
        for (i, j) in aligned {
            byGold[j] = i
            alignedP.insert(i)
        }
        for (j, g) in golds.enumerated() {
            let p = byGold[j].map { predicted[$0] }
            // A gold attribution left unaligned: "~content:RULE" when a prediction aligned elsewhere
            // overlaps its content, "~cue:RULE" when one has its cue, "" when nothing touches it.
            var rule = p?.rule ?? ""
            if p == nil {
                if let q = predicted.first(where: { !$0.content.isDisjoint(with: g.content) }) {
                    rule = "~content:" + q.rule
                } else if let q = predicted.first(where: { !$0.cue.isDisjoint(with: g.cue) }) {
                    rule = "~cue:" + q.rule
                }
            }
            details.append(
                Detail(
                    document: name, side: "gold", direct: g.direct, speech: g.speech, rule: rule,
                    goldContent: g.content.count, predictedContent: p?.content.count ?? 0,
                    contentOverlap: p.map { $0.content.intersection(g.content).count } ?? 0,
                    goldSource: g.source.count, predictedSource: p?.source.count ?? 0,
                    sourceOverlap: p.map { $0.source.intersection(g.source).count } ?? 0,
                    goldCue: text(g.cue), goldText: text(g.content), predictedText: p.map { text($0.content) } ?? "",
                    goldSourceText: text(g.source), predictedSourceText: p.map { text($0.source) } ?? ""))
        }
        for (i, p) in predicted.enumerated() where !alignedP.contains(i) {
            details.append(
                Detail(
                    document: name, side: "extra", direct: p.direct, speech: false, rule: p.rule, goldContent: 0,
                    predictedContent: p.content.count, contentOverlap: 0, goldSource: 0,
                    predictedSource: p.source.count, sourceOverlap: 0, goldCue: text(p.cue), goldText: "",
                    predictedText: text(p.content), goldSourceText: "", predictedSourceText: text(p.source)))
        }
    }

    /// The word tokens of a folded byte range (a token counts when its middle lies in the range). A
    /// content's leading "that" is left out.
    func words(_ doc: Document, _ r: Range<Int>, content: Bool) -> Set<Int> {
        var out = Set<Int>()
        let tokens = doc.tokens
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].end) <= r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var first = true
        var i = lo
        while i < tokens.count && Int(tokens[i].start) < r.upperBound {
            let t = tokens[i]
            let middle = (Int(t.start) + Int(t.end)) / 2
            if middle >= r.lowerBound && middle < r.upperBound && !t.flags.contains(.punct) && !t.flags.contains(.quote)
            {
                if !(content && first && doc.interner.hash(of: t.lower) == QuoteScan.that) { out.insert(i) }
                first = false
            }
            i += 1
        }
        return out
    }

    /// Whether a gold content piece is wholly in quote marks: a mark at (or just before) its first word and
    /// at (or just after) its last.
    func isQuoted(_ doc: Document, _ r: Range<Int>) -> Bool {
        let b = doc.normalized.bytes
        var s = r.lowerBound
        var e = r.upperBound
        func isMark(_ c: UInt8) -> Bool { c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") }
        func isSpaceOrPunct(_ c: UInt8) -> Bool {
            c == 0x20 || c == 0x0A || c == UInt8(ascii: ",") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")
                || c == UInt8(ascii: ";") || c == UInt8(ascii: "?") || c == UInt8(ascii: "!")
        }
        while s < e && b[s] == 0x20 { s += 1 }
        while e > s && isSpaceOrPunct(b[e - 1]) { e -= 1 }
        guard e > s else { return false }
        let opens = isMark(b[s]) || (s > 0 && isMark(b[s - 1]))
        let closes = isMark(b[e - 1]) || (e < b.count && isMark(b[e])) || (e + 1 < b.count && isMark(b[e + 1]))
        return opens && closes
    }

    /// The figures as a table.
    public func report() -> String {
        func pct(_ x: Double) -> String {
            let s = String(Int((x * 1000).rounded()))
            let padded = s.count < 2 ? "0" + s : s
            return String(padded.dropLast()) + "." + String(padded.last ?? "0")
        }
        func col(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
        var out = "documents: \(documents)\n"
        for slice in Slice.allCases {
            out +=
                "\n\(slice.rawValue): \(predictedAttributions[slice] ?? 0) predicted, \(goldAttributions[slice] ?? 0) gold attributions\n"
            out += "  span       exact P     R     F1   overlap P     R     F1\n"
            for part in Part.allCases {
                guard let c = counts[slice]?[part] else { continue }
                let e = c.exact
                let o = c.overlap
                out += "  " + part.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                out += col(pct(e.p), 9) + col(pct(e.r), 6) + col(pct(e.f), 6)
                out += col(pct(o.p), 12) + col(pct(o.r), 6) + col(pct(o.f), 6) + "\n"
            }
        }
        return out
    }
}

/// Maps Unicode-scalar offsets of an article's text to byte offsets of its folded text.
struct SpanMapper {
    /// Byte offset of each scalar of the original text (count + 1 entries).
    let scalarBytes: [Int]
    let normalized: NormalizedText

    init(_ doc: Document) {
        var bytes: [Int] = []
        var offset = 0
        for s in doc.article.text.unicodeScalars {
            bytes.append(offset)
            offset += UTF8.width(s)
        }
        bytes.append(offset)
        scalarBytes = bytes
        normalized = doc.normalized
    }

    /// The folded byte range of a scalar range of the original text.
    func folded(_ r: Range<Int>) -> Range<Int> {
        let a = scalarBytes[min(max(0, r.lowerBound), scalarBytes.count - 1)]
        let b = scalarBytes[min(max(0, r.upperBound), scalarBytes.count - 1)]
        return fold(a)..<max(fold(a), fold(b))
    }

    /// The first folded offset whose original offset is at or after `o`.
    func fold(_ o: Int) -> Int {
        guard let map = normalized.toOriginal else { return o }
        var lo = 0
        var hi = map.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(map[mid]) < o { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
