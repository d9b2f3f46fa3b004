import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate time`: scores the temporal tagger on TimeML files with TempEval-3's measures.
struct EvaluateTimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time",
        abstract: "Scores time expressions and their values on TimeML files (TempEval-3 measures).",
        discussion: """
            Reads every .tml file under --gold, anchors relative dates on each document's creation time (DCT),
            and reports strict and relaxed extent P/R/F1, value F1 and accuracy, type accuracy, per gold type,
            and the most frequent value errors.
            """
    )

    @Option(name: .long, help: "A directory of TimeML (.tml) files, searched recursively.")
    var gold: String?

    @Option(name: .long, help: "A directory of GUM XML files: scores the news documents' <date when=...> tags.")
    var gum: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Measure the time stage's throughput over these text files instead (SGML tags stripped).")
    var speed: [String] = []

    @Option(name: .long, help: "How many of the most frequent value errors to list.")
    var errors: Int = 15

    @Flag(name: .long, help: "Also list every missed, spurious and wrongly valued timex.")
    var details = false

    @Flag(name: .long, help: "Ignore the DCT: evaluate without an anchor.")
    var noAnchor = false

    func run() throws {
        if !speed.isEmpty { return try measureSpeed() }
        if let gum { return try evaluateGUM(gum) }
        guard let gold else { throw ValidationError("give --gold DIR, --gum DIR or --speed FILE...") }
        let files = try EvaluateTimeCommand.timeMLFiles(under: gold)
        guard !files.isEmpty else {
            throw ValidationError("no .tml files under \(gold)")
        }
        let pipeline = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()])
        var scorer = TimexScorer()
        var seconds = 0.0
        var bytes = 0
        for file in files {
            let xml: String
            do {
                xml = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw DossierError(.unreadable, "cannot read: \(error.localizedDescription)", input: file)
            }
            let tml = try TimeMLReader.parse(xml, id: file)
            let article = Article(
                title: nil, text: tml.text, published: noAnchor ? nil : tml.creationDate, source: file)
            let t0 = Date()
            let doc = try pipeline.run(article)
            seconds += Date().timeIntervalSince(t0)
            bytes += tml.text.utf8.count
            let system = doc.timexes.map { t -> TimexScorer.Item in
                let r = doc.normalized.originalRange(t.span.range)
                return TimexScorer.Item(
                    start: r.lowerBound, end: r.upperBound, type: t.type.rawValue, value: t.value,
                    text: doc.string(t.span.range), rule: t.provenance.rule)
            }
            let goldItems = tml.timexes.map {
                TimexScorer.Item(start: $0.start, end: $0.end, type: $0.type, value: $0.value, text: $0.text)
            }
            scorer.add(gold: goldItems, system: system, document: (file as NSString).lastPathComponent)
        }
        print("documents: \(files.count)")
        print(scorer.report(errors: errors), terminator: "")
        print(String(format: "pipeline (tokens, sentences, time): %.2f MB/s", Double(bytes) / 1e6 / max(seconds, 1e-9)))
        if details {
            print("\nmissed:")
            for (d, x) in scorer.missed { print("  \(d)\t\(x.type)\t\(x.value ?? "nil")\t\(x.text)") }
            print("\nspurious:")
            for (d, x) in scorer.spurious {
                print("  \(d)\t\(x.type)\t\(x.value ?? "nil")\t\(x.text)\t\(x.rule ?? "")")
            }
            print("\nwrong values (gold | system):")
            for (d, g, s) in scorer.wrongValues {
                print("  \(d)\t\(g.text)\t\(g.value ?? "nil")\t|\t\(s.text)\t\(s.value ?? "nil")\t\(s.rule ?? "")")
            }
            print("\nright values (gold | system):")
            for (d, g, s) in scorer.rightValues {
                print("  \(d)\t\(g.text)\t\(g.value ?? "nil")\t|\t\(s.text)\t\(s.value ?? "nil")\t\(s.rule ?? "")")
            }
        }
    }

    /// Runs tokenizer and sentence splitter once, then times the time stage alone over every article.
    func measureSpeed() throws {
        var docs: [Document] = []
        var bytes = 0
        let prep = try Pipeline([Tokenizer(), SentenceSplitter()])
        for file in speed {
            let raw: String
            do {
                raw = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                guard let d = FileManager.default.contents(atPath: file) else {
                    throw DossierError(.unreadable, "cannot read", input: file)
                }
                raw = String(decoding: d, as: UTF8.self)
            }
            for body in EvaluateTimeCommand.articles(in: raw) {
                bytes += body.utf8.count
                docs.append(
                    try prep.run(
                        Article(
                            title: nil, text: body, published: CalendarDate(year: 1987, month: 3, day: 2), source: file)
                    ))
            }
        }
        let tagger = try TimeTagger()
        var count = 0
        var tokens = 0
        let t0 = Date()
        let c0 = EvaluateTimeCommand.threadCPUSeconds()
        for var doc in docs {
            try tagger.apply(to: &doc)
            count += doc.timexes.count
            tokens += doc.tokens.count
        }
        let s = Date().timeIntervalSince(t0)
        let cpu = EvaluateTimeCommand.threadCPUSeconds() - c0
        print("articles: \(docs.count), \(bytes) bytes, \(tokens) tokens, \(count) timexes")
        print(
            String(
                format: "time stage: %.3f s, %.1f MB/s, %.0f articles/s, %.2f M tokens/s",
                s, Double(bytes) / 1e6 / s, Double(docs.count) / s, Double(tokens) / 1e6 / s))
        // CPU time of this thread: what the stage costs when other processes share the cores.
        print(
            String(
                format: "time stage, CPU time: %.3f s, %.1f MB/s, %.2f M tokens/s",
                cpu, Double(bytes) / 1e6 / cpu, Double(tokens) / 1e6 / cpu))
    }

    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The `<BODY>` elements of an SGML file (Reuters-21578), or the whole text with tags removed.
    static func articles(in raw: String) -> [String] {
        var out: [String] = []
        var rest = raw[...]
        while let a = rest.range(of: "<BODY>"), let b = rest.range(of: "</BODY>", range: a.upperBound..<rest.endIndex) {
            out.append(
                String(rest[a.upperBound..<b.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[b.upperBound...]
        }
        return out.isEmpty ? [raw] : out
    }

    /// GUM news documents: tokens joined by spaces, `<date when=...>` spans as gold DATE timexes, anchored on
    /// `dateCreated`. Dates given as ranges (`from`/`to`) are left out, with the system timexes that overlap them.
    func evaluateGUM(_ dir: String) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw DossierError(.unreadable, "not a directory", input: dir)
        }
        let pipeline = try Pipeline([Tokenizer(), SentenceSplitter(), TimeTagger()])
        var scorer = TimexScorer()
        var n = 0
        for name in names.sorted() where name.hasPrefix("GUM_news_") && name.hasSuffix(".xml") {
            let path = (dir as NSString).appendingPathComponent(name)
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            var text = ""
            var gold: [TimexScorer.Item] = []
            var ranges: [Range<Int>] = []
            var open: [(start: Int, when: String?)] = []
            var created: CalendarDate?
            var inWord = false
            var firstInWord = false
            for line in xml.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("<text "), let r = line.range(of: "dateCreated=\"") {
                    created = CalendarDate(iso: line[r.upperBound...].prefix(10))
                } else if line.hasPrefix("<date") {
                    var when: String?
                    if let r = line.range(of: " when=\"") {
                        when = String(line[r.upperBound...].prefix(while: { $0 != "\"" }))
                    }
                    open.append((-1, when))
                } else if line.hasPrefix("</date>") {
                    guard let o = open.popLast(), o.start >= 0 else { continue }
                    let end = text.utf8.count
                    if let w = o.when {
                        let t = String(decoding: Array(text.utf8)[o.start..<end], as: UTF8.self)
                        gold.append(.init(start: o.start, end: end, type: "DATE", value: w, text: t))
                    } else {
                        ranges.append(o.start..<end)
                    }
                } else if line == "<w>" {
                    inWord = true
                    firstInWord = true
                } else if line == "</w>" {
                    inWord = false
                } else if line.hasPrefix("</p>") || line.hasPrefix("</head>") {
                    text += "\n"
                } else if !line.hasPrefix("<"), let tab = line.firstIndex(of: "\t") {
                    let glued = inWord && !firstInWord
                    firstInWord = false
                    if !text.isEmpty && !text.hasSuffix("\n") && !glued { text += " " }
                    let start = text.utf8.count
                    for k in open.indices where open[k].start < 0 { open[k].start = start }
                    text += line[..<tab]
                }
            }
            n += 1
            let doc = try pipeline.run(Article(title: nil, text: text, published: created, source: path))
            let system = doc.timexes.compactMap { t -> TimexScorer.Item? in
                guard t.type == .date || t.type == .time else { return nil }
                let r = doc.normalized.originalRange(t.span.range)
                if ranges.contains(where: { $0.overlaps(r) }) { return nil }
                return TimexScorer.Item(
                    start: r.lowerBound, end: r.upperBound, type: "DATE", value: t.value,
                    text: doc.string(t.span.range), rule: t.provenance.rule)
            }
            scorer.add(gold: gold, system: system, document: name)
        }
        print("GUM news documents: \(n) (DATE and TIME timexes against <date when=...>)")
        print(scorer.report(errors: errors), terminator: "")
        if details {
            for (d, x) in scorer.missed { print("  missed\t\(d)\t\(x.value ?? "nil")\t\(x.text)") }
            for (d, x) in scorer.spurious { print("  spurious\t\(d)\t\(x.value ?? "nil")\t\(x.text)") }
            for (d, g, s) in scorer.wrongValues {
                print("  wrong\t\(d)\t\(g.text)\t\(g.value ?? "nil")\t|\t\(s.text)\t\(s.value ?? "nil")")
            }
        }
    }

    static func timeMLFiles(under dir: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw DossierError(.unreadable, "not a directory", input: dir)
        }
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        for case let p as String in e where p.hasSuffix(".tml") {
            out.append((dir as NSString).appendingPathComponent(p))
        }
        return out.sorted()
    }
}
