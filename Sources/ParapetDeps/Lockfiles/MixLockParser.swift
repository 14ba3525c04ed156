import Foundation
import ParapetCore

/// Elixir's `mix.lock`: an Elixir map whose values for Hex packages read
/// `{:hex, :name, "version", "checksum", [:mix], [{:dep, "~> 1.0", [...]}], "hexpm", "outer"}`.
/// Git and path dependencies carry no Hex version and are skipped.
enum MixLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "mix.lock" }

  private static let entry = try? NSRegularExpression(
    pattern:
      #"^\s*"([^"]+)":\s*\{:hex,\s*:([A-Za-z0-9_]+),\s*"([^"]+)",\s*"([0-9a-fA-F]*)",\s*\[[^\]]*\],\s*\[(.*?)\],\s*"[^"]*""#
  )
  private static let dependency = try? NSRegularExpression(pattern: #"\{:([A-Za-z0-9_]+),"#)

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    guard text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("%{") else {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "expected an Elixir map ('%{')")
    }
    var found:
      [(name: String, version: String, line: Int, checksum: String, dependencies: [String])] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = String(raw)
      let range = NSRange(line.startIndex..., in: line)
      guard let match = entry?.firstMatch(in: line, range: range) else { continue }
      func group(_ number: Int) -> String {
        Range(match.range(at: number), in: line).map { String(line[$0]) } ?? ""
      }
      let dependencyText = group(5)
      let names =
        (dependency?.matches(
          in: dependencyText, range: NSRange(dependencyText.startIndex..., in: dependencyText))
        ?? [])
        .compactMap {
          Range($0.range(at: 1), in: dependencyText).map { String(dependencyText[$0]) }
        }
      found.append((group(2), group(3), index + 1, group(4), names))
    }
    let versions = Dictionary(
      found.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first })
    let packages = found.map { item in
      Package(
        ecosystem: .hex, name: item.name, version: item.version, path: path, line: item.line,
        integrity: item.checksum.isEmpty ? nil : "sha256:\(item.checksum)",
        dependencies: item.dependencies.compactMap { name in versions[name].map { "\(name)@\($0)" }
        })
    }
    return Lockfile(path: path, kind: "mix.lock", packages: packages)
  }
}
