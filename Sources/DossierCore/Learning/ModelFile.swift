/// The envelope of Dossier's binary model files.
///
/// Layout (little-endian): magic `DSMD`, format version (u16), model kind (string), config (string of
/// `key=value` lines: the settings and seed the model was trained with, its scores), then the payload that the
/// model kind defines. The core reads and writes `[UInt8]`; only the CLI touches files.
public struct ModelFile: Sendable {
    public static let magic: [UInt8] = Array("DSMD".utf8)
    public static let version: UInt16 = 1

    public var kind: String
    public var config: [(key: String, value: String)]
    public var payload: [UInt8]

    public init(kind: String, config: [(key: String, value: String)], payload: [UInt8]) {
        self.kind = kind
        self.config = config
        self.payload = payload
    }

    /// The value of a config key.
    public subscript(key: String) -> String? { config.first(where: { $0.key == key })?.value }

    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.raw(ModelFile.magic)
        w.u16(ModelFile.version)
        w.string(kind)
        w.string(config.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"))
        w.u64(UInt64(payload.count))
        w.raw(payload)
        return w.bytes
    }

    public init(decoding bytes: [UInt8], name: String) throws(DossierError) {
        var r = ByteReader(bytes, name: name)
        guard try r.raw(4) == ModelFile.magic else {
            throw DossierError(.resource, "not a Dossier model file (bad magic)", input: name)
        }
        let v = try r.u16()
        guard v == ModelFile.version else {
            throw DossierError(
                .resource, "model format version \(v) is not supported (expected \(ModelFile.version))",
                input: name)
        }
        kind = try r.string()
        config = try r.string().split(separator: "\n").map { line in
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let n = Int(try r.u64())
        payload = try r.raw(n)
    }
}
