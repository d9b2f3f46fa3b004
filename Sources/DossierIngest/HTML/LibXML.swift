import CLibXML2
import Foundation

/// The small part of libxml2 that the HTML and feed readers use, behind safe helpers.
///
/// libxml2 keeps global state: `xmlInitParser` must run once before parsers run on several threads, and the
/// error handler is per thread. Every parse goes through ``withHTMLDocument(_:encoding:_:)`` or
/// ``withXMLDocument(_:_:)``, which set both up and free the document when the body returns, so no libxml2
/// pointer outlives the call.
enum LibXML {
    /// Runs `xmlInitParser` exactly once (Swift runs a static initializer once, thread-safely).
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static let htmlOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    // No XML_PARSE_NOENT: external entities stay unexpanded (no XXE), and without XML_PARSE_HUGE libxml2
    // keeps its limits on entity amplification and depth.
    static let xmlOptions: Int32 = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Makes libxml2 quiet on this thread: the options already suppress reports, the no-op handler catches
    /// the few that bypass them (encoding and I/O errors) instead of printing them to stderr.
    private static func prepareThread() {
        _ = initialized
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }

    /// Parses `bytes` as HTML and passes the document to `body`; nil when libxml2 returns no document.
    ///
    /// - Parameter encoding: an IANA charset name to force, or nil to let libxml2 follow the document's own
    ///   declaration. When an encoding is forced, the document's `<meta charset>` is ignored.
    static func withHTMLDocument<T>(
        _ bytes: [UInt8], encoding: String?, _ body: (XMLNodeRef) -> T
    ) -> T? {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        prepareThread()
        var options = htmlOptions
        if encoding != nil { options |= Int32(HTML_PARSE_IGNORE_ENC.rawValue) }
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    htmlReadMemory(chars, Int32(buffer.count), "", encoding, options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        return body(XMLNodeRef(root))
    }

    /// Parses `bytes` as XML and passes the root element to `body`; nil when there is no root element.
    static func withXMLDocument<T>(_ bytes: [UInt8], _ body: (XMLNodeRef) -> T) -> T? {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        prepareThread()
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlReadMemory(chars, Int32(buffer.count), "", nil, xmlOptions)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        return body(XMLNodeRef(root))
    }
}

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
