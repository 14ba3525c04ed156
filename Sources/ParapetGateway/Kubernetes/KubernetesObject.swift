import Foundation
import ParapetCore
import Yams

/// One Kubernetes object of a manifest: its kind, name, and YAML node with line marks.
struct KubernetesObject {
  let apiVersion: String
  let kind: String
  let name: String
  let node: Node
  /// The manifest, repo-relative.
  let path: String

  /// The objects of one YAML document: none when it has no `apiVersion` and `kind`, the items of
  /// a `List`, or the object itself.
  /// - Parameters:
  ///   - node: the document.
  ///   - path: its file, repo-relative.
  /// - Returns: the objects.
  static func objects(in node: Node, path: String) -> [KubernetesObject] {
    guard let kind = node["kind"]?.string, let apiVersion = node["apiVersion"]?.string else {
      return []
    }
    if kind == "List" {
      return (node["items"]?.array() ?? []).flatMap { objects(in: $0, path: path) }
    }
    return [
      KubernetesObject(
        apiVersion: apiVersion, kind: kind, name: node["metadata"]?["name"]?.string ?? "",
        node: node,
        path: path)
    ]
  }

  /// `Kind/name`, as findings name an object.
  var label: String { "\(kind)/\(name)" }

  /// The object's annotations, with their value nodes.
  var annotations: [(key: String, value: Node)] {
    guard let mapping = node["metadata"]?["annotations"]?.mapping else { return [] }
    return mapping.compactMap { pair in pair.key.string.map { ($0, pair.value) } }
  }
}
