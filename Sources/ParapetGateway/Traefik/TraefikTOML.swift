import ParapetCore
import Yams

/// Traefik configuration written in TOML, turned into the YAML node tree the Traefik checks
/// read, with each generated line mapped back to its TOML line. TOMLKit parses the values but
/// keeps no positions, so keys are found again in the text (`TOMLDocument`): a table at its
/// header, a key at its assignment, an inline table's keys at the line of the table.
struct TraefikTOML {
  let node: Node
  /// The TOML file's lines, for columns.
  let sourceLines: [Substring]
  /// For each generated YAML line (1-based, index + 1), its TOML line.
  let lineMap: [Int]

  /// Reads a TOML file as Traefik configuration.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: its name in errors.
  /// - Returns: the configuration, or nil when the file is not Traefik's.
  /// - Throws: `ParapetCoreError.invalidConfiguration` at the line of a TOML syntax error.
  static func read(_ text: String, path: String) throws -> TraefikTOML? {
    let document = try TOMLDocument(text: text, path: path)
    var emitter = Emitter(document: document)
    emitter.table(document.root, path: [], header: nil, inlineLine: nil, indent: 0)
    guard let node = try Yams.compose(yaml: emitter.lines.joined(separator: "\n") + "\n"),
      TraefikAnalysis.isTraefik(node)
    else { return nil }
    return TraefikTOML(
      node: node, sourceLines: text.split(separator: "\n", omittingEmptySubsequences: false),
      lineMap: emitter.sources)
  }

  /// The TOML line and column of a generated YAML mark: the value's column when the line shows
  /// it, else the first non-blank column.
  func place(_ mark: Mark?, value: String?) -> (line: Int, column: Int) {
    guard let mark, lineMap.indices.contains(mark.line - 1) else { return (1, 1) }
    let line = lineMap[mark.line - 1]
    guard sourceLines.indices.contains(line - 1) else { return (line, 1) }
    let text = sourceLines[line - 1]
    if let value, !value.isEmpty, let range = text.range(of: value) {
      return (line, text.distance(from: text.startIndex, to: range.lowerBound) + 1)
    }
    return (line, text.prefix { $0 == " " || $0 == "\t" }.count + 1)
  }

  /// Writes block YAML, one key per line, recording each line's TOML line.
  private struct Emitter {
    let document: TOMLDocument
    var lines: [String] = []
    var sources: [Int] = []

    mutating func table(
      _ table: [String: TOMLData], path: [String], header: (text: String, index: Int)?,
      inlineLine: Int?, indent: Int
    ) {
      let pad = String(repeating: " ", count: indent)
      let located = table.map { key, value in
        (key: key, value: value, line: locate(key, value, path: path, header: header, inlineLine))
      }.sorted { ($0.line, $0.key) < ($1.line, $1.key) }
      for entry in located {
        let name = Self.quoted(entry.key)
        let childPath = path + [entry.key]
        switch entry.value {
        case .table(let child) where child.isEmpty:
          emit("\(pad)\(name): {}", entry.line)
        case .table(let child):
          emit("\(pad)\(name):", entry.line)
          let full = childPath.joined(separator: ".")
          let ownHeader = "[\(full)]"
          if inlineLine != nil {
            self.table(
              child, path: childPath, header: header, inlineLine: inlineLine, indent: indent + 2)
          } else if document.headerLine(ownHeader) != nil {
            self.table(
              child, path: childPath, header: (ownHeader, 0), inlineLine: nil, indent: indent + 2)
          } else if document.firstHeaderLine(below: full) != nil {
            // Named only by deeper headers: each child finds its own.
            self.table(child, path: childPath, header: header, inlineLine: nil, indent: indent + 2)
          } else {
            // An inline table or dotted keys: everything is on the key's line.
            self.table(
              child, path: childPath, header: header, inlineLine: entry.line, indent: indent + 2)
          }
        case .array(let items) where items.contains(where: { $0.table != nil }):
          emit("\(pad)\(name):", entry.line)
          let arrayHeader = "[[\(childPath.joined(separator: "."))]]"
          for (index, item) in items.enumerated() {
            let itemLine =
              inlineLine == nil ? document.headerLine(arrayHeader, occurrence: index) : nil
            emit("\(pad)  -", itemLine ?? entry.line)
            if case .table(let child) = item {
              self.table(
                child, path: childPath, header: itemLine == nil ? header : (arrayHeader, index),
                inlineLine: itemLine == nil ? entry.line : nil, indent: indent + 4)
            } else {
              emit("\(pad)    \(Self.scalar(item))", itemLine ?? entry.line)
            }
          }
        default:
          emit("\(pad)\(name): \(Self.scalar(entry.value))", entry.line)
        }
      }
    }

    private mutating func emit(_ line: String, _ source: Int) {
      lines.append(line)
      sources.append(source)
    }

    private func locate(
      _ key: String, _ value: TOMLData, path: [String], header: (text: String, index: Int)?,
      _ inlineLine: Int?
    ) -> Int {
      if let inlineLine { return inlineLine }
      let full = (path + [key]).joined(separator: ".")
      if value.table != nil, let line = document.headerLine("[\(full)]") { return line }
      if let line = document.headerLine("[[\(full)]]") { return line }
      // A table only named by deeper headers ([http.routers.api] names http and routers).
      if value.table != nil, let line = document.firstHeaderLine(below: full) { return line }
      return document.line(ofKey: key, under: header?.text, occurrence: header?.index ?? 0)
    }

    /// A YAML flow scalar or sequence for a TOML value; strings double-quoted with escapes.
    static func scalar(_ value: TOMLData) -> String {
      switch value {
      case .string(let text), .other(let text): return quoted(text)
      case .int(let number): return String(number)
      case .double(let number): return String(number)
      case .bool(let flag): return flag ? "true" : "false"
      case .array(let items): return "[" + items.map(scalar).joined(separator: ", ") + "]"
      case .table(let table):
        return "{"
          + table.sorted { $0.key < $1.key }.map { "\(quoted($0.key)): \(scalar($0.value))" }
          .joined(separator: ", ") + "}"
      }
    }

    static func quoted(_ text: String) -> String {
      var result = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
          result += "\\u" + String(scalar.value, radix: 16).leftPadding(to: 4)
        default: result.unicodeScalars.append(scalar)
        }
      }
      return result + "\""
    }
  }
}

extension String {
  fileprivate func leftPadding(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
