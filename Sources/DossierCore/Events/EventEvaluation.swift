/// Scoring the event coder on PETRARCH's unit-test records (`dossier evaluate events`).
///
/// The records are sentences about fictional actors ("Arnor", "Gondor") with the codings PETRARCH must produce,
/// and a small actor dictionary of their own. The conformance run replaces the names and actors stages with a
/// lookup built from that dictionary (our tagger knows no Gondor), runs the syntax stage and our own coder and
/// patterns, and compares (source, target, code) triples and (source, target, root) triples per sentence.
/// Actor codes are compared on their first three letters (the dictionary's agents, "[~GOV]", are not used),
/// so "DAGGOV" and "DAG" are the same actor.
public enum EventEvaluation {
    /// One `<Sentence>` record.
    public struct Record: Sendable {
        public var id: String
        public var category: String
        public var text: String
        /// Expected (source, target, code); empty for `noevents` records.
        public var codings: [(source: String, target: String, code: String)]
    }

    /// Parses PETR.UnitTest.records.xml (a light scan: the file is regular XML of one shape).
    public static func readRecords(_ xml: String) -> [Record] {
        var out: [Record] = []
        var rest = Substring(xml)
        while let s = rest.range(of: "<Sentence ") {
            guard let e = rest.range(of: "</Sentence>", range: s.upperBound..<rest.endIndex) else { break }
            let body = rest[s.lowerBound..<e.lowerBound]
            rest = rest[e.upperBound...]
            let header = body[..<(body.firstIndex(of: ">") ?? body.endIndex)]
            var r = Record(
                id: attribute("id", in: header) ?? "?", category: attribute("category", in: header) ?? "",
                text: "", codings: [])
            if let a = body.range(of: "<Text>"), let b = body.range(of: "</Text>", range: a.upperBound..<body.endIndex)
            {
                r.text = body[a.upperBound..<b.lowerBound].split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    .trimmingCharacters(in: .whitespaces)
            }
            var scan = body
            while let c = scan.range(of: "<EventCoding") {
                let end = scan[c.upperBound...].firstIndex(of: ">") ?? scan.endIndex
                let tag = scan[c.upperBound..<end]
                if let src = attribute("sourcecode", in: tag), let tgt = attribute("targetcode", in: tag),
                    let code = attribute("eventcode", in: tag)
                {
                    r.codings.append((src, tgt, code))
                }
                scan = scan[end...]
            }
            if !r.text.isEmpty { out.append(r) }
        }
        return out
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let a = tag.range(of: name + "=\"") ?? tag.range(of: name + " = \"") else { return nil }
        guard let b = tag[a.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[a.upperBound..<b])
    }

    /// An actor phrase of the dictionary: lowercase words, whether the last one matches as a prefix, the code.
    public struct ActorPhrase: Sendable, Hashable {
        public var words: [String]
        public var prefix: Bool
        public var code: String
    }

