/// The temporal tagger's rules and word lists, read from `Resources/time`.
///
/// A rule line is `id TYPE pattern => value` (docs/time.md): the pattern is a sequence of elements separated by
/// spaces, each a literal word, a word class `@class`, a built-in shape `#name`, or alternatives of these joined by
/// `|`; `name:` captures, `?` makes an element optional, `^` requires a capital, `{...}` marks context that must
/// match but stays outside the extent.
public struct TimeRuleSet: Sendable {
    public let lexicon: TimeLexicon
    public let rules: [TimeRule]

    /// Parses a rule file against a lexicon; fails with ``DossierError/Code/resource`` naming the line.
    public init(rules text: String, lexicon: TimeLexicon, name: String = "rules.txt") throws(DossierError) {
        self.lexicon = lexicon
        var rules: [TimeRule] = []
        var line = 0
        var ids = Set<String>()
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            switch TimeRuleSet.parseRule(trimmed, line: line, lexicon: lexicon) {
            case .success(let r):
                guard ids.insert(r.id).inserted else {
                    throw DossierError(.resource, "duplicate rule id '\(r.id)'", input: "time/\(name)", line: line)
                }
                rules.append(r)
            case .failure(let e):
                throw DossierError(.resource, e.message, input: "time/\(name)", line: line)
            }
        }
        self.rules = rules
    }

    /// The engine's rules and word lists.
    public static func standard() throws(DossierError) -> TimeRuleSet {
        try TimeRuleSet(rules: TimeResources.contents("rules.txt"), lexicon: TimeLexicon.standard())
    }

    static func parseRule(_ line: Substring, line number: Int, lexicon: TimeLexicon) -> Result<TimeRule, TimeRuleError>
    {
        let halves = line.split(separator: "=>", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else { return .failure(TimeRuleError("a rule needs '=> value'")) }
        let fields = halves[0].split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 3 else { return .failure(TimeRuleError("a rule is 'id TYPE pattern => value'")) }
        let id = String(fields[0])
        let type = TimexType(rawValue: String(fields[1]))
        guard type != nil || fields[1] == "NONE" else {
            return .failure(TimeRuleError("unknown type '\(fields[1])' (DATE, TIME, DURATION, SET, NONE)"))
        }
        var elements: [TimeRule.Element] = []
        var captureNames: [String] = []
        var leading = 0
        var trailing = 0
        var seenCore = false
        for f in fields.dropFirst(2) {
            var s = f
            var context = false
            if s.hasPrefix("{") && s.hasSuffix("}") && s.count > 2 {
                context = true
                s = s.dropFirst().dropLast()
            }
            var optional = false
            var capitalized = false
            while let last = s.last, last == "?" || last == "^", s.count > 1 {
                if last == "?" { optional = true } else { capitalized = true }
                s = s.dropLast()
            }
            var capture: Int?
            if let colon = s.firstIndex(of: ":"), colon != s.startIndex, s.index(after: colon) != s.endIndex,
                s[s.startIndex..<colon].allSatisfy({ $0.isLetter || $0.isNumber })
            {
                let name = String(s[s.startIndex..<colon])
                if captureNames.contains(name) { return .failure(TimeRuleError("capture '\(name)' is named twice")) }
                captureNames.append(name)
                capture = captureNames.count - 1
                s = s[s.index(after: colon)...]
            }
            var atoms: [TimeRule.Atom] = []
            for alt in s.split(separator: "|") {
                if alt.hasPrefix("@") && alt.count > 1 {
                    guard let c = lexicon.classID(alt.dropFirst()) else {
                        return .failure(TimeRuleError("unknown word class '\(alt)'"))
                    }
                    atoms.append(.wordClass(c))
                } else if alt.hasPrefix("#") && alt.count > 1 {
                    guard let b = TimeBuiltin(name: alt.dropFirst()) else {
                        return .failure(TimeRuleError("unknown built-in '\(alt)'"))
                    }
                    atoms.append(.builtin(b))
                } else {
                    atoms.append(.literal(StableHash.hash(alt.lowercased())))
                }
            }
            if atoms.isEmpty { return .failure(TimeRuleError("empty element")) }
            if capture != nil, atoms.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
                return .failure(TimeRuleError("a capture of literal words has no value: capture a @class or #shape"))
            }
            if context {
                if seenCore { trailing += 1 } else { leading += 1 }
            } else {
                if trailing > 0 {
                    return .failure(TimeRuleError("context '{...}' only at the start or the end of a pattern"))
                }
                seenCore = true
            }
            elements.append(.init(atoms: atoms, optional: optional, capitalized: capitalized, capture: capture))
        }
        guard seenCore else { return .failure(TimeRuleError("a pattern needs an element outside '{...}'")) }
        let value: TimeValueExpression
        switch TimeValueExpression.parse(halves[1], captures: captureNames) {
        case .success(let v): value = v
        case .failure(let e): return .failure(e)
        }
        var first: [TimeRule.Atom] = []
        for e in elements {
            first.append(contentsOf: e.atoms)
            if !e.optional { break }
        }
        return .success(
            TimeRule(
                id: id, type: type, elements: elements, leadingContext: leading, trailingContext: trailing,
                captureNames: captureNames, value: value, firstAtoms: first, line: number))
    }
}
