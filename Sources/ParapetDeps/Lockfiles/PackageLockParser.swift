import Foundation
import ParapetCore

/// npm's `package-lock.json` and `npm-shrinkwrap.json`: v2 and v3 read the flat `packages` map
/// (`node_modules/a/node_modules/b` keys, resolved the way Node resolves `require`), v1 the
/// nested `dependencies` tree. Decoded into small structs rather than Foundation objects: a
/// 5,000-package lockfile is several megabytes of JSON.
enum PackageLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool {
    fileName == "package-lock.json" || fileName == "npm-shrinkwrap.json"
  }

  private struct Document: Decodable {
    var lockfileVersion: Int?
    var packages: [String: Entry]?
    var dependencies: [String: NestedEntry]?
  }

  private struct Entry: Decodable {
    var name: String?
    var version: String?
    var integrity: String?
    var dev: Bool?
    var devOptional: Bool?
    var optional: Bool?
    var peer: Bool?
    var link: Bool?
    var license: LicenseField?
    var dependencies: [String: String]?
    var devDependencies: [String: String]?
    var optionalDependencies: [String: String]?
    var peerDependencies: [String: String]?
  }

  private struct NestedEntry: Decodable {
    var version: String?
    var integrity: String?
    var dev: Bool?
    var optional: Bool?
    var requires: [String: String]?
    var dependencies: [String: NestedEntry]?
  }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let document: Document
    try JSONLockfile.checkDepth(text, path: path)
    do {
      document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
    } catch {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "not valid JSON")
    }
    let version = document.lockfileVersion ?? 1
    let locator = LineLocator(text)
    if let packages = document.packages, version >= 2 {
      // An entry without a version (npm writes them for missing optional packages) cannot be
      // matched or described; it is named in a notice rather than dropped in silence.
      let unversioned = packages.filter { key, entry in
        key.contains("node_modules/") && entry.link != true && entry.version == nil
      }.keys.sorted().map { key in
        (
          line: locator.line(exactly: "\"\(key)\": {") ?? locator.line(of: "\"\(key)\""),
          message: "'\(key)' has no version; left out"
        )
      }
      return Lockfile(
        path: path, kind: "package-lock.json v\(version)",
        packages: flat(packages, path: path, locator: locator), notices: unversioned)
    }
    var result: [Package] = []
    nested(
      document.dependencies ?? [:], parent: [:], direct: true, path: path, locator: locator,
      into: &result)
    return Lockfile(path: path, kind: "package-lock.json v\(version)", packages: result)
  }

  private static func flat(_ packages: [String: Entry], path: String, locator: LineLocator)
    -> [Package]
  {
    let root = packages[""]
    let directNames = Set(
      [
        root?.dependencies, root?.devDependencies, root?.optionalDependencies,
        root?.peerDependencies,
      ]
      .flatMap { $0?.keys.map { $0 } ?? [] })
    var result: [Package] = []
    for (key, entry) in packages.sorted(by: { $0.key < $1.key }) where key.contains("node_modules/")
    {
      guard entry.link != true, let version = entry.version else { continue }
      let folder = key.range(of: "node_modules/", options: .backwards).map {
        String(key[$0.upperBound...])
      }
      guard let name = entry.name ?? folder else { continue }
      let requires = [entry.dependencies, entry.optionalDependencies, entry.peerDependencies]
        .flatMap { $0?.keys.map { $0 } ?? [] }
      result.append(
        Package(
          ecosystem: .npm, name: name, version: version,
          direct: directNames.contains(name) && key == "node_modules/\(name)", scope: scope(entry),
          path: path,
          line: locator.line(exactly: "\"\(key)\": {") ?? locator.line(of: "\"\(key)\""),
          integrity: entry.integrity,
          dependencies: requires.compactMap { resolve($0, from: key, in: packages) },
          declaredLicense: entry.license?.expression, installPath: key))
    }
    return result
  }

  /// Node's resolution: look for `node_modules/<name>` in the requiring package's folder, then
  /// in each folder above it.
  private static func resolve(_ name: String, from key: String, in packages: [String: Entry])
    -> String?
  {
    var base = key
    while true {
      let candidate = base.isEmpty ? "node_modules/\(name)" : "\(base)/node_modules/\(name)"
      if let version = packages[candidate]?.version { return "\(name)@\(version)" }
      guard let range = base.range(of: "/node_modules/", options: .backwards) else {
        if base.isEmpty { return nil }
        base = ""
        continue
      }
      base = String(base[..<range.lowerBound])
    }
  }

  private static func nested(
    _ dependencies: [String: NestedEntry], parent: [String: NestedEntry], direct: Bool,
    path: String,
    locator: LineLocator, into result: inout [Package]
  ) {
    for (name, entry) in dependencies.sorted(by: { $0.key < $1.key }) {
      guard let version = entry.version else { continue }
      let children = entry.dependencies ?? [:]
      result.append(
        Package(
          ecosystem: .npm, name: name, version: version, direct: direct,
          scope: entry.dev == true ? .dev : entry.optional == true ? .optional : .prod, path: path,
          line: locator.line(exactly: "\"\(name)\": {") ?? locator.line(of: "\"\(name)\": {"),
          integrity: entry.integrity,
          dependencies: (entry.requires ?? [:]).keys.compactMap { required in
            (children[required] ?? dependencies[required] ?? parent[required])?.version.map {
              "\(required)@\($0)"
            }
          }))
      nested(
        children, parent: dependencies, direct: false, path: path, locator: locator, into: &result)
    }
  }

  private static func scope(_ entry: Entry) -> Package.Scope {
    if entry.dev == true || entry.devOptional == true { return .dev }
    if entry.optional == true { return .optional }
    if entry.peer == true { return .peer }
    return .prod
  }
}
