import DossierCore
import Foundation

/// Reads articles from files, directories and stdin, in every format Dossier takes.
///
/// Each input yields articles or one-line errors; a bad input never stops the others.
public struct Ingest: Sendable {
    /// One thing to read: a file, or standard input.
    public enum Input: Sendable, Hashable {
        case file(String)
        case stdin
        public var name: String {
            switch self {
            case .file(let path): return path
            case .stdin: return "<stdin>"
            }
        }
    }

    /// The publication date of articles whose input has none.
    public var published: CalendarDate?
    /// The largest input read whole, and the longest line of a JSON Lines file, in bytes.
    public var maxBytes: Int
    /// Forces a format instead of choosing by extension and content.
    public var format: InputFormat?

    public static let defaultMaxBytes = 64 << 20

    public init(published: CalendarDate? = nil, maxBytes: Int = Ingest.defaultMaxBytes, format: InputFormat? = nil) {
        self.published = published
        self.maxBytes = maxBytes
        self.format = format
    }

    /// Expands paths into inputs: `-` is stdin, a directory is every file below it with an article extension
    /// (recursively, sorted, hidden files skipped), a file is itself. Paths that cannot be read are errors.
    public func inputs(_ paths: [String]) -> [Result<Input, DossierError>] {
        if paths.isEmpty { return [.success(.stdin)] }
        var out: [Result<Input, DossierError>] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                out.append(.success(.stdin))
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                out.append(.failure(DossierError(.unreadable, "no such file or directory", input: path)))
                continue
            }
            if !isDir.boolValue {
                out.append(.success(.file(path)))
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else {
                out.append(.failure(DossierError(.unreadable, "cannot list the directory", input: path)))
                continue
            }
            var files: [String] = []
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue else { continue }
                let ext = (name as NSString).pathExtension.lowercased()
                if InputFormat(pathExtension: ext) != nil || ext == "xml" { files.append(full) }
            }
            out.append(contentsOf: files.sorted().map { .success(.file($0)) })
        }
        return out
    }

    /// Reads every article of one input, calling `body` with each article or error in order.
    public func read(_ input: Input, _ body: (Result<Article, DossierError>) throws -> Void) rethrows {
        switch input {
        case .stdin:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if data.count > maxBytes {
                try body(.failure(tooLarge(data.count, input.name)))
                return
            }
            for r in read(bytes: [UInt8](data), source: input.name, format: format) { try body(r) }
        case .file(let path):
            let ext = (path as NSString).pathExtension
            let format = self.format ?? InputFormat(pathExtension: ext)
            let size: Int
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            } catch {
                try body(.failure(DossierError(.unreadable, "cannot read: \(Self.describe(error))", input: path)))
                return
            }
            if format == .jsonl {
                try readLines(path, body)
                return
            }
            if size > maxBytes {
                try body(.failure(tooLarge(size, path)))
                return
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                try body(.failure(DossierError(.unreadable, "cannot open the file (permission?)", input: path)))
                return
            }
            defer { try? handle.close() }
            let data: Data
            do {
                data = try handle.readToEnd() ?? Data()
            } catch {
                try body(.failure(DossierError(.unreadable, "cannot read: \(Self.describe(error))", input: path)))
                return
            }
            for r in read(bytes: [UInt8](data), source: path, format: format) { try body(r) }
        }
    }

    /// Reads articles from bytes in memory; `format` nil means: guess from the content.
    public func read(bytes: [UInt8], source: String, format: InputFormat?) -> [Result<Article, DossierError>] {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return [.failure(DossierError(.emptyArticle, "empty input: no text", input: source))]
        }
        if UTF8Repair.looksBinary(bytes) {
            return [.failure(DossierError(.binaryData, "binary data, not text", input: source))]
        }
        switch format ?? InputFormat.sniff(bytes) {
        case .text:
            return [PlainTextReader.read(bytes, source: source, published: published)]
        case .json:
            return JSONArticleReader.readJSON(bytes, source: source, published: published)
        case .jsonl:
            var out: [Result<Article, DossierError>] = []
            var line = 0
            var start = bytes.startIndex
            while start < bytes.endIndex {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
                line += 1
                if let r = JSONArticleReader.readLine(
                    bytes[start..<end], line: line, source: source, published: published)
                {
                    out.append(r)
                }
                start = end + 1
            }
            return out
        case .html:
            return Self.markupReader(bytes, source, published, .html)
        case .feed:
            return Self.markupReader(bytes, source, published, .feed)
        }
    }

    /// JSON Lines are streamed, so a large file of many articles is fine; each line obeys ``maxBytes``.
    func readLines(_ path: String, _ body: (Result<Article, DossierError>) throws -> Void) rethrows {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try body(.failure(DossierError(.unreadable, "cannot open the file (permission?)", input: path)))
            return
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var line = 0
        var skipping = false  // inside an over-long line
        var sawArticle = false
        func emit(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            if line == 1 && UTF8Repair.looksBinary(bytes) {
                try body(.failure(DossierError(.binaryData, "binary data, not JSON Lines", input: path)))
                skipping = true
                return
            }
            if let r = JSONArticleReader.readLine(bytes, line: line, source: path, published: published) {
                sawArticle = true
                try body(r)
            }
        }
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                try body(
                    .failure(DossierError(.unreadable, "cannot read: \(Self.describe(error))", input: path, line: line))
                )
                return
            }
            guard let chunk, !chunk.isEmpty else { break }
            for b in chunk {
                if b == 0x0A {
                    if skipping {
                        skipping = false
                        line += 1
                        try body(
                            .failure(
                                DossierError(.tooLarge, "line longer than \(maxBytes) bytes", input: path, line: line)))
                    } else {
                        try emit(pending[...])
                    }
                    pending.removeAll(keepingCapacity: true)
                } else if !skipping {
                    pending.append(b)
                    if pending.count > maxBytes {
                        skipping = true
                        pending.removeAll()
                    }
                }
            }
        }
        if skipping {
            line += 1
            try body(.failure(DossierError(.tooLarge, "line longer than \(maxBytes) bytes", input: path, line: line)))
        } else if !pending.isEmpty {
            try emit(pending[...])
        }
        if !sawArticle && line <= 1 && pending.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            try body(.failure(DossierError(.emptyArticle, "empty input: no JSON lines", input: path)))
        }
    }

    func tooLarge(_ size: Int, _ name: String) -> DossierError {
        DossierError(
            .tooLarge,
            "input is \(Self.megabytes(size)), over the limit of \(Self.megabytes(maxBytes)) (see --max-bytes)",
            input: name)
    }

    static func megabytes(_ n: Int) -> String {
        n >= 1 << 20 ? "\(n >> 20) MB" : "\(n) bytes"
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
            let s = String(validatingCString: strerror(Int32(underlying.code)))
        {
            return s.lowercased()
        }
        return ns.localizedDescription
    }

    /// Warnings for an article whose bytes were not all valid UTF-8.
    static func utf8Warnings(_ decoded: UTF8Repair.Result, source: String) -> [DossierError] {
        guard let first = decoded.replacedAt.first else { return [] }
        return [
            DossierError(
                .invalidUTF8,
                "\(decoded.replacedAt.count) invalid UTF-8 sequence(s) replaced with U+FFFD, the first at byte \(first)",
                input: source)
        ]
    }
}
