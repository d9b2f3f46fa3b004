/// Scores name coreference against GUM's CoNLL-U coreference annotation (`Entity=` in the MISC column).
///
/// Gold name mentions are the annotated mentions made of proper nouns (a leading determiner aside). A predicted
/// name mention matches a gold one with the same character span (without the gold determiner), else the gold
/// name mention that ends where it ends and contains it.
/// Pairwise links are then counted two ways: among matched mentions only (the coreference decisions on their
/// own) and over all gold name mentions (recall end to end, tagger misses included).
public enum ActorEvaluation {
    /// One document of GUM: its text rebuilt from the tokens, and its gold mentions as UTF-8 byte spans.
    public struct GoldDocument: Sendable {
        public var id: String
        public var genre: String
        public var text: String
        public var mentions: [(span: Range<Int>, cluster: Int, isName: Bool)]
    }

    /// Reads the documents of a CoNLL-U file with GUM's `Entity=` annotation.
    public static func readGUM(_ conllu: String) -> [GoldDocument] {
        var docs: [GoldDocument] = []
        var current: GoldDocument?
        var open: [Int: [(start: Int, tokenIndex: Int)]] = [:]
        var docTokens: [(start: Int, end: Int, upos: Substring, lower: String)] = []
        var pendingSpace = false
        var clusterIDs: [String: Int] = [:]

        func finish() {
            if var d = current {
                d.mentions.sort { ($0.span.lowerBound, $0.span.upperBound) < ($1.span.lowerBound, $1.span.upperBound) }
                docs.append(d)
            }
        }

        func cluster(_ id: String) -> Int {
            if let c = clusterIDs[id] { return c }
            clusterIDs[id] = clusterIDs.count
            return clusterIDs.count - 1
        }

        func add(id: String, start: Int, firstToken: Int, end: Int, lastToken: Int) {
            var first = firstToken
            var s = start
            if first < lastToken, docTokens[first].upos == "DET" {
                first += 1
                s = docTokens[first].start
            }
            let content = docTokens[first...lastToken]
            let isName =
                content.first?.upos == "PROPN"
                && content.allSatisfy { ["PROPN", "ADP", "CCONJ", "PUNCT", "DET", "PART"].contains($0.upos) }
            current?.mentions.append((s..<end, cluster(id), isName))
        }

        for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# newdoc id = ") {
                finish()
                let id = String(line.dropFirst("# newdoc id = ".count))
                let genre = id.split(separator: "_").dropFirst().first.map(String.init) ?? ""
                current = GoldDocument(id: id, genre: genre, text: "", mentions: [])
                open = [:]
                docTokens = []
                clusterIDs = [:]
                pendingSpace = false
                continue
            }
            if line.hasPrefix("# newpar") {
                if current.map({ !$0.text.isEmpty }) ?? false { current?.text += "\n\n" }
                pendingSpace = false
                continue
            }
            if line.isEmpty {
                // Sentence end: a line break keeps sentences apart for the splitter.
                if current.map({ !$0.text.isEmpty && !$0.text.hasSuffix("\n") }) ?? false { current?.text += "\n" }
                pendingSpace = false
                continue
            }
            if line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 10, !cols[0].contains("-"), !cols[0].contains("."), current != nil else { continue }
            if pendingSpace { current?.text += " " }
            let start = current?.text.utf8.count ?? 0
            current?.text += cols[1]
            let end = current?.text.utf8.count ?? 0
            let tokenIndex = docTokens.count
            docTokens.append((start, end, cols[3], cols[1].lowercased()))
            let misc = cols[9]
            pendingSpace = !misc.contains("SpaceAfter=No")
            guard let field = misc.split(separator: "|").first(where: { $0.hasPrefix("Entity=") }) else { continue }
            var value = Substring(field.dropFirst("Entity=".count))
            // "(12-person-...-coref" opens, "12)" closes, "(12-...)" is a one-token mention.
            while !value.isEmpty {
                if value.first == "(" {
                    value = value.dropFirst()
                    let stop = value.firstIndex { $0 == "(" || $0 == ")" } ?? value.endIndex
                    let body = value[..<stop]
                    let id = String(body.prefix { $0 != "-" })
                    value = value[stop...]
                    if value.first == ")" {
                        value = value.dropFirst()
                        add(id: id, start: start, firstToken: tokenIndex, end: end, lastToken: tokenIndex)
                    } else {
                        open[cluster(id), default: []].append((start, tokenIndex))
                    }
                } else {
                    let stop = value.firstIndex(of: ")") ?? value.endIndex
                    let id = String(value[..<stop])
                    value = stop < value.endIndex ? value[value.index(after: stop)...] : ""
                    if let o = open[cluster(id)]?.popLast() {
                        add(id: id, start: o.start, firstToken: o.tokenIndex, end: end, lastToken: tokenIndex)
                    }
                }
            }

        }
        finish()
        return docs
    }

    /// Pairwise link counts.
    public struct Scores: Sendable {
        public var goldNames = 0
        public var predictedNames = 0
        public var matched = 0
        /// Links among matched mentions.
        public var predictedLinks = 0
        public var goldLinks = 0
        public var correctLinks = 0
        /// Gold links among all gold name mentions (for end-to-end recall).
        public var allGoldLinks = 0
        /// The links that were wrong or missed, as "a = b" (for error analysis; not added up).
        public var errors: [String] = []

        public init() {}

        public var precision: Double { predictedLinks == 0 ? 0 : Double(correctLinks) / Double(predictedLinks) }
        public var recall: Double { goldLinks == 0 ? 0 : Double(correctLinks) / Double(goldLinks) }
        public var endToEndRecall: Double { allGoldLinks == 0 ? 0 : Double(correctLinks) / Double(allGoldLinks) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        public mutating func add(_ o: Scores) {
            goldNames += o.goldNames
            predictedNames += o.predictedNames
            matched += o.matched
            predictedLinks += o.predictedLinks
            goldLinks += o.goldLinks
            correctLinks += o.correctLinks
            allGoldLinks += o.allGoldLinks
        }

        public func report(_ label: String) -> String {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            return """
                \(label): gold name mentions \(goldNames), predicted \(predictedNames), matched \(matched)
                  links among matched mentions: precision \(f(precision)) (\(correctLinks)/\(predictedLinks)), \
                recall \(f(recall)) (\(correctLinks)/\(goldLinks)), F1 \(f(f1))
                  end-to-end link recall over all gold name mentions: \(f(endToEndRecall)) (\(correctLinks)/\(allGoldLinks))

                """
        }
    }

    /// Scores one document processed by a pipeline that ends with the actors stage.
    public static func score(_ gold: GoldDocument, _ doc: Document) -> Scores {
        var s = Scores()
        let goldNames = gold.mentions.filter(\.isName)
        s.goldNames = goldNames.count
        var goldBySpan: [Range<Int>: Int] = [:]
        for g in goldNames where goldBySpan[g.span] == nil { goldBySpan[g.span] = g.cluster }
        var pairs: [(predicted: Int32, gold: Int, text: String)] = []
        for m in doc.mentions where m.kind == .name {
            guard let e = m.entity else { continue }
            s.predictedNames += 1
            let r = doc.normalized.originalRange(m.span.range)
            // The same span, else the gold mention that ends where the name ends and contains it ("Professor
            // Cres Eastman" for "Cres Eastman"): English names end in their head.
            let hit =
                goldBySpan[r] != nil
                ? r
                : goldBySpan.keys.filter { $0.upperBound == r.upperBound && $0.lowerBound <= r.lowerBound }.max {
                    $0.lowerBound < $1.lowerBound
                }
            if let g = hit, let c = goldBySpan[g] {
                pairs.append((e, c, doc.string(m.span.range)))
                goldBySpan[g] = nil
            }
        }
        s.matched = pairs.count
        for i in pairs.indices {
            for j in (i + 1)..<pairs.count {
                let p = pairs[i].predicted == pairs[j].predicted
                let g = pairs[i].gold == pairs[j].gold
                if p { s.predictedLinks += 1 }
                if g { s.goldLinks += 1 }
                if p && g { s.correctLinks += 1 }
                if p != g { s.errors.append((p ? "wrong: " : "missed: ") + pairs[i].text + " = " + pairs[j].text) }
            }
        }
        var sizes: [Int: Int] = [:]
        var seen: Set<Range<Int>> = []
        for g in goldNames where seen.insert(g.span).inserted { sizes[g.cluster, default: 0] += 1 }
        s.allGoldLinks = sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        return s
    }
}
