import Foundation
import Testing

@testable import DossierCore

@Suite("Word-cluster file forms")
struct LearningClusterFileTests {
    /// A table with what the binary form must keep: shared prefixes, a word of more than 127 bytes (two-byte
    /// lengths), non-ASCII words, a word given twice (its last ids count), ids at the top of each level.
    static let text: String = {
        let long = String(repeating: "x", count: 300)
        return """
            # clusters 4 256 2048
            # A note that the binary form keeps.
            the\t1\t200\t2047
            them\t2\t17\t5
            theme\t3\t255\t0
            \(long)\t0\t1\t1024
            Zürich\t1\t9\t777
            Köln\t2\t8\t6
            them\t0\t16\t4
            ,\t3\t0\t2

            """
    }()

    static func lookups(_ c: WordClusters, _ words: [String]) -> [[Int]] {
        words.map { w in (0..<c.sizes.count).map { c.id(StableHash.hash(w), level: $0) } }
    }

    @Test func binaryFormReadsAsTheText() throws {
        let fromText = try WordClusters(parsing: Self.text, name: "t.tsv")
        let bytes = try WordClusters.binaryForm(ofText: Self.text, name: "t.bin")
        let fromBinary = try WordClusters(fileBytes: bytes, name: "t.bin")
        let words = ["the", "them", "theme", String(repeating: "x", count: 300), "Zürich", "Köln", ",", "then"]
        #expect(fromBinary.sizes == [4, 256, 2048])
        #expect(fromBinary.count == 7)
        #expect(Self.lookups(fromBinary, words) == Self.lookups(fromText, words))
        // The last line of a repeated word wins, an unknown word has no ids.
        #expect(Self.lookups(fromBinary, ["them", "then"]) == [[0, 16, 4], [-1, -1, -1]])
        #expect(try ModelFile(decoding: bytes, name: "t.bin")["note"] == "# A note that the binary form keeps.")
        // Text bytes are read as text by the same initializer.
        let viaBytes = try WordClusters(fileBytes: Array(Self.text.utf8), name: "t.tsv")
        #expect(Self.lookups(viaBytes, words) == Self.lookups(fromText, words))
    }

    @Test func damagedBinaryFormIsAnErrorNotACrash() throws {
        let bytes = try WordClusters.binaryForm(ofText: Self.text, name: "t.bin")
        for cut in [bytes.count - 1, bytes.count - 40, bytes.count / 2, 30] {
            #expect(throws: DossierError.self) { try WordClusters(fileBytes: Array(bytes[..<cut]), name: "cut.bin") }
        }
        // A word count far beyond the file's size (the u32 after the level header).
        var huge = try ModelFile(decoding: bytes, name: "t.bin")
        for k in 4..<8 { huge.payload[k] = 0xff }
        #expect(throws: DossierError.self) { try WordClusters(fileBytes: huge.encoded(), name: "huge.bin") }
        var other = try ModelFile(decoding: bytes, name: "t.bin")
        other.kind = "dossier.something-else"
        #expect(throws: DossierError.self) { try WordClusters(fileBytes: other.encoded(), name: "kind.bin") }
        #expect(throws: DossierError.self) {
            try WordClusters.binaryForm(ofText: "# clusters 2 4\nword\t1\n", name: "short.tsv")
        }
    }

    /// The bundled binary tables are the committed text tables re-encoded: spot checks of frequent words.
    @Test func bundledTablesKnowCommonWords() throws {
        let clusters = try SyntaxTables.bundledClusters()
        #expect(clusters.sizes == [64, 256, 1024])
        #expect(clusters.count > 40000)
        let (nerClusters, _, casing) = try NERModel.bundledResources()
        #expect(nerClusters.sizes == [64, 256, 1024, 2048])
        #expect(casing.sizes == [5])
        for w in ["the", "said", "Germany", "minister"] {
            #expect(clusters.id(StableHash.hash(w), level: 2) >= 0)
            #expect(nerClusters.id(StableHash.hash(w), level: 3) >= 0)
        }
        // "monday" is nearly always capitalized in running text, "minister" mostly not.
        #expect(casing.id(StableHash.hash("monday"), level: 0) == 4)
        #expect(casing.id(StableHash.hash("minister"), level: 0) < 4)
    }
}
