import Foundation
import ParapetCore

/// `Cargo.lock` (v1 to v4): `[[package]]` tables with name, version, source, checksum and
/// dependencies (`name`, `name version` or `name version (source)`). Packages without a source
/// are the workspace's own crates; what they depend on is direct.
enum CargoLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "Cargo.lock" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let document = try TOMLDocument(text: text, path: path)
    let tables = (document.root["package"]?.array ?? []).compactMap(\.table)
    let versionsByName = Dictionary(grouping: tables, by: { $0["name"]?.string ?? "" })
      .mapValues { $0.compactMap { $0["version"]?.string } }
    func key(_ reference: String) -> String {
      let parts = reference.split(separator: " ")
      let name = String(parts[0])
      let version = parts.count > 1 ? String(parts[1]) : versionsByName[name]?.first ?? ""
      return "\(name)@\(version)"
    }
    // `key` takes a reference's first word: an empty one names no package.
    for (index, table) in tables.enumerated()
    where (table["dependencies"]?.strings ?? []).contains(where: {
      $0.split(separator: " ").isEmpty
    }) {
      throw document.error(
        at: "dependencies", under: "[[package]]", occurrence: index, "a dependency is empty")
    }
    let members = tables.filter { $0["source"] == nil }
    let direct = Set(members.flatMap { ($0["dependencies"]?.strings ?? []).map(key) })
    var packages: [Package] = []
    for (index, table) in tables.enumerated() where table["source"] != nil {
      guard let name = table["name"]?.string, let version = table["version"]?.string else {
        throw document.error(
          at: "name", under: "[[package]]", occurrence: index, "package needs 'name' and 'version'")
      }
      packages.append(
        Package(
          ecosystem: .crates, name: name, version: version,
          direct: direct.contains("\(name)@\(version)"),
          path: path, line: document.headerLine("[[package]]", occurrence: index) ?? 1,
          integrity: table["checksum"]?.string.map { "sha256:\($0)" },
          dependencies: (table["dependencies"]?.strings ?? []).map(key)))
    }
    return Lockfile(
      path: path, kind: "Cargo.lock v\(document.root["version"]?.int ?? 1)", packages: packages)
  }
}
