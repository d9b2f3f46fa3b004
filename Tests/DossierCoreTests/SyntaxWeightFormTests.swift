import Foundation
import Testing

@testable import DossierCore

/// The file forms of the tagger's and parser's weights (`SparseWeights`): the packed form round-trips exactly,
/// the plain (first) form still loads, and the bundled models read the same in both.
@Suite("Syntax weight file forms")
struct SyntaxWeightFormTests {
    /// Rows of our own making with the edge cases of the packed form: keys at both ends of 32 bits and far
    /// apart (escaped Rice codes), the first and last class, full rows, the extreme 16-bit weights.
    static func sampleRows(classes c: Int) -> SparseRows {
        var s = SparseRows(classes: c, scale: 0.000_123_4)
        var rng = SplitMix64(seed: 7)
        var keys: Set<UInt32> = [0, 1, 0xffff_ffff, 0x8000_0000]
        while keys.count < 600 { keys.insert(UInt32(truncatingIfNeeded: rng.next())) }
        for (i, key) in keys.enumerated() {
            let n = i % 50 == 0 ? c : 1 + Int(rng.next() % UInt64(min(c, 4)))
            var classes = Set<Int>()
            if i % 7 == 0 { classes.insert(c - 1) }
            while classes.count < n { classes.insert(Int(rng.next() % UInt64(c))) }
            for k in classes.sorted() {
                var q = Int16(truncatingIfNeeded: Int64(rng.next() % 4000) - 2000)
                if q == 0 { q = 1 }
                if i == 3 { q = k % 2 == 0 ? Int16.max : Int16.min }
                if i == 4 { q = -1 }
                s.classIDs.append(UInt8(k))
                s.weights.append(q)
            }
            s.closeRow(key)
        }
        return s
    }

