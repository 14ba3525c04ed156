import Foundation
import ParapetCore

/// npm's `package-lock.json` and `npm-shrinkwrap.json`: v2 and v3 read the flat `packages` map
/// (`node_modules/a/node_modules/b` keys, resolved the way Node resolves `require`), v1 the
/// nested `dependencies` tree.
enum PackageLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool {
    fileName == "package-lock.json" || fileName == "npm-shrinkwrap.json"
  }

  static func parse(_ text: String, path: String, directory: URL) throws -> Lockfile {
    guard let data = text.data(using: .utf8),
      let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "not valid JSON")
    }
    let version = root["lockfileVersion"] as? Int ?? 1
    let locator = LineLocator(text)
    if let packages = root["packages"] as? [String: Any], version >= 2 {
      return Lockfile(
        path: path, kind: "package-lock.json v\(version)",
        packages: flat(packages, path: path, locator: locator))
    }
    var result: [Package] = []
    nested(
      root["dependencies"] as? [String: Any] ?? [:], direct: true, path: path, locator: locator,
      into: &result)
    return Lockfile(path: path, kind: "package-lock.json v\(version)", packages: result)
  }

  private static func flat(_ packages: [String: Any], path: String, locator: LineLocator)
    -> [Package]
  {
    let rootEntry = packages[""] as? [String: Any] ?? [:]
    let directNames = Set(
      ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]
        .flatMap { (rootEntry[$0] as? [String: Any])?.keys.map { $0 } ?? [] })
    var result: [Package] = []
    for (key, value) in packages.sorted(by: { $0.key < $1.key }) where key.contains("node_modules/")
    {
      guard let entry = value as? [String: Any], entry["link"] as? Bool != true else { continue }
      let folder = key.range(of: "node_modules/", options: .backwards).map {
        String(key[$0.upperBound...])
      }
      guard let name = entry["name"] as? String ?? folder else { continue }
      guard let version = entry["version"] as? String else { continue }
      let requires = ["dependencies", "optionalDependencies", "peerDependencies"]
        .flatMap { (entry[$0] as? [String: Any])?.keys.map { $0 } ?? [] }
      result.append(
        Package(
          ecosystem: .npm, name: name, version: version,
          direct: directNames.contains(name) && key == "node_modules/\(name)",
          scope: scope(entry), path: path, line: locator.line(of: "\"\(key)\": {"),
          integrity: entry["integrity"] as? String,
          dependencies: requires.compactMap { resolve($0, from: key, in: packages) }))
    }
    return result
  }

  /// Node's resolution: look for `node_modules/<name>` in the requiring package's folder, then
  /// in each folder above it.
  private static func resolve(_ name: String, from key: String, in packages: [String: Any])
    -> String?
  {
    var base = key
    while true {
      let candidate = base.isEmpty ? "node_modules/\(name)" : "\(base)/node_modules/\(name)"
      if let entry = packages[candidate] as? [String: Any],
        let version = entry["version"] as? String
      {
        return "\(name)@\(version)"
      }
      guard let range = base.range(of: "/node_modules/", options: .backwards) else {
        if base.isEmpty { return nil }
        base = ""
        continue
      }
      base = String(base[..<range.lowerBound])
    }
  }

  private static func nested(
    _ dependencies: [String: Any], direct: Bool, path: String, locator: LineLocator,
    into result: inout [Package]
  ) {
    for (name, value) in dependencies.sorted(by: { $0.key < $1.key }) {
      guard let entry = value as? [String: Any], let version = entry["version"] as? String else {
        continue
      }
      let children = entry["dependencies"] as? [String: Any] ?? [:]
      let requires = (entry["requires"] as? [String: Any])?.keys.map { $0 } ?? []
      result.append(
        Package(
          ecosystem: .npm, name: name, version: version, direct: direct, scope: scope(entry),
          path: path,
          line: locator.line(of: "\"\(name)\": {"), integrity: entry["integrity"] as? String,
          dependencies: requires.compactMap { required in
            ((children[required] ?? dependencies[required]) as? [String: Any])?["version"].map {
              "\(required)@\($0)"
            }
          }))
      nested(children, direct: false, path: path, locator: locator, into: &result)
    }
  }

  private static func scope(_ entry: [String: Any]) -> Package.Scope {
    if entry["dev"] as? Bool == true || entry["devOptional"] as? Bool == true { return .dev }
    if entry["optional"] as? Bool == true { return .optional }
    if entry["peer"] as? Bool == true { return .peer }
    return .prod
  }
}
