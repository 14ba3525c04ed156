import Foundation
import ParapetCore

/// `poetry.lock` (1.x and 2.x): `[[package]]` with name, version, `category` (1.x) or `groups`
/// (2.x), `optional`, and `[package.dependencies]`. Direct dependencies come from the
/// `pyproject.toml` beside it when there is one.
enum PoetryLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "poetry.lock" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    try parsePythonLock(text, path: path, site: site, kind: "poetry.lock")
  }

  /// Shared by poetry and uv, whose `[[package]]` tables differ only in how they list
  /// dependencies and groups.
  static func parsePythonLock(_ text: String, path: String, site: LockfileSite, kind: String) throws
    -> Lockfile
  {
    let document = try TOMLDocument(text: text, path: path)
    let tables = (document.root["package"]?.array ?? []).compactMap(\.table)
    let versions = Dictionary(
      tables.compactMap { table in
        table["name"]?.string.map { (Ecosystem.pypi.normalize($0), table["version"]?.string ?? "") }
      },
      uniquingKeysWith: { first, _ in first })
    let manifest = PyProject.directDependencies(site.sibling("pyproject.toml"))
    var packages: [Package] = []
    for (index, table) in tables.enumerated() {
      guard let name = table["name"]?.string, let version = table["version"]?.string else {
        throw document.error(
          at: "name", under: "[[package]]", occurrence: index, "package needs 'name' and 'version'")
      }
      // uv lists the project itself as an editable or virtual package.
      if let source = table["source"]?.table, source["editable"] != nil || source["virtual"] != nil
      {
        continue
      }
      let groups = table["groups"]?.strings ?? table["category"]?.string.map { [$0] } ?? ["main"]
      let scope: Package.Scope =
        table["optional"]?.bool == true ? .optional : groups.contains("main") ? .prod : .dev
      let dependencyNames: [String] =
        table["dependencies"]?.table.map { Array($0.keys) }
        ?? table["dependencies"]?.array?.compactMap {
          // uv writes inline tables; pdm writes requirement strings.
          $0.table?["name"]?.string
            ?? $0.string.map {
              String($0.prefix { $0.isLetter || $0.isNumber || "-_.".contains($0) })
            }
        } ?? []
      let normalized = Ecosystem.pypi.normalize(name)
      packages.append(
        Package(
          ecosystem: .pypi, name: name, version: version,
          direct: manifest.map { $0.contains(normalized) } ?? false, scope: scope, path: path,
          line: document.headerLine("[[package]]", occurrence: index) ?? 1,
          dependencies: dependencyNames.compactMap { dependency in
            versions[Ecosystem.pypi.normalize(dependency)].map { "\(dependency)@\($0)" }
          }))
    }
    return Lockfile(path: path, kind: kind, packages: packages)
  }
}

/// The direct dependencies a `pyproject.toml` declares (PEP 621 and Poetry's tables).
enum PyProject {
  /// - Parameter text: the text of the `pyproject.toml` beside the lockfile, if there is one.
  /// - Returns: normalized names, or nil when there is no readable manifest.
  static func directDependencies(_ text: String?) -> Set<String>? {
    guard let text, let document = try? TOMLDocument(text: text, path: "pyproject.toml") else {
      return nil
    }
    var names = Set<String>()
    let project = document.root["project"]?.table
    var specs = project?["dependencies"]?.strings ?? []
    for (_, group) in project?["optional-dependencies"]?.table ?? [:] {
      specs += group.strings ?? []
    }
    for (_, group) in document.root["dependency-groups"]?.table ?? [:] {
      specs += group.strings ?? []
    }
    for spec in specs {
      let name = spec.prefix { $0.isLetter || $0.isNumber || "-_.".contains($0) }
      names.insert(Ecosystem.pypi.normalize(String(name)))
    }
    let poetry = document.root["tool"]?.table?["poetry"]?.table
    for key in ["dependencies", "dev-dependencies"] {
      for name in poetry?[key]?.table?.keys ?? [:].keys where name != "python" {
        names.insert(Ecosystem.pypi.normalize(name))
      }
    }
    for (_, group) in poetry?["group"]?.table ?? [:] {
      for name in group.table?["dependencies"]?.table?.keys ?? [:].keys {
        names.insert(Ecosystem.pypi.normalize(name))
      }
    }
    return names
  }
}
