import Testing

@testable import DossierCore

@Suite("TagScheme and decoding")
struct LearningTagSchemeTests {
    let bio = TagScheme(.bio, types: ["PER", "LOC"])
    let bilou = TagScheme(.bilou, types: ["PER", "LOC"])

    @Test func bioForbidsInsideAfterOutside() {
        let iPER = bio.label(.inside, 0)
        #expect(!bio.allows(0, iPER))
        #expect(!bio.allows(nil, iPER))
        #expect(!bio.allows(bio.label(.begin, 1), iPER))
        #expect(bio.allows(bio.label(.begin, 0), iPER))
    }

    @Test func bilouSpansMustClose() {
        let b = bilou.label(.begin, 0)
        #expect(!bilou.allows(b, 0))
        #expect(!bilou.allowsEnd(b))
        #expect(bilou.allows(b, bilou.label(.last, 0)))
        #expect(!bilou.allows(b, bilou.label(.last, 1)))
        #expect(bilou.allows(bilou.label(.unit, 1), bilou.label(.begin, 0)))
    }

    @Test(arguments: [TagScheme.Encoding.bio, .bilou])
    func labelsAndSpansRoundTrip(_ encoding: TagScheme.Encoding) {
        let s = TagScheme(encoding, types: ["PER", "LOC"])
        let spans = [(start: 0, end: 2, type: 0), (start: 2, end: 3, type: 1), (start: 5, end: 8, type: 0)]
        let labels = s.labels(count: 9, spans: spans)
        let back = s.spans(labels)
        #expect(back.map { [$0.start, $0.end, $0.type] } == spans.map { [$0.start, $0.end, $0.type] })
    }

    @Test func viterbiRespectsConstraints() {
        // Scores prefer I-PER at the first token, which may not start a sequence.
        let L = bilou.count
        var scores = [Float](repeating: 0, count: 3 * L)
        scores[bilou.label(.inside, 0)] = 5
        scores[L + bilou.label(.inside, 0)] = 5
        scores[2 * L + bilou.label(.begin, 0)] = 5
        let path = SequenceDecoder.viterbi(scores: scores, count: 3, scheme: bilou)
        var previous: Int? = nil
        for l in path {
            #expect(bilou.allows(previous, l))
            previous = l
        }
        #expect(bilou.allowsEnd(path[2]))
    }

    @Test func greedyStepNeverOpensWithInside() {
        var scores = [Float](repeating: 0, count: bio.count)
        scores[bio.label(.inside, 1)] = 10
        let l = scores.withUnsafeBufferPointer { SequenceDecoder.greedyStep($0, previous: 0, last: false, scheme: bio) }
        #expect(l != bio.label(.inside, 1))
    }

    @Test func names() {
        #expect(bilou.name(0) == "O")
        #expect(bilou.name(bilou.label(.unit, 1)) == "U-LOC")
        #expect(bio.name(bio.label(.begin, 0)) == "B-PER")
    }
}
