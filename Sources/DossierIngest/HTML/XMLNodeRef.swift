import CLibXML2
import Foundation

/// A borrowed libxml2 node: valid only inside the `withHTMLDocument`/`withXMLDocument` body that produced it.
struct XMLNodeRef {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) { self.pointer = pointer }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's local name as written (libxml2's HTML parser lowercases HTML names), "" for nameless nodes.
    var name: String {
        guard let n = pointer.pointee.name else { return "" }
        return String(cString: n)
    }

    /// The local name, lowercased: for XML vocabularies whose case varies in the wild.
    var lowercasedName: String { name.lowercased() }

    var firstChild: XMLNodeRef? { pointer.pointee.children.map(XMLNodeRef.init) }
    var nextSibling: XMLNodeRef? { pointer.pointee.next.map(XMLNodeRef.init) }
    var parent: XMLNodeRef? {
        guard let p = pointer.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLNodeRef(p)
    }

    /// The direct children, in order.
    var children: XMLChildren { XMLChildren(first: firstChild) }

    /// The direct children that are elements.
    var childElements: [XMLNodeRef] { children.filter(\.isElement) }

    /// The text of a text or CDATA node, as UTF-8 bytes (without copying); empty for other nodes.
    func withContent<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard isText, let c = pointer.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: c, count: strlen(c)))
    }

    /// The value of the attribute with this local name (case-insensitive), or nil.
    ///
    /// Reads the attribute's text children directly, so no libxml2 string has to be freed.
    func attribute(_ wanted: String) -> String? {
        var attr = pointer.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, String(cString: n).lowercased() == wanted { return XMLNodeRef.value(of: a) }
            attr = a.pointee.next
        }
        return nil
    }

    /// The value of an attribute: the text of its children (entities already decoded by libxml2).
    static func value(of attribute: xmlAttrPtr) -> String {
        var value = ""
        var child = attribute.pointee.children
        while let c = child {
            if let content = c.pointee.content { value += String(cString: content) }
            child = c.pointee.next
        }
        return value
    }

    /// The concatenated text of every text node below this one (document order, depth-limited).
    var textContent: String {
        var bytes: [UInt8] = []
        appendText(to: &bytes, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendText(to bytes: inout [UInt8], depth: Int) {
        if isText {
            withContent { bytes.append(contentsOf: $0) }
            return
        }
        guard depth < XMLNodeRef.maxDepth else { return }
        for child in children { child.appendText(to: &bytes, depth: depth + 1) }
    }

    /// Recursive walks stop this deep, so hostile nesting cannot exhaust the stack.
    static let maxDepth = 256

    /// This node and its descendants in document order (depth-limited), pruned where `descend` says no.
    func forEachElement(depth: Int = 0, _ visit: (XMLNodeRef, Int) -> Bool) {
        guard isElement, depth < XMLNodeRef.maxDepth else { return }
        guard visit(self, depth) else { return }
        for child in children where child.isElement { child.forEachElement(depth: depth + 1, visit) }
    }
}

/// The children of a node as a sequence.
struct XMLChildren: Sequence, IteratorProtocol {
    var current: XMLNodeRef?

    init(first: XMLNodeRef?) { current = first }

    mutating func next() -> XMLNodeRef? {
        guard let c = current else { return nil }
        current = c.nextSibling
        return c
    }
}

/// A node's identity, for sets of nodes.
struct NodeID: Hashable {
    let raw: UInt

    init(_ node: XMLNodeRef) { raw = UInt(bitPattern: node.pointer) }
}
