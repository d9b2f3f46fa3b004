/// Converts UTF-8 byte offsets of a text into Unicode-scalar offsets, as output uses them
/// (Python `str` indices, spaCy's `start_char`).
public struct ScalarOffsets: Sendable {
    /// nil for ASCII text, where byte and scalar offsets agree.
    @usableFromInline let table: ContiguousArray<Int32>?

    public init(_ text: String) {
        var text = text
        table = text.withUTF8 { buf -> ContiguousArray<Int32>? in
            guard buf.contains(where: { $0 >= 0x80 }) else { return nil }
            var t = ContiguousArray<Int32>(repeating: 0, count: buf.count + 1)
            var scalars: Int32 = 0
            for (i, b) in buf.enumerated() {
                // Every byte inside a scalar maps to that scalar's index.
                if b & 0xC0 != 0x80 && i > 0 { scalars += 1 }
                t[i] = i == 0 ? 0 : scalars
            }
            t[buf.count] = buf.isEmpty ? 0 : scalars + 1
            return t
        }
    }

    /// The scalar offset of byte offset `byte`.
    @inlinable
    public func scalar(_ byte: Int) -> Int {
        guard let table else { return byte }
        return Int(table[byte])
    }
}
