import ParapetCore

/// An image's files (its merged file system, or one layer's own files) as a file source, so
/// the jobs that scan a folder scan an image the same way. Links resolve as inside the
/// container: an absolute target starts at the image's root and `..` stops there, so no path
/// leads out, and nothing is read from the machine's own file system.
public struct ImageSource: FileSource {
  public let label: String
  let tree: ImageTree
  /// The digest of each layer, bottom first, for entries' origins.
  let layerDigests: [String]

  /// How many links one lookup follows before giving up (as Linux's `ELOOP`).
  private static let maxLinks = 40

  /// Each folder's children in order: the jobs list the same folders many times.
  private let children: [SourcePath: [SourcePath]]

  init(label: String, tree: ImageTree, layerDigests: [String]) {
    self.label = label
    self.tree = tree
    self.layerDigests = layerDigests
    children = tree.sortedChildren()
  }

  public func list(_ folder: SourcePath) -> [SourceEntry] {
    guard let real = resolve(folder, followingLast: true) else { return [] }
    if let node = tree[real], case .folder = node.kind {} else if !real.isRoot { return [] }
    // A folder reached through no link lists its children's own paths.
    return (children[real] ?? []).compactMap { child in
      guard let path = real == folder ? child : folder.appending(bytes: child.nameBytes) else {
        return nil
      }
      return describe(path, real: child)
    }
  }

  public func entry(at path: SourcePath) -> SourceEntry? {
    if path.isRoot { return SourceEntry(path: .root, kind: .folder) }
    guard let folder = resolve(path.folder, followingLast: true),
      let real = folder.appending(bytes: path.nameBytes)
    else { return nil }
    return describe(path, real: real)
  }

  public func read(_ path: SourcePath, limit: Int) throws(FileSourceError) -> [UInt8] {
    guard let real = resolve(path, followingLast: true), let node = tree[real] else {
      throw .notFound(path)
    }
    guard case .file = node.kind else { throw .notRegular(path) }
    guard node.size <= limit else { throw .tooLarge(path, size: node.size, limit: limit) }
    switch node.content {
    case .kept(let bytes): return bytes
    case .binary: throw .binary(path)
    case .tooLarge, .none:
      throw .tooLarge(path, size: node.size, limit: min(limit, ImageNode.keptLimit))
    }
  }

  /// The entry for a path whose folder is resolved to `real`'s folder.
  private func describe(_ path: SourcePath, real: SourcePath) -> SourceEntry? {
    guard let node = tree[real] else { return nil }
    let origin = layerDigests.indices.contains(node.layer) ? layerDigests[node.layer] : nil
    switch node.kind {
    case .file: return SourceEntry(path: path, kind: .file, size: node.size, origin: origin)
    case .folder: return SourceEntry(path: path, kind: .folder, origin: origin)
    case .special: return SourceEntry(path: path, kind: .special, origin: origin)
    case .link(let target):
      guard let resolved = resolve(real, followingLast: true), tree[resolved] != nil else {
        return SourceEntry(
          path: path, kind: .linkOutside(SourcePath.display(target[...])), origin: origin)
      }
      return SourceEntry(path: path, kind: .link(resolved), origin: origin)
    }
  }

  /// A path with every link on the way resolved (and the last part's too, when asked): nil when
  /// a link leads nowhere or links loop.
  func resolve(_ path: SourcePath, followingLast: Bool) -> SourcePath? {
    var resolved = SourcePath.root
    var pending = path.parts.reversed().map(Array.init)
    var links = 0
    while let part = pending.popLast() {
      if part == [46] { continue }
      if part == [46, 46] {
        resolved = resolved.folder
        continue
      }
      guard let next = resolved.appending(bytes: part) else { return nil }
      guard let node = tree[next], case .link(let target) = node.kind,
        followingLast || !pending.isEmpty
      else {
        resolved = next
        continue
      }
      links += 1
      guard links <= Self.maxLinks else { return nil }
      // The target's parts go in front of what is left; `..` at the root stays at the root.
      if target.first == UInt8(ascii: "/") { resolved = .root }
      for part in target.split(separator: UInt8(ascii: "/")).reversed() {
        pending.append(Array(part))
      }
    }
    return resolved
  }
}
