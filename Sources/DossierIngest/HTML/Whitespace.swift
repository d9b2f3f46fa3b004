/// White space handling for short strings (titles, headings), on UTF-8 bytes.
enum Whitespace {
    /// Trims and collapses every run of ASCII white space and no-break spaces into one space.
    static func collapse(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        var previous: UInt8 = 0
        for b in s.utf8 {
            defer { previous = b }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                space = !out.isEmpty
            } else if b == 0xC2 {
                continue  // decided by the next byte
            } else if previous == 0xC2 && b == 0xA0 {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20) }
                space = false
                if previous == 0xC2 { out.append(0xC2) }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text below `node` has anything but white space.
    static func hasText(_ node: XMLNodeRef) -> Bool {
        var found = false
        func visit(_ n: XMLNodeRef, depth: Int) {
            if found { return }
            if n.isText {
                found = n.withContent { bytes in bytes.contains { $0 > 0x20 && $0 != 0xC2 && $0 != 0xA0 } }
                return
            }
            guard depth < XMLNodeRef.maxDepth else { return }
            for c in n.children { visit(c, depth: depth + 1) }
        }
        visit(node, depth: 0)
        return found
    }
}
