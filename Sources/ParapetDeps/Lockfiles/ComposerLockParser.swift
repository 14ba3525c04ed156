import Foundation
import ParapetCore

/// Composer's `composer.lock`: `packages` and `packages-dev`, each with name, version, `require`
/// and `dist.shasum`; direct dependencies from `composer.json` beside it.
enum ComposerLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "composer.lock" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let root = try JSONLockfile.object(text, path: path)
    let locator = LineLocator(text)
    var direct = Set<String>()
    if let manifest = site.sibling("composer.json"),
      let json = (try? JSONSerialization.jsonObject(with: Data(manifest.utf8))) as? [String: Any]
    {
      for key in ["require", "require-dev"] {
        direct.formUnion((json[key] as? [String: Any])?.keys.map { $0.lowercased() } ?? [])
      }
    }
    let sections: [(String, Package.Scope)] = [("packages", .prod), ("packages-dev", .dev)]
    let entries = sections.flatMap { key, scope in
      ((root[key] as? [[String: Any]]) ?? []).map { ($0, scope) }
    }
    let versions = Dictionary(
      entries.compactMap { entry, _ in
        (entry["name"] as? String).map { ($0.lowercased(), entry["version"] as? String ?? "") }
      },
      uniquingKeysWith: { first, _ in first })
    var packages: [Package] = []
    var line = 1
    for (entry, scope) in entries {
      guard let name = entry["name"] as? String, let version = entry["version"] as? String else {
        continue
      }
      line = locator.line(of: "\"name\": \"\(name)\"", from: line)
      let requires = (entry["require"] as? [String: Any])?.keys.map { $0 } ?? []
      packages.append(
        Package(
          ecosystem: .packagist, name: name, version: version,
          direct: direct.contains(name.lowercased()), scope: scope,
          path: path, line: line,
          integrity: (entry["dist"] as? [String: Any])?["shasum"] as? String,
          dependencies: requires.compactMap { name in
            versions[name.lowercased()].map { "\(name)@\($0)" }
          },
          // Composer lists alternatives: a package under ["MIT", "GPL-2.0"] may be used under either.
          declaredLicense: (entry["license"] as? [String]).flatMap {
            $0.isEmpty ? nil : $0.count == 1 ? $0[0] : "(\($0.joined(separator: ") OR (")))"
          }))
    }
    return Lockfile(path: path, kind: "composer.lock", packages: packages)
  }
}
