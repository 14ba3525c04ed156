import ParapetCore

/// The files of an image (or of one layer): every path with its node, and each folder's
/// children for listing.
struct ImageTree: Sendable {
  private(set) var nodes: [SourcePath: ImageNode] = [:]
  private var children: [SourcePath: Set<SourcePath>] = [:]

  /// The node at a path, not following links.
  subscript(path: SourcePath) -> ImageNode? {
    nodes[path]
  }

  /// Every folder's children in order, computed once for a tree that no longer changes.
  func sortedChildren() -> [SourcePath: [SourcePath]] {
    children.mapValues { $0.sorted() }
  }

  /// Sets a path, creating the folders above it; a folder replaced by anything else loses its
  /// contents.
  mutating func insert(_ node: ImageNode, at path: SourcePath) {
    guard !path.isRoot else { return }
    if case .folder = node.kind {
      if let existing = nodes[path], case .folder = existing.kind {
        nodes[path]?.mode = node.mode
        return
      }
    }
    remove(path)
    var child = path
    var folder = path.folder
    while true {
      let isNew = children[folder, default: []].insert(child).inserted
      guard isNew, !folder.isRoot else { break }
      if nodes[folder] == nil {
        nodes[folder] = ImageNode(
          kind: .folder, mode: 0o755, size: 0, content: .none, layer: node.layer)
      }
      child = folder
      folder = folder.folder
    }
    nodes[path] = node
  }

  /// Removes a path and everything below it.
  mutating func remove(_ path: SourcePath) {
    removeContents(of: path)
    guard nodes.removeValue(forKey: path) != nil else { return }
    children[path.folder]?.remove(path)
  }

  /// Removes everything below a folder, keeping the folder (an opaque whiteout).
  mutating func removeContents(of folder: SourcePath) {
    guard let below = children.removeValue(forKey: folder) else { return }
    for child in below {
      removeContents(of: child)
      nodes.removeValue(forKey: child)
    }
  }
}
