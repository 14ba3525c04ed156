/// `# parapet:ignore GW-ID[,GW-ID…] reason` comments in one gateway file.
///
/// A comment after a directive or key silences that line and, when the line opens a block
/// (an nginx `{`, a YAML mapping or list item, a TOML table), the whole block. A comment alone
/// on its line does the same for the next line that is not blank or a comment.
struct InlineSuppressions {
  /// One comment and the lines it covers.
  struct Comment {
    let line: Int
    let rules: Set<String>
    let reason: String
    let covered: ClosedRange<Int>
  }

  static let marker = "parapet:ignore"
  private(set) var comments: [Comment] = []

  /// Finds the comments of a file.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - blockEnd: for a 1-based line, the last line of the block it opens, or nil.
  init(text: String, blockEnd: (Int) -> Int?) {
    guard TextSearch.contains(text, Self.marker) else { return }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      guard let marker = line.range(of: Self.marker),
        let hash = line[..<marker.lowerBound].firstIndex(of: "#")
      else { continue }
      let words = line[marker.upperBound...].split(whereSeparator: \.isWhitespace)
      guard let ids = words.first else { continue }
      let rules = Set(ids.split(separator: ",").map(String.init))
      let reason = words.dropFirst().joined(separator: " ")
      var target = index
      if line[..<hash].allSatisfy(\.isWhitespace) {
        // A comment on its own line speaks for the next line with content.
        guard
          let next = lines.indices.dropFirst(index + 1).first(where: {
            let content = lines[$0].drop(while: \.isWhitespace)
            return !content.isEmpty && content.first != "#"
          })
        else { continue }
        target = next
      }
      let first = target + 1
      comments.append(
        Comment(
          line: index + 1, rules: rules, reason: reason,
          covered: first...max(first, blockEnd(first) ?? first)))
    }
  }

  /// The comment that silences a rule at a line, if any.
  func comment(silencing ruleId: String, at line: Int) -> Comment? {
    comments.first { $0.rules.contains(ruleId) && $0.covered.contains(line) }
  }

  /// Block ends by indentation, for YAML: a line's block is the lines after it that are indented
  /// deeper (blank lines and comments included), up to the next line that is not.
  /// - Parameter text: the file's content.
  /// - Returns: the block end of a 1-based line.
  static func indentationBlocks(_ text: String) -> (Int) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return { line in
      guard lines.indices.contains(line - 1) else { return nil }
      let indent = lines[line - 1].prefix(while: { $0 == " " }).count
      var last = line
      for index in line..<lines.count {
        let content = lines[index].drop(while: { $0 == " " })
        if content.isEmpty || content.first == "#" { continue }
        if lines[index].count - content.count <= indent { break }
        last = index + 1
      }
      return last
    }
  }

  /// Block ends by table, for TOML: a `[table]` header's block runs to the line before the next
  /// header.
  /// - Parameter text: the file's content.
  /// - Returns: the block end of a 1-based line.
  static func tableBlocks(_ text: String) -> (Int) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let headers = lines.indices.filter { lines[$0].drop(while: \.isWhitespace).hasPrefix("[") }
    return { line in
      guard headers.contains(line - 1) else { return nil }
      return headers.first { $0 > line - 1 } ?? lines.count
    }
  }
}
