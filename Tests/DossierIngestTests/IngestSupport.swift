import DossierCore
import DossierIngest
import Foundation

/// A temporary directory removed when the test is done.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ content: String) throws -> String {
        try write(name, Array(content.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }
}

enum Examples {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/articles")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// The engine's seeded generator, so generated test inputs are the same on every run.
typealias SeededGenerator = SplitMix64

extension Ingest {
    /// Every result of reading the paths, in order: articles and errors.
    func readAll(_ paths: [String]) -> [Result<Article, DossierError>] {
        var out: [Result<Article, DossierError>] = []
        for input in inputs(paths) {
            switch input {
            case .failure(let e): out.append(.failure(e))
            case .success(let i): read(i) { out.append($0) }
            }
        }
        return out
    }
}

extension Result {
    var value: Success? { if case .success(let v) = self { v } else { nil } }
    var error: Failure? { if case .failure(let e) = self { e } else { nil } }
}
