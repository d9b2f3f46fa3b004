import Foundation
import Testing

@testable import DossierCore

/// Where the shared treebank lives (../shared from the package root), if present.
enum SyntaxSharedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static let ewtDev = root.appendingPathComponent("data/treebanks/ud_english_ewt/en_ewt-ud-dev.conllu")
    static var available: Bool { FileManager.default.fileExists(atPath: ewtDev.path) }
}

@Suite("Arc-hybrid transition system and dynamic oracle")
struct SyntaxTransitionTests {
    /// Heads, 1-based, 0 = root: small projective trees of our own.
    static let trees: [[Int]] = [
        [0],
        [2, 0],
        [0, 1],
        [2, 0, 2],
        [2, 4, 4, 0, 4, 7, 5, 4],
        [3, 3, 0, 5, 3, 3],
        [0, 1, 2, 3, 4, 5],
        [6, 6, 6, 6, 6, 0],
        [4, 4, 4, 0, 6, 4, 8, 6, 4],
    ]

    @Test(arguments: trees)
    func oracleReproducesProjectiveTree(_ heads: [Int]) {
        #expect(DependencyTree.isProjective(heads))
        #expect(ParserModel.oracleHeads(heads) == heads)
    }

    @Test func nonProjectiveTreeIsDetected() {
        // 1 -> 3 crosses 2 -> 4.
        #expect(!DependencyTree.isProjective([3, 4, 0, 3]))
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func oracleReproducesEveryProjectiveTreeOfEWTDev() throws {
        let sentences = CoNLLU.read(try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8))
        #expect(sentences.count > 1000)
        var checked = 0
        for s in sentences where s.isProjective {
            let gold = s.words.map(\.head)
            #expect(ParserModel.oracleHeads(gold) == gold, "\(s.comments.first ?? "")")
            checked += 1
        }
        #expect(checked > 1900)
    }
}

@Suite("CoNLL-U reader and writer")
struct SyntaxCoNLLUTests {
    static let sample = """
        # sent_id = a-1
        # text = They didn't go.
        1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_
        2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
        2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
        4\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
        4.1\tgone\t_\t_\t_\t_\t_\t_\t4:conj\t_
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

        # sent_id = a-2
        1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_


        """

    @Test func readsWordsAndKeepsOtherLines() {
        let s = CoNLLU.read(SyntaxCoNLLUTests.sample)
        #expect(s.count == 2)
        #expect(s[0].forms == ["They", "did", "n't", "go", "."])
        #expect(s[0].words[3].head == 0)
        #expect(s[0].words[2].deprel == "advmod")
        #expect(s[0].extra.count == 2)
        #expect(s[0].comments == ["# sent_id = a-1", "# text = They didn't go."])
    }

    @Test func roundTripIsExact() {
        let s = CoNLLU.read(SyntaxCoNLLUTests.sample)
        #expect(CoNLLU.write(s) == SyntaxCoNLLUTests.sample)
        #expect(CoNLLU.read(CoNLLU.write(s)) == s)
    }

    @Test(.enabled(if: SyntaxSharedData.available, "needs ../shared (UD English-EWT dev)"))
    func roundTripOfEWTDev() throws {
        let text = try String(contentsOf: SyntaxSharedData.ewtDev, encoding: .utf8)
        let s = CoNLLU.read(text)
        #expect(CoNLLU.write(s) == text)
    }
}

@Suite("Lemmatizer")
struct SyntaxLemmatizerTests {
    static let cases: [(String, String, UPOS, String)] = [
        ("said", "VBD", .verb, "say"), ("met", "VBD", .verb, "meet"), ("talks", "NNS", .noun, "talk"),
        ("talks", "VBZ", .verb, "talk"), ("was", "VBD", .aux, "be"), ("children", "NNS", .noun, "child"),
        ("stopped", "VBD", .verb, "stop"), ("tried", "VBD", .verb, "try"), ("agencies", "NNS", .noun, "agency"),
        ("taxes", "NNS", .noun, "tax"), ("making", "VBG", .verb, "make"), ("running", "VBG", .verb, "run"),
        ("better", "JJR", .adj, "good"), ("larger", "JJR", .adj, "large"), ("n't", "RB", .part, "not"),
        ("Americans", "NNPS", .propn, "American"), ("Miller", "NNP", .propn, "Miller"), ("him", "PRP", .pron, "he"),
        ("agreed", "VBD", .verb, "agree"), ("walked", "VBD", .verb, "walk"), ("announced", "VBN", .verb, "announce"),
        ("women", "NNS", .noun, "woman"), ("has", "VBZ", .aux, "have"), ("went", "VBD", .verb, "go"),
    ]

    @Test func tableLoadsAndLemmatizes() throws {
        let l = try Lemmatizer.bundled()
        #expect(l.count > 500)
        for (form, xpos, upos, lemma) in SyntaxLemmatizerTests.cases {
            #expect(l.lemma(form, xpos: xpos, upos: upos) == lemma, "\(form)/\(xpos)")
        }
    }

    @Test func aVocabularyPicksTheKnownSpellingOfARegularVerb() throws {
        let l = try Lemmatizer.bundled()
        let vocabulary = try WordClusters(
            parsing: "# clusters 2\naccuse\t0\nexpel\t1\ncall\t0\nhope\t1\nhop\t0\n", name: "test")
        #expect(l.lemma("accused", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "accuse")
        #expect(l.lemma("accusing", xpos: "VBG", upos: .verb, vocabulary: vocabulary) == "accuse")
        #expect(l.lemma("expelled", xpos: "VBN", upos: .verb, vocabulary: vocabulary) == "expel")
        #expect(l.lemma("called", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "call")
        // No spelling known: the rule's stem stays.
        #expect(l.lemma("blicked", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "blick")
        #expect(l.lemma("invaded", xpos: "VBD", upos: .verb, vocabulary: vocabulary) == "invade")
    }
}