    /// Reads a PETRARCH actor dictionary: `PHRASE [CODE]` lines (words joined by `_` or spaces; a trailing `_`
    /// means an exact last word, otherwise it matches as a prefix), `+SYNONYM` lines with the same code.
    /// Comments (`#`, `<!-- -->`) and dated codes beyond the first are ignored.
    public static func readActors(_ text: String) -> [ActorPhrase] {
        var out: [ActorPhrase] = []
        var pendingNames: [String] = []
        var code: String?
        var inComment = false
        func phrase(_ raw: String, _ code: String) -> ActorPhrase? {
            let exact = raw.hasSuffix("_")
            let words = raw.lowercased().split(whereSeparator: { $0 == "_" || $0 == " " }).map(String.init)
            guard !words.isEmpty, code != "---", !code.isEmpty else { return nil }
            return ActorPhrase(words: words, prefix: !exact, code: code.uppercased())
        }
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = String(rawLine)
            if inComment {
                if line.contains("-->") { inComment = false }
                continue
            }
            if line.contains("<!--") {
                if !line.contains("-->") { inComment = true }
                continue
            }
            if let h = line.firstIndex(of: "#") { line = String(line[..<h]) }
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            if t.hasPrefix("+") {
                let name = String(t.dropFirst()).trimmingCharacters(in: .whitespaces)
                if let c = code, let p = phrase(name, c) { out.append(p) } else { pendingNames.append(name) }
                continue
            }
            if t.hasPrefix("[") {  // the code on a line of its own, after the name
                let c = String(t.dropFirst().prefix { $0 != "]" && $0 != " " })
                code = c
                for n in pendingNames { if let p = phrase(n, c) { out.append(p) } }
                pendingNames = []
                continue
            }
            if let b = t.firstIndex(of: "[") {
                let name = t[..<b].trimmingCharacters(in: .whitespaces)
                let c = String(t[t.index(after: b)...].prefix { $0 != "]" && $0 != " " })
                code = c
                pendingNames = []
                if let p = phrase(name, c) { out.append(p) }
            } else {
                code = nil
                pendingNames = [t]
            }
        }
        return out
    }

    /// Puts the dictionary's actors into a document as name mentions and entities (in place of the names and
    /// actors stages): longest phrase first at each token.
    public static func injectActors(_ phrases: [ActorPhrase], into doc: inout Document) {
        var byFirst: [String: [ActorPhrase]] = [:]
        for p in phrases {
            byFirst[p.prefix && p.words.count == 1 ? String(p.words[0].prefix(3)) : p.words[0], default: []].append(p)
        }
        let lower = doc.tokens.map { doc.interner.string($0.lower) }
        var entityOf: [String: Int32] = [:]
        var t = 0
        while t < lower.count {
            // Longest phrase first; among phrases of as many words, an exact last word before a prefix, and a
            // longer prefix before a shorter one ("Kuwait" is KUWAIT, not the prefix "KU").
            var best: (len: Int, exact: Bool, chars: Int, code: String)?
            for p in (byFirst[lower[t]] ?? []) + (byFirst[String(lower[t].prefix(3))] ?? []) {
                guard t + p.words.count <= lower.count, p.words.count >= (best?.len ?? 0) else { continue }
                var ok = true
                for (k, w) in p.words.enumerated() {
                    let tok = lower[t + k]
                    let last = k == p.words.count - 1
                    // A prefix of one or two letters ("THE_KU") does not reach into a longer word ("Kuwait").
                    let stem = last && p.prefix && tok.hasPrefix(w) && (w.count >= 3 || tok == w + "s")
                    if !(tok == w || stem) {
                        ok = false
                        break
                    }
                }
                guard ok else { continue }
                let exact = lower[t + p.words.count - 1] == p.words[p.words.count - 1]
                let chars = p.words.reduce(0) { $0 + $1.count }
                if let b = best, b.len == p.words.count, (b.exact ? 1 : 0, b.chars) >= (exact ? 1 : 0, chars) {
                    continue
                }
                best = (p.words.count, exact, chars, p.code)
            }
            guard let b = best else {
                t += 1
                continue
            }
            let span = ByteSpan(Int(doc.tokens[t].start)..<Int(doc.tokens[t + b.len - 1].end))
            let e: Int32
            if let known = entityOf[b.code] {
                e = known
            } else {
                e = Int32(doc.entities.count)
                entityOf[b.code] = e
                doc.entities.append(
                    Entity(
                        id: "E\(e)", name: b.code, type: .gpe, country: nil, code: b.code,
                        provenance: Provenance(stage: "evaluate", rule: "petrarch-actors", confidence: 1)))
            }
            doc.entities[Int(e)].mentions.append(Int32(doc.mentions.count))
            doc.mentions.append(
                Mention(
                    span: span, type: .gpe, kind: .name, entity: e,
                    provenance: Provenance(stage: "evaluate", rule: "petrarch-actors", confidence: 1)))
            t += b.len
        }
    }

    /// Counts for precision and recall.
    public struct Counts: Sendable {
        public init() {}
        public var matched = 0
        public var predicted = 0
        public var gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(matched) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(matched) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public func line(_ name: String) -> String {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            return
                "\(name)  P \(f(precision)) (\(matched)/\(predicted))  R \(f(recall)) (\(matched)/\(gold))  F1 \(f(f1))"
        }
    }

    /// Scores one sentence on (source, target) pairs alone: whether the coder found an event between the
    /// right actors, whatever its code (PETRARCH's test codes often follow its own conventions, not CAMEO's).
    public static func scorePairs(
        predicted: [(source: String, target: String, code: String)], record: Record, pairs: inout Counts
    ) {
        func keys(_ list: [(source: String, target: String, code: String)]) -> Set<String> {
            Set(list.map { "\($0.source.prefix(3)) \($0.target.prefix(3))" })
        }
        let gold = keys(record.codings)
        let pred = keys(predicted)
        pairs.matched += pred.intersection(gold).count
        pairs.predicted += pred.count
        pairs.gold += gold.count
    }

    /// Scores one sentence: predicted (source, target, code) against the record's codings, on full codes and
    /// on roots.
    public static func score(
        predicted: [(source: String, target: String, code: String)], record: Record, exact: inout Counts,
        root: inout Counts
    ) {
        func keys(_ list: [(source: String, target: String, code: String)], root r: Bool) -> Set<String> {
            Set(list.map { "\($0.source.prefix(3)) \($0.target.prefix(3)) \(r ? String($0.code.prefix(2)) : $0.code)" })
        }
        for r in [false, true] {
            let gold = keys(record.codings, root: r)
            let pred = keys(predicted, root: r)
            let m = pred.intersection(gold).count
            if r {
                root.matched += m
                root.predicted += pred.count
                root.gold += gold.count
            } else {
                exact.matched += m
                exact.predicted += pred.count
                exact.gold += gold.count
            }
        }
    }
}
