import CXML2
import Foundation

/// A read-only view of a libxml2 element tree, enough to walk a `pom.xml` by local names.
struct XMLElement {
  let name: String
  let text: String
  let line: Int
  let children: [XMLElement]

  /// Parses XML text with libxml2, without network access or entity expansion.
  /// - Parameter text: the document.
  /// - Returns: the root element, or nil when the text is not well-formed XML.
  static func parse(_ text: String) -> XMLElement? {
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let document = text.withCString {
      xmlReadMemory($0, Int32(strlen($0)), "pom.xml", nil, options)
    }
    guard let document else { return nil }
    defer { xmlFreeDoc(document) }
    return xmlDocGetRootElement(document).map(element)
  }

  private static func element(_ node: xmlNodePtr) -> XMLElement {
    var children: [XMLElement] = []
    var text = ""
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE: children.append(element(current))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        // A text node holds its content itself; reading it allocates nothing to free.
        if let content = current.pointee.content { text += String(cString: content) }
      default: break
      }
      child = current.pointee.next
    }
    return XMLElement(
      name: node.pointee.name.map { String(cString: $0) } ?? "",
      text: text.trimmingCharacters(in: .whitespacesAndNewlines),
      line: Int(xmlGetLineNo(node)), children: children)
  }

  /// The first child with a local name.
  subscript(_ name: String) -> XMLElement? { children.first { $0.name == name } }

  /// All children with a local name.
  func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
}
