import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The files under a root the gateway job may read, from one walk of the tree: nginx
/// candidates by name, and YAML and TOML documents. Dependency, build and fixture folders are
/// left out (`NginxDiscovery.skipped`).
public struct GatewayFiles {
  /// A regular file: its absolute path, its path relative to the root, and its size in bytes.
  struct Entry {
    let path: String
    let shown: String
    let size: Int
  }

  /// The root, absolute and without `.` or `..` parts.
  var root = ""

  /// `*.conf`, `nginx.conf*`, and files in nginx's usual folders.
  var nginx: [Entry] = []
  /// `*.yaml`, `*.yml` and `*.toml` files.
  var documents: [Entry] = []

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
  }

  private static func isDocument(_ name: String) -> Bool {
    name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".toml")
  }

  /// Walks a root once with readdir: Foundation's enumerator builds a URL and reads resource
  /// values for every file of the tree, most of which the job never reads. Symbolic links are
  /// not followed, so nothing outside the root is read.
  /// - Parameters:
  ///   - root: the folder to walk.
  ///   - only: root-relative files and folders to keep to; empty for all. A folder named here,
  ///     or on the way to one, is walked even when its name is otherwise left out (`fixtures`).
  /// - Returns: the nginx candidates and the documents, in path order.
  static func walk(_ root: URL, only: [String] = []) -> GatewayFiles {
    var files = GatewayFiles()
    /// Whether a root-relative path is named or lies inside a named folder.
    func isNamed(_ path: String) -> Bool {
      only.isEmpty || only.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
    /// Whether a named path lies below a root-relative folder.
    func leadsToNamed(_ folder: String) -> Bool {
      only.contains { $0.hasPrefix(folder + "/") }
    }
    func visit(_ directory: String, shown: String, name folder: String) {
      guard let handle = opendir(directory) else { return }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
          String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard name != ".", name != ".." else { continue }
        let path = directory + "/" + name
        let relative = shown.isEmpty ? name : shown + "/" + name
        var kind = Int(entry.pointee.d_type)
        var info = stat()
        // Some file systems do not fill d_type; lstat tells (and never follows a link).
        if kind == DT_UNKNOWN, lstat(path, &info) == 0 {
          let format = info.st_mode & S_IFMT
          kind = format == S_IFDIR ? DT_DIR : format == S_IFREG ? DT_REG : DT_LNK
        }
        if kind == DT_DIR {
          let leads = leadsToNamed(relative)
          let leftOut = NginxDiscovery.skipped.contains(name) && !leads && !only.contains(relative)
          if (isNamed(relative) || leads) && !leftOut { visit(path, shown: relative, name: name) }
          continue
        }
        guard isNamed(relative) else { continue }
        let isNginx = NginxDiscovery.isCandidateName(name, folder: folder)
        let isDocument = Self.isDocument(name)
        guard kind == DT_REG, isNginx || isDocument, lstat(path, &info) == 0 else { continue }
        let found = Entry(path: path, shown: relative, size: Int(info.st_size))
        if isNginx { files.nginx.append(found) }
        if isDocument { files.documents.append(found) }
      }
    }
    files.root = root.standardizedFileURL.path
    visit(files.root, shown: "", name: (files.root as NSString).lastPathComponent)
    files.nginx.sort { $0.shown < $1.shown }
    files.documents.sort { $0.shown < $1.shown }
    return files
  }
}
