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
