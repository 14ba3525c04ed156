import Foundation
import ParapetCore

/// pip's `requirements*.txt`: `name[extras]==version ; markers --hash=...` lines, `\`
/// continuations, comments, and `-r`/`--requirement` includes read relative to the file. A
/// requirement that is not pinned to one version is reported as unpinned, not dropped.
enum RequirementsParser: LockfileParser {
  static func accepts(fileName: String) -> Bool {
    fileName.hasPrefix("requirements") && fileName.hasSuffix(".txt")
  }

  static func parse(_ text: String, path: String, directory: URL) throws -> Lockfile {
    var seen: Set<String> = []
    return try parse(text, path: path, directory: directory, seen: &seen)
  }

  private static func parse(_ text: String, path: String, directory: URL, seen: inout Set<String>)
    throws -> Lockfile
  {
    seen.insert(
      directory.appendingPathComponent((path as NSString).lastPathComponent).standardizedFileURL
        .path)
    var packages: [Package] = []
    var notices: [(line: Int, message: String)] = []
    for (line, entry) in logicalLines(text) {
      if entry.hasPrefix("-r ") || entry.hasPrefix("--requirement") {
        let target =
          entry.split(separator: " ", maxSplits: 1).last.map {
            String($0).trimmingCharacters(in: .whitespaces)
          } ?? ""
        let url = directory.appendingPathComponent(target).standardizedFileURL
        guard !seen.contains(url.path) else { continue }
        guard let data = FileManager.default.contents(atPath: url.path) else {
          notices.append((line, "cannot read included file '\(target)'"))
          continue
        }
        let includedPath = ((path as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(target)
        let included = try parse(
          String(decoding: data, as: UTF8.self), path: includedPath,
          directory: url.deletingLastPathComponent(), seen: &seen)
        packages += included.packages
        notices += included.notices
        continue
      }
      if entry.hasPrefix("-") { continue }  // options: --index-url, -c constraints, -e editables
      let withoutHashes = entry.components(separatedBy: " --hash").first ?? entry
      let requirement =
        withoutHashes.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
      let name = String(requirement.prefix { $0.isLetter || $0.isNumber || "-_.".contains($0) })
      guard !name.isEmpty else { continue }
      let spec = requirement.dropFirst(name.count).drop {
        $0 != "=" && $0 != "<" && $0 != ">" && $0 != "~" && $0 != "!"
      }
      if spec.hasPrefix("==") && !spec.contains(","), !spec.contains("*") {
        let version = spec.dropFirst(spec.hasPrefix("===") ? 3 : 2).trimmingCharacters(
          in: .whitespaces)
        let hash = entry.range(of: "--hash=").map {
          String(entry[$0.upperBound...].prefix { !$0.isWhitespace })
        }
        packages.append(
          Package(
            ecosystem: .pypi, name: name, version: version, direct: true, path: path, line: line,
            integrity: hash))
      } else {
        notices.append(
          (
            line,
            "'\(name)' is not pinned to one version ('\(requirement.trimmingCharacters(in: .whitespaces))'); its vulnerabilities cannot be checked"
          ))
      }
    }
    return Lockfile(path: path, kind: "requirements.txt", packages: packages, notices: notices)
  }

  /// Lines with comments removed and `\` continuations joined, with their first line number.
  private static func logicalLines(_ text: String) -> [(Int, String)] {
    var result: [(Int, String)] = []
    var pending = ""
    var start = 0
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = String(raw).trimmingCharacters(
        in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
      if let hash = line.range(of: " #") ?? (line.hasPrefix("#") ? line.range(of: "#") : nil) {
        line = String(line[..<hash.lowerBound])
      }
      if pending.isEmpty { start = index + 1 }
      if line.hasSuffix("\\") {
        pending += line.dropLast() + " "
        continue
      }
      let full = (pending + line).trimmingCharacters(in: .whitespaces)
      pending = ""
      if !full.isEmpty { result.append((start, full)) }
    }
    return result
  }
}
