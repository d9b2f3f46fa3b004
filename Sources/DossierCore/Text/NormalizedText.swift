/// The analysis buffer of a document: its text with typographic variants folded, and a map back.
///
/// Stages read ``bytes``; every offset they record is an offset into it, and ``originalOffset(_:)``
/// maps it back to the document's text, so output always points at the text as the user gave it.
/// Folded: curly and low quotes and primes to `'` and `"`, guillemets to `"`, hyphens and dashes to `-`
/// (em dashes to `--`, so that "peace—and" is not read as one hyphenated word), exotic spaces to a space,
/// CRLF and lone CR and Unicode line separators to LF, the ellipsis character to `...`; zero-width
/// characters and soft hyphens are dropped.
public struct NormalizedText: Sendable {
    /// The folded UTF-8 bytes.
    public let bytes: ContiguousArray<UInt8>
    /// `toOriginal[i]` is the byte offset in the original text of folded byte `i` (count + 1 entries);
    /// nil when folding changed nothing.
    public let toOriginal: ContiguousArray<Int32>?

    /// Folds `text`.
    /// - Complexity: O(n); text with nothing to fold is copied once.
    public init(_ text: String) {
        var text = text
        let (bytes, map) = text.withUTF8 { Self.fold($0) }
        self.bytes = bytes
        self.toOriginal = map
    }

    /// The byte offset in the original text of folded offset `i` (0...bytes.count).
    @inlinable
    public func originalOffset(_ i: Int) -> Int {
        guard let map = toOriginal else { return i }
        return Int(map[i])
    }

    /// The original byte range of a folded range. A range that ends inside an expansion (the three dots of
    /// an ellipsis) is widened to cover the whole original character.
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard let map = toOriginal else { return r }
        let lo = Int(map[r.lowerBound])
        var hi = Int(map[r.upperBound])
        if r.upperBound > r.lowerBound && hi <= Int(map[r.upperBound - 1]) {
            // The last folded byte came from a character that continues past it.
            var j = r.upperBound
            while j < bytes.count && Int(map[j]) == Int(map[r.upperBound - 1]) { j += 1 }
            hi = Int(map[j])
        }
        return lo..<max(hi, lo)
    }

    static func replacement(for scalar: UInt32) -> StaticString? {
        switch scalar {
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x1680: return " "
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return ""
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x2039, 0x203A: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return "\""
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63, 0xFF0D: return "-"
        case 0x2014, 0x2015: return "--"
        case 0x2026: return "..."
        case 0x2028, 0x2029, 0x0085: return "\n"
        default: return nil
        }
    }

    static func needsFolding(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = src.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let n = src.count
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let cr: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let x = w ^ cr
            if (w & high) != 0 || ((x &- ones) & ~x & high) != 0 { return true }
            i += 8
        }
        while i < n {
            if base[i] == 0x0D || base[i] >= 0x80 { return true }
            i += 1
        }
        return false
    }

    static func fold(_ src: UnsafeBufferPointer<UInt8>) -> (ContiguousArray<UInt8>, ContiguousArray<Int32>?) {
        // Fast check: nothing to fold in ASCII text without CR. Eight bytes at a time: a high bit means non-ASCII,
        // and a CR byte (0x0D) is found by the classic "has zero byte" test on the word XOR 0x0D0D...
        if !needsFolding(src) { return (ContiguousArray(src), nil) }
        var out = ContiguousArray<UInt8>()
        var map = ContiguousArray<Int32>()
        out.reserveCapacity(src.count)
        map.reserveCapacity(src.count + 1)
        var changed = false
        var i = 0
        let n = src.count
        while i < n {
            let b = src[i]
            if b == 0x0D {
                changed = true
                if i + 1 < n && src[i + 1] == 0x0A {
                    // CRLF: the LF stands for both bytes.
                    out.append(0x0A)
                    map.append(Int32(i))
                    i += 2
                } else {
                    out.append(0x0A)
                    map.append(Int32(i))
                    i += 1
                }
                continue
            }
            if b < 0x80 {
                out.append(b)
                map.append(Int32(i))
                i += 1
                continue
            }
            let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            var scalar = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            var k = 1
            while k < len && i + k < n {
                scalar = (scalar << 6) | (UInt32(src[i + k]) & 0x3F)
                k += 1
            }
            if let rep = replacement(for: scalar) {
                changed = true
                rep.withUTF8Buffer { r in
                    for rb in r {
                        out.append(rb)
                        map.append(Int32(i))
                    }
                }
            } else {
                for j in 0..<len where i + j < n {
                    out.append(src[i + j])
                    map.append(Int32(i + j))
                }
            }
            i += len
        }
        map.append(Int32(n))
        if !changed { return (out, nil) }
        return (out, map)
    }
}
