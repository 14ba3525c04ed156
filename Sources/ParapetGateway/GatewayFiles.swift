import Foundation

/// The files under a root the gateway job may read, from one walk of the tree: nginx
/// candidates by name, and YAML and TOML documents. Dependency, build and fixture folders are
/// left out (`NginxDiscovery.skipped`).
public struct GatewayFiles {
  /// A regular file and its size in bytes.
  typealias Entry = (url: URL, size: Int)

  /// `*.conf`, `nginx.conf*`, and files in nginx's usual folders.
  var nginx: [Entry] = []
  /// `*.yaml`, `*.yml` and `*.toml` files.
  var documents: [Entry] = []

  /// Whether the gateway job may read a repo-relative path: an nginx candidate by name, or a
  /// YAML or TOML document, outside the folders it leaves out. A pre-commit check exports only
  /// these from the index.
  public static func mayRead(_ path: String) -> Bool {
    let url = URL(fileURLWithPath: path)
    guard
      !path.split(separator: "/").contains(where: { NginxDiscovery.skipped.contains(String($0)) })
    else { return false }
    return NginxDiscovery.isCandidateName(url)
      || ["yaml", "yml", "toml"].contains(url.pathExtension)
  }

  /// Walks a root once.
  static func walk(_ root: URL) -> GatewayFiles {
    var files = GatewayFiles()
    let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey]
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys)
    else { return files }
    for case let url as URL in walker {
      let name = url.lastPathComponent
      if NginxDiscovery.skipped.contains(name) {
        walker.skipDescendants()
        continue
      }
      let isNginx = NginxDiscovery.isCandidateName(url)
      let isDocument = ["yaml", "yml", "toml"].contains(url.pathExtension)
      guard isNginx || isDocument,
        let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true
      else { continue }
      let entry = (url, values.fileSize ?? 0)
      if isNginx { files.nginx.append(entry) }
      if isDocument { files.documents.append(entry) }
    }
    files.nginx.sort { $0.url.path < $1.url.path }
    files.documents.sort { $0.url.path < $1.url.path }
    return files
  }
}
