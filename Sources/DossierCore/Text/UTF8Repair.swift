/// Turns raw input bytes into valid UTF-8 text, replacing each invalid sequence with U+FFFD.
///
/// The replacements are counted and located so that the caller can report them: a reader never drops
/// an article for a few bad bytes, and never passes them on silently either.
public enum UTF8Repair {
    /// The outcome of decoding: the text, and the byte offsets (in the input) of each replaced sequence.
    public struct Result: Sendable {
        public var text: String
        public var replacedAt: [Int]
        /// True when the input started with a UTF-8 byte-order mark, which is dropped.
        public var hadBOM: Bool
    }

    /// Decodes `bytes`; a leading byte-order mark is dropped.
    public static func decode(_ bytes: some Collection<UInt8>) -> Result {
        let array = Array(bytes)
        var start = 0
        var hadBOM = false
        if array.count >= 3 && array[0] == 0xEF && array[1] == 0xBB && array[2] == 0xBF {
            start = 3
            hadBOM = true
        }
        let body = array[start...]
        if let valid = String(validating: body, as: UTF8.self) {
            return Result(text: valid, replacedAt: [], hadBOM: hadBOM)
        }
        var out = [UInt8]()
        out.reserveCapacity(body.count + 16)
        var replaced = [Int]()
        var i = start
        while i < array.count {
            let n = validSequenceLength(array, at: i)
            if n > 0 {
                out.append(contentsOf: array[i..<(i + n)])
                i += n
            } else {
                replaced.append(i)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
                // One replacement per maximal invalid run of continuation bytes.
                while i < array.count && array[i] & 0xC0 == 0x80 { i += 1 }
            }
        }
        return Result(text: String(decoding: out, as: UTF8.self), replacedAt: replaced, hadBOM: hadBOM)
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 if it is not well formed.
    static func validSequenceLength(_ a: [UInt8], at i: Int) -> Int {
        let b0 = a[i]
        if b0 < 0x80 { return 1 }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < a.count && a[i + k] >= lo && a[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// True when `bytes` looks like binary data rather than text: a NUL byte, or many control
    /// bytes or invalid sequences in the first 8 KiB.
    public static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        let sample = Array(bytes.prefix(8192))
        if sample.isEmpty { return false }
        var control = 0
        var invalid = 0
        var i = 0
        while i < sample.count {
            let b = sample[i]
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { control += 1 }
            if b >= 0x80 {
                let n = validSequenceLength(sample, at: i)
                // A sequence cut by the end of the sample is not evidence of binary data.
                if n == 0 && i + 4 < sample.count { invalid += 1; i += 1; continue }
                i += max(n, 1)
                continue
            }
            i += 1
        }
        return (control + invalid) * 10 > sample.count
    }
}
