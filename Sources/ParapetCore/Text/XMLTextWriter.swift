/// The one XML writer of the JUnit and CycloneDX reports: elements, attributes in the order
/// given, text escaped, two-space indentation, and no character XML 1.0 forbids. A file name or
/// a YAML error quoted into a report can hold control characters that no escape makes legal in
/// XML 1.0 (`&#1;` is as invalid as the byte); they become U+FFFD, so the document stays valid.
public struct XMLTextWriter {
  private var out: String
  private var depth = 0
  /// Whether the element being written has child elements (its end tag goes on its own line).
  private var hasChildren: [Bool] = []

  /// A document, with its XML declaration.
  public init() {
    out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  }

  /// The document's bytes.
  public var data: [UInt8] { Array(out.utf8) }

  /// An element with children or text.
  /// - Parameters:
  ///   - name: its name.
  ///   - attributes: its attributes, in order.
  ///   - body: writes its content.
  /// - Throws: what `body` throws.
  public mutating func element(
    _ name: String, _ attributes: [(String, String)] = [],
    _ body: (inout XMLTextWriter) throws -> Void
  ) rethrows {
    startTag(name, attributes)
    out += ">"
    depth += 1
    hasChildren.append(false)
    try body(&self)
    depth -= 1
    if hasChildren.removeLast() { out += "\n" + indent }
    out += "</\(name)>"
  }

  /// An element without content: `<name a="b"/>`.
  public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
    startTag(name, attributes)
    out += "/>"
  }

  /// An element holding only text.
  public mutating func leaf(_ name: String, _ value: String, _ attributes: [(String, String)] = [])
  {
    element(name, attributes) { $0.text(value) }
  }

  /// Text content.
  public mutating func text(_ value: String) {
    out += Self.escaped(value, attribute: false)
  }

  private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
    if !hasChildren.isEmpty { hasChildren[hasChildren.count - 1] = true }
    out += (depth > 0 || out.hasSuffix(">") ? "\n" : "") + indent + "<" + name
    for (key, value) in attributes {
      out += " \(key)=\"\(Self.escaped(value, attribute: true))\""
    }
  }

  private var indent: String { String(repeating: "  ", count: depth) }

  /// Escaped for XML 1.0, characters it forbids replaced.
  static func escaped(_ value: String, attribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "\n" where attribute: out += "&#10;"
      case "\r": out += "&#13;"
      case "\t" where attribute: out += "&#9;"
      case _ where !isAllowed(scalar): out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// XML 1.0's Char production.
  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }
}
