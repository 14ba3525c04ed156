import Foundation
import ParapetCore

/// The files under a root the gateway job may read, from one walk of the tree: nginx
/// candidates by name, YAML and TOML documents, and Dockerfiles. Dependency, build and fixture folders are
/// left out (`NginxDiscovery.skipped`).
public struct GatewayFiles {
  /// A regular file: its absolute path, its path relative to the root, and its size in bytes.
  struct Entry {
    let path: String
    let shown: String
    let size: Int
    /// Its path in the source, for reading it.
    let file: SourcePath
  }

  /// The root, absolute and without `.` or `..` parts.
  var root = ""

  /// `*.conf`, `nginx.conf*`, and files in nginx's usual folders.
  var nginx: [Entry] = []
  /// `*.yaml`, `*.yml` and `*.toml` files.
  var documents: [Entry] = []
  /// `Dockerfile`, `Containerfile` and their variants.
  var dockerfiles: [Entry] = []

  /// Whether the gateway job may read a repo-relative path: an nginx candidate by name, or a
  /// YAML or TOML document, outside the folders it leaves out. A pre-commit check exports only
  /// these from the index.
  public static func mayRead(_ path: String) -> Bool {
    let parts = path.split(separator: "/").map(String.init)
    guard let name = parts.last, !parts.contains(where: NginxDiscovery.skipped.contains) else {
      return false
    }
    let folder = parts.count > 1 ? parts[parts.count - 2] : ""
    return NginxDiscovery.isCandidateName(name, folder: folder) || isDocument(name)
      || DockerfileDocument.isDockerfile(name)
  }

  private static func isDocument(_ name: String) -> Bool {
    name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".toml")
  }

  /// Walks a source once. Symbolic links are not followed, so nothing outside the root is read.
  /// - Parameters:
  ///   - source: the files.
  ///   - root: the source's folder, absolute (nginx includes resolve against it).
  ///   - only: root-relative files and folders to keep to; empty for all. A folder named here,
  ///     or on the way to one, is walked even when its name is otherwise left out (`fixtures`).
  /// - Returns: the nginx candidates and the documents, in path order.
  static func walk(_ source: any FileSource, root: URL, only: [String] = []) -> GatewayFiles {
    var files = GatewayFiles()
    files.root = root.standardizedFileURL.path
    /// Whether a root-relative path is named or lies inside a named folder.
    func isNamed(_ path: String) -> Bool {
      only.isEmpty || only.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
    /// Whether a named path lies below a root-relative folder.
    func leadsToNamed(_ folder: String) -> Bool {
      only.contains { $0.hasPrefix(folder + "/") }
    }
    let entries = source.walk(from: .root) { folder in
      let relative = folder.description
      let leads = leadsToNamed(relative)
      let leftOut =
        (NginxDiscovery.skipped.contains(folder.name) || folder.name.hasPrefix(".build"))
        && !leads && !only.contains(relative)
      return (isNamed(relative) || leads) && !leftOut
    }
    for entry in entries where entry.kind == .file {
      let relative = entry.path.description
      guard isNamed(relative) else { continue }
      let name = entry.path.name
      let folder =
        entry.path.folder.isRoot
        ? (files.root as NSString).lastPathComponent : entry.path.folder.name
      let isNginx = NginxDiscovery.isCandidateName(name, folder: folder)
      let isDocument = Self.isDocument(name)
      let isDockerfile = DockerfileDocument.isDockerfile(name)
      guard isNginx || isDocument || isDockerfile else { continue }
      let found = Entry(
        path: files.root + "/" + relative, shown: relative, size: entry.size, file: entry.path)
      if isNginx { files.nginx.append(found) }
      if isDocument { files.documents.append(found) }
      if isDockerfile { files.dockerfiles.append(found) }
    }
    return files
  }
}
