import Foundation
import ParapetCore
import ParapetDeps

/// Language packages installed in an image's file system, outside any lockfile: Python
/// distributions (`site-packages/*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, as pip and
/// Debian's python3 packages install them), npm packages (`node_modules/**/package.json`), the
/// modules Go executables embed, the crates of Rust executables built with `cargo auditable`,
/// and the Maven artifacts of Java archives.
/// Each install folder is one "lockfile" in the deps model, so that findings point at the file
/// that records the package.
enum InstalledPackages {
  /// The packages, one lockfile per distribution's metadata file or package.json folder root.
  /// - Parameter source: the image's merged files.
  static func read(from source: ImageSource) -> [Lockfile] {
    var lockfiles = embeddedLists(in: source)
    for path in source.tree.nodes.keys.sorted() {
      guard let kind = kind(of: path, in: source), let text = source.text(path) else { continue }
      let package: Package?
      switch kind {
      case .python: package = python(text, path: path)
      case .npm: package = npm(text, path: path)
      }
      if let package {
        lockfiles.append(
          Lockfile(
            path: path.description,
            kind: kind == .python ? "installed Python distribution" : "installed npm package",
            packages: [package]))
      }
    }
    return lockfiles
  }

  /// The package lists files embed, one lockfile per file: each Go executable's modules and
  /// toolchain (as `stdlib`, which Go's advisories name), each Rust executable's crates as
  /// `cargo auditable` recorded them, each Java archive's Maven artifacts as `group:artifact`.
  private static func embeddedLists(in source: ImageSource) -> [Lockfile] {
    source.tree.nodes.sorted { $0.key < $1.key }.flatMap { path, node in
      var lists:
        [(kind: String, ecosystem: Ecosystem, packages: [(name: String, version: String)])] = []
      if let info = node.goBuildInfo {
        let modules =
          [GoBuildInfo.Module(path: "stdlib", version: String(info.goVersion.dropFirst(2)))]
          + (info.main.map { [$0] } ?? []) + info.dependencies
        lists.append(("Go binary", .go, modules.map { ($0.path, $0.version) }))
      }
      if let crates = node.rustCrates {
        lists.append(("Rust binary", .crates, crates.map { ($0.name, $0.version) }))
      }
      if !node.javaArtifacts.isEmpty {
        lists.append(
          (
            "Java archive", .maven,
            node.javaArtifacts.map { ("\($0.group):\($0.artifact)", $0.version) }
          ))
      }
      return lists.map { list in
        Lockfile(
          path: path.description, kind: list.kind,
          packages: list.packages.map {
            Package(
              ecosystem: list.ecosystem, name: $0.name, version: $0.version, direct: true,
              path: path.description, line: 1)
          })
      }
    }
  }

  private enum Kind {
    case python, npm
  }

  /// Whether a path is a metadata file this reads.
  private static func kind(of path: SourcePath, in source: ImageSource) -> Kind? {
    let name = path.name
    let folder = path.folder
    let parent = folder.folder.name
    if name == "METADATA", folder.name.hasSuffix(".dist-info"),
      parent == "site-packages" || parent == "dist-packages"
    {
      return .python
    }
    // An egg's metadata is a folder with PKG-INFO, or (distutils) one file named for the egg.
    if name == "PKG-INFO", folder.name.hasSuffix(".egg-info"),
      parent == "site-packages" || parent == "dist-packages"
    {
      return .python
    }
    if name.hasSuffix(".egg-info"),
      folder.name == "site-packages" || folder.name == "dist-packages",
      source.isFile(path)
    {
      return .python
    }
    if name == "package.json",
      parent == "node_modules"
        || (folder.folder.name.hasPrefix("@") && folder.folder.folder.name == "node_modules")
    {
      return .npm
    }
    return nil
  }

  /// A distribution's core metadata: e-mail style headers up to the first blank line.
  private static func python(_ text: String, path: SourcePath) -> Package? {
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty || line == "\r" { break }
      guard let colon = line.firstIndex(of: ":"), line.first != " " else { continue }
      let key = String(line[..<colon])
      if fields[key] == nil {
        fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    guard let name = fields["Name"], let version = fields["Version"], !name.isEmpty else {
      return nil
    }
    let license =
      fields["License-Expression"]
      ?? fields["License"].flatMap { $0.isEmpty || $0 == "UNKNOWN" ? nil : $0 }
    return Package(
      ecosystem: .pypi, name: name, version: version, direct: true, path: path.description,
      line: 1, declaredLicense: license)
  }

  private struct Manifest: Decodable {
    var name: String?
    var version: String?
    var license: License?

    /// `"MIT"`, or the older `{"type": "MIT"}`.
    enum License: Decodable {
      case text(String)
      case object(type: String?)

      init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
          self = .text(text)
        } else {
          struct Typed: Decodable { var type: String? }
          self = .object(type: try? decoder.singleValueContainer().decode(Typed.self).type)
        }
      }

      var value: String? {
        switch self {
        case .text(let text): text
        case .object(let type): type
        }
      }
    }
  }

  private static func npm(_ text: String, path: SourcePath) -> Package? {
    guard let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(text.utf8)),
      let name = manifest.name, let version = manifest.version
    else { return nil }
    return Package(
      ecosystem: .npm, name: name, version: version, direct: true, path: path.description,
      line: 1, declaredLicense: manifest.license?.value)
  }
}