    @Test(arguments: [1, 3, 51, 103, 255])
    func packedFormRoundTrips(_ classes: Int) throws {
        let rows = SyntaxWeightFormTests.sampleRows(classes: classes)
        for form in [SparseWeights.Form.packed, .plain] where form == .packed || classes < 256 {
            var w = ByteWriter()
            SparseWeights.write(rows, form: form, into: &w)
            var r = ByteReader(w.bytes, name: "rows")
            let scorer = try SparseWeights.decodeScorer(&r)
            #expect(r.atEnd)
            #expect(scorer.classes == classes)
            #expect(scorer.scale == rows.scale)
            #expect(SparseRows(scorer).sortedByKey() == rows.sortedByKey(), "\(form)")
        }
        // Any share of head rows reads back the same weights, and the scorer writes the same bytes again (its
        // rows come out in the order the head and the tiers put them).
        for head in [0, 1, 4, 16] {
            var w = ByteWriter()
            SparseWeights.write(rows, form: .packed, head: head, into: &w)
            var r = ByteReader(w.bytes, name: "rows")
            let scorer = try SparseWeights.decodeScorer(&r)
            #expect(SparseRows(scorer).sortedByKey() == rows.sortedByKey(), "head \(head)")
            if head == 1 { #expect(SparseRows(scorer) == rows, "all rows in the head keep their order") }
            var again = ByteWriter()
            SparseWeights.write(SparseRows(scorer), form: .packed, head: head, into: &again)
            #expect(again.bytes == w.bytes, "head \(head)")
        }
        var packed = ByteWriter()
        SparseWeights.write(rows, form: .packed, into: &packed)
        var plain = ByteWriter()
        SparseWeights.write(rows, form: .plain, into: &plain)
        #expect(packed.bytes.count < plain.bytes.count)
    }

    @Test("weights rounded to a coarser step: on the grid, fewer bytes, the same rows back, idempotent")
    func coarsenedWeightsRoundTripInUnits() throws {
        let rows = SyntaxWeightFormTests.sampleRows(classes: 51)
        let coarse = rows.coarsened(step: 64)
        #expect(rows.coarsened(step: 1) == rows)
        #expect(coarse.coarsened(step: 64) == coarse, "rounding again changes nothing")
        #expect(coarse.scale == rows.scale)
        #expect(coarse.weights.allSatisfy { $0 != 0 && Int($0) % 64 == 0 })
        // Weights under half a step are dropped, the others move by at most half a step (the extremes to the
        // largest multiple of the step in 16 bits).
        #expect(coarse.weights.count < rows.weights.count)
        #expect(coarse.weights.allSatisfy { Int($0.magnitude) <= Int(Int16.max) / 64 * 64 })
        #expect(coarse.weights.contains { Int($0.magnitude) == Int(Int16.max) / 64 * 64 })
        var i = 0
        for r in 0..<rows.count {
            for j in rows.starts[r]..<rows.starts[r + 1] where abs(Int(rows.weights[j])) >= 32 {
                let q = Int(rows.weights[j])
                #expect(coarse.classIDs[i] == rows.classIDs[j])
                #expect(abs(Int(coarse.weights[i]) - q) <= 32 || abs(q) > Int(Int16.max) / 64 * 64)
                i += 1
            }
        }
        #expect(i == coarse.weights.count)
        var fine = ByteWriter()
        SparseWeights.write(rows, form: .packed, into: &fine)
        var w = ByteWriter()
        SparseWeights.write(coarse, form: .packed, into: &w)
        #expect(w.bytes[4] == SparseWeights.packedUnitForm)
        #expect(fine.bytes[4] == SparseWeights.packedForm)
        #expect(w.bytes.count < fine.bytes.count)
        var r = ByteReader(w.bytes, name: "coarse")
        let scorer = try SparseWeights.decodeScorer(&r)
        #expect(r.atEnd)
        #expect(SparseRows(scorer).sortedByKey() == coarse.sortedByKey())
        var again = ByteWriter()
        SparseWeights.write(SparseRows(scorer), form: .packed, into: &again)
        #expect(again.bytes == w.bytes)
    }

    @Test("pruning with a step: an exact cut for weights off the grid, the cut rounded down for weights on it")
    func pruningCutWithAStep() throws {
        let rows = SyntaxWeightFormTests.sampleRows(classes: 51)
        func scorer(_ r: SparseRows) throws -> CompactScorer {
            var w = ByteWriter()
            SparseWeights.write(r, form: .packed, into: &w)
            var reader = ByteReader(w.bytes, name: "rows")
            return try SparseWeights.decodeScorer(&reader)
        }
        let prune: Float = 1000 / 32767
        let fine = try scorer(rows)
        #expect(!fine.entriesOnGrid(64))
        let pruned = SparseRows(fine, prune: prune, step: 64)
        #expect(pruned.weights.allSatisfy { Int($0.magnitude) >= 1000 }, "the exact cut, not 960")
        #expect(rows.weights.contains { (960..<1000).contains(Int($0.magnitude)) }, "the sample has such weights")
        let coarse = pruned.coarsened(step: 64)
        let grid = try scorer(coarse)
        #expect(grid.entriesOnGrid(64))
        #expect(SparseRows(grid, prune: prune, step: 64).sortedByKey() == coarse.sortedByKey(), "nothing more dropped")
    }

    @Test func emptyWeightsRoundTrip() throws {
        var w = ByteWriter()
        SparseWeights.write(SparseRows(classes: 51, scale: 1), form: .packed, into: &w)
        var r = ByteReader(w.bytes, name: "empty")
        let scorer = try SparseWeights.decodeScorer(&r)
        #expect(scorer.classes == 51)
        #expect(scorer.keys.isEmpty)
    }

    @Test func malformedPackedWeightsAreRejected() {
        var w = ByteWriter()
        SparseWeights.write(SyntaxWeightFormTests.sampleRows(classes: 17), form: .packed, into: &w)
        // Cut short inside the bit stream (the byte count in front says more).
        var short = ByteReader(Array(w.bytes.dropLast(40)), name: "short")
        #expect(throws: DossierError.self) { try SparseWeights.decodeScorer(&short) }
        // A stream whose bytes run out before its rows: the byte count shrunk with it.
        var bytes = w.bytes
        let header = 4 + 1 + 16 + 4 + 2 + 6 + 36 + 17
        let n = 100
        bytes.replaceSubrange(header..<(header + 4), with: [UInt8(n), 0, 0, 0])
        var cut = ByteReader(Array(bytes[..<(header + 4 + n)]), name: "cut")
        #expect(throws: DossierError.self) { try SparseWeights.decodeScorer(&cut) }
        // An unknown form.
        var other = w.bytes
        other[4] = 9
        var unknown = ByteReader(other, name: "form")
        #expect(throws: DossierError.self) { try SparseWeights.decodeScorer(&unknown) }
    }

    @Test("corrupted packed weights are rejected or read, never a crash")
    func corruptedPackedWeights() {
        var w = ByteWriter()
        SparseWeights.write(SyntaxWeightFormTests.sampleRows(classes: 23), form: .packed, into: &w)
        var rng = SplitMix64(seed: 11)
        var rejected = 0
        for _ in 0..<300 {
            var bytes = w.bytes
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] ^= UInt8(truncatingIfNeeded: 1 + rng.next() % 255)
            }
            if rng.next() % 3 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count))) }
            var r = ByteReader(bytes, name: "corrupt")
            do {
                let scorer = try SparseWeights.decodeScorer(&r)
                #expect(scorer.classes > 0)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 0)
    }

    /// The rows of every scorer of a model, in the order of the scorer's memory, with their scale.
    static func weights(ofTagger m: POSModel) -> [SparseRows] {
        [SparseRows(m.scorer)] + (m.second.map { [SparseRows($0.scorer)] } ?? [])
    }

    static func weights(ofParser m: ParserModel) -> [SparseRows] {
        [SparseRows(m.actionScorer), SparseRows(m.labelScorer)]
    }

    @Test("the bundled models in the plain form read as the same weights and tag and parse the same")
    func bundledModelsReadTheSameInBothForms() throws {
        let clusters = try SyntaxTables.bundledClusters()
        let posBytes = try NERModel.resourceBytes("models", "pos.model")
        let tagger = try POSModel(decoding: posBytes, name: "pos.model", clusters: clusters)
        #expect(tagger.encoded() == posBytes, "the bundled tagger is in the packed form and writes itself again")
        let plainTagger = try POSModel(decoding: tagger.encoded(form: .plain), name: "plain", clusters: clusters)
        #expect(SyntaxWeightFormTests.weights(ofTagger: plainTagger) == SyntaxWeightFormTests.weights(ofTagger: tagger))
        #expect(plainTagger.encoded() == posBytes, "plain form read back and packed again")

        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: clusters)
        let tags = tagger.tag(corpus.document, corpus.tables)
        #expect(plainTagger.tag(corpus.document, corpus.tables) == tags)
        let hashes = tagger.tagHashes(tags)
        for name in ["parser.model", "parser-beam.model"] {
            let bytes = try NERModel.resourceBytes("models", name)
            let parser = try ParserModel(decoding: bytes, name: name)
            #expect(parser.encoded() == bytes, "\(name) is in the packed form and writes itself again")
            let plain = try ParserModel(decoding: parser.encoded(form: .plain), name: "plain")
            #expect(SyntaxWeightFormTests.weights(ofParser: plain) == SyntaxWeightFormTests.weights(ofParser: parser))
            #expect(plain.encoded() == bytes, "\(name): plain form read back and packed again")
            let a = parser.parse(corpus.tables, tags: hashes, sentences: corpus.ranges)
            let b = plain.parse(corpus.tables, tags: hashes, sentences: corpus.ranges)
            #expect(a.heads == b.heads)
            #expect(a.labels == b.labels)
        }
    }

    @Test("a model written in the plain form loads and scores exactly as its packed form")
    func plainFormModelsStillLoad() throws {
        let corpus = SyntaxCorpus(CoNLLU.read(SyntaxModelTests.treebank), clusters: nil)
        var trainer = POSTrainer()
        trainer.epochs = 3
        let model = trainer.train(corpus, dev: nil, clusters: nil) { _ in }
        let plain = try POSModel(decoding: model.encoded(form: .plain), name: "plain", clusters: nil)
        let packed = try POSModel(decoding: model.encoded(), name: "packed", clusters: nil)
        #expect(
            SyntaxWeightFormTests.weights(ofTagger: plain).map { $0.sortedByKey() }
                == SyntaxWeightFormTests.weights(ofTagger: packed).map { $0.sortedByKey() })
        #expect(plain.tag(corpus.document, corpus.tables) == model.tag(corpus.document, corpus.tables))
        #expect(packed.encoded() == model.encoded())
        #expect(plain.encoded() == model.encoded())

        let tags = corpus.goldTags.map { StableHash.hash($0) }
        var pt = ParserTrainer()
        pt.epochs = 4
        pt.labelled = true
        pt.prune = 0
        let parser = pt.train(corpus, tags: tags, dev: nil, devTags: nil) { _ in }
        let p1 = try ParserModel(decoding: parser.encoded(form: .plain), name: "plain")
        let p2 = try ParserModel(decoding: parser.encoded(), name: "packed")
        #expect(
            SyntaxWeightFormTests.weights(ofParser: p1).map { $0.sortedByKey() }
                == SyntaxWeightFormTests.weights(ofParser: p2).map { $0.sortedByKey() })
        let a = p1.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        let b = p2.parse(corpus.tables, tags: tags, sentences: corpus.ranges)
        #expect(a.heads == b.heads)
        #expect(a.labels == b.labels)
        #expect(p1.encoded() == p2.encoded())
    }
}

@Suite("Bundled model budget")
struct ModelBudgetTests {
    /// All bundled models, tables and their cards together stay under 25 MB, and every model file has a card.
    @Test func bundledModelsFitTheBudget() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/DossierCore/Resources/models")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        var total = 0
        for name in names {
            let size = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.size]
            total += (size as? Int) ?? 0
        }
        #expect(total > 0 && total < 25_000_000, "\(total) bytes")
        for name in names where name.hasSuffix(".model") {
            let card = String(name.dropLast(".model".count)) + ".md"
            #expect(names.contains(card), "\(name) has no model card")
        }
        #expect(names.contains("parser-arc-eager.model") && !names.contains("parser-beam-st.model"))
    }
}
