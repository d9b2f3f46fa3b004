import ArgumentParser
import DossierCore
import DossierIngest
import Foundation

/// `dossier bench`: single-core throughput of ingest and of each pipeline stage over a corpus.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput on one core: ingest, folding, and each pipeline stage.",
        discussion: """
            Every file under PATH is read as plain text (Reuters SGML files included, markup and all) and held \
            in memory; the timed part then runs, on one core, ingest of the bytes (UTF-8 check, title), folding, \
            and each stage of the standard pipeline in order. Each pass runs twice: once with the CPU clock read \
            around every stage of every article (the per-stage lines, which therefore include the clock's own \
            cost), once with the clock read only at both ends of the pass (the "all" line). Build with -c release \
            for figures worth reporting.
            """)

    @Argument(help: "Files or directories of text (e.g. ../shared/data/unlabeled/reuters21578/sgm).")
    var paths: [String]

    @Option(help: "Passes over the corpus; the best pass is reported.")
    var repeats: Int = 3

    @Option(help: "Split each file into articles of about this many bytes (at line breaks), as a feed of articles.")
    var articleBytes: Int = 4096

    @Option(help: "Run the standard pipeline only up to and including this stage (e.g. 'sentences').")
    var through: String?

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
        if articleBytes < 64 { throw ValidationError("--article-bytes must be at least 64") }
    }

    func run() throws {
        // The timed loop runs on this thread only; the figures are CPU seconds of one core.
        var pipeline: Pipeline
        let loadStart = DispatchTime.now().uptimeNanoseconds
        do throws(DossierError) {
            pipeline = try Pipeline.standard()
            if let through {
                guard let last = pipeline.stageNames.firstIndex(of: through) else {
                    throw DossierError(
                        .usage, "no stage '\(through)'; the stages are \(pipeline.stageNames.joined(separator: ", "))",
                        input: "--through")
                }
                pipeline = try Pipeline(Array(pipeline.stages[...last]))
            }
        } catch {
            Diagnostics.error(error)
            throw ExitCode(2)
        }
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        var chunks: [[UInt8]] = []
        var failed = false
        for path in paths {
            let files = Self.allFiles(path)
            if files.isEmpty {
                Diagnostics.error(DossierError(.unreadable, "no readable file", input: path))
                failed = true
            }
            for file in files { chunks.append(contentsOf: Self.split(file, every: articleBytes)) }
        }
        guard !chunks.isEmpty else {
            Diagnostics.error(DossierError(.usage, "no text to measure", input: paths.joined(separator: " ")))
            throw ExitCode(1)
        }
        let totalBytes = chunks.reduce(0) { $0 + $1.count }
        var best: [String: Double] = [:]
        var endToEnd = Double.infinity
        var tokens = 0
        var sentences = 0
        let names = ["ingest", "fold"] + pipeline.stageNames
        for _ in 0..<repeats {
            // Per step: the CPU clock read after ingest, folding and every stage of every article.
            var times = [Double](repeating: 0, count: names.count)
            tokens = 0
            sentences = 0
            for (k, chunk) in chunks.enumerated() {
                var t0 = Self.cpuNanoseconds()
                guard
                    let doc = Self.process(
                        chunk, k, pipeline,
                        lap: { step in
                            let t1 = Self.cpuNanoseconds()
                            times[step] += Double(t1 - t0)
                            t0 = t1
                        })
                else { continue }
                tokens += doc.tokens.count
                sentences += doc.sentences.count
            }
            for (i, name) in names.enumerated() { best[name] = min(best[name] ?? .infinity, times[i]) }
            // The same work again with one clock reading at each end: reading a thread's CPU clock is a system
            // call (about a microsecond here), which the per-stage figures include once per stage and article.
            let start = Self.cpuNanoseconds()
            for (k, chunk) in chunks.enumerated() { _ = Self.process(chunk, k, pipeline, lap: { _ in }) }
            endToEnd = min(endToEnd, Double(Self.cpuNanoseconds() - start))
        }
        let mb = Double(totalBytes) / 1_000_000
        print(
            "corpus: \(chunks.count) articles, \(String(format: "%.2f", mb)) MB, \(tokens) tokens, \(sentences) sentences"
        )
        print(String(format: "pipeline load (lexicons, gazetteer, models): %.3f s wall clock", loadSeconds))
        print("one core (thread CPU time), best of \(repeats) passes")
        print(pad("stage", 16) + pad("seconds", 10) + pad("MB/s", 10) + "tokens/s")
        var cumulative = 0.0
        for name in names {
            let s = (best[name] ?? 0) / 1e9
            cumulative += s
            print(
                pad(name, 16) + pad(String(format: "%.4f", s), 10) + pad(String(format: "%.1f", mb / s), 10)
                    + String(format: "%.0f", Double(tokens) / s))
        }
        print(
            pad("sum of stages", 16) + pad(String(format: "%.4f", cumulative), 10)
                + pad(String(format: "%.1f", mb / cumulative), 10)
                + String(format: "%.0f", Double(tokens) / cumulative))
        let all = endToEnd / 1e9
        print(
            pad("all", 16) + pad(String(format: "%.4f", all), 10) + pad(String(format: "%.1f", mb / all), 10)
                + String(format: "%.0f", Double(tokens) / all) + "  (end to end, no clock between stages)")
        if failed { throw ExitCode(1) }
    }

    /// Ingests, folds and runs the pipeline on one article, calling `lap` after each step (0 ingest, 1 folding,
    /// then one per stage); nil when the bytes are no article.
    static func process(_ chunk: [UInt8], _ k: Int, _ pipeline: Pipeline, lap: (Int) -> Void) -> Document? {
        guard case .success(let article) = PlainTextReader.read(chunk, source: "bench#\(k)", published: nil) else {
            return nil
        }
        lap(0)
        var doc = Document(article: article)
        lap(1)
        for (i, stage) in pipeline.stages.enumerated() {
            do {
                try stage.apply(to: &doc)
            } catch {
                Diagnostics.error(error)
            }
            doc.layers.formUnion(stage.produces)
            lap(2 + i)
        }
        return doc
    }

    /// CPU time of the calling thread: robust to the process being descheduled on a busy machine, and what
    /// "per core" means.
    static func cpuNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// Cuts a file into pieces of about `size` bytes at line breaks (never inside a UTF-8 sequence).
    static func split(_ bytes: [UInt8], every size: Int) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            var end = min(start + size, bytes.count)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            out.append(Array(bytes[start..<end]))
            start = end
        }
        return out
    }

    /// The contents of a file, or of every regular file below a directory (sorted, hidden ones skipped).
    static func allFiles(_ path: String) -> [[UInt8]] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        if !isDir.boolValue { return fm.contents(atPath: path).map { [[UInt8]($0)] } ?? [] }
        let names = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
        return names.compactMap { rel in
            let full = (path as NSString).appendingPathComponent(rel)
            var d: ObjCBool = false
            guard !rel.hasPrefix("."), fm.fileExists(atPath: full, isDirectory: &d), !d.boolValue else { return nil }
            return fm.contents(atPath: full).map { [UInt8]($0) }
        }
    }
}
