extension Document {
    /// Fills ``entities`` with one entity per name mention (id, name = the mention's text, its type), for as long
    /// as no actors stage groups mentions into canonical entities. Does nothing if entities are already filled.
    public mutating func fillEntitiesFromNameMentions() {
        guard entities.isEmpty else { return }
        var out: [Entity] = []
        out.reserveCapacity(mentions.count)
        for (k, m) in mentions.enumerated() where m.kind == .name {
            out.append(
                Entity(
                    id: "e\(out.count + 1)", name: string(m.span.range), type: m.type, mentions: [Int32(k)],
                    provenance: m.provenance))
            mentions[k].entity = Int32(out.count - 1)
        }
        entities = out
    }
}
