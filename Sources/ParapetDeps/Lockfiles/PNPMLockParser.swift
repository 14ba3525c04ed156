import Foundation
import ParapetCore
import Yams

/// `pnpm-lock.yaml`, v6 (`/name@version` keys under `packages`, `dev` flags) and v9 (`name@version`
/// keys, edges under `snapshots`); direct dependencies and their scope come from `importers`.
enum PNPMLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "pnpm-lock.yaml" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let root = try YAMLLockfile.root(text, path: path)
    let version = root["lockfileVersion"]?.string ?? "?"
    var directScopes: [String: Package.Scope] = [:]
    let importers = root["importers"]?.mapping.map { Array($0.values) } ?? [.mapping(root)]
    for importer in importers {
      for (section, scope) in [
        ("dependencies", Package.Scope.prod), ("devDependencies", .dev),
        ("optionalDependencies", .optional),
      ] {
        for (name, value) in importer[section]?.mapping ?? [:] {
          let resolved = value["version"]?.string ?? value.string ?? ""
          directScopes["\(name.string ?? "")@\(Self.plainVersion(resolved))"] = scope
        }
      }
    }
    let snapshots = root["snapshots"]?.mapping
    var packages: [Package] = []
    for (key, value) in root["packages"]?.mapping ?? [:] {
      guard let (name, version) = split(key.string ?? "") else { continue }
      let edges =
        (snapshots?[key] ?? value).mapping.map { entry -> [String] in
          ["dependencies", "optionalDependencies"].flatMap { section in
            (entry[section]?.mapping ?? [:]).compactMap { dependency, resolved in
              guard let dependencyName = dependency.string, let text = resolved.string else {
                return nil
              }
              return "\(dependencyName)@\(Self.plainVersion(text))"
            }
          }
        } ?? []
      let directScope = directScopes["\(name)@\(version)"]
      let scope: Package.Scope =
        directScope
        ?? (value["dev"]?.bool == true ? .dev : value["optional"]?.bool == true ? .optional : .prod)
      packages.append(
        Package(
          ecosystem: .npm, name: name, version: version, direct: directScope != nil, scope: scope,
          path: path,
          line: key.mark?.line ?? 1, integrity: value["resolution"]?["integrity"]?.string,
          dependencies: edges))
    }
    return Lockfile(
      path: path, kind: "pnpm-lock.yaml v\(version)",
      packages: packages.sorted { $0.line < $1.line })
  }

  /// `/name@1.0.0`, `name@1.0.0(peer@2.0.0)` or v5's `/name/1.0.0` → (name, version).
  private static func split(_ key: String) -> (String, String)? {
    var text = key.hasPrefix("/") ? String(key.dropFirst()) : key
    if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
    let search = text.hasPrefix("@") ? text.index(after: text.startIndex) : text.startIndex
    if let at = text[search...].lastIndex(of: "@") {
      return (String(text[..<at]), String(text[text.index(after: at)...]))
    }
    if let slash = text[search...].lastIndex(of: "/") {
      return (String(text[..<slash]), String(text[text.index(after: slash)...]))
    }
    return nil
  }

  /// A resolved version without its peer-dependency suffix: `1.0.0(react@18.0.0)` → `1.0.0`.
  private static func plainVersion(_ text: String) -> String {
    String(text.prefix { $0 != "(" })
  }
}
