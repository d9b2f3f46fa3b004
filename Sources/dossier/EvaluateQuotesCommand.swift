import ArgumentParser
import DossierCore
import Foundation

/// `dossier evaluate quotes`: the quotes stage against PolNeAR's brat attributions.
struct EvaluateQuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Score quotes and speakers against PolNeAR attributions (brat standoff).",
        discussion: """
            DIR is a PolNeAR split (e.g. ../shared/data/quotes/polnear/dev) with text/NAME.txt and \
            attributions/NAME_ANNOTATOR.ann; an article annotated twice is scored against its first annotation \
            (by file name). Reports precision, recall and F1 of content, source and cue spans, exact and by token \
            overlap, for all attributions, direct, indirect, and indirect speech (see docs/quotes.md). Tune on \
            train and report dev; never the test split.
            """)

    @Option(help: "A PolNeAR split directory holding text/ and attributions/.")
    var gold: String

    @Option(help: "Score only the first N articles (sorted by name).")
    var limit: Int?

    @Flag(help: "Print the gold attributions missed and the quotes found with no gold counterpart.")
    var errors = false

    @Option(
        help: ArgumentHelp(
            "Write one tab-separated line per gold attribution and per unaligned quote found to FILE.",
            discussion: "Columns: document, side (gold/extra), direct, speech, rule, gold/predicted/shared "
                + "content tokens, gold/predicted/shared source tokens, gold cue (the cue found for an extra), gold content, predicted "
                + "content, gold source, predicted source. For error analysis on train.",
            valueName: "FILE"))
    var details: String?

    @Flag(help: "Run the pipeline without the syntax stage (the quotes stage then reads words alone).")
    var withoutSyntax = false

    @Option(help: "The parser of the syntax stage: greedy (the default), beam or ensemble (slower, more accurate).")
    var parser: ParserChoice = .greedy

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let fm = FileManager.default
        let textDir = (gold as NSString).appendingPathComponent("text")
        let annDir = (gold as NSString).appendingPathComponent("attributions")
        guard let texts = try? fm.contentsOfDirectory(atPath: textDir),
            let anns = try? fm.contentsOfDirectory(atPath: annDir)
        else {
            Diagnostics.error(
                DossierError(.unreadable, "not a PolNeAR split (needs text/ and attributions/)", input: gold))
            throw ExitCode(1)
        }
        let pipeline: Pipeline
        let lexicon: QuoteLexicon
        do {
            let standard = try Pipeline.standard(parser: parser)
            if withoutSyntax {
                pipeline = try Pipeline(standard.stages.filter { $0.name != "syntax" })
            } else {
                pipeline = standard
            }
            lexicon = try QuoteLexicon.standard()
        } catch {
            Diagnostics.error(error)
            throw ExitCode(2)
        }
        let sortedAnns = anns.filter { $0.hasSuffix(".ann") }.sorted()
        var names = texts.filter { $0.hasSuffix(".txt") }.sorted()
        if let limit { names = Array(names.prefix(limit)) }
        var scorer = QuoteScorer(lexicon: lexicon)
        scorer.recordDetails = details != nil
        var failed = false
        for name in names {
            let base = String(name.dropLast(4))
            guard let annName = sortedAnns.first(where: { $0.hasPrefix(base + "_") }) else { continue }
            let textPath = (textDir as NSString).appendingPathComponent(name)
            let annPath = (annDir as NSString).appendingPathComponent(annName)
            guard let text = try? String(contentsOfFile: textPath, encoding: .utf8),
                let ann = try? String(contentsOfFile: annPath, encoding: .utf8)
            else {
                Diagnostics.error(
                    DossierError(.unreadable, "cannot read the article or its annotation", input: textPath))
                failed = true
                continue
            }
            do {
                let goldAttributions = try PolNeARReader.parse(ann: ann, name: annPath)
                let doc = try pipeline.run(Article(title: nil, text: text, source: textPath))
                scorer.add(doc, gold: goldAttributions)
                if errors { printErrors(doc, goldAttributions, name: base) }
            } catch {
                Diagnostics.error(error)
                failed = true
            }
        }
        print(scorer.report(), terminator: "")
        if let details {
            var out = ""
            for d in scorer.details {
                let cols: [String] = [
                    d.document, d.side, d.direct ? "direct" : "indirect", d.speech ? "speech" : "other", d.rule,
                    String(d.goldContent), String(d.predictedContent), String(d.contentOverlap), String(d.goldSource),
                    String(d.predictedSource), String(d.sourceOverlap), d.goldCue, d.goldText, d.predictedText,
                    d.goldSourceText, d.predictedSourceText,
                ]
                out += cols.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\n"
            }
            do {
                try out.write(toFile: details, atomically: true, encoding: .utf8)
            } catch {
                Diagnostics.error(DossierError(.unreadable, "cannot write the details file", input: details))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// For error analysis on train: gold contents no quote overlaps (MISS), quotes that overlap no gold content
    /// (EXTRA), and gold sources that differ from the speaker mention of the quote found (SOURCE).
    func printErrors(_ doc: Document, _ gold: [PolNeARReader.Attribution], name: String) {
        let scalars = Array(doc.article.text.unicodeScalars)
        func str(_ r: Range<Int>) -> String {
            let lo = max(0, min(r.lowerBound, scalars.count))
            let hi = max(lo, min(r.upperBound, scalars.count))
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[lo..<hi])
            return String(s).replacingOccurrences(of: "\n", with: " ")
        }
        let found = doc.quotes.map { q -> (Range<Int>, Quote) in
            (doc.normalized.originalRange(q.span.range), q)
        }
        let utf8 = Array(doc.article.text.utf8)
        func bytesOf(_ r: Range<Int>) -> Range<Int> {
            // Scalar range to original byte range.
            var b = 0
            var k = 0
            var lo = 0
            var hi = utf8.count
            var i = 0
            while i < utf8.count {
                if k == r.lowerBound { lo = b }
                if k == r.upperBound {
                    hi = b
                    break
                }
                let c = utf8[i]
                let w = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
                i += w
                b += w
                k += 1
            }
            return lo..<hi
        }
        for g in gold {
            let pieces = g.content.map(bytesOf)
            let hit = found.contains { f in pieces.contains { $0.overlaps(f.0) } }
            if hit, let f = found.first(where: { f in pieces.contains { $0.overlaps(f.0) } }) {
                let src = g.source.map(str).joined(separator: " | ")
                let mine = f.1.speakerMention.map { doc.string($0.range) } ?? ""
                let goldContent = g.content.map(str).joined(separator: " | ")
                let myContent = doc.string(f.1.span.range).replacingOccurrences(of: "\n", with: " ")
                func letters(_ s: String) -> String {
                    var t = s.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }
                    if t.hasPrefix("that ") { t.removeFirst(5) }
                    return t.split(separator: " ").joined(separator: " ")
                }
                if letters(goldContent) != letters(myContent) {
                    print("CONTENT \(name) \(f.1.provenance.rule)\n  gold  [\(goldContent)]\n  found [\(myContent)]")
                }
                if src != mine {
                    print(
                        "SOURCE \(name) \(f.1.provenance.rule) gold [\(src)] found [\(mine)] \(str(g.content[0]).prefix(60))"
                    )
                }
            }
            if !hit {
                let src = g.source.map(str).joined(separator: " | ")
                let cue = g.cue.map(str).joined(separator: " | ")
                print("MISS \(name) [\(src)] [\(cue)] \(g.content.map(str).joined(separator: " | ").prefix(140))")
            }
        }
        let goldBytes = gold.flatMap { $0.content.map(bytesOf) }
        for (r, q) in found where !goldBytes.contains(where: { $0.overlaps(r) }) {
            let text = doc.string(q.span.range).replacingOccurrences(of: "\n", with: " ")
            print("EXTRA \(name) \(q.provenance.rule) [\(q.speakerName ?? "-")] \(text.prefix(140))")
        }
    }
}
