import Foundation
import ParapetCore
import Yams

/// Dart's `pubspec.lock`: `packages` with `dependency` (`direct main`, `direct dev`,
/// `transitive`), `source`, `version` and, for hosted packages, a `sha256`.
enum PubspecLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "pubspec.lock" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let root = try YAMLLockfile.root(text, path: path)
    var packages: [Package] = []
    for (key, value) in root["packages"]?.mapping ?? [:] {
      guard let name = key.string, let version = value["version"]?.string,
        value["source"]?.string != "sdk"
      else { continue }
      let kind = value["dependency"]?.string ?? "transitive"
      packages.append(
        Package(
          ecosystem: .pub, name: name, version: version, direct: kind.hasPrefix("direct"),
          scope: kind == "direct dev" ? .dev : .prod, path: path, line: key.mark?.line ?? 1,
          integrity: value["description"]?["sha256"]?.string.map { "sha256:\($0)" }))
    }
    return Lockfile(
      path: path, kind: "pubspec.lock", packages: packages.sorted { $0.line < $1.line })
  }
}
