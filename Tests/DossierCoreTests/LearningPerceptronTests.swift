import Testing

@testable import DossierCore

@Suite("AveragedPerceptron")
struct LearningPerceptronTests {
    /// A synthetic task: the class is the value of one of three "word" features, the others are noise.
    static func dataset(_ n: Int, seed: UInt64) -> [([UInt64], Int)] {
        var rng = SplitMix64(seed: seed)
        var out: [([UInt64], Int)] = []
        for _ in 0..<n {
            let label = rng.below(3)
            let noise = UInt64(rng.below(50))
            out.append(([StableHash.combine(1, UInt64(label)), StableHash.combine(2, noise), 0x99], label))
        }
        return out
    }

    static func train(seed: UInt64) -> AveragedPerceptron {
        var p = AveragedPerceptron(classes: 3)
        var data = dataset(300, seed: 7)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<5 {
            rng.shuffle(&data)
            for (fs, y) in data {
                var scores = [Float](repeating: 0, count: 3)
                fs.withUnsafeBufferPointer { f in
                    scores.withUnsafeMutableBufferPointer { p.score(f, into: $0) }
                }
                let guess = scores.withUnsafeBufferPointer { AveragedPerceptron.best($0) { _ in true } }
                p.tick()
                fs.withUnsafeBufferPointer { p.update($0, truth: y, guess: guess) }
            }
        }
        p.finish()
        return p
    }

    static func predict(_ p: AveragedPerceptron, _ fs: [UInt64]) -> Int {
        var scores = [Float](repeating: 0, count: p.classes)
        fs.withUnsafeBufferPointer { f in scores.withUnsafeMutableBufferPointer { p.score(f, into: $0) } }
        return scores.withUnsafeBufferPointer { AveragedPerceptron.best($0) { _ in true } }
    }

    @Test func learnsASyntheticTaskPerfectly() {
        let p = Self.train(seed: 42)
        for (fs, y) in Self.dataset(200, seed: 99) { #expect(Self.predict(p, fs) == y) }
    }

    @Test func sameSeedGivesTheSameWeights() {
        let a = Self.train(seed: 42)
        let b = Self.train(seed: 42)
        var wa = ByteWriter()
        var wb = ByteWriter()
        a.encode(into: &wa)
        b.encode(into: &wb)
        #expect(wa.bytes == wb.bytes)
        #expect(a.weights(of: StableHash.combine(1, 2)) == b.weights(of: StableHash.combine(1, 2)))
    }

    @Test func encodesAndDecodes() throws {
        let p = Self.train(seed: 3)
        var w = ByteWriter()
        p.encode(into: &w)
        var r = ByteReader(w.bytes, name: "test")
        let q = try AveragedPerceptron.decode(&r)
        #expect(q.featureCount == p.featureCount)
        for (fs, _) in Self.dataset(50, seed: 5) { #expect(Self.predict(q, fs) == Self.predict(p, fs)) }
    }

    @Test("the sparse form reads back as the dense form does: same features, same weights")
    func sparseFormMatchesTheDenseForm() throws {
        let p = Self.train(seed: 3)
        var dense = ByteWriter()
        p.encode(into: &dense)
        var sparse = ByteWriter()
        p.encodeSparse(into: &sparse)
        var rd = ByteReader(dense.bytes, name: "dense")
        var rs = ByteReader(sparse.bytes, name: "sparse")
        let a = try AveragedPerceptron.decode(&rd)
        let b = try AveragedPerceptron.decode(&rs)
        #expect(rs.atEnd)
        #expect(a.featureCount == b.featureCount)
        for (feature, _) in a.table.pairs() { #expect(a.weights(of: feature) == b.weights(of: feature)) }
        for (fs, _) in Self.dataset(50, seed: 5) { #expect(Self.predict(b, fs) == Self.predict(p, fs)) }
        // Written again, the same bytes; cut short or with a bit flipped, an error or a model, never a crash.
        var again = ByteWriter()
        b.encodeSparse(into: &again)
        #expect(again.bytes == sparse.bytes)
        var short = ByteReader(Array(sparse.bytes.dropLast(3)), name: "short")
        #expect(throws: DossierError.self) { try AveragedPerceptron.decode(&short) }
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var bytes = sparse.bytes
            let i = Int(rng.next() % UInt64(bytes.count))
            bytes[i] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
            var r = ByteReader(bytes, name: "flipped")
            _ = try? AveragedPerceptron.decode(&r)
        }
    }

    @Test func meanOfModelsAveragesTheirWeights() throws {
        let a = Self.train(seed: 1)
        let b = Self.train(seed: 2)
        let m = try #require(AveragedPerceptron.mean([a, b]))
        let f = StableHash.combine(1, 2)
        let wa = a.weights(of: f) ?? [0, 0, 0]
        let wb = b.weights(of: f) ?? [0, 0, 0]
        let wm = try #require(m.weights(of: f))
        for k in 0..<3 { #expect(abs(wm[k] - (wa[k] + wb[k]) / 2) < 1e-5) }
        #expect(m.featureCount >= max(a.featureCount, b.featureCount))
        for (fs, y) in Self.dataset(100, seed: 99) { #expect(Self.predict(m, fs) == y) }
        // Deterministic, and a single model is its own mean.
        var w1 = ByteWriter()
        var w2 = ByteWriter()
        AveragedPerceptron.mean([a, b])?.encode(into: &w1)
        m.encode(into: &w2)
        #expect(w1.bytes == w2.bytes)
        #expect(AveragedPerceptron.mean([a])?.featureCount == a.featureCount)
        #expect(AveragedPerceptron.mean([]) == nil)
        #expect(AveragedPerceptron.mean([a, AveragedPerceptron(classes: 2)]) == nil)
    }

    @Test func truncatedModelFails() {
        let p = Self.train(seed: 3)
        var w = ByteWriter()
        p.encode(into: &w)
        var r = ByteReader(Array(w.bytes.prefix(20)), name: "short")
        #expect(throws: DossierError.self) { _ = try AveragedPerceptron.decode(&r) }
    }

    @Test func modelFileRoundTrip() throws {
        let f = ModelFile(kind: "k", config: [("seed", "1"), ("x", "a=b")], payload: [1, 2, 3])
        let g = try ModelFile(decoding: f.encoded(), name: "m")
        #expect(g.kind == "k")
        #expect(g["seed"] == "1")
        #expect(g["x"] == "a=b")
        #expect(g.payload == [1, 2, 3])
        #expect(throws: DossierError.self) { _ = try ModelFile(decoding: [0, 1, 2, 3, 4, 5], name: "bad") }
    }

    @Test func splitMixIsReproducible() {
        var a = SplitMix64(seed: 9)
        var b = SplitMix64(seed: 9)
        for _ in 0..<10 { #expect(a.next() == b.next()) }
        var x = Array(0..<20)
        var y = Array(0..<20)
        a.shuffle(&x)
        b.shuffle(&y)
        #expect(x == y)
        #expect(x.sorted() == Array(0..<20))
    }

    @Test func featureTableKeepsRows() {
        var t = FeatureTable(capacity: 4)
        for k in 0..<1000 { #expect(t.insert(UInt64(k) &* 0x9e37_79b9) == Int32(k)) }
        for k in 0..<1000 { #expect(t.row(UInt64(k) &* 0x9e37_79b9) == Int32(k)) }
        #expect(t.row(123_456_789_000) == -1)
    }
}
