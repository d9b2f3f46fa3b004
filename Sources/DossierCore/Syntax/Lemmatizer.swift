/// English lemmas from a word, its Penn tag and its universal tag: an exception table of the project's own
/// (`Resources/syntax/lemmas.tsv`: irregular verbs, nouns and comparatives, pronouns, clitics) and suffix rules
/// for regular inflection (`-ies` -> `-y`, `-ed`/`-ing` with consonant undoubling, `-er`/`-est`).
///
/// Proper nouns keep their case; other words are lowercased.
public struct Lemmatizer: Sendable {
    /// "class\tform" -> lemma.
    let table: [String: String]

    public init(parsing text: String, name: String) throws(DossierError) {
        var t: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3 else {
                throw DossierError(.resource, "lemma line does not have 3 fields: \(line)", input: name)
            }
            t["\(f[0])\t\(f[1])"] = String(f[2])
        }
        table = t
    }

    /// The bundled table.
    public static func bundled() throws(DossierError) -> Lemmatizer {
        try Lemmatizer(parsing: try NERModel.resourceText("syntax", "lemmas.tsv"), name: "lemmas.tsv")
    }

    /// The number of exceptions.
    public var count: Int { table.count }

    /// The tag class of a Penn tag (the table's first column).
    static func tagClass(_ xpos: String, _ upos: UPOS) -> String {
        if xpos.hasPrefix("VB") || xpos == "MD" || upos == .verb || upos == .aux { return "V" }
        if xpos == "NNS" || xpos == "NNPS" { return "N" }
        if xpos.hasPrefix("JJ") || xpos.hasPrefix("RB") { return "A" }
        if xpos == "PRP" { return "P" }
        return "-"
    }

    /// The lemma of `form` tagged `xpos` / `upos`. With a `vocabulary` (the words of the word clusters), a
    /// regular verb whose rule-made stem is not a known word gets the spelling that is: `accused` -> `accuse`
    /// rather than `accus`, `expelled` -> `expel` rather than `expell`.
    public func lemma(_ form: String, xpos: String, upos: UPOS, vocabulary: WordClusters? = nil) -> String {
        let lower = form.lowercased()
        let cls = Lemmatizer.tagClass(xpos, upos)
        if let l = table["\(cls)\t\(lower)"] { return keepCase(l, form, upos) }
        if let l = table["*\t\(lower)"] { return l }
        if upos == .propn && xpos != "NNPS" { return form }
        if upos == .pron && (lower == "i") { return "I" }
        switch xpos {
        case "NNS", "NNPS":
            return keepCase(Lemmatizer.singular(lower), form, upos)
        case "VBZ":
            return Lemmatizer.verbS(lower)
        case "VBD", "VBN":
            return Lemmatizer.knownStem(lower, "ed", Lemmatizer.verbSuffix(lower, "ed", table: table), vocabulary)
        case "VBG":
            return Lemmatizer.knownStem(lower, "ing", Lemmatizer.verbSuffix(lower, "ing", table: table), vocabulary)
        case "JJR", "RBR":
            return Lemmatizer.degree(lower, "er")
        case "JJS", "RBS":
            return Lemmatizer.degree(lower, "est")
        default:
            return lower
        }
    }

    func keepCase(_ lemma: String, _ form: String, _ upos: UPOS) -> String {
        guard upos == .propn, let f = form.first, f.isUppercase, let l = lemma.first else { return lemma }
        return String(l).uppercased() + lemma.dropFirst()
    }

    static func isVowel(_ c: Character) -> Bool { "aeiou".contains(c) }

    static func singular(_ w: String) -> String {
        if w.count <= 3 || !w.hasSuffix("s") || w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        if w.hasSuffix("ies") && w.count > 4 { return String(w.dropLast(3)) + "y" }
        for e in ["sses", "shes", "ches", "xes", "zzes"] where w.hasSuffix(e) { return String(w.dropLast(2)) }
        return String(w.dropLast())
    }

    static func verbS(_ w: String) -> String {
        if w.count <= 2 || !w.hasSuffix("s") || w.hasSuffix("ss") { return w }
        if w.hasSuffix("ies") && w.count > 4 { return String(w.dropLast(3)) + "y" }
        for e in ["sses", "shes", "ches", "xes", "zzes", "oes"] where w.hasSuffix(e) { return String(w.dropLast(2)) }
        return String(w.dropLast())
    }

    /// The rule's stem `ruled` of `w` (which ends in `suffix`) if the vocabulary knows it or there is no
    /// vocabulary; else the first known of the other spellings (with a silent e, as cut, with a doubled consonant
    /// undoubled); else `ruled`.
    static func knownStem(_ w: String, _ suffix: String, _ ruled: String, _ vocabulary: WordClusters?) -> String {
        guard let vocabulary, w.hasSuffix(suffix), w.count > suffix.count + 2 else { return ruled }
        func known(_ word: String) -> Bool { vocabulary.row(StableHash.hash(word)) >= 0 }
        if known(ruled) { return ruled }
        let stem = String(w.dropLast(suffix.count))
        var candidates = [stem + "e", stem]
        // Undoubled, but not s, z, f (`hissed` is not `his`; `travelled`, `expelled` do undouble here).
        if let last = stem.last, stem.dropLast().last == last, !"szf".contains(last) {
            candidates.append(String(stem.dropLast()))
        }
        for c in candidates where c != ruled && known(c) { return c }
        return ruled
    }

    /// `-ed` / `-ing`: `tried` -> `try`, `stopped` -> `stop`, `agreed` -> `agree`, `hoped` -> `hope`.
    static func verbSuffix(_ w: String, _ suffix: String, table: [String: String]) -> String {
        guard w.hasSuffix(suffix), w.count > suffix.count + 1 else { return w }
        let stem = String(w.dropLast(suffix.count))
        // `died`, `tied`, `lied`: a two-letter stem in -i takes an e.
        if suffix == "ed" && stem.hasSuffix("i") && stem.count == 2 { return stem + "e" }
        if suffix == "ed" && stem.hasSuffix("i") && stem.count > 2 { return String(stem.dropLast()) + "y" }
        if suffix == "ed" && stem.hasSuffix("e") { return stem }
        let chars = Array(stem)
        let n = chars.count
        // A doubled final consonant (not l, s, z, f: `called`, `passed`, `buzzed`, `staffed`).
        if n >= 3 && chars[n - 1] == chars[n - 2] && !isVowel(chars[n - 1]) && !"lszf".contains(chars[n - 1]) {
            return String(stem.dropLast())
        }
        // A silent e after consonant-vowel-consonant with a soft ending (`hoped`, `making`) is left to the table;
        // these endings almost always take it.
        for e in [
            "at", "iz", "is", "ur", "ut", "uc", "ik", "ak", "ok", "iv", "av", "ev", "ov", "ag", "ud", "id", "od", "ir",
            "ar", "or", "yz", "ys", "ad",
        ] {
            if stem.hasSuffix(e) && n >= 3 && !isVowel(chars[n - 3]) {
                let candidate = stem + "e"
                if e == "ar" || e == "or" || e == "ur" {
                    return stem.hasSuffix("ear") || stem.hasSuffix("oor") ? stem : candidate
                }
                return candidate
            }
        }
        if stem.hasSuffix("c") || stem.hasSuffix("v") || stem.hasSuffix("dg") || stem.hasSuffix("rg") {
            return stem + "e"
        }
        // Endings no English verb has without a silent e: a consonant before l (`smuggled`, `giggling`), n, r,
        // l or p before s (`rinsed`, `nursed`, `pulsed`, `collapsed`), -uir (`inquired`), -creat (`recreating`),
        // -chang and -rang (`changing`, `ranging`; not `hanging`), -om and -os after a consonant (`coming`,
        // `losing`, `proposed`).
        if let l = chars.last, n >= 3 {
            let p = chars[n - 2]
            if l == "l" && "bcdfgkptz".contains(p) { return stem + "e" }
            if l == "s" && "nrlp".contains(p) { return stem + "e" }
        }
        for e in ["uir", "creat", "chang", "rang"] where stem.hasSuffix(e) { return stem + "e" }
        if n >= 3 && !isVowel(chars[n - 3]) && (stem.hasSuffix("om") || stem.hasSuffix("os")) { return stem + "e" }
        if suffix == "ing" && table["V\t\(stem)ed"] != nil { return table["V\t\(stem)ed"] ?? stem }
        return stem
    }

    static func degree(_ w: String, _ suffix: String) -> String {
        guard w.hasSuffix(suffix), w.count > suffix.count + 2 else { return w }
        let stem = String(w.dropLast(suffix.count))
        if stem.hasSuffix("i") { return String(stem.dropLast()) + "y" }
        let chars = Array(stem)
        let n = chars.count
        if n >= 3 && chars[n - 1] == chars[n - 2] && !isVowel(chars[n - 1]) && !"lsz".contains(chars[n - 1]) {
            return String(stem.dropLast())
        }
        if [
            "larg", "wid", "lat", "saf", "clos", "nic", "los", "fin", "simpl", "abl", "brav", "rar", "strang", "whit",
            "wis", "sever",
        ].contains(stem) {
            return stem + "e"
        }
        return stem
    }
}
