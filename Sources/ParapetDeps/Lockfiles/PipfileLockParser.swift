import Foundation
import ParapetCore

/// Pipenv's `Pipfile.lock`: `default` and `develop` maps of name to `{"version": "==x"}`.
enum PipfileLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "Pipfile.lock" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let root = try JSONLockfile.object(text, path: path)
    let locator = LineLocator(text)
    var packages: [Package] = []
    for (section, scope) in [("default", Package.Scope.prod), ("develop", .dev)] {
      let sectionLine = locator.line(of: "\"\(section)\": {")
      for (name, value) in ((root[section] as? [String: Any]) ?? [:]).sorted(by: { $0.key < $1.key }
      ) {
        guard let entry = value as? [String: Any], let pinned = entry["version"] as? String,
          pinned.hasPrefix("==")
        else {
          continue
        }
        packages.append(
          Package(
            ecosystem: .pypi, name: name, version: String(pinned.dropFirst(2)), direct: false,
            scope: scope,
            path: path, line: locator.line(of: "\"\(name)\": {", from: sectionLine),
            integrity: (entry["hashes"] as? [String])?.first))
      }
    }
    return Lockfile(path: path, kind: "Pipfile.lock", packages: packages)
  }
}
