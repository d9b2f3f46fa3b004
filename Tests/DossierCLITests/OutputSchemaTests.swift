import Foundation
import Testing

@Suite("Output schema")
struct OutputSchemaTests {
    static let schemaPath = CLI.packageRoot.appendingPathComponent("docs/article.schema.json").path

    /// Every object with `start`, `end` and `text` must quote the article text exactly at those offsets.
    static func checkOffsets(_ value: Any, _ text: [Unicode.Scalar], _ path: String, _ errors: inout [String]) {
        if let o = value as? [String: Any] {
            if let s = o["start"] as? Int, let e = o["end"] as? Int {
                if s < 0 || e < s || e > text.count {
                    errors.append("\(path): bad range \(s)..<\(e)")
                } else if let t = o["text"] as? String, path != "$" {
                    let quoted = String(String.UnicodeScalarView(text[s..<e]))
                    if quoted != t { errors.append("\(path): text '\(t)' but offsets give '\(quoted)'") }
                }
            }
            for (k, v) in o where k != "text" { checkOffsets(v, text, "\(path).\(k)", &errors) }
        } else if let a = value as? [Any] {
            for (i, v) in a.enumerated() { checkOffsets(v, text, "\(path)[\(i)]", &errors) }
        }
    }

    static func check(_ arguments: [String]) throws {
        let validator = try SchemaValidator(schemaAt: schemaPath)
        let r = try CLI.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try CLI.objects(r.stdout)
        #expect(!objects.isEmpty)
        for o in objects {
            #expect(validator.validate(o) == [])
            let text = Array(((o["text"] as? String) ?? "").unicodeScalars)
            var errors: [String] = []
            checkOffsets(o, text, "$", &errors)
            #expect(errors == [])
        }
    }

    @Test("the examples' output conforms to docs/article.schema.json and its offsets quote the text")
    func examples() throws {
        try Self.check(["read", "Examples/articles", "--format", "jsonl", "--published", "2025-01-01"])
    }

    @Test("the seed's output conforms too", .enabled(if: CLI.hasSeed, "needs ../shared/examples/seed"))
    func seed() throws {
        try Self.check(["read", CLI.seed, "--format", "jsonl", "--published", "2024-01-12"])
    }

    @Test("the validator catches violations (so the tests above can fail)")
    func validatorWorks() throws {
        let validator = try SchemaValidator(schemaAt: Self.schemaPath)
        let bad: [String: Any] = [
            "id": "XYZ", "title": 3, "published": "12/01/2024", "source": "s", "url": NSNull(), "text": "t",
            "ignored": [], "entities": [["id": "e", "name": "n", "type": "PLANET"]], "quotes": [], "timexes": [],
            "places": [], "events": [],
        ]
        let errors = validator.validate(bad)
        #expect(errors.contains { $0.hasPrefix("$.id") })
        #expect(errors.contains { $0.hasPrefix("$.title") })
        #expect(errors.contains { $0.hasPrefix("$.published") })
        #expect(errors.contains { $0.contains("missing 'roles'") })
        #expect(errors.contains { $0.contains("PLANET") })
        var offsetErrors: [String] = []
        Self.checkOffsets(
            ["quotes": [["start": 0, "end": 2, "text": "xx"]]], Array("ab".unicodeScalars), "$", &offsetErrors)
        #expect(offsetErrors.count == 1)
    }
}
