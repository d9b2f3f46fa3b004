/// Appends little-endian binary values to a byte buffer (the model file format).
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func i16(_ v: Int16) { u16(UInt16(bitPattern: v)) }
    public mutating func f32(_ v: Float) { u32(v.bitPattern) }
    public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// A length-prefixed UTF-8 string.
    public mutating func string(_ s: String) {
        let b = Array(s.utf8)
        u32(UInt32(b.count))
        bytes.append(contentsOf: b)
    }
}

/// Reads little-endian binary values from a byte buffer, failing with ``DossierError/Code/resource`` when
/// the data ends early.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var offset: Int = 0
    /// What is being read, for error messages.
    public let name: String

    public init(_ bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    public var atEnd: Bool { offset >= bytes.count }

    mutating func need(_ n: Int) throws(DossierError) {
        guard n >= 0, offset + n <= bytes.count else {
            throw DossierError(.resource, "model data ends early at byte \(offset)", input: name)
        }
    }

    mutating func le<T: FixedWidthInteger>(_: T.Type) throws(DossierError) -> T {
        let n = MemoryLayout<T>.size
        try need(n)
        var v: T = 0
        for i in 0..<n { v |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        offset += n
        return v
    }

    public mutating func u8() throws(DossierError) -> UInt8 { try le(UInt8.self) }
    public mutating func u16() throws(DossierError) -> UInt16 { try le(UInt16.self) }
    public mutating func u32() throws(DossierError) -> UInt32 { try le(UInt32.self) }
    public mutating func u64() throws(DossierError) -> UInt64 { try le(UInt64.self) }
    public mutating func f32() throws(DossierError) -> Float { Float(bitPattern: try u32()) }

    public mutating func raw(_ n: Int) throws(DossierError) -> [UInt8] {
        try need(n)
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }

    public mutating func string() throws(DossierError) -> String {
        let n = Int(try u32())
        return String(decoding: try raw(n), as: UTF8.self)
    }

    /// `count` 16-bit integers times `scale`.
    public mutating func i16Array(_ count: Int, scale: Float) throws(DossierError) -> ContiguousArray<Float> {
        try need(count * 2)
        var out = ContiguousArray<Float>(repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { p in
            var o = offset
            for i in 0..<count {
                let v = Int16(bitPattern: UInt16(p[o]) | UInt16(p[o + 1]) << 8)
                out[i] = Float(v) * scale
                o += 2
            }
        }
        offset += count * 2
        return out
    }
}
