import Foundation
import ParapetCore

/// pip's `requirements*.txt`: `name[extras]==version ; markers --hash=...` lines, `\`
/// continuations, comments, and `-r`/`--requirement` includes read relative to the file. A
/// requirement that is not pinned to one version is reported as unpinned, not dropped.
enum RequirementsParser: LockfileParser {
  static func accepts(fileName: String) -> Bool {
    fileName.hasPrefix("requirements") && fileName.hasSuffix(".txt")
  }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    var seen: Set<SourcePath> = []
    return try parse(text, path: path, file: site.path, site: site, seen: &seen)
  }

  private static func parse(
    _ text: String, path: String, file: SourcePath, site: LockfileSite,
    seen: inout Set<SourcePath>
  ) throws -> Lockfile {
    seen.insert(file)
    var packages: [Package] = []
    var notices: [(line: Int, message: String)] = []
    for (line, entry) in logicalLines(text) {
      if let target = includeTarget(entry) {
        switch site.include(target, from: file) {
        case .success(let included):
          guard !seen.contains(included.path) else { continue }
          let nested = try parse(
            included.text, path: included.path.description, file: included.path, site: site,
            seen: &seen)
          packages += nested.packages
          notices += nested.notices
        case .failure(let refusal):
          notices.append((line, "included file '\(target)' \(refusal.reason)"))
        }
        continue
      }
      if entry.hasPrefix("-") { continue }  // options: --index-url, -c constraints, -e editables
      if let name = urlRequirement(entry) {
        notices.append(
          (
            line,
            "'\(name)' is installed from a URL ('\(entry)'); its vulnerabilities cannot be checked"
          ))
        continue
      }
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

  /// The project a direct URL requirement installs (`name @ url`, or a bare VCS URL's
  /// `#egg=name`), or nil when the line is not one.
  private static func urlRequirement(_ entry: String) -> String? {
    guard entry.contains("://") else { return nil }
    if let at = entry.range(of: " @ ") ?? entry.range(of: "@ "),
      !entry[..<at.lowerBound].contains("://")
    {
      return entry[..<at.lowerBound].trimmingCharacters(in: .whitespaces)
    }
    if let egg = entry.range(of: "#egg=") {
      return String(entry[egg.upperBound...].prefix { $0 != "&" && !$0.isWhitespace })
    }
    return entry.components(separatedBy: "://").first ?? entry
  }

  /// The file a `-r FILE`, `-rFILE`, `--requirement FILE` or `--requirement=FILE` line includes.
  private static func includeTarget(_ entry: String) -> String? {
    for option in ["--requirement=", "--requirement ", "-r "] where entry.hasPrefix(option) {
      return entry.dropFirst(option.count).trimmingCharacters(in: .whitespaces)
    }
    if entry.hasPrefix("-r"), entry.count > 2 { return String(entry.dropFirst(2)) }
    return nil
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
