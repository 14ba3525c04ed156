import Foundation

/// Finds nginx configuration by content: files named `*.conf`, `nginx.conf*` or kept in an
/// `nginx`, `conf.d`, `sites-enabled` or `sites-available` folder, that parse as nginx and hold
/// nginx's own block or core directives.
enum NginxDiscovery {
  private static let skipped: Set<String> = [".git", "node_modules", ".build", "vendor", ".venv"]
  private static let folders: Set<String> = ["nginx", "conf.d", "sites-enabled", "sites-available"]
  /// Directives that only nginx configurations have at their top level.
  private static let markers: Set<String> = [
    "http", "server", "events", "stream", "upstream", "location", "map", "limit_req_zone",
    "worker_processes", "server_name", "listen", "proxy_pass", "ssl_protocols", "add_header",
  ]

  /// The candidate files under a root, sorted.
  static func candidates(under root: URL) -> [URL] {
    var found: [URL] = []
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
    else { return [] }
    for case let url as URL in walker {
      let name = url.lastPathComponent
      if skipped.contains(name) {
        walker.skipDescendants()
        continue
      }
      let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
      guard values?.isRegularFile == true, (values?.fileSize ?? 0) < 4 * 1_048_576 else { continue }
      let inFolder = folders.contains(url.deletingLastPathComponent().lastPathComponent)
      if name.hasSuffix(".conf") || name.hasPrefix("nginx.conf") || inFolder {
        found.append(url)
      }
    }
    return found.sorted { $0.path < $1.path }
  }

  /// Whether parsed directives are nginx's.
  static func looksLikeNginx(_ directives: [NginxDirective]) -> Bool {
    directives.contains { markers.contains($0.name) }
  }

  /// Whether a file that does not parse still names nginx directives (and so deserves a notice).
  static func mentionsNginxDirectives(_ file: URL) -> Bool {
    guard let data = FileManager.default.contents(atPath: file.path) else { return false }
    let text = String(decoding: data.prefix(65_536), as: UTF8.self)
    return ["server {", "http {", "location ", "proxy_pass ", "listen "].contains(
      where: text.contains)
  }
}
