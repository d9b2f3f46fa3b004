/// A small streaming JSON writer that keeps keys in the order written.
///
/// Foundation's `JSONEncoder` on Linux orders keys by a per-process random hash unless told to sort them;
/// the output contract lists keys in a fixed, readable order and runs must be byte-for-byte deterministic,
/// so records write themselves through this writer instead.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    let pretty: Bool
    var depth = 0
    /// Whether the current container already has a member (a comma is due before the next).
    var hasMember: [Bool] = []

    /// A writer; `depth` indents everything by that many levels, for a value inside a container written elsewhere.
    public init(pretty: Bool = false, depth: Int = 0) {
        self.pretty = pretty
        self.depth = depth
        bytes.reserveCapacity(4096)
    }

    /// The JSON text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        for _ in 0..<(depth * 2) { bytes.append(0x20) }
    }

    /// Separates a new member from the previous one in the current container.
    mutating func separate() {
        guard !hasMember.isEmpty else { return }
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        newline()
    }

    /// Writes `"key":` inside an object; the value follows.
    public mutating func key(_ key: String) {
        separate()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    /// True between a key and its value.
    var afterKey = false

    mutating func startValue() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    public mutating func beginObject() {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        hasMember.append(false)
    }

    public mutating func endObject() {
        depth -= 1
        if hasMember.removeLast() { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        startValue()
        bytes.append(UInt8(ascii: "["))
        depth += 1
        hasMember.append(false)
    }

    public mutating func endArray() {
        depth -= 1
        if hasMember.removeLast() { newline() }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func value(_ s: String) {
        startValue()
        writeString(s)
    }

    public mutating func value(_ s: String?) {
        if let s { value(s) } else { null() }
    }

    public mutating func value(_ n: Int) {
        startValue()
        bytes.append(contentsOf: String(n).utf8)
    }

    public mutating func value(_ n: Int?) {
        if let n { value(n) } else { null() }
    }

    /// Writes a number; non-finite values, which JSON cannot hold, become null.
    public mutating func value(_ d: Double) {
        guard d.isFinite else { return null() }
        startValue()
        if d == d.rounded() && abs(d) < 1e15 {
            bytes.append(contentsOf: String(Int(d)).utf8)
        } else {
            bytes.append(contentsOf: "\(d)".utf8)
        }
    }

    public mutating func value(_ b: Bool) {
        startValue()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    public mutating func null() {
        startValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// `"key": value` for a writable value.
    public mutating func field(_ name: String, _ v: some JSONWritable) {
        key(name)
        v.write(to: &self)
    }

    public mutating func field(_ name: String, _ v: (some JSONWritable)?) {
        key(name)
        if let v { v.write(to: &self) } else { null() }
    }

    public mutating func field(_ name: String, _ v: [some JSONWritable]) {
        key(name)
        beginArray()
        for item in v { item.write(to: &self) }
        endArray()
    }

    mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A value that writes itself as JSON.
public protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension String: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.value(self) }
}

extension Int: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.value(self) }
}

extension Double: JSONWritable {
    public func write(to writer: inout JSONWriter) { writer.value(self) }
}
