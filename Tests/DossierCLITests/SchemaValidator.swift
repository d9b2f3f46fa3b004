import Foundation

/// Checks JSON values against the subset of JSON Schema (2020-12) that docs/article.schema.json uses:
/// `type` (one or several), `required`, `properties`, `items`, `enum`, `minimum`, `maximum`, `pattern`,
/// `oneOf` and local `$ref`s. Returns one message per violation, with its JSON path.
struct SchemaValidator {
    let root: [String: Any]

    init(schemaAt path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        root = object
    }

    func validate(_ value: Any) -> [String] {
        var errors: [String] = []
        check(value, root, "$", &errors)
        return errors
    }

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/") else { return schema }
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return [:] }
            node = next
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    static func typeName(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if let n = v as? NSNumber {
            if String(cString: n.objCType) == "c" { return "boolean" }
            return n.doubleValue == n.doubleValue.rounded() && !"\(n)".contains(".") ? "integer" : "number"
        }
        if v is String { return "string" }
        if v is [Any] { return "array" }
        if v is [String: Any] { return "object" }
        return "unknown"
    }

    func check(_ value: Any, _ rawSchema: [String: Any], _ path: String, _ errors: inout [String]) {
        let schema = resolve(rawSchema)
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { option in
                var e: [String] = []
                check(value, option, path, &e)
                return e.isEmpty
            }
            if passing.count != 1 { errors.append("\(path): matches \(passing.count) of oneOf") }
        }
        let actual = Self.typeName(value)
        if let t = schema["type"] {
            let allowed = (t as? [String]) ?? [(t as? String) ?? ""]
            let ok = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !ok {
                errors.append("\(path): \(actual), expected \(allowed.joined(separator: "|"))")
                return
            }
        }
        if let options = schema["enum"] as? [Any] {
            let s = value as? String
            if !options.contains(where: { ($0 as? String) == s && s != nil }) {
                errors.append("\(path): \(value) not in enum")
            }
        }
        if let n = value as? NSNumber, actual != "boolean" {
            if let min = schema["minimum"] as? Double, n.doubleValue < min { errors.append("\(path): \(n) < \(min)") }
            if let max = schema["maximum"] as? Double, n.doubleValue > max { errors.append("\(path): \(n) > \(max)") }
        }
        if let s = value as? String, let pattern = schema["pattern"] as? String {
            if s.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): '\(s)' does not match \(pattern)")
            }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing '\(key)'")
            }
            for (key, sub) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                if let v = object[key] { check(v, sub, "\(path).\(key)", &errors) }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in array.enumerated() { check(v, items, "\(path)[\(i)]", &errors) }
        }
    }
}
