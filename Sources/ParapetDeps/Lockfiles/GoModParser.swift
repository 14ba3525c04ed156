import Foundation
import ParapetCore

/// `go.mod`: `require` lines and blocks (`// indirect` marks transitive modules), `replace`
/// directives applied, and the `h1:` hashes of `go.sum` beside it as integrity.
enum GoModParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "go.mod" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    var required: [(name: String, version: String, line: Int, indirect: Bool)] = []
    var replacements: [String: (String, String)] = [:]
    var block: String?
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let indirect = raw.contains("// indirect")
      let line = (raw.components(separatedBy: "//").first ?? "").trimmingCharacters(
        in: .whitespaces)
      if line.isEmpty { continue }
      if line == ")" {
        block = nil
        continue
      }
      var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if let directive = words.first,
        ["require", "replace", "exclude", "retract"].contains(directive)
      {
        if words.count == 2 && words[1] == "(" {
          block = directive
          continue
        }
        block = nil
        words.removeFirst()
        handle(
          directive, words, line: index + 1, indirect: indirect, required: &required,
          replacements: &replacements)
      } else if let block {
        handle(
          block, words, line: index + 1, indirect: indirect, required: &required,
          replacements: &replacements)
      }
    }
    let sums = goSum(site.sibling("go.sum"))
    let packages = required.map { module -> Package in
      let (name, version) = replacements[module.name] ?? (module.name, module.version)
      return Package(
        ecosystem: .go, name: name, version: version, direct: !module.indirect, path: path,
        line: module.line,
        integrity: sums["\(name) \(version)"])
    }
    return Lockfile(path: path, kind: "go.mod", packages: packages)
  }

  private static func handle(
    _ directive: String, _ words: [String], line: Int, indirect: Bool,
    required: inout [(name: String, version: String, line: Int, indirect: Bool)],
    replacements: inout [String: (String, String)]
  ) {
    switch directive {
    case "require" where words.count >= 2:
      required.append((words[0], words[1], line, indirect))
    case "replace":
      guard let arrow = words.firstIndex(of: "=>"), arrow + 2 < words.count + 1,
        arrow + 1 < words.count
      else { return }
      let target = Array(words[(arrow + 1)...])
      // A replacement by a local path has no version to check.
      if target.count >= 2 { replacements[words[0]] = (target[0], target[1]) }
    default:
      break
    }
  }

  private static func goSum(_ text: String?) -> [String: String] {
    guard let text else { return [:] }
    var sums: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let words = line.split(separator: " ")
      if words.count == 3, !words[1].hasSuffix("/go.mod") {
        sums["\(words[0]) \(words[1])"] = String(words[2])
      }
    }
    return sums
  }
}
