import Foundation
import ParapetCore
import Yams

/// Finds Kubernetes manifests by content: `*.yaml` and `*.yml` files whose documents carry
/// `apiVersion` and `kind`. Helm-rendered output is plain manifests and is read the same way.
enum KubernetesDiscovery {
  private static let skipped: Set<String> = [".git", "node_modules", ".build", "vendor", ".venv"]
  /// More aliases than this in one file is an alias bomb, not a manifest: it is not expanded.
  static let maximumAliases = 64

  /// The objects of every manifest under a root, grouped by folder (a folder is a bundle).
  /// - Parameters:
  ///   - root: the scanned root.
  ///   - notices: receives a warning per file that does not parse or is refused.
  ///   - files: receives the manifests read, repo-relative.
  /// - Returns: one list of objects per folder, in path order.
  static func bundles(under root: URL, notices: inout [Notice], files: inout [String])
    -> [[KubernetesObject]]
  {
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
    else { return [] }
    var byFolder: [String: [KubernetesObject]] = [:]
    let base = root.standardizedFileURL.path
    for case let url as URL in walker {
      if skipped.contains(url.lastPathComponent) {
        walker.skipDescendants()
        continue
      }
      guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
      let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
      guard values?.isRegularFile == true, (values?.fileSize ?? 0) < 4 * 1_048_576,
        let data = FileManager.default.contents(atPath: url.path)
      else { continue }
      let path = url.standardizedFileURL.path
      let shown = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
      let text = String(decoding: data, as: UTF8.self)
      guard text.contains("apiVersion") && text.contains("kind") else { continue }
      let aliases = text.matches(of: #/(?:^|[\s\[,:\-])\*[A-Za-z0-9_.\-]+/#).count
      if aliases > maximumAliases {
        notices.append(
          Notice(
            .warning, "\(aliases) YAML aliases: not expanded (an alias bomb?); not checked",
            path: shown))
        continue
      }
      do {
        let objects = try KubernetesObject.objects(in: text, path: shown)
        guard !objects.isEmpty else { continue }
        files.append(shown)
        byFolder[(shown as NSString).deletingLastPathComponent, default: []] += objects
      } catch {
        notices.append(Notice(.warning, "YAML does not parse: \(error); not checked", path: shown))
      }
    }
    return byFolder.keys.sorted().compactMap { byFolder[$0] }
  }
}
