import ParapetCore

/// Projects whose manifest declares dependencies but has no lockfile beside it or in a folder
/// above it (a workspace's root): their versions are not pinned, so the deps job cannot check
/// them, and the user is told the command that writes the lockfile.
enum UnlockedManifests {
  /// A manifest kind: its file name, the lockfiles that pin it, and the command that makes one.
  private struct Kind: Sendable {
    let manifest: String
    let lockfiles: Set<String>
    /// The text that shows the manifest declares dependencies at all.
    let declares: String
    let command: @Sendable (String) -> String
  }

  private static let kinds = [
    Kind(
      manifest: "package.json",
      lockfiles: ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"],
      declares: "ependencies\"", command: { _ in "npm install --package-lock-only" }),
    Kind(
      manifest: "pyproject.toml",
      lockfiles: ["poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "requirements.txt"],
      declares: "dependencies",
      command: { text in text.contains("[tool.poetry") ? "poetry lock" : "uv lock" }),
    Kind(
      manifest: "Pipfile", lockfiles: ["Pipfile.lock"], declares: "packages]",
      command: { _ in "pipenv lock" }),
    Kind(
      manifest: "Cargo.toml", lockfiles: ["Cargo.lock"], declares: "dependencies]",
      command: { _ in "cargo generate-lockfile" }),
    Kind(
      manifest: "go.mod", lockfiles: ["go.sum"], declares: "require",
      command: { _ in "go mod tidy" }),
  ]

  /// One notice per manifest without a lockfile.
  /// - Parameters:
  ///   - source: the files.
  ///   - includeFixtures: look inside installed trees and fixture folders too.
  /// - Returns: warnings naming each manifest and the command that pins it, in path order.
  static func notices(in source: any FileSource, includeFixtures: Bool) -> [Notice] {
    let names = Set(kinds.map(\.manifest)).union(kinds.flatMap(\.lockfiles))
    let files = source.walk(from: .root) { folder in
      includeFixtures
        || !(LockfileDiscovery.skippedFolders.contains(folder.name)
          || folder.name.hasPrefix(".build"))
    }.filter { $0.kind == .file && names.contains($0.path.name) }.map(\.path)
    let present = Set(files)
    var notices: [Notice] = []
    for path in files {
      guard let kind = kinds.first(where: { $0.manifest == path.name }) else { continue }
      let pinned = ancestors(of: path.folder).contains { folder in
        kind.lockfiles.contains { name in
          let bytes = folder.isRoot ? Array(name.utf8) : folder.bytes + [0x2F] + Array(name.utf8)
          return SourcePath(bytes: bytes).map(present.contains) ?? false
        }
      }
      guard !pinned, let text = source.text(path), text.contains(kind.declares) else { continue }
      let place = path.folder.isRoot ? "" : " in \(path.folder)/"
      notices.append(
        Notice(
          .warning,
          "no lockfile pins these dependencies, so they were not checked: run '\(kind.command(text))'\(place)",
          path: path.description, line: 1))
    }
    return notices
  }

  /// A folder and every folder above it, up to the root.
  private static func ancestors(of folder: SourcePath) -> [SourcePath] {
    var result = [folder]
    var current = folder
    while !current.isRoot {
      current = current.folder
      result.append(current)
    }
    return result
  }
}
