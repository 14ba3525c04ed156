import Foundation

/// A Dockerfile (or Containerfile) as instructions: continuation lines joined, comments and
/// blank lines dropped, heredoc bodies (`RUN <<EOF … EOF`) kept with their instruction, each
/// instruction with the line it starts on. The escape character follows the `# escape=`
/// parser directive.
struct DockerfileDocument {
  struct Instruction {
    /// The keyword, uppercased: `FROM`, `RUN`, `USER`.
    var keyword: String
    /// Everything after the keyword, continuation lines joined by a space.
    var arguments: String
    /// The 1-based line the instruction starts on.
    var line: Int
  }

  let path: String
  private(set) var instructions: [Instruction] = []

  /// Whether a file name is a Dockerfile: `Dockerfile`, `Containerfile`, `Dockerfile.prod`,
  /// `api.Dockerfile`.
  static func isDockerfile(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "dockerfile" || lower == "containerfile" || lower.hasPrefix("dockerfile.")
      || lower.hasPrefix("containerfile.") || lower.hasSuffix(".dockerfile")
      || lower.hasSuffix(".containerfile")
  }

  init(path: String, text: String) {
    self.path = path
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    var escape: Character = "\\"
    var index = 0
    // Parser directives: comments of the form `# key=value` before anything else.
    while index < lines.count, lines[index].hasPrefix("#"),
      let equals = lines[index].firstIndex(of: "=")
    {
      let key = lines[index].dropFirst().prefix { $0 != "=" }.trimmingCharacters(in: .whitespaces)
      if key.lowercased() == "escape",
        let value = lines[index][lines[index].index(after: equals)...]
          .trimmingCharacters(in: .whitespaces).first
      {
        escape = value
      }
      index += 1
    }
    while index < lines.count {
      let start = index
      var text = lines[index].trimmingCharacters(in: .whitespaces)
      index += 1
      if text.isEmpty || text.hasPrefix("#") { continue }
      while text.last == escape {
        text.removeLast()
        // Comment lines inside a continued instruction are dropped, as BuildKit does.
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("#")
        {
          index += 1
        }
        guard index < lines.count else { break }
        text += " " + lines[index].trimmingCharacters(in: .whitespaces)
        index += 1
      }
      // Heredocs: `<<EOF`, `<<-EOF`, `<<"EOF"` take the lines up to the marker.
      for marker in Self.heredocMarkers(text) {
        while index < lines.count {
          let line = lines[index]
          index += 1
          if line.trimmingCharacters(in: .whitespaces) == marker { break }
          text += "\n" + line
        }
      }
      let keyword = text.prefix { !$0.isWhitespace }
      instructions.append(
        Instruction(
          keyword: keyword.uppercased(),
          arguments: text.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces),
          line: start + 1))
    }
  }

  /// The heredoc markers an instruction's first line opens, in order.
  private static func heredocMarkers(_ text: String) -> [String] {
    var markers: [String] = []
    var rest = Substring(text)
    while let range = rest.range(of: "<<") {
      var word = rest[range.upperBound...]
      if word.first == "-" { word = word.dropFirst() }
      let name = word.prefix { !$0.isWhitespace && $0 != ">" && $0 != "|" && $0 != ";" }
        .trimmingCharacters(in: ["\"", "'"])
      if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
        markers.append(name)
      }
      rest = word
    }
    return markers
  }
}
