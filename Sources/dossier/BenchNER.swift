import ArgumentParser
import DossierCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `dossier bench-ner`: throughput of tokenization + sentence splitting + name tagging on one core.
///
/// A helper until `dossier bench` integrates it: it reads Reuters-21578 SGML (or plain text files), loads
/// the bundled model (timed), runs the stages over every article a few times and reports tokens per second
/// and the peak resident memory.
struct BenchNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ner", abstract: "Measure tokenization + name tagging throughput (one core).")

    @Argument(help: "Reuters .sgm files or .txt files.") var files: [String]
    @Option(name: .long, help: "Passes over the texts.") var repeats = 3

    func run() throws {
        var texts: [String] = []
        for f in files {
            let t = try readText(f)
            if f.hasSuffix(".sgm") { texts += ReutersSGML.texts(t) } else { texts.append(t) }
        }
        let report = try benchNER(texts, repeats: repeats)
        print(report)
    }
}

/// CPU time of the calling thread, in seconds: on a shared machine wall-clock time measures the neighbours.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs the NER benchmark over texts; returns a printable report (times are thread CPU times).
func benchNER(_ texts: [String], repeats: Int) throws -> String {
    let t0 = threadCPUTime()
    let tagger = try NameTagger.standard()
    let load = threadCPUTime() - t0
    let tokenizer = try Tokenizer()
    let splitter = try SentenceSplitter()
    let articles = texts.map { Article(title: nil, text: $0, source: "bench") }
    var tokens = 0
    var mentions = 0
    var best = Double.infinity
    for _ in 0..<max(repeats, 1) {
        tokens = 0
        mentions = 0
        let start = threadCPUTime()
        for a in articles {
            var doc = Document(article: a)
            try tokenizer.apply(to: &doc)
            try splitter.apply(to: &doc)
            try tagger.apply(to: &doc)
            tokens += doc.tokens.count
            mentions += doc.mentions.count
        }
        best = min(best, threadCPUTime() - start)
    }
    var tokenizeOnly = Double.infinity
    for _ in 0..<max(repeats, 1) {
        let start = threadCPUTime()
        for a in articles {
            var doc = Document(article: a)
            try tokenizer.apply(to: &doc)
            try splitter.apply(to: &doc)
        }
        tokenizeOnly = min(tokenizeOnly, threadCPUTime() - start)
    }
    var rss = "?"
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM") })
    {
        rss = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ")
    }
    return """
        articles: \(articles.count), tokens: \(tokens), mentions: \(mentions)
        model load: \(String(format: "%.3f", load)) s
        tokenize+sentences+names: \(String(format: "%.3f", best)) s = \(Int(Double(tokens) / best)) tokens/s
        tokenize+sentences alone: \(String(format: "%.3f", tokenizeOnly)) s = \(Int(Double(tokens) / tokenizeOnly)) tokens/s
        peak memory (VmHWM): \(rss)
        """
}
