import DossierCore
import Foundation
import Testing

/// Runs the built `dossier` executable, as a user would.
struct CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sharedRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let seed = sharedRoot.appendingPathComponent("examples/seed/seed.txt").path
    static var hasSeed: Bool { FileManager.default.fileExists(atPath: seed) }

    /// The executable next to the test bundle (SwiftPM builds it for the tests that depend on it).
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("dossier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/dossier")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Output {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = packageRoot
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs `body` with a new empty directory (named `prefix`-UUID under the temporary directory), removed after.
    static func withTemporaryDirectory<T>(_ prefix: String, _ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    static func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}

@Suite("dossier read")
struct ReadCommandTests {
    @Test(
        "the seed: title, exact text, the ignored 'Also read' line, empty fact arrays",
        .enabled(if: CLI.hasSeed, "needs ../shared/examples/seed"))
    func seed() throws {
        let r = try CLI.run(["read", CLI.seed, "--published", "2024-01-12", "--format", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try CLI.objects(r.stdout)
        #expect(objects.count == 1)
        let o = try #require(objects.first)
        let text = try String(contentsOfFile: CLI.seed, encoding: .utf8)
        #expect(o["title"] as? String == "Antony Blinken")
        #expect(o["text"] as? String == text)
        #expect(o["published"] as? String == "2024-01-12")
        #expect(o["source"] as? String == CLI.seed)
        let ignored = try #require(o["ignored"] as? [[String: Any]])
        #expect(ignored.count == 1)
        let start = try #require(ignored.first?["start"] as? Int)
        let end = try #require(ignored.first?["end"] as? Int)
        let scalars = Array(text.unicodeScalars)
        let span = String(String.UnicodeScalarView(scalars[start..<end]))
        #expect(span.hasPrefix("Also read:"))
        #expect(end == scalars.count || scalars[end] == "\n")
        #expect((o["places"] as? [Any])?.count == 9)
        #expect((o["quotes"] as? [Any])?.count == 4)
        let values = (o["timexes"] as? [[String: Any]])?.compactMap { $0["value"] as? String }
        #expect(
            values == [
                "2024-01-12", "2024-01-13", "2024-01-11", "2024-01-11", "2024-01-12", "PAST_REF", "2023-11",
                "2024-01-09",
            ])
        #expect(((o["events"] as? [Any])?.count ?? 0) >= 8)
    }

    @Test("keys come in the contract's order and runs are byte-for-byte identical")
    func deterministic() throws {
        let one = try CLI.run(["read", "Examples/articles", "--format", "jsonl"])
        let two = try CLI.run(["read", "Examples/articles", "--format", "jsonl", "--jobs", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let first = try #require(one.stdout.split(separator: "\n").first)
        let keys = [
            "id", "title", "published", "source", "url", "text", "ignored", "entities", "quotes", "timexes",
            "places", "events",
        ]
        var position = first.startIndex
        for key in keys {
            let range = try #require(first.range(of: "\"\(key)\":", range: position..<first.endIndex), "missing \(key)")
            position = range.upperBound
        }
    }

    @Test("--format json prints one JSON array")
    func jsonArray() throws {
        let r = try CLI.run(["read", "Examples/articles/summit.json", "Examples/articles/harbour-accord.txt"])
        #expect(r.status == 0)
        let array = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["published"] as? String == "2025-04-04")
    }

    @Test("stdin is read when no path is given; offsets are Unicode-scalar offsets")
    func stdin() throws {
        let r = try CLI.run(
            ["read", "--format", "jsonl", "--published", "2025-01-01"],
            stdin: "Café “Talks”\nRead more: Other news\nBody.")
        #expect(r.status == 0)
        let o = try #require(try CLI.objects(r.stdout).first)
        #expect(o["source"] as? String == "<stdin>")
        #expect(o["title"] as? String == "Café “Talks”")
        let ignored = try #require((o["ignored"] as? [[String: Any]])?.first)
        #expect(ignored["start"] as? Int == 13)
        #expect(ignored["end"] as? Int == 34)
    }

    @Test("bad inputs: one line each on stderr naming the input, the others still printed, exit code 1")
    func badInputs() throws {
        try CLI.withTemporaryDirectory("dossier-cli") { dir in
            let bad = dir.appendingPathComponent("bad.jsonl")
            try Data("{\"text\": \"fine\"}\nnot json\n".utf8).write(to: bad)
            let binary = dir.appendingPathComponent("blob.txt")
            try Data([0, 1, 2, 3, 0, 0, 0]).write(to: binary)
            let r = try CLI.run([
                "read", "--format", "jsonl", bad.path, "nope.txt", binary.path, "Examples/articles/summit.json",
            ])
            #expect(r.status == 1)
            #expect(try CLI.objects(r.stdout).count == 2)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.contains { $0.contains("bad.jsonl:2: malformed JSON line") })
            #expect(lines.contains { $0.contains("nope.txt: no such file") })
            #expect(lines.contains { $0.contains("blob.txt: binary data") })
        }
    }

    @Test("--parser runs the pipeline with another parser: the same article, quotes and speaker; a bad name fails")
    func parserChoice() throws {
        let text = "Talks\n\nThe ministry said on Monday that the talks would resume in March."
        var speakers: [String] = []
        for parser in ["greedy", "beam", "ensemble"] {
            let r = try CLI.run(["read", "--format", "jsonl", "--parser", parser], stdin: text)
            #expect(r.status == 0, "\(parser): \(r.stderr)")
            let o = try #require(try CLI.objects(r.stdout).first)
            let q = try #require((o["quotes"] as? [[String: Any]])?.first, "\(parser)")
            #expect((q["text"] as? String)?.hasPrefix("the talks would resume in March") == true, "\(parser)")
            speakers.append(((q["speakerMention"] as? [String: Any])?["text"] as? String) ?? "")
        }
        #expect(speakers == ["The ministry", "The ministry", "The ministry"])
        let bad = try CLI.run(["read", "--parser", "fast"], stdin: text)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--parser"))
    }

    @Test("a malformed --published is a usage error")
    func badDate() throws {
        let r = try CLI.run(["read", "Examples/articles/summit.json", "--published", "12/01/2024"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("YYYY-MM-DD"))
    }
}
