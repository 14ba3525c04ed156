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

  /// The objects of a multi-document manifest; documents without `apiVersion` and `kind` are
  /// not Kubernetes objects and are left out. A `List` yields its items.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: its repo-relative path.
  /// - Returns: the objects.
  /// - Throws: the YAML error, for a file that does not parse.
  static func objects(in text: String, path: String) throws -> [KubernetesObject] {
    var objects: [KubernetesObject] = []
    for document in try Yams.compose_all(yaml: text) {
      objects += from(document, path: path)
    }
    return objects
  }

  private static func from(_ node: Node, path: String) -> [KubernetesObject] {
    guard let kind = node["kind"]?.string, let apiVersion = node["apiVersion"]?.string else {
      return []
    }
    if kind == "List" {
      return (node["items"]?.array() ?? []).flatMap { from($0, path: path) }
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
